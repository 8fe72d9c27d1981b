/**
 * One attempt at a job: claim it, prepare, then do the work in one transaction. Any number of
 * attempts may race (a start-up, a status read, the Worker's cron): the claim and the lock of
 * the work transaction let one do the work, and the others find it held or done.
 */
import type { AppContext } from '../context.ts';
import type { JobRef } from './kind.ts';

/**
 * How long a `processing` job may go untouched before a status read takes it for abandoned
 * (its process died before the work transaction held the lock). A job whose work is under way
 * is never taken: its transaction holds the row.
 */
export const STALE_SECONDS = 60;

/** `done`: this attempt did the work; `skipped`: nothing to do here; `later`: not ready, a later attempt goes on. */
export type AttemptOutcome = 'done' | 'skipped' | 'later';

/** `staleSeconds` null takes a `processing` job whatever its age (a start-up, where nothing else runs). */
export async function attemptJob(ctx: AppContext, job: JobRef, staleSeconds: number | null = STALE_SECONDS): Promise<AttemptOutcome> {
  const { kind, id } = job;
  if (!await ctx.db.transaction((tx) => kind.claim(tx, id, staleSeconds))) return 'skipped';
  try {
    if (kind.prepare && !await kind.prepare(ctx, id)) return 'later';
    return await ctx.db.transaction((tx) => kind.run(ctx, tx, id)) ? 'done' : 'skipped';
  } catch (e) {
    // When the database itself is gone (the process is stopping) this fails too, and the job
    // stays `processing` for the next start-up or status read to take up.
    await ctx.db.transaction((tx) => kind.fail(tx, id, 'The job stopped on an internal error')).catch(() => {});
    throw e;
  }
}
