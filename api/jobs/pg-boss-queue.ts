/**
 * The recompute queue on Node: pg-boss, in the same PostgreSQL (its own schema, pgboss). The
 * server sends plans after writes and, unless told to only send (MOGUL_QUEUE=send), consumes
 * too; `mogul worker` processes only consume, so a host adds workers for more recompute.
 * A worker killed mid-slice leaves its job `active`: once the job's expiry has passed, pg-boss
 * retries it and another worker takes the marks the dead transaction gave back.
 */
import PgBoss from 'pg-boss';
import type { Database } from '../db/client.ts';
import { SettingError } from '../setting-error.ts';
import {
  consumeRecompute, holdingFrom, recomputeMessage, sweepMessages, type ConsumerOptions, type RecomputeMessage, type RecomputeQueue,
} from './recompute-queue.ts';
import { SLICE_CUSTOMERS } from './recompute-work.ts';

const PLAN = 'mogul-recompute-plan';
const SLICE = 'mogul-recompute-slice';
const SWEEP = 'mogul-recompute-sweep';

export interface PgBossEnv {
  DATABASE_URL?: string;
  /** Customers per slice job (default 1,000). */
  MOGUL_QUEUE_SLICE?: string;
  /**
   * Seconds a job may run before pg-boss takes its worker for dead and retries it (default 300;
   * a slice of 1,000 customers takes a few). A slice still running then keeps its marks until it
   * ends, and the retry takes whatever marks are free.
   */
  MOGUL_QUEUE_EXPIRE_SECONDS?: string;
  /** When to plan the accounts with work no write sent a plan for (cron, default every five minutes), or off. */
  MOGUL_QUEUE_SWEEP?: string;
  MOGUL_TEST_HOLD_SLICE?: string;
}

export interface PgBossQueue {
  queue: RecomputeQueue;
  /** Stops consuming (a slice under way finishes first) and closes pg-boss's connections. */
  stop(): Promise<void>;
}

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new SettingError(`${name} must be a whole number of at least 1, not '${value}'`);
  return n;
}

export interface PgBossOptions {
  db: Database;
  today: () => number;
  /** Take jobs in this process (false: send only). */
  consume: boolean;
  log: (line: string) => void;
  /** Each committed slice (what `mogul worker` logs). */
  onSlice?: ConsumerOptions['onSlice'];
}

export async function startPgBossQueue(env: PgBossEnv, options: PgBossOptions): Promise<PgBossQueue> {
  if (!env.DATABASE_URL) throw new SettingError('The recompute queue needs PostgreSQL: set DATABASE_URL');
  const sliceCustomers = positive('MOGUL_QUEUE_SLICE', env.MOGUL_QUEUE_SLICE, SLICE_CUSTOMERS);
  const expireInSeconds = positive('MOGUL_QUEUE_EXPIRE_SECONDS', env.MOGUL_QUEUE_EXPIRE_SECONDS, 300);
  const boss = new PgBoss({
    connectionString: env.DATABASE_URL,
    application_name: 'mogul-queue',
    max: 3,
    // Expired jobs are found by the maintenance pass: often enough for a dead worker's job to come back soon after.
    maintenanceIntervalSeconds: Math.max(1, Math.min(60, Math.floor(expireInSeconds / 4))),
  });
  boss.on('error', (e) => options.log(`Recompute queue: ${e.message}`));
  await boss.start();
  const jobOptions = { retryLimit: 5, retryDelay: 1, expireInSeconds };
  // A plan per account at a time, and one waiting behind it: a burst of writes sends one more plan, not one each.
  await boss.createQueue(PLAN, { name: PLAN, policy: 'stately', ...jobOptions });
  await boss.createQueue(SLICE, { name: SLICE, ...jobOptions });

  const send = async (messages: RecomputeMessage[]) => {
    const plans = messages.filter((m) => m.kind === 'plan');
    const slices = messages.filter((m) => m.kind === 'slice');
    for (const m of plans) await boss.send(PLAN, m, { ...jobOptions, singletonKey: m.accountId });
    if (slices.length > 0) await boss.insert(slices.map((m) => ({ name: SLICE, data: m, ...jobOptions })));
  };
  const queue: RecomputeQueue = {
    kick(accountId) {
      send([{ kind: 'plan', accountId }]).catch((e: unknown) => options.log(`Recompute queue: could not send a plan: ${(e as Error).message}`));
    },
  };

  if (options.consume) {
    const consumer: ConsumerOptions = {
      db: options.db,
      today: options.today,
      sliceCustomers,
      holding: holdingFrom(env, options.log),
      onSlice: options.onSlice,
    };
    // One job of each kind at a time per process: a slice is CPU-bound, so a host adds processes.
    const handler = async (jobs: PgBoss.Job<object>[]) => {
      for (const job of jobs) {
        const message = recomputeMessage(job.data);
        if (message) await send(await consumeRecompute(consumer, message));
      }
    };
    await boss.work(PLAN, { pollingIntervalSeconds: 0.5 }, handler);
    await boss.work(SLICE, { pollingIntervalSeconds: 0.5 }, handler);
    // Every five minutes (one worker of all takes each), plans for work no write sent one for.
    const sweep = env.MOGUL_QUEUE_SWEEP ?? '*/5 * * * *';
    if (sweep !== 'off') {
      await boss.createQueue(SWEEP, { name: SWEEP, policy: 'stately', ...jobOptions });
      await boss.schedule(SWEEP, sweep);
      await boss.work(SWEEP, async () => send(await sweepMessages(options.db, options.today())));
    }
  }
  return {
    queue,
    stop: () => boss.stop({ graceful: true, wait: true, timeout: 60_000 }),
  };
}
