/**
 * The Worker's runner: a job runs after the answer through the request's waitUntil, on a
 * database opened for it (the request's own pool is closed once the answer is sent). A job cut
 * off by the Worker's limits stays `processing` and is taken up by a later status read or cron.
 */
import type { Database } from '../db/database.ts';
import type { RequestScopedDatabase } from '../db/request-scoped.ts';
import { attemptJob, STALE_SECONDS } from './attempt.ts';
import type { JobRunner } from './runner.ts';

export function waitUntilRunner(open: () => Database, scoped: RequestScopedDatabase, logError: (e: unknown) => void = (e) => console.error(e)): JobRunner {
  return {
    start(ctx, job, c, staleSeconds = STALE_SECONDS) {
      // Without a request there is nothing to keep the work alive: the cron takes the job up.
      if (!c) return;
      const db = open();
      const work = scoped.run(db, () => attemptJob(ctx, job, staleSeconds)).then(() => undefined, logError).finally(() => db.close());
      c.executionCtx.waitUntil(work);
    },
    idle: async () => {},
  };
}
