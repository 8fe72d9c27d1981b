/**
 * Which customers stored rows belong to, by the external IDs a batch names: the customers a
 * write touches (api/ingest/affected.ts) beyond those its rows name themselves.
 */
import { and, eq, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { invoices, lineItems, manualSubscriptions, transactions } from '../db/schema.ts';

/** `column = ANY($n::text[])`: the whole list as one parameter, however long (a batch names thousands). */
const anyOf = (column: AnyColumn, values: readonly string[]): SQL => sql`${column} = ANY(${sql.param(values)}::text[])`;

const lineInvoice = and(eq(invoices.dataSourceId, lineItems.dataSourceId), eq(invoices.externalId, lineItems.invoiceExternalId));

const externalIds = (rows: readonly { c: string }[]) => rows.map((r) => r.c);

/** The customers of the stored invoices among `invoiceIds`. */
export async function customersOfInvoices(tx: Tx, dataSourceId: string, invoiceIds: readonly string[]): Promise<string[]> {
  return externalIds(await tx.db
    .selectDistinct({ c: invoices.customerExternalId })
    .from(invoices)
    .where(and(eq(invoices.dataSourceId, dataSourceId), anyOf(invoices.externalId, invoiceIds))));
}

/** The customers with a stored line item or manual subscription of one of the plans. */
export async function customersOfPlans(tx: Tx, dataSourceId: string, planIds: readonly string[]): Promise<string[]> {
  return externalIds(await tx.db
    .selectDistinct({ c: invoices.customerExternalId })
    .from(lineItems)
    .innerJoin(invoices, lineInvoice)
    .where(and(eq(lineItems.dataSourceId, dataSourceId), anyOf(lineItems.planExternalId, planIds)))
    .union(
      tx.db
        .selectDistinct({ c: manualSubscriptions.customerExternalId })
        .from(manualSubscriptions)
        .where(and(eq(manualSubscriptions.dataSourceId, dataSourceId), anyOf(manualSubscriptions.planExternalId, planIds))),
    ));
}

/** The customers of the invoices holding stored line items of the subscriptions. */
export async function customersOfSubscriptions(tx: Tx, dataSourceId: string, subscriptionIds: readonly string[]): Promise<string[]> {
  return externalIds(await tx.db
    .selectDistinct({ c: invoices.customerExternalId })
    .from(lineItems)
    .innerJoin(invoices, lineInvoice)
    .where(and(eq(lineItems.dataSourceId, dataSourceId), anyOf(lineItems.subscriptionExternalId, subscriptionIds))));
}

/**
 * The customers of the invoices that stored line items or transactions with these keys sit
 * on now: a row re-sent under its own external ID onto another invoice leaves them.
 */
export async function customersOfStoredRows(
  tx: Tx,
  dataset: 'line_items' | 'transactions',
  dataSourceId: string,
  keys: readonly string[],
): Promise<string[]> {
  const table = dataset === 'line_items' ? lineItems : transactions;
  return externalIds(await tx.db
    .selectDistinct({ c: invoices.customerExternalId })
    .from(table)
    .innerJoin(invoices, and(eq(invoices.dataSourceId, table.dataSourceId), eq(invoices.externalId, table.invoiceExternalId)))
    .where(and(eq(table.dataSourceId, dataSourceId), anyOf(table.key, keys))));
}
