/** The data source a /sync request writes to, by name, created on first use. */
import type { Tx } from '../db/client.ts';

export const DEFAULT_SOURCE = 'Mogul';

export async function dataSourceByName(tx: Tx, accountId: string, name: string): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO data_sources (account_id, name, system) VALUES ($1, $2, 'Mogul Sync')
     ON CONFLICT (account_id, name) DO UPDATE SET name = excluded.name RETURNING id`,
    [accountId, name],
  );
  return rows[0].id;
}
