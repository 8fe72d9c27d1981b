/**
 * The API as a Cloudflare Worker on Neon: the same Hono app as the Node server, over Neon's
 * serverless driver (PostgreSQL over WebSockets). Built and deployed by wrangler
 * (api/wrangler.jsonc, `npm run deploy:worker`); migrations are applied before a deploy,
 * not here. Each request opens its own small pool (a Worker may not share sockets between
 * requests); the app with its rate limiter and caches lives as long as the isolate.
 * Recompute is bounded per request (RecomputeLimits); a cron trigger catches up in the
 * background, so reads rarely have to wait.
 */
import { formatDate } from '../shared/index.ts';
import { createApp } from './app.ts';
import { clockFrom } from './clock.ts';
import { createNeon } from './db/neon.ts';
import { requestScopedDatabase } from './db/request-scoped.ts';
import type { Database } from './db/database.ts';
import { catchUp } from './derived/freshness.ts';
import { WORKER_LIMITS, type RecomputeLimits } from './derived/recompute-limits.ts';
import { SeriesInputsCache } from './derived/series-inputs.ts';
import { cloudflareAddress } from './http/client-address.ts';
import { cloudflareQueue, consumeBatch, type MessageBatch, type QueueBinding } from './jobs/cloudflare-queue.ts';
import { attemptUnfinishedJobs } from './jobs/resume.ts';
import { waitUntilRunner } from './jobs/wait-until.ts';
import { RATES_CRON, refreshOnWorker } from './rates/worker-cron.ts';
import { SettingError } from './setting-error.ts';
import { ensureDefaultAccount, keySetting } from './store/accounts.ts';
import { accountsWithWork } from './store/dirty.ts';

/** Bindings: secrets (`wrangler secret put`) and vars (api/wrangler.jsonc). */
export interface WorkerEnv {
  /** The Neon database (secret). */
  DATABASE_URL?: string;
  /** The default account's key, made on the first request when set (secret); an empty or blank one is refused. */
  MOGUL_API_KEY?: string;
  MOGUL_TODAY?: string;
  MOGUL_RATE_LIMIT?: string;
  /** Customers per recompute slice and the recompute budget of one request. */
  MOGUL_RECOMPUTE_SLICE?: string;
  MOGUL_RECOMPUTE_BUDGET_MS?: string;
  /** The reference exchange rates' URL (api/rates/settings.ts), or off; refreshed by the daily cron. */
  MOGUL_ECB_URL?: string;
  /** The recompute queue (api/wrangler.jsonc queues): writes send plans, queue() takes the jobs. Unbound: reads recompute. */
  RECOMPUTE_QUEUE?: QueueBinding;
  /** Tests only: reach PostgreSQL through a local WebSocket relay instead of Neon's proxy. */
  NEON_WS_PROXY?: string;
}

interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
}

function limitsFrom(env: WorkerEnv): RecomputeLimits {
  return {
    sliceCustomers: env.MOGUL_RECOMPUTE_SLICE ? Number(env.MOGUL_RECOMPUTE_SLICE) : WORKER_LIMITS.sliceCustomers,
    requestBudgetMs: env.MOGUL_RECOMPUTE_BUDGET_MS ? Number(env.MOGUL_RECOMPUTE_BUDGET_MS) : WORKER_LIMITS.requestBudgetMs,
  };
}

function openDatabase(env: WorkerEnv): Database {
  // A request runs a transaction and at most a read beside it: two connections are plenty.
  return createNeon(env.DATABASE_URL!, { proxy: env.NEON_WS_PROXY, max: 2 });
}

function misconfigured(message: string): Response {
  return Response.json({ code: 500, message, param: null }, { status: 500 });
}

/** What lives as long as the isolate. */
function startIsolate(env: WorkerEnv) {
  const scoped = requestScopedDatabase('neon', 'Neon (serverless driver) from a Worker');
  const today = clockFrom(env);
  const limits = limitsFrom(env);
  // Background jobs run after the answer through waitUntil, each on a database of its own.
  const jobs = waitUntilRunner(() => openDatabase(env), scoped);
  const queue = env.RECOMPUTE_QUEUE ? cloudflareQueue(env.RECOMPUTE_QUEUE) : undefined;
  const ctx = { db: scoped.db, today, inputs: new SeriesInputsCache(scoped.db), recompute: limits, jobs, queue };
  const app = createApp(
    ctx,
    { rateLimitPerSecond: env.MOGUL_RATE_LIMIT ? Number(env.MOGUL_RATE_LIMIT) : undefined, clientAddress: cloudflareAddress },
  );
  return { app, ctx, scoped, today, limits, keyEnsured: false };
}

let isolate: ReturnType<typeof startIsolate> | null = null;

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    if (!env.DATABASE_URL) return misconfigured('DATABASE_URL is not set: run `npx wrangler secret put DATABASE_URL --config api/wrangler.jsonc`');
    try {
      keySetting(env.MOGUL_API_KEY);
    } catch (e) {
      if (e instanceof SettingError) return misconfigured(`${e.message} (\`npx wrangler secret delete MOGUL_API_KEY --config api/wrangler.jsonc\` unsets it)`);
      throw e;
    }
    isolate ??= startIsolate(env);
    const current = isolate;
    const db = openDatabase(env);
    try {
      return await current.scoped.run(db, async () => {
        if (env.MOGUL_API_KEY !== undefined && !current.keyEnsured) {
          await ensureDefaultAccount(db, env.MOGUL_API_KEY);
          current.keyEnsured = true;
        }
        return current.app.fetch(request, env, ctx as never);
      });
    } finally {
      ctx.waitUntil(db.close());
    }
  },

  /** Recompute jobs from the queue (api/jobs/cloudflare-queue.ts), slices of the request's slice size. */
  async queue(batch: MessageBatch, env: WorkerEnv, _ctx: ExecutionContext): Promise<void> {
    if (!env.DATABASE_URL || !env.RECOMPUTE_QUEUE) return;
    isolate ??= startIsolate(env);
    const current = isolate;
    const db = openDatabase(env);
    try {
      await consumeBatch(batch, env.RECOMPUTE_QUEUE, { db, today: current.today, sliceCustomers: current.limits.sliceCustomers }, (e) => console.error(e));
    } finally {
      await db.close();
    }
  },

  /** The cron trigger: unfinished jobs taken up, and every account's dirty customers recomputed ahead of the next read. */
  async scheduled(controller: { cron?: string }, env: WorkerEnv, ctx: ExecutionContext): Promise<void> {
    if (!env.DATABASE_URL) return;
    // The daily cron: the reference exchange rates refreshed (api/rates/worker-cron.ts).
    if (controller.cron === RATES_CRON) return refreshOnWorker(openDatabase(env), env.MOGUL_ECB_URL, ctx);
    isolate ??= startIsolate(env);
    const current = isolate;
    const db = openDatabase(env);
    // The accounts with work waiting: one request's recompute budget each, until four budgets
    // are spent (a run has the CPU limit of a request).
    const deadline = Date.now() + 4 * (current.limits.requestBudgetMs ?? 5_000);
    const today = current.today();
    const work = current.scoped.run(db, async () => {
      // Jobs whose Worker was cut off (api/jobs/) first; one under way elsewhere is skipped.
      await attemptUnfinishedJobs(current.ctx, (e) => console.error(e));
      const accounts = await db.read((tx) => accountsWithWork(tx, formatDate(today)));
      for (const id of accounts) {
        await catchUp(db, id, today, current.limits);
        if (Date.now() >= deadline) break;
      }
    });
    ctx.waitUntil(work.finally(() => db.close()));
    await work;
  },
};
