/**
 * Opens the database a Node process was configured for: embedded PGlite (the default, a
 * folder on disk or memory), node-postgres (DATABASE_URL) or Neon's serverless driver
 * (DB_DRIVER=neon or a Neon host). The Worker opens Neon itself (api/worker.ts).
 */
import ws from 'ws';
import type { Database, DriverKind } from './database.ts';
import { createNeon } from './neon.ts';
import { createPg } from './pg.ts';
import { createPglite } from './pglite.ts';

export type { Database, DriverKind, Drizzle, Tx } from './database.ts';

export interface DbEnv {
  DATABASE_URL?: string;
  DB_DRIVER?: string;
  MOGUL_DATA_DIR?: string;
  /** Neon driver only: a WebSocket proxy (host:port/path) instead of Neon's own, e.g. a local relay. */
  NEON_WS_PROXY?: string;
}

export function driverFor(env: DbEnv): DriverKind {
  if (env.DB_DRIVER === 'neon') return 'neon';
  if (env.DB_DRIVER === 'pg' || env.DB_DRIVER === 'postgres') return 'pg';
  if (env.DB_DRIVER === 'pglite') return 'pglite';
  if (env.DATABASE_URL) return /\.neon\.tech(:\d+)?\//.test(env.DATABASE_URL) ? 'neon' : 'pg';
  return 'pglite';
}

/** `from` (PGlite only): a snapshot() of another PGlite to start from. */
export async function createDb(env: DbEnv, options: { memory?: boolean; from?: Blob } = {}): Promise<Database> {
  const kind = driverFor(env);
  if (kind === 'pglite') return createPglite(options.memory ? undefined : (env.MOGUL_DATA_DIR ?? './.data'), options.from);
  if (!env.DATABASE_URL) throw new Error(`DB_DRIVER=${kind} needs DATABASE_URL`);
  return kind === 'neon' ? createNeon(env.DATABASE_URL, { proxy: env.NEON_WS_PROXY, webSocket: ws }) : createPg(env.DATABASE_URL);
}
