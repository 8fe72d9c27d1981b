/**
 * The content of every table of one account, normalised so that two accounts (or two
 * databases) holding the same data compare equal:
 * - generated row IDs (`id`), `account_id` and `created_at` are dropped: they are made by the
 *   database on insert and differ between any two writes of the same rows;
 * - references by generated ID are replaced by what they stand for: `data_source_id` by the
 *   data source's name, `customer_id` by the customer's data source name and external ID;
 * - `accounts.data_version` is dropped: it counts writes and recomputes (a retried or
 *   repeated request bumps it again) and is only a cache key;
 * - `api_keys.key_hash` is dropped: each account has its own key.
 * Rows become JSON strings, sorted, so row order does not matter. Every table with an
 * `account_id` column must be listed here: an unlisted one fails the snapshot.
 */
import type { Database } from '../db/client.ts';

const DROPPED = new Set(['id', 'account_id', 'created_at']);
const DROPPED_IN: Record<string, ReadonlySet<string>> = {
  accounts: new Set(['data_version']),
  api_keys: new Set(['key_hash']),
  // A merge's record holds generated IDs (the merged customer's, the moved rows'); what moved is in the tables.
  customer_merges: new Set(['from_customer_id', 'from_customer', 'moved']),
  json_imports: new Set(['updated_at']),
  activity_exports: new Set(['updated_at', 'expires_at', 'params']),
};
/** Columns holding a data source's or a customer's generated ID, shown as what they stand for. */
const DATA_SOURCE_COLUMNS = new Set(['data_source_id', 'connected_to_data_source_id', 'from_data_source_id']);
const CUSTOMER_COLUMNS = new Set(['customer_id', 'into_customer_id']);

export const ACCOUNT_TABLES = [
  'accounts', 'api_keys', 'data_sources', 'customers', 'contacts', 'plans', 'invoices', 'line_items', 'transactions',
  'subscription_events', 'cancellations', 'manual_subscriptions', 'exchange_rates', 'dirty_customers',
  'subscriptions', 'movements', 'customer_metrics', 'customer_ledgers',
  'subscription_connections', 'customer_merges', 'json_imports', 'activity_exports',
] as const;

export type AccountSnapshot = Record<string, string[]>;

const value = (v: unknown) => (v instanceof Date ? v.toISOString() : typeof v === 'bigint' ? String(v) : v);

export async function accountSnapshot(db: Database, accountId: string): Promise<AccountSnapshot> {
  return db.read(async (tx) => {
    const withAccount = await tx.query<{ table_name: string }>(
      `SELECT DISTINCT table_name FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name = 'account_id'`,
    );
    const unlisted = withAccount.map((r) => r.table_name).filter((t) => !(ACCOUNT_TABLES as readonly string[]).includes(t));
    if (unlisted.length > 0) throw new Error(`accountSnapshot does not know the table(s) ${unlisted.join(', ')}: list them`);

    const sources = new Map(
      (await tx.query<{ id: string; name: string }>('SELECT id, name FROM data_sources WHERE account_id = $1', [accountId]))
        .map((r) => [r.id, r.name]),
    );
    const customers = new Map(
      (await tx.query<{ id: string; data_source_id: string; external_id: string }>(
        'SELECT id, data_source_id, external_id FROM customers WHERE account_id = $1',
        [accountId],
      )).map((r) => [r.id, `${sources.get(r.data_source_id)}/${r.external_id}`]),
    );
    const out: AccountSnapshot = {};
    for (const table of ACCOUNT_TABLES) {
      const column = table === 'accounts' ? 'id' : 'account_id';
      const rows = await tx.query<Record<string, unknown>>(`SELECT * FROM ${table} WHERE ${column} = $1`, [accountId]);
      out[table] = rows
        .map((row) => {
          const normal: Record<string, unknown> = {};
          for (const [k, v] of Object.entries(row)) {
            if (DROPPED.has(k) || DROPPED_IN[table]?.has(k)) continue;
            if (DATA_SOURCE_COLUMNS.has(k)) normal[k.replace(/_id$/, '')] = sources.get(String(v)) ?? `unknown data source ${v}`;
            else if (CUSTOMER_COLUMNS.has(k)) normal[k.replace(/_id$/, '')] = customers.get(String(v)) ?? `unknown customer ${v}`;
            else normal[k] = value(v);
          }
          return JSON.stringify(normal);
        })
        .sort();
    }
    return out;
  });
}

/** Rows per table, for messages. */
export function rowCounts(snapshot: AccountSnapshot): Record<string, number> {
  return Object.fromEntries(Object.entries(snapshot).map(([t, rows]) => [t, rows.length]));
}
