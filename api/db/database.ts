/**
 * One database interface over three drivers (db/pglite.ts, db/pg.ts, db/neon.ts). Work runs
 * in `transaction` or `read`, each with a Tx holding a drizzle query builder and a raw
 * `query` for bulk statements, bound to one connection.
 */
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema.ts';

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
  /**
   * Whether a bulk read narrowed by a list of values (a batch's thousands of keys) goes through
   * copyTo too, the list then written into the query (store/load.ts). PGlite: yes, it decodes a
   * query's result row by row in JS but a COPY's text as one blob. node-postgres: no, its row
   * results are as fast as COPY text, and the /sync reference checks ran about 20% slower
   * through COPY (issue 13). A whole data source's read goes through copyTo on either.
   */
  copyLists?: boolean;
}

export type DriverKind = 'pglite' | 'pg' | 'neon';

export interface Database {
  kind: DriverKind;
  /** A human description (no password) for start-up messages. */
  describe: string;
  /**
   * `work` between BEGIN and COMMIT. It may run again from the start when PostgreSQL aborts
   * the transaction for a deadlock or serialization failure (db/retry.ts): it must have no
   * effect outside the transaction.
   */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  read<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /** PGlite only: the whole data directory as a tar, for another PGlite to start from (createDb's `from`). */
  snapshot?(): Promise<Blob>;
  close(): Promise<void>;
}

/** A connection string with its password hidden, for messages. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/** Runs `work` between BEGIN and COMMIT on one connection (`exec` runs a statement there); ROLLBACK if it throws. */
export async function inTransaction<T>(exec: (sql: string) => Promise<unknown>, work: () => Promise<T>): Promise<T> {
  await exec('BEGIN');
  try {
    const result = await work();
    await exec('COMMIT');
    return result;
  } catch (e) {
    await exec('ROLLBACK');
    throw e;
  }
}
