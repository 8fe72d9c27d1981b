/**
 * Starts the API: opens the database (PGlite by default), applies migrations, makes sure
 * the default account exists, and serves /v1 and /sync until SIGINT or SIGTERM.
 */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { ensureDefaultAccount } from './accounts.ts';
import { createApp, type AppOptions } from './app.ts';
import { clockFrom } from './clock.ts';
import { createDb, type Database, type DbEnv } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { SeriesInputsCache } from './derived/series-inputs.ts';

export interface ServerEnv extends DbEnv {
  PORT?: string;
  HOST?: string;
  MOGUL_API_KEY?: string;
  MOGUL_TODAY?: string;
  MOGUL_RATE_LIMIT?: string;
}

export interface RunningServer {
  url: string;
  db: Database;
  /** The default account's key when this start created it or was given it. */
  apiKey: string | null;
  close(): Promise<void>;
}

export async function startServer(
  env: ServerEnv,
  options: AppOptions & { log?: (line: string) => void; memory?: boolean } = {},
): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  const db = await createDb(env, { memory: options.memory });
  await migrate(db);
  const account = await ensureDefaultAccount(db, env.MOGUL_API_KEY);
  const app = createApp(
    { db, today: clockFrom(env), inputs: new SeriesInputsCache(db) },
    { ...options, rateLimitPerSecond: options.rateLimitPerSecond ?? (env.MOGUL_RATE_LIMIT ? Number(env.MOGUL_RATE_LIMIT) : undefined) },
  );
  const port = env.PORT === undefined ? 8787 : Number(env.PORT);
  const hostname = env.HOST ?? '127.0.0.1';
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port, hostname }, () => resolve(s));
    s.once('error', reject);
  });
  // Clients pause between requests (reading the next file); idle keep-alive sockets must
  // outlive that, or a request is written into a socket the server just closed.
  (server as unknown as { keepAliveTimeout: number }).keepAliveTimeout = 65_000;
  const address = server.address() as AddressInfo;
  const url = `http://${hostname}:${address.port}`;
  log(`Mogul API on ${url} (${db.describe})`);
  if (account.created && !env.MOGUL_API_KEY) log(`API key: ${account.key}`);
  else if (!account.created && !env.MOGUL_API_KEY) {
    log('The default account exists; its API key was printed when it was created (or set MOGUL_API_KEY).');
  }
  const shown = account.key ?? '<your API key>';
  log(`Try: curl -u ${shown}: ${url}/v1/ping`);
  return {
    url,
    db,
    apiKey: account.key,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
