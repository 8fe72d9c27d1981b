/**
 * Invoices in the store: lookups by ID and external ID, the /v1 lists, status and edit state
 * (the Import API's columns beside the template's), deletion with their lines and
 * transactions, and the subscription sets lines carry. One line at a time: line-items.ts.
 */
import { and, asc, count, eq, isNotNull, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { customers, invoices, lineItems, type EditHistory } from '../db/schema.ts';
import { inSourceKeys, type SourceKey } from './source-keys.ts';
import type { Page } from './pages.ts';
import { deleteTransactionsOf } from './transactions.ts';

/** An invoice as its data source and external ID name it. */
export type InvoiceKey = SourceKey;

export interface InvoiceRow {
  id: string;
  externalId: string;
  date: Date;
  dueDate: Date | null;
  currency: string;
  dataSourceId: string;
  customerExternalId: string;
  /** The customer's ID, when the data source holds the customer. */
  customerId: string | null;
  /** `active`, `voided` or `written_off`. */
  status: string;
  collectionMethod: string | null;
  disabled: boolean;
  disabledAt: Date | null;
  disabledBy: string | null;
  userCreated: boolean;
  editHistory: EditHistory | null;
  position: number;
}

const COLUMNS = {
  id: invoices.id,
  externalId: invoices.externalId,
  date: invoices.date,
  dueDate: invoices.dueDate,
  currency: invoices.currency,
  dataSourceId: invoices.dataSourceId,
  customerExternalId: invoices.customerExternalId,
  customerId: customers.id,
  status: invoices.status,
  collectionMethod: invoices.collectionMethod,
  disabled: invoices.disabled,
  disabledAt: invoices.disabledAt,
  disabledBy: invoices.disabledBy,
  userCreated: invoices.userCreated,
  editHistory: invoices.editHistory,
  position: invoices.position,
};

const withCustomer = (tx: Tx) => tx.db.select(COLUMNS).from(invoices)
  .leftJoin(customers, and(eq(customers.dataSourceId, invoices.dataSourceId), eq(customers.externalId, invoices.customerExternalId)));

const ORDER = [asc(invoices.date), asc(invoices.externalId), asc(invoices.id)];

const textIn = (column: AnyColumn, values: readonly string[]): SQL => sql`${column} = ANY(${sql.param(values)}::text[])`;

export async function invoiceByUuid(tx: Tx, accountId: string, id: string): Promise<InvoiceRow | null> {
  const [row] = await withCustomer(tx).where(and(eq(invoices.accountId, accountId), eq(invoices.id, id)));
  return row ?? null;
}

/** The data source's invoices of these external IDs, in no particular order. */
export async function invoicesByExternalId(tx: Tx, accountId: string, dataSourceId: string, externalIds: readonly string[]): Promise<InvoiceRow[]> {
  if (externalIds.length === 0) return [];
  return withCustomer(tx).where(and(
    eq(invoices.accountId, accountId), eq(invoices.dataSourceId, dataSourceId), textIn(invoices.externalId, externalIds),
  ));
}

/** Which invoices of the account a list shows; each given filter narrows it, `none` makes it empty. */
export interface InvoiceFilter {
  accountId: string;
  /** A customer's invoices: its data source and external ID. */
  customer?: { dataSourceId: string; externalId: string };
  dataSourceId?: string;
  externalId?: string;
  none?: boolean;
}

function conditions(f: InvoiceFilter): SQL | undefined {
  if (f.none) return sql`false`;
  return and(
    eq(invoices.accountId, f.accountId),
    f.customer && eq(invoices.dataSourceId, f.customer.dataSourceId),
    f.customer && eq(invoices.customerExternalId, f.customer.externalId),
    f.dataSourceId === undefined ? undefined : eq(invoices.dataSourceId, f.dataSourceId),
    f.externalId === undefined ? undefined : eq(invoices.externalId, f.externalId),
  );
}

/** One page (plus one row) of the invoices the filter selects, by date. */
export async function readInvoices(tx: Tx, filter: InvoiceFilter, page: Page): Promise<InvoiceRow[]> {
  return withCustomer(tx).where(conditions(filter)).orderBy(...ORDER).offset(page.offset).limit(page.perPage + 1);
}

export async function countInvoices(tx: Tx, filter: InvoiceFilter): Promise<number> {
  const [row] = await tx.db.select({ n: count() }).from(invoices).where(conditions(filter));
  return Number(row?.n ?? 0);
}

/** The external IDs of a customer's invoices. */
export async function customerInvoiceIds(tx: Tx, accountId: string, dataSourceId: string, customerExternalId: string): Promise<string[]> {
  const rows = await tx.db.select({ externalId: invoices.externalId }).from(invoices).where(and(
    eq(invoices.accountId, accountId), eq(invoices.dataSourceId, dataSourceId), eq(invoices.customerExternalId, customerExternalId),
  ));
  return rows.map((r) => r.externalId);
}

export async function setInvoiceStatus(tx: Tx, accountId: string, key: InvoiceKey, status: string): Promise<void> {
  await tx.db.update(invoices).set({ status })
    .where(and(eq(invoices.accountId, accountId), eq(invoices.dataSourceId, key.dataSourceId), eq(invoices.externalId, key.externalId)));
}

/** What the Import API keeps beside an invoice's template columns; an undefined value is left as stored. */
export interface InvoiceExtras {
  collectionMethod?: string | null;
  disabled?: boolean;
  disabledAt?: Date | null;
  disabledBy?: string | null;
  userCreated?: boolean;
  editHistory?: EditHistory | null;
}

export async function setInvoiceExtras(tx: Tx, accountId: string, key: InvoiceKey, extras: InvoiceExtras): Promise<void> {
  if (Object.values(extras).every((v) => v === undefined)) return;
  await tx.db.update(invoices).set(extras)
    .where(and(eq(invoices.accountId, accountId), eq(invoices.dataSourceId, key.dataSourceId), eq(invoices.externalId, key.externalId)));
}

/** Deletes the data source's invoices of these external IDs with their line items and transactions. */
export async function deleteInvoices(tx: Tx, accountId: string, dataSourceId: string, externalIds: readonly string[]): Promise<void> {
  if (externalIds.length === 0) return;
  const keys = externalIds.map((externalId) => ({ dataSourceId, externalId }));
  await tx.db.delete(lineItems).where(and(eq(lineItems.accountId, accountId), inSourceKeys(lineItems.dataSourceId, lineItems.invoiceExternalId, keys)));
  await deleteTransactionsOf(tx, accountId, keys);
  await tx.db.delete(invoices).where(and(
    eq(invoices.accountId, accountId), eq(invoices.dataSourceId, dataSourceId), textIn(invoices.externalId, externalIds),
  ));
}

/** The subscription set the first of a subscription's lines that has one names. */
export async function subscriptionSetOf(tx: Tx, accountId: string, dataSourceId: string, subscriptionExternalId: string): Promise<string | null> {
  const [row] = await tx.db.select({ set: lineItems.subscriptionSetExternalId }).from(lineItems).where(and(
    eq(lineItems.accountId, accountId), eq(lineItems.dataSourceId, dataSourceId),
    eq(lineItems.subscriptionExternalId, subscriptionExternalId), isNotNull(lineItems.subscriptionSetExternalId),
  )).orderBy(lineItems.position).limit(1);
  return row?.set ?? null;
}

/** Puts every line of these subscriptions into the set (null: into none). */
export async function setSubscriptionSet(tx: Tx, accountId: string, dataSourceId: string, subscriptionExternalIds: readonly string[], set: string | null): Promise<void> {
  await tx.db.update(lineItems).set({ subscriptionSetExternalId: set }).where(and(
    eq(lineItems.accountId, accountId), eq(lineItems.dataSourceId, dataSourceId), textIn(lineItems.subscriptionExternalId, subscriptionExternalIds),
  ));
}
