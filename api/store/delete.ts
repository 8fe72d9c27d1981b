/**
 * Deleting stored data. The bulk billing tables and the derived tables have no foreign keys
 * (write speed, see db/schema.ts), so their rows are deleted here; customers, plans and
 * contacts go by the foreign keys of the data source table.
 */
import type { Tx } from '../db/client.ts';

const BULK_TABLES = [
  'line_items', 'transactions', 'invoices', 'subscription_events', 'cancellations', 'manual_subscriptions',
] as const;

/** Everything of one data source, then the data source itself. */
export async function deleteDataSource(tx: Tx, accountId: string, dataSourceId: string): Promise<boolean> {
  for (const table of [...BULK_TABLES, 'movements', 'subscriptions']) {
    await tx.query(`DELETE FROM ${table} WHERE account_id = $1 AND data_source_id = $2`, [accountId, dataSourceId]);
  }
  await tx.query(
    'DELETE FROM customer_metrics WHERE customer_id IN (SELECT id FROM customers WHERE account_id = $1 AND data_source_id = $2)',
    [accountId, dataSourceId],
  );
  const deleted = await tx.query('DELETE FROM data_sources WHERE account_id = $1 AND id = $2 RETURNING id', [accountId, dataSourceId]);
  return deleted.length > 0;
}

/** One customer's billing rows (its invoices with their lines and transactions, events, manual subscriptions, cancellations). */
export async function deleteCustomerData(tx: Tx, accountId: string, dataSourceId: string, customerExternalId: string): Promise<void> {
  const scope = [accountId, dataSourceId, customerExternalId];
  const invoices = `SELECT external_id FROM invoices WHERE account_id = $1 AND data_source_id = $2 AND customer_external_id = $3`;
  const subscriptions = `SELECT subscription_external_id FROM line_items WHERE account_id = $1 AND data_source_id = $2
    AND invoice_external_id IN (${invoices})`;
  await tx.query(`DELETE FROM cancellations WHERE account_id = $1 AND data_source_id = $2 AND subscription_external_id IN (${subscriptions})`, scope);
  await tx.query(`DELETE FROM line_items WHERE account_id = $1 AND data_source_id = $2 AND invoice_external_id IN (${invoices})`, scope);
  await tx.query(`DELETE FROM transactions WHERE account_id = $1 AND data_source_id = $2 AND invoice_external_id IN (${invoices})`, scope);
  for (const table of ['invoices', 'subscription_events', 'manual_subscriptions']) {
    await tx.query(`DELETE FROM ${table} WHERE account_id = $1 AND data_source_id = $2 AND customer_external_id = $3`, scope);
  }
}

/** A customer's derived rows (subscriptions, movements, figures), before the customer row goes. */
export async function deleteDerivedData(tx: Tx, customerId: string): Promise<void> {
  for (const table of ['movements', 'subscriptions', 'customer_metrics']) {
    await tx.query(`DELETE FROM ${table} WHERE customer_id = $1`, [customerId]);
  }
}
