/**
 * A Database over a connection pool (node-postgres or Neon's driver): one client per unit of
 * work; a transaction that lost a deadlock runs again (db/retry.ts).
 */
import type pg from 'pg';
import { inTransaction, type Database, type Drizzle, type Tx } from './database.ts';
import { retryingConflicts } from './retry.ts';

export interface PoolLike {
  connect(): Promise<{ query: pg.PoolClient['query']; release(): void }>;
  end(): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface PoolOptions {
  kind: 'pg' | 'neon';
  describe: string;
  pool: PoolLike;
  wrap: (client: unknown) => Drizzle;
  copyFrom?: (client: unknown, table: string, columns: readonly string[], text: string) => Promise<void>;
  copyTo?: (client: unknown, query: string) => AsyncIterable<string>;
  /** Where a lost idle connection is told (standard error by default). */
  onIdleError?: (error: Error) => void;
}

const tellIdleError = (error: Error) =>
  console.error(`Mogul: an idle database connection was lost (${error.message}); the next query opens a new one`);

export function poolDatabase({
  kind, describe, pool, wrap, copyFrom, copyTo, onIdleError = tellIdleError,
}: PoolOptions): Database {
  // An idle client whose connection dies (the server restarted, an administrator ended it) is
  // dropped by the pool, which then emits 'error': unheard, that would end the process.
  let closing = false;
  pool.on('error', (error) => {
    if (!closing) onIdleError(error);
  });
  // One drizzle per pooled connection, made on its first use: making one reads the whole schema
  // (a millisecond, on every read otherwise).
  const wrapped = new WeakMap<object, Drizzle>();
  const drizzleOf = (client: object): Drizzle => {
    let db = wrapped.get(client);
    if (!db) wrapped.set(client, (db = wrap(client)));
    return db;
  };
  async function withClient<T>(work: (tx: Tx) => Promise<T>, transactional: boolean): Promise<T> {
    const client = await pool.connect();
    const tx: Tx = {
      db: drizzleOf(client),
      query: async <T>(text: string, params?: unknown[]) =>
        (await client.query(text, params as unknown[])).rows as T[],
      copyFrom: copyFrom && ((table, columns, text) => copyFrom(client, table, columns, text)),
      copyTo: copyTo && ((query) => copyTo(client, query)),
    };
    try {
      return transactional ? await inTransaction((sql) => client.query(sql), () => work(tx)) : await work(tx);
    } finally {
      client.release();
    }
  }
  return {
    kind,
    describe,
    transaction: (work) => retryingConflicts(() => withClient(work, true)),
    read: (work) => withClient(work, false),
    close: () => {
      closing = true;
      return pool.end();
    },
  };
}
