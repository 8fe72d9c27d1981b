/**
 * A Database that stands for "this request's connection pool". A Cloudflare Worker may not
 * use one request's sockets in another, so each request opens its own pool; the app, its
 * rate limiter and its caches live as long as the isolate and reach the pool of the request
 * they are serving through this object.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Database, DriverKind } from './database.ts';

export interface RequestScopedDatabase {
  db: Database;
  /** Runs one request's work with `database` as the current one. */
  run<T>(database: Database, work: () => Promise<T>): Promise<T>;
}

export function requestScopedDatabase(kind: DriverKind, describe: string): RequestScopedDatabase {
  const current = new AsyncLocalStorage<Database>();
  const active = (): Database => {
    const database = current.getStore();
    if (!database) throw new Error('No database for this request: database work outside a request');
    return database;
  };
  return {
    db: {
      kind,
      describe,
      transaction: (work) => active().transaction(work),
      read: (work) => active().read(work),
      close: async () => {},
    },
    run: (database, work) => current.run(database, work),
  };
}
