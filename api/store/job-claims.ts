/**
 * The claim protocol of the background jobs (api/jobs/): a job row goes from its waiting
 * status to `processing` in a short transaction of its own (so a status read sees it), and is
 * then worked on in one transaction that holds the row's lock and writes the outcome. A crash
 * rolls the work back and frees the lock; a second attempt's claim skips a row another
 * transaction holds, and its work finds a finished job finished: a job completes once.
 */
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { activityExports, jsonImports } from '../db/schema.ts';

/** The tables of jobs: each has the id, status, created_at and updated_at used here (typed as one of them below). */
export type JobTable = typeof jsonImports | typeof activityExports;

/** Statuses of a job that is not done: its waiting one (`queued`, `pending`) and `processing`. */
export const PROCESSING = 'processing';

/**
 * Marks the job `processing` when it waits, or when it is `processing` and no attempt looks
 * alive: `staleSeconds` null takes any (a start-up: nothing else runs), else only one untouched
 * for that long. False when the job is finished, held by a running attempt, or not stale yet.
 */
export async function claimJob(tx: Tx, table: JobTable, id: string, waiting: string, staleSeconds: number | null): Promise<boolean> {
  const t = table as typeof jsonImports;
  const [row] = await tx.db
    .select({ status: t.status, stale: sql<boolean>`${t.updatedAt} < now() - make_interval(secs => ${staleSeconds ?? 0})` })
    .from(t)
    .where(and(eq(t.id, id), inArray(t.status, [waiting, PROCESSING])))
    .for('update', { skipLocked: true });
  if (!row) return false;
  if (row.status === PROCESSING && staleSeconds !== null && !row.stale) return false;
  await tx.db.update(t).set({ status: PROCESSING, updatedAt: sql`now()` }).where(eq(t.id, id));
  return true;
}

/**
 * In the work transaction: locks the job when it is still `processing`. It waits for the row
 * rather than skipping it: the holder may be another attempt's claim check (a status read's,
 * a moment long), which then finds this job fresh and leaves it, so skipping here would leave
 * the job `processing` with no attempt at it until it goes stale. When the holder was another
 * attempt's work, the job is finished by then and this finds nothing.
 */
export async function lockClaimedJob(tx: Tx, table: JobTable, id: string): Promise<boolean> {
  const t = table as typeof jsonImports;
  const rows = await tx.db
    .select({ id: t.id })
    .from(t)
    .where(and(eq(t.id, id), eq(t.status, PROCESSING)))
    .for('update');
  return rows.length === 1;
}

/** The jobs not done (waiting or processing), oldest first: what a start-up resumes. */
export async function unfinishedJobs(tx: Tx, table: JobTable, waiting: string): Promise<string[]> {
  const t = table as typeof jsonImports;
  const rows = await tx.db
    .select({ id: t.id })
    .from(t)
    .where(or(eq(t.status, waiting), eq(t.status, PROCESSING)))
    .orderBy(t.createdAt, t.id);
  return rows.map((r) => r.id);
}
