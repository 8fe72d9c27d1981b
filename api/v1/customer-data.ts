/**
 * A customer's stored billing data as a whole: its invoices (with their lines and
 * transactions), cancellations of its subscriptions, subscription events, manual
 * subscriptions and contacts. Deleting a customer deletes it; renaming or merging a customer
 * moves it to the other customer's external ID (and data source).
 */
import type { Tx } from '../db/client.ts';
import { validationFailed } from '../http/errors.ts';
import { deleteCustomerData, deleteDerivedData } from '../store/delete.ts';
import type { CustomerRef } from './conventions/lookup.ts';

/** The customer's rows of each table, with $1 = its data source and $2 = its external ID. */
const INVOICES = 'SELECT external_id FROM invoices WHERE data_source_id = $1 AND customer_external_id = $2';
const LINES = `SELECT subscription_external_id FROM line_items
  WHERE data_source_id = $1 AND subscription_external_id IS NOT NULL AND invoice_external_id IN (${INVOICES})`;

interface OwnedTable {
  table: string;
  /** The row's identity within its data source. */
  key: string;
  /** Rows of the customer (in the order they must be moved or deleted: dependents first). */
  owned: string;
  /** Whether the table names the customer (rewritten when the data moves to another customer). */
  namesCustomer: boolean;
}

const OWNED: OwnedTable[] = [
  {
    table: 'cancellations',
    key: 'key',
    owned: `customer_external_id = $2 OR subscription_external_id IN (${LINES})`,
    namesCustomer: true,
  },
  { table: 'transactions', key: 'key', owned: `invoice_external_id IN (${INVOICES})`, namesCustomer: false },
  { table: 'line_items', key: 'key', owned: `invoice_external_id IN (${INVOICES})`, namesCustomer: false },
  { table: 'invoices', key: 'external_id', owned: 'customer_external_id = $2', namesCustomer: true },
  { table: 'subscription_events', key: 'key', owned: 'customer_external_id = $2', namesCustomer: true },
  { table: 'manual_subscriptions', key: 'key', owned: 'customer_external_id = $2', namesCustomer: true },
  { table: 'contacts', key: 'key', owned: 'customer_external_id = $2', namesCustomer: true },
];

const rowsOf = (t: OwnedTable) => `data_source_id = $1 AND (${t.owned})`;

/** Deletes the customer and all its data, derived data included. */
export async function purgeCustomer(tx: Tx, accountId: string, customer: CustomerRef): Promise<void> {
  await deleteCustomerData(tx, accountId, customer.dataSourceId, customer.externalId);
  const params = [customer.dataSourceId, customer.externalId];
  for (const t of OWNED.filter((o) => o.table === 'cancellations' || o.table === 'contacts')) {
    await tx.query(`DELETE FROM ${t.table} WHERE ${rowsOf(t)}`, params);
  }
  await deleteDerivedData(tx, customer.id);
  await tx.query('DELETE FROM customers WHERE id = $1', [customer.id]);
}

/**
 * Moves everything of `from` to `into` (another external ID, maybe another data source).
 * Rows that would collide with rows already in the target data source are a 422 naming
 * `field`; plans the moved lines use are copied into the target data source.
 */
export async function moveCustomerData(tx: Tx, from: CustomerRef, into: { dataSourceId: string; externalId: string }, field: string): Promise<void> {
  const params = [from.dataSourceId, from.externalId];
  if (from.dataSourceId !== into.dataSourceId) await prepareTarget(tx, from, into.dataSourceId, field);
  for (const t of OWNED) {
    const set = ['data_source_id = $3', ...(t.namesCustomer ? ['customer_external_id = $4'] : [])];
    const customerParam = t.namesCustomer ? [into.externalId] : [];
    await tx.query(
      `UPDATE ${t.table} SET ${set.join(', ')} WHERE ${rowsOf(t)}`,
      [...params, into.dataSourceId, ...customerParam],
    );
  }
}

/** Checks that the rows can move to another data source and copies the plans they use. */
async function prepareTarget(tx: Tx, from: CustomerRef, target: string, field: string): Promise<void> {
  const params = [from.dataSourceId, from.externalId, target];
  for (const t of OWNED) {
    const clash = await tx.query<{ k: string }>(
      `SELECT ${t.key} AS k FROM ${t.table} WHERE ${rowsOf(t)}
         AND EXISTS (SELECT 1 FROM ${t.table} u WHERE u.data_source_id = $3 AND u.${t.key} = ${t.table}.${t.key}) LIMIT 1`,
      params,
    );
    if (clash.length > 0) {
      throw validationFailed({ [field]: `Both data sources hold ${t.table.replace('_', ' ')} '${clash[0].k}'; the customers cannot be merged` });
    }
  }
  const subscriptions = await tx.query<{ s: string }>(
    `SELECT l.subscription_external_id AS s FROM (${LINES}) l
      WHERE EXISTS (SELECT 1 FROM line_items u WHERE u.data_source_id = $3 AND u.subscription_external_id = l.subscription_external_id)
     UNION SELECT m.subscription_external_id FROM manual_subscriptions m
      WHERE m.data_source_id = $1 AND m.customer_external_id = $2
        AND EXISTS (SELECT 1 FROM manual_subscriptions u WHERE u.data_source_id = $3 AND u.subscription_external_id = m.subscription_external_id)
     LIMIT 1`,
    params,
  );
  if (subscriptions.length > 0) {
    throw validationFailed({ [field]: `Both data sources hold subscription '${subscriptions[0].s}'; the customers cannot be merged` });
  }
  await copyPlans(tx, params, field);
}

async function copyPlans(tx: Tx, params: unknown[], field: string): Promise<void> {
  const used = `SELECT plan_external_id FROM line_items WHERE data_source_id = $1 AND invoice_external_id IN (${INVOICES})
    UNION SELECT plan_external_id FROM subscription_events WHERE data_source_id = $1 AND customer_external_id = $2
    UNION SELECT plan_external_id FROM manual_subscriptions WHERE data_source_id = $1 AND customer_external_id = $2`;
  const differing = await tx.query<{ e: string }>(
    `SELECT p.external_id AS e FROM plans p JOIN plans u ON u.data_source_id = $3 AND u.external_id = p.external_id
      WHERE p.data_source_id = $1 AND p.external_id IN (${used})
        AND (u.interval_count <> p.interval_count OR u.interval_unit <> p.interval_unit) LIMIT 1`,
    params,
  );
  if (differing.length > 0) {
    throw validationFailed({ [field]: `Plan '${differing[0].e}' has different intervals in the two data sources; the customers cannot be merged` });
  }
  await tx.query(
    `INSERT INTO plans (account_id, data_source_id, external_id, name, interval_count, interval_unit, position)
     SELECT p.account_id, $3, p.external_id, p.name, p.interval_count, p.interval_unit, p.position FROM plans p
      WHERE p.data_source_id = $1 AND p.external_id IN (${used})
     ON CONFLICT (data_source_id, external_id) DO NOTHING`,
    params,
  );
}
