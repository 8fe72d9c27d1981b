/**
 * Starts the API: opens the database (PGlite by default), applies migrations, makes sure
 * the default account exists, and serves /v1 and /sync until SIGINT or SIGTERM.
 */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createApp, type AppOptions } from './app.ts';
import type { AppContext } from './context.ts';
import { clockFrom } from './clock.ts';
import { createDb, driverFor, type Database, type DbEnv } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { SeriesInputsCache } from './derived/series-inputs.ts';
import { forwardedAddress, trustedProxies } from './http/client-address.ts';
import { prebuildAfterRecompute } from './http/prebuild.ts';
import { startPgBossQueue, type PgBossEnv, type PgBossQueue } from './jobs/pg-boss-queue.ts';
import { resumeJobs } from './jobs/resume.ts';
import { runnerOf } from './jobs/runner.ts';
import { SettingError } from './setting-error.ts';
import { ensureDefaultAccount, keySetting } from './store/accounts.ts';

export interface ServerEnv extends DbEnv, PgBossEnv {
  /**
   * The recompute queue on PostgreSQL (api/jobs/pg-boss-queue.ts), when the server starts one:
   * `work` (the default) sends and consumes, `send` leaves the jobs to `mogul worker`s, `off`.
   */
  MOGUL_QUEUE?: string;
  PORT?: string;
  HOST?: string;
  MOGUL_API_KEY?: string;
  MOGUL_TODAY?: string;
  MOGUL_RATE_LIMIT?: string;
  /** How many reverse proxies stand in front (their X-Forwarded-For is then trusted); 0 by default. */
  MOGUL_TRUST_PROXY?: string;
}

export interface RunningServer {
  url: string;
  db: Database;
  /** The default account's key when this start generated it or was given it (MOGUL_API_KEY). */
  apiKey: string | null;
  close(): Promise<void>;
}

export async function startServer(
  env: ServerEnv,
  options: AppOptions & { log?: (line: string) => void; memory?: boolean; queue?: boolean } = {},
): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  // Settings first: a bad one stops the start before the database is opened.
  const givenKey = keySetting(env.MOGUL_API_KEY);
  const clientAddress = options.clientAddress ?? forwardedAddress(trustedProxies(env.MOGUL_TRUST_PROXY));
  const today = clockFrom(env);
  const db = await createDb(env, { memory: options.memory });
  let account: { key: string | null; created: boolean };
  let server: ServerType;
  const ctx: AppContext = { db, today, inputs: new SeriesInputsCache(db) };
  let queue: PgBossQueue | null = null;
  try {
    await migrate(db);
    // A slice this process recomputed that completes the account's figures starts its prebuild (http/prebuild.ts).
    const onSlice = (accountId: string) => void prebuildAfterRecompute(ctx, accountId).catch((e: unknown) => console.error(e));
    queue = await startQueue(env, options.queue === true, db, today, log, onSlice);
    if (queue) ctx.queue = queue.queue;
    account = await ensureDefaultAccount(db, givenKey);
    const app = createApp(
      ctx,
      {
        prebuild: true,
        ...options,
        clientAddress,
        rateLimitPerSecond: options.rateLimitPerSecond ?? (env.MOGUL_RATE_LIMIT ? Number(env.MOGUL_RATE_LIMIT) : undefined),
      },
    );
    const port = env.PORT === undefined ? 8787 : Number(env.PORT);
    const hostname = env.HOST ?? '127.0.0.1';
    server = await new Promise((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port, hostname }, () => resolve(s));
      s.once('error', reject);
    });
  } catch (e) {
    await queue?.stop();
    await db.close(); // and with it the PGlite folder's lock
    throw e;
  }
  // Clients pause between requests (reading the next file); idle keep-alive sockets must
  // outlive that, or a request is written into a socket the server just closed.
  (server as unknown as { keepAliveTimeout: number }).keepAliveTimeout = 65_000;
  const address = server.address() as AddressInfo;
  const url = `http://${env.HOST ?? '127.0.0.1'}:${address.port}`;
  log(`Mogul API on ${url} (${db.describe})`);
  // A key is printed once, by the start that generated it; MOGUL_API_KEY is never echoed.
  if (givenKey) {
    log(account.created ? 'Default account created; its API key is MOGUL_API_KEY.' : 'MOGUL_API_KEY is a key of the default account.');
    log(`Try: curl -u "$MOGUL_API_KEY:" ${url}/v1/ping`);
  } else if (account.created) {
    log(`API key: ${account.key}`);
    log(`Try: curl -u ${account.key}: ${url}/v1/ping`);
  } else {
    log('The default account exists; its API key was printed when it was created (or set MOGUL_API_KEY).');
    log(`Try: curl -u <your API key>: ${url}/v1/ping`);
  }
  // Jobs a stopped server left unfinished (api/jobs/); one another server is working on is skipped.
  const resumed = resumeJobs(ctx).catch((e: unknown) => console.error(e));
  return {
    url,
    db,
    apiKey: account.key,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await resumed;
      await runnerOf(ctx).idle();
      await queue?.stop();
      await db.close();
    },
  };
}

/** pg-boss on PostgreSQL when the caller asks for a queue (`mogul serve`) and MOGUL_QUEUE is not off; none on PGlite. */
async function startQueue(
  env: ServerEnv, wanted: boolean, db: Database, today: () => number, log: (line: string) => void, onSlice: (accountId: string) => void,
): Promise<PgBossQueue | null> {
  const mode = env.MOGUL_QUEUE ?? 'work';
  if (!['work', 'send', 'off'].includes(mode)) throw new SettingError(`MOGUL_QUEUE must be work, send or off, not '${mode}'`);
  if (!wanted || mode === 'off' || driverFor(env) === 'pglite') return null;
  const queue = await startPgBossQueue(env, { db, today, consume: mode === 'work', log, onSlice });
  log(`Recompute queue: pg-boss (${mode === 'work' ? 'jobs taken in this process too' : 'jobs left to mogul worker'})`);
  return queue;
}
