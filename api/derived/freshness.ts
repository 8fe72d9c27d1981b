/**
 * Day-dependent figures (past due, auto-churn, current MRR) are right on the day they are
 * read: an account's derived data is recomputed in full the first time it is used on a new
 * day. Writes of one account are serialised by a transaction-level advisory lock.
 */
import { formatDate } from '../../shared/index.ts';
import type { Database, Tx } from '../db/client.ts';
import { recompute } from './recompute.ts';

export async function lockAccount(tx: Tx, accountId: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [accountId]);
}

export async function recomputeAccount(tx: Tx, accountId: string, today: number): Promise<void> {
  const sources = await tx.query<{ id: string }>('SELECT id FROM data_sources WHERE account_id = $1', [accountId]);
  for (const s of sources) await recompute(tx, { accountId, dataSourceId: s.id, customers: null }, today);
  await tx.query('UPDATE accounts SET data_version = data_version + 1, computed_day = $2 WHERE id = $1', [
    accountId,
    formatDate(today),
  ]);
}

/** Recomputes the account if its derived data is from an earlier day; true when it did. */
export async function ensureFresh(db: Database, accountId: string, today: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    await lockAccount(tx, accountId);
    const rows = await tx.query<{ computed_day: string | null }>(
      "SELECT to_char(computed_day, 'YYYY-MM-DD') AS computed_day FROM accounts WHERE id = $1",
      [accountId],
    );
    if (rows[0]?.computed_day === formatDate(today)) return false;
    await recomputeAccount(tx, accountId, today);
    return true;
  });
}
