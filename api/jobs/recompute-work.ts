/**
 * Recompute as queue jobs, whatever the queue (pg-boss on Node, Cloudflare Queues on the
 * Worker: recompute-queue.ts). Two kinds of job:
 * - plan {account}: under the account's lock (as a read takes it) rolls the day, expands
 *   whole-data-source marks into customer marks and answers how many slice jobs the marks
 *   make. Short: no recompute in it.
 * - slice {account}: takes up to `size` customer marks no other job holds and recomputes
 *   those customers (derived/recompute.ts), in one transaction.
 *
 * Decision: a slice job names its account, not its customers. The dirty marks are the work
 * list and the queue only says how many hands to put on it: each slice takes marks with
 * FOR UPDATE SKIP LOCKED, so any number of workers on one account take disjoint slices, a
 * slice sent twice finds nothing left and ends, and a killed worker's transaction rolls back
 * and returns its marks to the table for the job's retry (or any other slice) to take. Nothing
 * is lost (a mark goes only when its customer's figures commit with it) and nothing is done
 * twice (a taken mark is gone for everyone).
 *
 * Locks: slices hold the account's advisory lock in shared mode, reads and writes in exclusive
 * mode (store/dirty.ts lockAccount). So slices of one account run side by side, and a read
 * waits for the slices under way, then recomputes what is still marked itself: its figures are
 * fresh, with or without workers (the recompute policy, api/ingest/policy.ts, is unchanged).
 * A slice takes marks, then the account row last (recompute's data_version bump). Everything
 * that takes the account row before marks also takes the exclusive lock first (a day rolled
 * by a /sync batch too, freshness.ts rollDay), so it never holds the row while a slice waits.
 *
 * A slice computes as of the account's computed day only: when the day has moved on it
 * recomputes nothing and asks for a plan, which rolls the day (marking every customer).
 * Whole-data-source marks (a setting, an exchange rate) are left to the plan the write that
 * made them sends.
 */
import { formatDate } from '../../shared/index.ts';
import type { Database } from '../db/client.ts';
import { recomputeMarks, rollDay } from '../derived/freshness.ts';
import { computedDayOf, countDirty, expandWholeSourceMarks, lockAccount } from '../store/dirty.ts';
import { lockAccountShared, takeUnheldDirtySlice } from '../store/dirty-claims.ts';

/** Customers per slice job on Node: a few seconds of work (tier M's 32,492 customers make 33 jobs). */
export const SLICE_CUSTOMERS = 1_000;

/** Rolls the day and expands whole-source marks; answers how many slice jobs of `size` the marks make. */
export async function planRecompute(db: Database, accountId: string, today: number, size: number): Promise<number> {
  const marks = await db.transaction(async (tx) => {
    await lockAccount(tx, accountId);
    await rollDay(tx, accountId, today);
    await expandWholeSourceMarks(tx, accountId);
    return countDirty(tx, accountId);
  });
  return Math.ceil(marks / size);
}

export interface SliceOutcome {
  /** The customers recomputed (data source ID, external ID), committed. */
  customers: { dataSourceId: string; customerExternalId: string }[];
  /** The account's day has moved on: a plan (which rolls it) is needed first. */
  needsPlan: boolean;
}

/**
 * Takes up to `size` marks no other job holds and recomputes them, in one transaction.
 * `holding` runs after the marks are taken, before the recompute (tests pause a worker there).
 */
export async function recomputeSlice(
  db: Database, accountId: string, today: number, size: number, holding?: () => Promise<void>,
): Promise<SliceOutcome> {
  return db.transaction(async (tx) => {
    await lockAccountShared(tx, accountId);
    if ((await computedDayOf(tx, accountId)) !== formatDate(today)) return { customers: [], needsPlan: true };
    const slice = await takeUnheldDirtySlice(tx, accountId, size);
    if (holding && slice.length > 0) await holding();
    await recomputeMarks(tx, accountId, slice, today);
    return { customers: slice, needsPlan: false };
  });
}
