/**
 * `mogul worker`: takes recompute jobs from the queue (pg-boss, api/jobs/pg-boss-queue.ts) on
 * DATABASE_URL until SIGINT or SIGTERM. Any number run side by side, on any host that reaches
 * the database: a host with more accounts, or one very large one, adds workers.
 */
import { clockFrom } from '../clock.ts';
import { createDb, driverFor } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { startPgBossQueue } from '../jobs/pg-boss-queue.ts';
import { SettingError } from '../setting-error.ts';
import { UsageError } from './usage.ts';

export async function workerCommand(argv: string[]): Promise<number> {
  if (argv.length > 0) throw new UsageError(`mogul worker takes no arguments (got ${argv.join(' ')}); it reads DATABASE_URL`);
  const env = process.env;
  if (driverFor(env) === 'pglite') {
    throw new SettingError('mogul worker needs PostgreSQL: set DATABASE_URL (on PGlite, mogul serve recomputes in its own process)');
  }
  const today = clockFrom(env);
  const db = await createDb(env);
  const log = (line: string) => console.log(line);
  // MOGUL_LOG_SLICES=1: each slice's customers, for tests that check each is computed once.
  const customers = env.MOGUL_LOG_SLICES === '1';
  try {
    await migrate(db);
    const queue = await startPgBossQueue(env, {
      db,
      today,
      consume: true,
      log,
      onSlice: (accountId, outcome, { startedAt, ms }) => log(customers
        ? `recomputed ${JSON.stringify({ accountId, customers: outcome.customers })}`
        : `recomputed ${outcome.customers.length} customers of account ${accountId} in ${ms} ms (from ${new Date(startedAt).toISOString()})`),
    });
    log(`Mogul worker taking recompute jobs (${db.describe})`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    log('Stopping: the job under way finishes first…');
    await queue.stop();
  } finally {
    await db.close();
  }
  return 0;
}
