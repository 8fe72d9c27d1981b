/** The data source a /sync request writes to, by name, created on first use. */
import type { Tx } from '../db/client.ts';

export const DEFAULT_SOURCE = 'Mogul';

/**
 * Looks up before inserting, and inserts with DO NOTHING: no row lock is taken on an
 * existing data source, so parallel batches cannot deadlock on it.
 */
export async function dataSourceByName(tx: Tx, accountId: string, name: string): Promise<string> {
  const find = () => tx.query<{ id: string }>('SELECT id FROM data_sources WHERE account_id = $1 AND name = $2', [accountId, name]);
  const existing = await find();
  if (existing.length > 0) return existing[0].id;
  const inserted = await tx.query<{ id: string }>(
    `INSERT INTO data_sources (account_id, name, system) VALUES ($1, $2, 'Mogul Sync')
     ON CONFLICT (account_id, name) DO NOTHING RETURNING id`,
    [accountId, name],
  );
  return inserted[0]?.id ?? (await find())[0].id;
}
