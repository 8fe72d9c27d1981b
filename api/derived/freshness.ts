/**
 * The read half of the recompute policy (api/ingest/policy.ts): before derived data is read,
 * what writes marked dirty is recomputed.
 * - Day-dependent figures (past due, auto-churn, current MRR) are as of the day they are
 *   read: on a new day every customer of the account is due for recompute.
 * - The dirty customers are recomputed in one transaction, or in bounded slices where a
 *   request's work is limited (RecomputeLimits), answering 503 with Retry-After until done.
 * Writes and recomputes of one account are serialised by a transaction-level advisory lock
 * (store/dirty.ts lockAccount). /sync batches take no such lock (they run side by side);
 * every transaction takes the account row first when it takes it at all, then dirty marks in
 * key order (store/lock-order.ts), so a batch and a recompute wait for each other without
 * deadlocking. Recompute jobs on a queue hold the advisory lock shared, so they run side by
 * side and a read waits for those under way (api/jobs/recompute-work.ts).
 */
import { formatDate } from '../../shared/index.ts';
import type { Database, Tx } from '../db/client.ts';
import { HttpError } from '../http/errors.ts';
import { markComputedAsOf } from '../store/data-version.ts';
import {
  computedDayOf, countDirty, expandWholeSourceMarks, lockAccount, markAccountDirty, pendingWork, takeAllDirty,
  takeDirtySlice,
} from '../store/dirty.ts';
import { accountState } from '../store/derived.ts';
import { analyseIfGrown, DERIVED_TABLES } from '../store/statistics.ts';
import { recompute } from './recompute.ts';
import { UNBOUNDED, type RecomputeLimits } from './recompute-limits.ts';

/** Above this many dirty customers in a data source, recomputing all of it is cheaper. */
const WHOLE_SOURCE = 5_000;

/**
 * On a new day, every customer is due for recompute (nothing is computed yet). Rolling takes
 * the account's lock first (a /sync batch holds none otherwise): the account row is then never
 * held while a recompute job holding marks waits for it (api/jobs/recompute-work.ts).
 */
export async function rollDay(tx: Tx, accountId: string, today: number): Promise<void> {
  const day = formatDate(today);
  if ((await computedDayOf(tx, accountId)) === day) return;
  await lockAccount(tx, accountId);
  if ((await computedDayOf(tx, accountId)) === day) return; // rolled while this waited
  await markComputedAsOf(tx, accountId, day); // the account row before any dirty mark
  await markAccountDirty(tx, accountId);
}

/** Recomputes everything marked dirty; true when there was anything. */
export async function flushDirty(tx: Tx, accountId: string, today: number): Promise<boolean> {
  const dirty = await takeAllDirty(tx, accountId);
  if (dirty.length === 0) return false;
  const bySource = new Map<string, Set<string> | null>();
  for (const d of dirty) {
    const current = bySource.has(d.dataSourceId) ? bySource.get(d.dataSourceId)! : new Set<string>();
    if (current === null || d.customerExternalId === null) bySource.set(d.dataSourceId, null);
    else bySource.set(d.dataSourceId, current.add(d.customerExternalId));
  }
  for (const [dataSourceId, customers] of bySource) {
    const whole = customers === null || customers.size > WHOLE_SOURCE;
    await recompute(tx, { accountId, dataSourceId, customers: whole ? null : [...customers!] }, today);
  }
  await markComputedAsOf(tx, accountId, formatDate(today));
  return true;
}

/** Recomputes the customers of marks taken from dirty_customers, one recompute per data source. */
export async function recomputeMarks(
  tx: Tx, accountId: string, marks: readonly { dataSourceId: string; customerExternalId: string }[], today: number,
): Promise<void> {
  const bySource = new Map<string, string[]>();
  for (const d of marks) {
    const customers = bySource.get(d.dataSourceId);
    if (customers) customers.push(d.customerExternalId);
    else bySource.set(d.dataSourceId, [d.customerExternalId]);
  }
  for (const [dataSourceId, customers] of bySource) await recompute(tx, { accountId, dataSourceId, customers }, today);
}

/** Recomputes at most `size` dirty customers; answers how many stay dirty. */
async function recomputeSlice(tx: Tx, accountId: string, today: number, size: number): Promise<number> {
  // Whole data sources are expanded into their customers first: one mark, one customer.
  await expandWholeSourceMarks(tx, accountId);
  const slice = await takeDirtySlice(tx, accountId, size);
  await recomputeMarks(tx, accountId, slice, today);
  const left = await countDirty(tx, accountId);
  if (slice.length > 0 && left === 0) await markComputedAsOf(tx, accountId, formatDate(today));
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
  const pending = await db.read((tx) => pendingWork(tx, accountId));
  if (!pending || (pending.dirty === 0 && pending.computedDay === formatDate(today))) return 0;
  if (limits.requestBudgetMs !== null) {
    const left = await catchUpInSlices(db, accountId, today, limits);
    await analyseIfGrown(db, DERIVED_TABLES);
    return left;
  }
  await db.transaction(async (tx) => {
    await lockAccount(tx, accountId);
    await rollDay(tx, accountId, today);
    await flushDirty(tx, accountId, today);
  });
  // A first recompute fills the derived tables: without statistics the planner takes them
  // for empty and sorts every movement for one page of activities.
  await analyseIfGrown(db, DERIVED_TABLES);
  return 0;
}

/** What the request's key check saw of the account (store/accounts.ts accountForKey). */
export interface SeenAccount {
  dataVersion: number;
  computedDay: string | null;
  pending: boolean;
}

/**
 * ensureFresh, answering the data version the read then sees: no query when the key check of
 * the same request saw nothing pending and today's figures (the common read; a write that
 * ended before the request began is seen there), one when it did not look.
 */
export async function freshVersion(
  db: Database, accountId: string, today: number, limits: RecomputeLimits = UNBOUNDED, seen?: SeenAccount,
): Promise<number> {
  if (seen && !seen.pending && seen.computedDay === formatDate(today)) return seen.dataVersion;
  const pending = await db.read((tx) => pendingWork(tx, accountId));
  if (pending && pending.dirty === 0 && pending.computedDay === formatDate(today)) return pending.dataVersion;
  await ensureFresh(db, accountId, today, limits);
  return (await db.read((tx) => accountState(tx, accountId)))?.dataVersion ?? 0;
}

/** Before a read: today's figures, with every dirty customer recomputed, or a 503 to try again. */
export async function ensureFresh(db: Database, accountId: string, today: number, limits: RecomputeLimits = UNBOUNDED): Promise<void> {
  const left = await catchUp(db, accountId, today, limits);
  if (left > 0) throw stillComputing(left);
}
