/**
 * Deleting stored data. The bulk billing tables and the derived tables have no foreign keys
 * (write speed, see db/schema.ts), so their rows are deleted here; customers, plans and
 * contacts go by the foreign keys of the data source table.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import {
  cancellations, customerMetrics, customers, dataSources, invoices, lineItems, manualSubscriptions, movements, subscriptionEvents,
  subscriptions, transactions,
} from '../db/schema.ts';

const BULK_TABLES = [lineItems, transactions, invoices, subscriptionEvents, cancellations, manualSubscriptions] as const;

/** Everything of one data source, then the data source itself. */
export async function deleteDataSource(tx: Tx, accountId: string, dataSourceId: string): Promise<boolean> {
  for (const table of [...BULK_TABLES, movements, subscriptions]) {
    await tx.db.delete(table).where(and(eq(table.accountId, accountId), eq(table.dataSourceId, dataSourceId)));
  }
  const ofDataSource = tx.db.select({ id: customers.id }).from(customers)
    .where(and(eq(customers.accountId, accountId), eq(customers.dataSourceId, dataSourceId)));
  await tx.db.delete(customerMetrics).where(inArray(customerMetrics.customerId, ofDataSource));
  const deleted = await tx.db.delete(dataSources).where(and(eq(dataSources.accountId, accountId), eq(dataSources.id, dataSourceId)))
    .returning({ id: dataSources.id });
  return deleted.length > 0;
}

/** One customer's billing rows (its invoices with their lines and transactions, events, manual subscriptions, cancellations). */
export async function deleteCustomerData(tx: Tx, accountId: string, dataSourceId: string, customerExternalId: string): Promise<void> {
  const inScope = (table: (typeof BULK_TABLES)[number]) => and(eq(table.accountId, accountId), eq(table.dataSourceId, dataSourceId));
  const invoicesOf = () => tx.db.select({ e: invoices.externalId }).from(invoices)
    .where(and(inScope(invoices), eq(invoices.customerExternalId, customerExternalId)));
  const subscriptionsOf = tx.db.select({ s: lineItems.subscriptionExternalId }).from(lineItems)
    .where(and(inScope(lineItems), inArray(lineItems.invoiceExternalId, invoicesOf())));
  await tx.db.delete(cancellations).where(and(inScope(cancellations), inArray(cancellations.subscriptionExternalId, subscriptionsOf)));
  await tx.db.delete(lineItems).where(and(inScope(lineItems), inArray(lineItems.invoiceExternalId, invoicesOf())));
  await tx.db.delete(transactions).where(and(inScope(transactions), inArray(transactions.invoiceExternalId, invoicesOf())));
  for (const table of [invoices, subscriptionEvents, manualSubscriptions]) {
    await tx.db.delete(table).where(and(inScope(table), eq(table.customerExternalId, customerExternalId)));
  }
}

/** A customer's derived rows (subscriptions, movements, figures), before the customer row goes. */
export async function deleteDerivedData(tx: Tx, customerId: string): Promise<void> {
  await tx.db.delete(movements).where(eq(movements.customerId, customerId));
  await tx.db.delete(subscriptions).where(eq(subscriptions.customerId, customerId));
  await tx.db.delete(customerMetrics).where(eq(customerMetrics.customerId, customerId));
}
