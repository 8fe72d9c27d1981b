import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers, testDatabase, type TestDatabase } from '../testing/databases.test-util.ts';
import { analyseIfGrown } from './statistics.ts';

for (const driver of drivers()) {
  describe(`planner statistics of growing tables (${driver})`, () => {
    let database: TestDatabase;
    const add = (from: number, to: number) =>
      database.db.transaction((tx) =>
        tx.query(
          `INSERT INTO transactions (account_id, data_source_id, key, invoice_external_id, type, result, date)
           SELECT '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000002', 'tr_' || g,
                  'inv_' || g, 'payment', 'successful', now()
             FROM generate_series($1::int, $2::int) g`,
          [from, to],
        ),
      );
    const estimate = async () =>
      Number((await database.db.read((tx) => tx.query<{ n: number }>("SELECT reltuples::float8 AS n FROM pg_class WHERE relname = 'transactions'")))[0].n);

    beforeAll(async () => {
      database = await testDatabase(driver);
    }, 60_000);
    afterAll(async () => database?.drop());

    it('a small table is left alone', async () => {
      await add(1, 100);
      expect(await analyseIfGrown(database.db, ['transactions', 'invoices'])).toEqual([]);
    });

    it('a table that has grown past a megabyte is analysed once, and again only when it doubles', async () => {
      await add(101, 20_000);
      expect(await analyseIfGrown(database.db, ['transactions', 'invoices'])).toEqual(['transactions']);
      expect(await estimate()).toBeGreaterThan(15_000);
      // Every column but the JSON ones (edit_history).
      const analysed = await database.db.read((tx) =>
        tx.query<{ attname: string }>("SELECT attname FROM pg_stats WHERE tablename = 'transactions' ORDER BY attname"));
      expect(analysed.map((r) => r.attname)).toContain('invoice_external_id');
      expect(analysed.map((r) => r.attname)).not.toContain('edit_history');
      expect(await analyseIfGrown(database.db, ['transactions'])).toEqual([]);
      await add(20_001, 30_000);
      expect(await analyseIfGrown(database.db, ['transactions'])).toEqual([]);
      await add(30_001, 50_000);
      expect(await analyseIfGrown(database.db, ['transactions'])).toEqual(['transactions']);
      expect(await estimate()).toBeGreaterThan(40_000);
    });
  });
}
