/**
 * Where jobs run after the answer: one small interface (JobRunner) so the place can change
 * (issue 13 moves background work onto a real queue). On Node the job runs in this process
 * (inProcessRunner); on the Worker it runs through waitUntil on a database of its own
 * (wait-until.ts). Nothing is lost when a process dies: the job's row stays `queued` or
 * `processing`, and a start-up or a status read starts it again (resume.ts).
 */
import type { Context } from 'hono';
import type { AppContext } from '../context.ts';
import { attemptJob, STALE_SECONDS } from './attempt.ts';
import type { JobRef } from './kind.ts';

export interface JobRunner {
  /**
   * Runs the job once the current answer is on its way; never throws, never awaited by the
   * request. `c` is the request (the Worker keeps the work alive through its waitUntil);
   * `staleSeconds` as attemptJob.
   */
  start(ctx: AppContext, job: JobRef, c?: Context, staleSeconds?: number | null): void;
  /** Resolves when every job this runner started has ended (before the database closes). */
  idle(): Promise<void>;
}

/** Node: jobs as promises of this process, one attempt per job at a time. */
export function inProcessRunner(logError: (e: unknown) => void = (e) => console.error(e)): JobRunner {
  const running = new Map<string, Promise<void>>();
  return {
    start(ctx, job, _c, staleSeconds = STALE_SECONDS) {
      const key = `${job.kind.name}:${job.id}`;
      if (running.has(key)) return;
      // After the answer: the handler returns before the attempt's first statement.
      const work = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => attemptJob(ctx, job, staleSeconds))
        .then(() => undefined, logError)
        .finally(() => running.delete(key));
      running.set(key, work);
    },
    async idle() {
      while (running.size > 0) await Promise.all(running.values());
    },
  };
}

const defaults = new WeakMap<AppContext, JobRunner>();

/** The runner of an app: the one its context names, else one in this process. */
export function runnerOf(ctx: AppContext): JobRunner {
  if (ctx.jobs) return ctx.jobs;
  let runner = defaults.get(ctx);
  if (!runner) defaults.set(ctx, (runner = inProcessRunner()));
  return runner;
}
