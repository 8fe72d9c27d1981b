/**
 * Keeping derived data right when it is read.
 * - Day-dependent figures (past due, auto-churn, current MRR) are as of the day they are
 *   read: on a new day every customer of the account is due for recompute.
 * - Writes only mark the customers they touch as dirty (bulk ingest stays fast); the next
 *   read recomputes the dirty ones first: in one transaction, or in bounded slices where a
 *   request's work is limited (RecomputeLimits), answering 503 with Retry-After until done.
 * Writes and recomputes of one account are serialised by a transaction-level advisory lock.
 * /sync batches take no such lock (they run side by side); every transaction takes the
 * account row first when it takes it at all, then dirty marks in key order (store/lock-order.ts),
 * so a batch and a recompute wait for each other without deadlocking.
 */
import { formatDate } from '../../shared/index.ts';
import type { Database, Tx } from '../db/client.ts';
import { HttpError } from '../http/errors.ts';
import { sortedKeys } from '../store/lock-order.ts';
import { insertUnnest } from '../store/unnest.ts';
import { recompute } from './recompute.ts';
import { UNBOUNDED, type RecomputeLimits } from './recompute-limits.ts';

/** Above this many dirty customers in a data source, recomputing all of it is cheaper. */
const WHOLE_SOURCE = 5_000;

/**
 * The account's write lock, and its row: a recompute updates the row (data_version) after
 * locking dirty marks, so it takes the row first, as a /sync batch rolling the day does.
 * (NO KEY UPDATE: inserts referencing the account still pass.)
 */
export async function lockAccount(tx: Tx, accountId: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [accountId]);
  await tx.query('SELECT 1 FROM accounts WHERE id = $1 FOR NO KEY UPDATE', [accountId]);
}

async function bumpVersion(tx: Tx, accountId: string, today: number): Promise<void> {
  await tx.query('UPDATE accounts SET data_version = data_version + 1, computed_day = $2 WHERE id = $1', [
    accountId,
    formatDate(today),
  ]);
}

/** Marks customers of one data source (or all of it) as needing recompute. */
export async function markDirty(tx: Tx, accountId: string, dataSourceId: string, customers: readonly string[] | 'all'): Promise<void> {
  const values = customers === 'all' ? [null] : sortedKeys(customers);
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
  const sources = await tx.query<{ id: string }>('SELECT id FROM data_sources WHERE account_id = $1 ORDER BY id', [accountId]);
  for (const s of sources) await markDirty(tx, accountId, s.id, 'all');
}

/** On a new day, every customer is due for recompute (nothing is computed yet). */
export async function rollDay(tx: Tx, accountId: string, today: number): Promise<void> {
  const rows = await tx.query<{ day: string | null }>(
    "SELECT to_char(computed_day, 'YYYY-MM-DD') AS day FROM accounts WHERE id = $1",
    [accountId],
  );
  if (rows[0]?.day === formatDate(today)) return;
  await bumpVersion(tx, accountId, today); // the account row before any dirty mark
  await markAccountDirty(tx, accountId);
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

/** A whole data source marked dirty becomes one mark per customer, so it can be sliced. */
async function expandWholeSources(tx: Tx, accountId: string): Promise<void> {
  const whole = await tx.query<{ data_source_id: string }>(
    'DELETE FROM dirty_customers WHERE account_id = $1 AND customer_external_id IS NULL RETURNING data_source_id',
    [accountId],
  );
  for (const { data_source_id } of whole) {
    await tx.query(
      `INSERT INTO dirty_customers (account_id, data_source_id, customer_external_id)
       SELECT $1, $2, external_id FROM customers WHERE data_source_id = $2
        ORDER BY external_id COLLATE "C" ON CONFLICT DO NOTHING`,
      [accountId, data_source_id],
    );
  }
}

/** Recomputes at most `size` dirty customers; answers how many stay dirty. */
async function recomputeSlice(tx: Tx, accountId: string, today: number, size: number): Promise<number> {
  const slice = await tx.query<{ data_source_id: string; customer_external_id: string }>(
    `DELETE FROM dirty_customers WHERE ctid IN (
       SELECT ctid FROM dirty_customers WHERE account_id = $1
        ORDER BY data_source_id, customer_external_id LIMIT $2)
     RETURNING data_source_id, customer_external_id`,
    [accountId, size],
  );
  const bySource = new Map<string, string[]>();
  for (const d of slice) {
    const customers = bySource.get(d.data_source_id);
    if (customers) customers.push(d.customer_external_id);
    else bySource.set(d.data_source_id, [d.customer_external_id]);
  }
  for (const [dataSourceId, customers] of bySource) await recompute(tx, { accountId, dataSourceId, customers }, today);
  // Whole data sources were expanded into their customers before the slice: one mark, one customer.
  const rows = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM dirty_customers WHERE account_id = $1', [accountId]);
  const left = rows[0]?.n ?? 0;
  if (slice.length > 0 && left === 0) await bumpVersion(tx, accountId, today);
  return left;
}

/**
 * Recomputes dirty customers slice by slice, each slice its own transaction, until none is
 * left or the request's budget is spent; answers how many are still dirty.
 */
async function catchUpInSlices(db: Database, accountId: string, today: number, limits: RecomputeLimits): Promise<number> {
  const started = Date.now();
  let slowest = 0;
  for (;;) {
    const sliceStarted = Date.now();
    const left = await db.transaction(async (tx) => {
      await lockAccount(tx, accountId);
      await rollDay(tx, accountId, today);
      await expandWholeSources(tx, accountId);
      return recomputeSlice(tx, accountId, today, limits.sliceCustomers);
    });
    slowest = Math.max(slowest, Date.now() - sliceStarted);
    if (left === 0) return 0;
    // Another slice only when it should end within the budget (the slowest so far as its estimate).
    if (limits.requestBudgetMs !== null && Date.now() - started + slowest >= limits.requestBudgetMs) return left;
  }
}

/** The answer to a read that came before the figures are ready: 503, try again shortly. */
export function stillComputing(pending: number): HttpError {
  const customers = `${pending.toLocaleString('en-US')} customer${pending === 1 ? '' : 's'}`;
  return new HttpError(
    503,
    {
      code: 503,
      message: `Mogul is still computing figures after the last changes: ${customers} to go. Try again in a moment.`,
      param: null,
      pending_customers: pending,
    },
    { 'Retry-After': '1' },
  );
}

/**
 * Brings derived data up to date as far as the limits allow; answers how many customers are
 * still dirty (0: every figure is today's).
 */
export async function catchUp(db: Database, accountId: string, today: number, limits: RecomputeLimits = UNBOUNDED): Promise<number> {
  const pending = await db.read((tx) =>
    tx.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM dirty_customers WHERE account_id = $1)::int +
              (SELECT CASE WHEN computed_day = $2::date THEN 0 ELSE 1 END FROM accounts WHERE id = $1) AS n`,
      [accountId, formatDate(today)],
    ),
  );
  if (!pending[0] || pending[0].n === 0) return 0;
  if (limits.requestBudgetMs !== null) return catchUpInSlices(db, accountId, today, limits);
  await db.transaction(async (tx) => {
    await lockAccount(tx, accountId);
    await rollDay(tx, accountId, today);
    await flushDirty(tx, accountId, today);
  });
  return 0;
}

/** Before a read: today's figures, with every dirty customer recomputed, or a 503 to try again. */
export async function ensureFresh(db: Database, accountId: string, today: number, limits: RecomputeLimits = UNBOUNDED): Promise<void> {
  const left = await catchUp(db, accountId, today, limits);
  if (left > 0) throw stillComputing(left);
}
