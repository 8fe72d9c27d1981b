/**
 * Recompute on the queue (issue 13): a tier imported into a fresh PostgreSQL database, then
 * every customer marked and recomputed by 1 and by 2 `mogul worker` processes taking slice
 * jobs from pg-boss, timed from the plan sent to the last mark gone; beside it, the same
 * recompute inline in this process (what a read does without workers).
 *   node --import tsx api/bench/queue-bench.ts <tier dir> <as-of>   (or through main.ts --queue-tiers M)
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { parseDateOnly } from '../../shared/index.ts';
import { apiClient } from '../cli/api-client.ts';
import { importFolder } from '../cli/import-command.ts';
import { createDb, type Database } from '../db/client.ts';
import { catchUp } from '../derived/freshness.ts';
import { startPgBossQueue } from '../jobs/pg-boss-queue.ts';
import { planRecompute, SLICE_CUSTOMERS } from '../jobs/recompute-work.ts';
import { REPO_ROOT } from '../paths.ts';
import { startServer } from '../server.ts';
import { firstAccount } from '../store/accounts.ts';
import { countDirty, markAccountDirty } from '../store/dirty.ts';
import { KEY, freshDatabase } from './api-bench.ts';
import { fmt } from './stats.ts';

export interface QueueFigures {
  customers: number;
  inlineMs: number;
  /** Workers → time from the plan sent to every customer recomputed. */
  byWorkers: Map<number, number>;
}

interface Child {
  /** Resolves once the output matches. */
  waitFor(pattern: RegExp): Promise<void>;
  /** SIGTERM, and the end. */
  stop(): Promise<void>;
}

/** A `mogul` command in a child process (the CLI bundle, as a host runs it). */
function mogulChild(args: string[], env: Record<string, string>): Child {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'api', 'bin', 'mogul.mjs'), ...args], {
    cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += String(d)));
  child.stderr.on('data', (d) => (output += String(d)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    waitFor: (pattern) => new Promise((resolve, reject) => {
      const check = () => {
        if (pattern.test(output)) resolve();
        else if (child.exitCode !== null) reject(new Error(`mogul ${args.join(' ')} ended: ${output}`));
        else setTimeout(check, 20);
      };
      check();
    }),
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

async function untilNoMarks(db: Database, accountId: string): Promise<void> {
  while ((await db.read((tx) => countDirty(tx, accountId))) > 0) await new Promise((resolve) => setTimeout(resolve, 25));
}

/** One run: every customer marked, `workers` processes started, a plan sent; the time until none is marked. */
async function queuedRun(db: Database, url: string, accountId: string, asOf: string, workers: number): Promise<number> {
  await db.transaction((tx) => markAccountDirty(tx, accountId));
  const env = { DATABASE_URL: url, DB_DRIVER: 'pg', MOGUL_TODAY: asOf, MOGUL_QUEUE_SLICE: String(SLICE_CUSTOMERS) };
  const children: Child[] = [];
  const producer = await startPgBossQueue({ DATABASE_URL: url }, { db, today: () => parseDateOnly(asOf)!, consume: false, log: () => {} });
  try {
    // One after the other: a CLI bundle gone stale meanwhile is rebuilt by the first alone.
    for (let i = 0; i < workers; i++) {
      children.push(mogulChild(['worker'], env));
      await children[i].waitFor(/taking recompute jobs/);
    }
    const started = performance.now();
    producer.queue.kick(accountId);
    await untilNoMarks(db, accountId);
    return performance.now() - started;
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    await producer.stop();
  }
}

export async function measureQueue(dir: string, asOf: string): Promise<QueueFigures> {
  const database = await freshDatabase(`mogul_queue_${process.pid}`);
  const env = { DATABASE_URL: database.url, DB_DRIVER: 'pg' };
  try {
    const server = await startServer({ ...env, PORT: '0', MOGUL_API_KEY: KEY, MOGUL_TODAY: asOf, MOGUL_RATE_LIMIT: '1000000' }, { log: () => {} });
    try {
      const summary = await importFolder(dir, apiClient(server.url, KEY));
      if (summary.errors.length > 0) throw new Error(`${dir}: the import rejected ${summary.errors.length} rows`);
    } finally {
      await server.close();
    }
    const db = await createDb(env);
    try {
      const accountId = (await db.read((tx) => firstAccount(tx)))!.id;
      const today = parseDateOnly(asOf)!;
      // Inline first: it also rolls the day, which the queued runs then find done. The marks
      // are expanded into one a customer first (as a plan does), which counts the customers.
      await db.transaction((tx) => markAccountDirty(tx, accountId));
      const customers = await planRecompute(db, accountId, today, 1);
      const inlineStarted = performance.now();
      await catchUp(db, accountId, today);
      const inlineMs = performance.now() - inlineStarted;
      const byWorkers = new Map<number, number>();
      for (const workers of [1, 2]) byWorkers.set(workers, await queuedRun(db, database.url, accountId, asOf, workers));
      return { customers, inlineMs, byWorkers };
    } finally {
      await db.close();
    }
  } finally {
    await database.drop();
  }
}

export function queueLines(f: QueueFigures): [string, string][] {
  const one = f.byWorkers.get(1)!;
  const two = f.byWorkers.get(2)!;
  return [
    [`recompute inline (one process, ${f.customers.toLocaleString('en-US')} customers)`, fmt.ms(f.inlineMs)],
    [`queue, 1 worker (slices of ${SLICE_CUSTOMERS.toLocaleString('en-US')})`, fmt.ms(one)],
    ['queue, 2 workers', fmt.ms(two)],
    ['speed-up, 2 workers over 1', `× ${(one / two).toFixed(2)}`],
  ];
}

if (process.argv[1] === import.meta.filename) {
  const [dir, asOf] = process.argv.slice(2);
  for (const [label, value] of queueLines(await measureQueue(dir, asOf))) console.log(`  ${label.padEnd(52)} ${value}`);
}
