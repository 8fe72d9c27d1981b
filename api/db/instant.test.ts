import { describe, expect, it } from 'vitest';
import { parseInstant } from './instant.ts';

describe('parseInstant', () => {
  it.each([
    ['2020-01-01 00:00:00+00', '2020-01-01T00:00:00.000Z'],
    ['2020-01-01 00:00:00.123456+00', '2020-01-01T00:00:00.123Z'],
    ['2020-06-30 23:59:59.999+00', '2020-06-30T23:59:59.999Z'],
    ['2020-01-01 02:30:00+02:30', '2020-01-01T00:00:00.000Z'],
    ['2019-12-31 19:00:00-05', '2020-01-01T00:00:00.000Z'],
    ['1890-01-01 00:00:00+00:19:32', '1889-12-31T23:40:28.000Z'],
    ['0001-01-01 00:00:00+00', '0001-01-01T00:00:00.000Z'],
    ['0099-12-31 23:00:00+00', '0099-12-31T23:00:00.000Z'],
    ['9999-12-31 23:59:59.999+00', '9999-12-31T23:59:59.999Z'],
    ['2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z'],
  ])('reads %s', (text, iso) => {
    expect(parseInstant(text).toISOString()).toBe(iso);
  });

  it('reads years before the common era', () => {
    // 0001 BC is year 0 of the proleptic Gregorian calendar JavaScript uses.
    expect(parseInstant('0001-01-01 00:00:00+00 BC').getUTCFullYear()).toBe(0);
    expect(parseInstant('0044-03-15 12:00:00+00 BC').toISOString()).toBe('-000043-03-15T12:00:00.000Z');
  });

  it('reads what is not an instant as an invalid date', () => {
    expect(Number.isNaN(parseInstant('yesterday').getTime())).toBe(true);
  });
});

describe('instants through the drizzle schema, on every driver', async () => {
  const { afterAll } = await import('vitest');
  const { eq } = await import('drizzle-orm');
  const { drivers, testDatabase } = await import('../testing/databases.test-util.ts');
  const { createAccount } = await import('../store/accounts.ts');
  const { dataSources } = await import('./schema.ts');
  for (const driver of drivers()) {
    it(`stores and reads back the years 0050, 1899 and 9999 (${driver})`, async () => {
      const database = await testDatabase(driver);
      afterAll(() => database.drop());
      const instants = ['0050-06-01T12:00:00.000Z', '1899-12-31T23:59:59.123Z', '9999-12-31T00:00:00.000Z'];
      const read = await database.db.transaction(async (tx) => {
        const account = await createAccount(tx, 'Instants');
        const out: string[] = [];
        for (const [i, iso] of instants.entries()) {
          const [row] = await tx.db.insert(dataSources).values({ accountId: account.id, name: `s${i}`, createdAt: new Date(iso) }).returning({ id: dataSources.id });
          const [back] = await tx.db.select({ createdAt: dataSources.createdAt }).from(dataSources).where(eq(dataSources.id, row.id));
          out.push(back.createdAt.toISOString());
        }
        return out;
      });
      expect(read).toEqual(instants);
    }, 120_000); // a fresh database runs every migration first
  }
});
