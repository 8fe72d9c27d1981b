/**
 * One database interface over three drivers: embedded PGlite (the default, a folder on
 * disk or memory), node-postgres (DATABASE_URL) and Neon's serverless driver (DB_DRIVER=neon
 * or a Neon host). Work runs in `transaction` or `read`, each with a Tx holding a drizzle
 * query builder and a raw `query` for bulk statements, bound to one connection.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Pool as NeonPool, neonConfig } from '@neondatabase/serverless';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzleNeon } from 'drizzle-orm/neon-serverless';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import ws from 'ws';
import { copyOut, copyThrough, decodeChunks } from './copy-streams.ts';
import * as schema from './schema.ts';

export type Drizzle = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Tx {
  db: Drizzle;
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /**
   * COPY … FROM STDIN of rows in COPY text format (see store/copy-text.ts), where the driver
   * can stream it; callers fall back to INSERT where it is absent.
   */
  copyFrom?(table: string, columns: readonly string[], text: string): Promise<void>;
  /**
   * COPY (query) TO STDOUT: the rows as COPY text (see store/copy-text.ts), in chunks cut
   * anywhere (a big table's text may exceed what one string can hold). No parameters.
   */
  copyTo?(query: string): AsyncIterable<string>;
}

export type DriverKind = 'pglite' | 'pg' | 'neon';

export interface Database {
  kind: DriverKind;
  /** A human description (no password) for start-up messages. */
  describe: string;
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  read<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

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

export async function createDb(env: DbEnv, options: { memory?: boolean } = {}): Promise<Database> {
  const kind = driverFor(env);
  if (kind === 'pglite') return createPglite(options.memory ? undefined : (env.MOGUL_DATA_DIR ?? './.data'));
  if (!env.DATABASE_URL) throw new Error(`DB_DRIVER=${kind} needs DATABASE_URL`);
  return kind === 'neon' ? createNeon(env.DATABASE_URL, env.NEON_WS_PROXY) : createPg(env.DATABASE_URL);
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/** Serialises work on PGlite's single connection: a transaction must not interleave with others. */
class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

async function createPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir);
  const tx: Tx = {
    db: drizzlePglite(client, { schema }) as unknown as Drizzle,
    query: async <T>(text: string, params?: unknown[]) => (await client.query<T>(text, params)).rows,
    copyFrom: async (table, columns, text) => {
      await client.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`, [], { blob: new Blob([text]) });
    },
    copyTo: async function* (query) {
      const result = await client.query(`COPY (${query}) TO '/dev/blob'`);
      if (result.blob) yield* decodeChunks(result.blob.stream());
    },
  };
  const lock = new Mutex();
  return {
    kind: 'pglite',
    describe: dataDir ? `PGlite in ${dataDir}` : 'PGlite in memory',
    transaction: (work) =>
      lock.run(async () => {
        await client.exec('BEGIN');
        try {
          const result = await work(tx);
          await client.exec('COMMIT');
          return result;
        } catch (e) {
          await client.exec('ROLLBACK');
          throw e;
        }
      }),
    read: (work) => lock.run(() => work(tx)),
    close: () => lock.run(() => client.close()),
  };
}

interface PoolLike {
  connect(): Promise<{ query: pg.PoolClient['query']; release(): void }>;
  end(): Promise<void>;
}

function poolDatabase(
  kind: 'pg' | 'neon',
  describe: string,
  pool: PoolLike,
  wrap: (client: unknown) => Drizzle,
): Database {
  async function withClient<T>(work: (tx: Tx) => Promise<T>, transactional: boolean): Promise<T> {
    const client = await pool.connect();
    const tx: Tx = {
      db: wrap(client),
      query: async <T>(text: string, params?: unknown[]) =>
        (await client.query(text, params as unknown[])).rows as T[],
      copyFrom: (table, columns, text) => copyThrough(client, table, columns, text),
      // Neon's WebSocket stands in for a socket without pause(), which reading a COPY needs.
      copyTo: kind === 'pg' ? (query) => copyOut(client, query) : undefined,
    };
    try {
      if (!transactional) return await work(tx);
      await client.query('BEGIN');
      try {
        const result = await work(tx);
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK');
        throw e;
      }
    } finally {
      client.release();
    }
  }
  return {
    kind,
    describe,
    transaction: (work) => withClient(work, true),
    read: (work) => withClient(work, false),
    close: () => pool.end(),
  };
}

function createPg(url: string): Database {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  return poolDatabase('pg', `PostgreSQL at ${redact(url)}`, pool as unknown as PoolLike, (client) =>
    drizzlePg(client as pg.PoolClient, { schema }) as unknown as Drizzle,
  );
}

function createNeon(url: string, proxy: string | undefined): Database {
  neonConfig.webSocketConstructor = ws;
  if (proxy) {
    // A local WebSocket-to-TCP relay speaks plain ws:// and no TLS inside; it is told which
    // Postgres to reach in the address parameter, as Neon's own proxy is.
    neonConfig.wsProxy = (host: string, port: number | string) => `${proxy}?address=${host}:${port}`;
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineTLS = false;
    neonConfig.pipelineConnect = false;
  }
  const pool = new NeonPool({ connectionString: url, max: 10 });
  return poolDatabase('neon', `Neon (serverless driver) at ${redact(url)}`, pool as unknown as PoolLike, (client) =>
    drizzleNeon(client as never, { schema }) as unknown as Drizzle,
  );
}
