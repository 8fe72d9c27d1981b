/**
 * Keeping derived data right when it is read.
 * - Day-dependent figures (past due, auto-churn, current MRR) are as of the day they are
 *   read: on a new day every customer of the account is due for recompute.
 * - /sync writes only mark the customers they touch as dirty (bulk ingest stays fast);
 *   the next read recomputes the dirty ones first, in one transaction.
 * Writes and recomputes of one account are serialised by a transaction-level advisory lock.
 */
import { formatDate } from '../../shared/index.ts';
import type { Database, Tx } from '../db/client.ts';
import { insertUnnest } from '../store/unnest.ts';
import { recompute } from './recompute.ts';

/** Above this many dirty customers in a data source, recomputing all of it is cheaper. */
const WHOLE_SOURCE = 5_000;

export async function lockAccount(tx: Tx, accountId: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [accountId]);
}

async function bumpVersion(tx: Tx, accountId: string, today: number): Promise<void> {
  await tx.query('UPDATE accounts SET data_version = data_version + 1, computed_day = $2 WHERE id = $1', [
    accountId,
    formatDate(today),
  ]);
}

/** Marks customers of one data source (or all of it) as needing recompute. */
export async function markDirty(tx: Tx, accountId: string, dataSourceId: string, customers: readonly string[] | 'all'): Promise<void> {
  const values = customers === 'all' ? [null] : customers;
  await insertUnnest(
    tx,
    'dirty_customers',
    [
      { name: 'account_id', type: 'uuid', value: accountId },
      { name: 'data_source_id', type: 'uuid', value: dataSourceId },
    ],
    [{ name: 'customer_external_id', type: 'text', values }],
    'ON CONFLICT DO NOTHING',
  );
  // No data_version bump: derived data changes only when the dirty customers are recomputed,
  // which bumps it; leaving the account row alone lets parallel batches commit side by side.
}

export async function markAccountDirty(tx: Tx, accountId: string): Promise<void> {
  const sources = await tx.query<{ id: string }>('SELECT id FROM data_sources WHERE account_id = $1', [accountId]);
  for (const s of sources) await markDirty(tx, accountId, s.id, 'all');
}

/** On a new day, every customer is due for recompute (nothing is computed yet). */
export async function rollDay(tx: Tx, accountId: string, today: number): Promise<void> {
  const rows = await tx.query<{ day: string | null }>(
    "SELECT to_char(computed_day, 'YYYY-MM-DD') AS day FROM accounts WHERE id = $1",
    [accountId],
  );
  if (rows[0]?.day === formatDate(today)) return;
  await markAccountDirty(tx, accountId);
  await bumpVersion(tx, accountId, today);
}

/** Recomputes everything marked dirty; true when there was anything. */
export async function flushDirty(tx: Tx, accountId: string, today: number): Promise<boolean> {
  const dirty = await tx.query<{ data_source_id: string; customer_external_id: string | null }>(
    'DELETE FROM dirty_customers WHERE account_id = $1 RETURNING data_source_id, customer_external_id',
    [accountId],
  );
  if (dirty.length === 0) return false;
  const bySource = new Map<string, Set<string> | null>();
  for (const d of dirty) {
    const current = bySource.has(d.data_source_id) ? bySource.get(d.data_source_id)! : new Set<string>();
    if (current === null || d.customer_external_id === null) bySource.set(d.data_source_id, null);
    else bySource.set(d.data_source_id, current.add(d.customer_external_id));
  }
  for (const [dataSourceId, customers] of bySource) {
    const whole = customers === null || customers.size > WHOLE_SOURCE;
    await recompute(tx, { accountId, dataSourceId, customers: whole ? null : [...customers!] }, today);
  }
  await bumpVersion(tx, accountId, today);
  return true;
}

/** Recomputes the whole account now (settings changed). */
export async function recomputeAccount(tx: Tx, accountId: string, today: number): Promise<void> {
  await markAccountDirty(tx, accountId);
  await flushDirty(tx, accountId, today);
}

/** Before a read: today's figures, with every dirty customer recomputed. */
export async function ensureFresh(db: Database, accountId: string, today: number): Promise<void> {
  const pending = await db.read((tx) =>
    tx.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM dirty_customers WHERE account_id = $1)::int +
              (SELECT CASE WHEN computed_day = $2::date THEN 0 ELSE 1 END FROM accounts WHERE id = $1) AS n`,
      [accountId, formatDate(today)],
    ),
  );
  if (!pending[0] || pending[0].n === 0) return;
  await db.transaction(async (tx) => {
    await lockAccount(tx, accountId);
    await rollDay(tx, accountId, today);
    await flushDirty(tx, accountId, today);
  });
}
