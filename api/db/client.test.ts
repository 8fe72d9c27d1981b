import { afterAll, describe, expect, it } from 'vitest';
import { accountForKey, createAccount } from '../accounts.ts';
import { createDb, driverFor, type Database } from './client.ts';
import { migrate } from './migrate.ts';

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
