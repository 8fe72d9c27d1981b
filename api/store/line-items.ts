/**
 * Line items in the store: the lines of a set of invoices and one line by ID or external ID,
 * each with its plan's, subscription's and invoice's IDs; the edit state the Import API keeps
 * beside a line's content (schema.ts editState); deletion.
 */
import { and, eq, inArray, like } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { invoices, lineItems, plans, subscriptions, type EditHistory } from '../db/schema.ts';
import type { InvoiceKey } from './invoices.ts';
import { inSourceKeys } from './source-keys.ts';

export type LineItemRow = typeof lineItems.$inferSelect & {
  planId: string | null;
  subscriptionId: string | null;
  /** The invoice's ID (null only when the invoice is gone). */
  invoiceId: string | null;
  /** The invoice's customer (its external ID in the data source). */
  customerExternalId: string | null;
};

const withIds = (tx: Tx) => tx.db
  .select({
    line: lineItems, planId: plans.id, subscriptionId: subscriptions.id, invoiceId: invoices.id,
    customerExternalId: invoices.customerExternalId,
  })
  .from(lineItems)
  .leftJoin(plans, and(eq(plans.dataSourceId, lineItems.dataSourceId), eq(plans.externalId, lineItems.planExternalId)))
  .leftJoin(subscriptions, and(eq(subscriptions.dataSourceId, lineItems.dataSourceId), eq(subscriptions.externalId, lineItems.subscriptionExternalId)))
  .leftJoin(invoices, and(eq(invoices.dataSourceId, lineItems.dataSourceId), eq(invoices.externalId, lineItems.invoiceExternalId)));

type Joined = { line: typeof lineItems.$inferSelect; planId: string | null; subscriptionId: string | null; invoiceId: string | null; customerExternalId: string | null };
const flat = (r: Joined): LineItemRow => ({ ...r.line, planId: r.planId, subscriptionId: r.subscriptionId, invoiceId: r.invoiceId, customerExternalId: r.customerExternalId });

/** The line items of the invoices, in stored order. */
export async function lineItemsOf(tx: Tx, accountId: string, keys: readonly InvoiceKey[]): Promise<LineItemRow[]> {
  if (keys.length === 0) return [];
  const rows = await withIds(tx)
    .where(and(eq(lineItems.accountId, accountId), inSourceKeys(lineItems.dataSourceId, lineItems.invoiceExternalId, keys)))
    .orderBy(lineItems.position, lineItems.id);
  return rows.map(flat);
}

export async function lineItemByUuid(tx: Tx, accountId: string, id: string): Promise<LineItemRow | null> {
  const [row] = await withIds(tx).where(and(eq(lineItems.accountId, accountId), eq(lineItems.id, id)));
  return row ? flat(row) : null;
}

export async function lineItemByExternalId(tx: Tx, accountId: string, dataSourceId: string, externalId: string): Promise<LineItemRow | null> {
  const [row] = await withIds(tx).where(and(
    eq(lineItems.accountId, accountId), eq(lineItems.dataSourceId, dataSourceId), eq(lineItems.externalId, externalId),
  ));
  return row ? flat(row) : null;
}

/** The data source's lines of these subscriptions, in stored order. */
export async function lineItemsOfSubscriptions(tx: Tx, accountId: string, dataSourceId: string, subscriptionExternalIds: readonly string[]): Promise<LineItemRow[]> {
  if (subscriptionExternalIds.length === 0) return [];
  const rows = await withIds(tx)
    .where(and(
      eq(lineItems.accountId, accountId), eq(lineItems.dataSourceId, dataSourceId),
      inArray(lineItems.subscriptionExternalId, [...subscriptionExternalIds]),
    ))
    .orderBy(lineItems.position, lineItems.id);
  return rows.map(flat);
}

/** Stored keys of the data source's lines that start with `prefix` (a content key and its numbered occurrences). */
export async function lineKeysLike(tx: Tx, dataSourceId: string, prefix: string): Promise<Set<string>> {
  const pattern = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await tx.db.select({ key: lineItems.key }).from(lineItems)
    .where(and(eq(lineItems.dataSourceId, dataSourceId), like(lineItems.key, pattern)));
  return new Set(rows.map((r) => r.key));
}

/** What the Import API keeps beside a line's content; an undefined value is left as stored. */
export interface LineEditState {
  disabled?: boolean;
  disabledAt?: Date | null;
  disabledBy?: string | null;
  userCreated?: boolean;
  editHistory?: EditHistory | null;
}

export async function setLineItemEditState(tx: Tx, accountId: string, id: string, state: LineEditState): Promise<void> {
  if (Object.values(state).every((v) => v === undefined)) return;
  await tx.db.update(lineItems).set(state).where(and(eq(lineItems.accountId, accountId), eq(lineItems.id, id)));
}

export async function deleteLineItems(tx: Tx, accountId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.db.delete(lineItems).where(and(eq(lineItems.accountId, accountId), inArray(lineItems.id, [...ids])));
}
