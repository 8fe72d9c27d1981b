/**
 * Where API tests run: the Node server on each database driver, and (with PostgreSQL, as
 * under CI=true) the Cloudflare Worker in workerd on Neon's driver. Every target answers
 * through a TestServer, so a test is written once for all of them.
 */
import type { AppOptions } from '../app.ts';
import { drivers, serverTests, testDatabase, type DriverName, type TestDatabase } from './databases.test-util.ts';
import { startNeonRelay, type Relay } from './neon-relay.ts';
import { httpCaller, startTestServer, type TestServer } from './server.test-util.ts';
import { startWorker, type RunningWorker } from './worker.test-util.ts';
import { createAccount } from '../store/accounts.ts';

export type Target = DriverName | 'worker';

export function targets(): Target[] {
  return serverTests() ? [...drivers(), 'worker'] : drivers();
}

/** A fresh database for a target: the Worker's is on the machine's PostgreSQL. */
export function testDatabaseFor(target: Target): Promise<TestDatabase> {
  return testDatabase(target === 'worker' ? 'pg' : target);
}

export interface ServerOptions extends AppOptions {
  today?: string;
}

/** Workers already running, by their bindings: one per database and day, shared by a file's tests. */
const running = new Map<string, Promise<{ worker: RunningWorker; relay: Relay }>>();

async function workerFor(bindings: Record<string, string> & { DATABASE_URL: string }) {
  const key = JSON.stringify(bindings);
  let started = running.get(key);
  if (!started) {
    started = (async () => {
      const relay = await startNeonRelay();
      const worker = await startWorker({ ...bindings, NEON_WS_PROXY: relay.proxy });
      return { worker, relay };
    })();
    running.set(key, started);
  }
  return started;
}

/** Stops every Worker this file started (call in afterAll). */
export async function closeWorkers(): Promise<void> {
  const all = [...running.values()];
  running.clear();
  await Promise.all(all.map(async (p) => {
    const { worker, relay } = await p;
    await worker.close();
    await relay.close();
  }));
}

/** A server for the target over the database, with a fresh account (its key in `key`). */
export async function startServerFor(target: Target, database: TestDatabase, options: ServerOptions = {}): Promise<TestServer> {
  if (target !== 'worker') return startTestServer(database.db, options);
  if (!database.url) throw new Error('The Worker needs a database on the PostgreSQL server');
  const bindings = {
    DATABASE_URL: database.url,
    MOGUL_TODAY: options.today ?? '2026-11-21',
    MOGUL_RATE_LIMIT: String(options.rateLimitPerSecond ?? 40),
  };
  const { worker } = await workerFor(bindings);
  const newAccount = async (name = 'Test') => {
    const a = await database.db.transaction((tx) => createAccount(tx, name));
    return { key: a.key, id: a.id };
  };
  const first = await newAccount();
  return {
    url: worker.url,
    key: first.key,
    accountId: first.id,
    newAccount,
    call: httpCaller(worker.url, first.key),
    // The Worker's waitUntil work cannot be awaited from outside: its tests poll the job's status.
    jobsIdle: async () => {},
    // The Worker serves the file's other tests too; closeWorkers() stops it.
    close: async () => {},
  };
}
