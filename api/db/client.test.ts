import pg from 'pg';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { drivers, testDatabase, type TestDatabase } from '../testing/databases.test-util.ts';
import { createDb, driverFor, type Database } from './client.ts';
import { migrate } from './migrate.ts';
import { accountForKey, createAccount } from '../store/accounts.ts';

describe('driverFor', () => {
  it('picks the driver from the environment', () => {
    expect(driverFor({})).toBe('pglite');
    expect(driverFor({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/test' })).toBe('pg');
    expect(driverFor({ DATABASE_URL: 'postgres://u:p@ep-cool-1.eu-central-1.aws.neon.tech/db' })).toBe('neon');
    expect(driverFor({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/test', DB_DRIVER: 'neon' })).toBe('neon');
  });
});

describe('PGlite database', () => {
  let db: Database;
  afterAll(() => db?.close());
  it('migrates, stores an account and finds it by key only', async () => {
    db = await createDb({}, { memory: true });
    await migrate(db);
    await migrate(db); // idempotent
    const created = await db.transaction((tx) => createAccount(tx, 'Acme'));
    const found = await db.read((tx) => accountForKey(tx, created.key));
    expect(found?.id).toBe(created.id);
    expect(await db.read((tx) => accountForKey(tx, `${created.key}x`))).toBeNull();
    const stored = await db.read((tx) => tx.query<{ key_hash: string }>('SELECT key_hash FROM api_keys'));
    expect(stored[0].key_hash).not.toContain(created.key);
  });
  it('rolls a failed transaction back', async () => {
    await expect(
      db.transaction(async (tx) => {
        await createAccount(tx, 'Doomed');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const names = await db.read((tx) => tx.query<{ name: string }>('SELECT name FROM accounts'));
    expect(names.map((n) => n.name)).toEqual(['Acme']);
  });
});

for (const driver of drivers().filter((d) => d !== 'pglite')) {
  describe(`${driver}: a lost idle connection`, () => {
    let database: TestDatabase;
    afterAll(() => database?.drop());

    it('is told on standard error, never ends the process, and the next query opens a new one', async () => {
      database = await testDatabase(driver);
      const count = () => database.db.read((tx) => tx.query<{ n: number }>('SELECT count(*)::int AS n FROM accounts'));
      await Promise.all([count(), count(), count()]); // several idle connections in the pool
      const told = vi.spyOn(console, 'error').mockImplementation(() => {});
      try {
        const admin = new pg.Client({ connectionString: database.url });
        await admin.connect();
        const ended = await admin.query(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
        );
        await admin.end();
        expect(ended.rowCount).toBeGreaterThan(0);
        // Every idle client of the pool was ended: each is told once, then dropped.
        await vi.waitFor(() => expect(told).toHaveBeenCalledTimes(ended.rowCount!));
        expect(String(told.mock.calls[0][0])).toMatch(/an idle database connection was lost/);
        expect(await count()).toEqual([{ n: 0 }]);
      } finally {
        told.mockRestore();
      }
    });
  });
}
