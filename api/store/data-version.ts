/** Derived data changed without a recompute (deletes): the account's caches must reload. */
import type { Tx } from '../db/client.ts';

export async function bumpDataVersion(tx: Tx, accountId: string): Promise<void> {
  await tx.query('UPDATE accounts SET data_version = data_version + 1 WHERE id = $1', [accountId]);
}
