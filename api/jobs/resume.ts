/**
 * Jobs a stopped process left `queued` or `processing`, started again: at the Node server's
 * start-up and by the Worker's cron (a job another process is working on is skipped).
 */
import type { AppContext } from '../context.ts';
import { activityExportJob } from '../v1/activities-export/job.ts';
import { jsonImportJob } from '../v1/json-imports/job.ts';
import { attemptJob, STALE_SECONDS } from './attempt.ts';
import type { JobKind } from './kind.ts';
import { runnerOf } from './runner.ts';

export const JOB_KINDS: readonly JobKind[] = [jsonImportJob, activityExportJob];

async function unfinished(ctx: AppContext) {
  return ctx.db.read(async (tx) => {
    const jobs = [];
    for (const kind of JOB_KINDS) for (const id of await kind.unfinished(tx)) jobs.push({ kind, id });
    return jobs;
  });
}

/** Node start-up: every unfinished job started on the runner (any age: its process is gone); how many. */
export async function resumeJobs(ctx: AppContext): Promise<number> {
  const jobs = await unfinished(ctx);
  for (const job of jobs) runnerOf(ctx).start(ctx, job, undefined, null);
  return jobs.length;
}

/** The Worker's cron: each unfinished job attempted in turn (a job under way elsewhere is skipped). */
export async function attemptUnfinishedJobs(ctx: AppContext, logError: (e: unknown) => void): Promise<void> {
  for (const job of await unfinished(ctx)) await attemptJob(ctx, job, STALE_SECONDS).catch(logError);
}
