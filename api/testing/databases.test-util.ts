/**
 * The databases every storage-backed test runs on: PGlite always; the machine's PostgreSQL
 * (127.0.0.1:5432, database test) and the Neon driver through a local relay when CI=true or
 * DATABASE_URL is set. With CI=true a missing server fails the run instead of skipping.
 * Each test file gets a database of its own on the server, dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDb, type Database } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { startNeonRelay, type Relay } from './neon-relay.ts';
import { migratedPgliteTemplate } from './pglite-template.test-util.ts';

export type DriverName = 'pglite' | 'pg' | 'neon';

const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export function drivers(): DriverName[] {
  return serverTests() ? ['pglite', 'pg', 'neon'] : ['pglite'];
}

export interface TestDatabase {
  db: Database;
  driver: DriverName;
  /** The database's connection string on the server (not for PGlite). */
  url?: string;
  drop(): Promise<void>;
}

/** True when the tests run against the machine's PostgreSQL (and so the Worker too). */
export function serverTests(): boolean {
  return process.env.CI === 'true' || !!process.env.DATABASE_URL;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  try {
    await client.connect();
  } catch (e) {
    throw new Error(
      `PostgreSQL is needed for these tests (CI=true or DATABASE_URL is set) but ${SERVER_URL} does not answer: ${(e as Error).message}`,
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A migrated, empty database on the given driver. */
export async function testDatabase(driver: DriverName): Promise<TestDatabase> {
  if (driver === 'pglite') {
    const db = await createDb({}, { memory: true, from: await migratedPgliteTemplate() });
    await migrate(db); // nothing to apply: the template is migrated; kept so a stale one cannot pass unnoticed
    return { db, driver, drop: () => db.close() };
  }
  const name = `mogul_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = withDatabase(SERVER_URL, name);
  let relay: Relay | null = null;
  let db: Database;
  if (driver === 'neon') {
    relay = await startNeonRelay();
    db = await createDb({ DATABASE_URL: url, DB_DRIVER: 'neon', NEON_WS_PROXY: relay.proxy });
  } else {
    db = await createDb({ DATABASE_URL: url, DB_DRIVER: 'pg' });
  }
  await migrate(db);
  return {
    db,
    driver,
    url,
    drop: async () => {
      await db.close();
      await relay?.close();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** A new account with one data source in `database`: the target storage tests write into. */
export async function newDataSource(database: TestDatabase): Promise<{ accountId: string; dataSourceId: string }> {
  return database.db.transaction(async (tx) => {
    const [account] = await tx.query<{ id: string }>("INSERT INTO accounts (name) VALUES ('A') RETURNING id");
    const [source] = await tx.query<{ id: string }>(
      "INSERT INTO data_sources (account_id, name, system) VALUES ($1, 'S', 'test') RETURNING id", [account.id]);
    return { accountId: account.id, dataSourceId: source.id };
  });
}
