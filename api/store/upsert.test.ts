import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATASET_SPECS, parseTable, type DatasetRecords } from '../../shared/index.ts';
import type { Tx } from '../db/client.ts';
import { drivers, newDataSource, testDatabase, type TestDatabase } from '../testing/databases.test-util.ts';
import { loadRecords } from './load.ts';
import { upsertRecords } from './upsert.ts';

type Line = DatasetRecords['line_items'];

const HEADERS = [
  'Invoice external ID', 'External ID', 'Subscription external ID', 'Type', 'Amount in cents', 'Plan',
  'Service period start', 'Service period end', 'Quantity', 'Proration', 'Description', 'Discount amount',
  'Event order', 'Balance transfer',
];

/** Line items with the awkward values COPY text must escape: tabs, newlines, backslashes, \N, quotes, non-ASCII. */
function lines(ids: string[], description: (i: number) => string, firstRow = 2): Line[] {
  const rows = ids.map((id, i) => [
    'inv_1', id, `sub_${i % 3}`, 'Subscription', String(1000 + i), 'pro',
    `2024-01-0${1 + (i % 5)}T10:20:30.123Z`, '2024-02-01', String(1 + i), i % 2 === 0 ? 'TRUE' : 'FALSE',
    description(i), i % 4 === 0 ? '' : '250', i % 3 === 0 ? '' : String(i), 'FALSE',
  ]);
  const parsed = parseTable(DATASET_SPECS.line_items, { headers: HEADERS, rows, rowNumbers: ids.map((_, i) => firstRow + i) });
  expect(parsed.errors).toEqual([]);
  return parsed.records;
}

const AWKWARD = ['tab\there', 'new\nline', 'back\\slash', '\\N', 'carriage\rreturn', 'quote " and \'', 'ünïcödé ✓ 日本', ''];

for (const driver of drivers()) {
  describe(`bulk upsert (${driver})`, () => {
    let database: TestDatabase;
    let target: { accountId: string; dataSourceId: string };
    // Read back both ways: COPY (bulk, where the driver has it) and a plain query.
    const stored = async () => {
      const sorted = (rows: Line[]) => rows.sort((a, b) => a.row - b.row);
      const bulk = sorted(await database.db.read((tx) => loadRecords(tx, 'line_items', { ...target, bulk: true })));
      expect(sorted(await database.db.read((tx) => loadRecords(tx, 'line_items', target)))).toEqual(bulk);
      return bulk;
    };
    const count = () =>
      database.db.read(async (tx) => Number((await tx.query<{ n: string }>('SELECT count(*) AS n FROM line_items'))[0].n));
    const upsert = (records: Line[]) =>
      database.db.transaction((tx: Tx) => upsertRecords(tx, 'line_items', target, records as unknown as Record<string, unknown>[]));

    beforeAll(async () => {
      database = await testDatabase(driver);
      target = await newDataSource(database);
    }, 60_000);
    afterAll(async () => database?.drop());

    it('stores a new batch exactly as given, awkward text and instants to the millisecond included', async () => {
      const batch = lines(AWKWARD.map((_, i) => `li_${i}`), (i) => AWKWARD[i]);
      expect(await upsert(batch)).toBe(batch.length);
      expect(await stored()).toEqual(batch);
      expect(batch[0].servicePeriodStart).toBe(Date.parse('2024-01-01T10:20:30.123Z'));
    });

    it('a re-sent batch updates the stored rows in place: no copies', async () => {
      const batch = lines(AWKWARD.map((_, i) => `li_${i}`), (i) => `changed ${AWKWARD[i]}`);
      await upsert(batch);
      expect(await count()).toBe(AWKWARD.length);
      expect(await stored()).toEqual(batch);
    });

    it('a batch that starts with new rows but holds stored ones further in adds the new and updates the stored', async () => {
      const ids = ['li_new_a', 'li_new_b', 'li_3', 'li_new_c', 'li_0'];
      const batch = lines(ids, (i) => `mixed ${i}`, 100);
      await upsert(batch);
      expect(await count()).toBe(AWKWARD.length + 3);
      const byId = new Map((await stored()).map((r) => [r.externalId, r]));
      for (const r of batch) expect(byId.get(r.externalId)).toEqual(r);
      // The transaction stayed usable after the attempt that met the stored rows.
      expect(byId.get('li_1')!.description).toBe(`changed ${AWKWARD[1]}`);
    });

    it('rows looked up by awkward values (the values written into a COPY query) are the ones a query with parameters finds', async () => {
      const ids = [...AWKWARD.map((a) => `id ${a} {x,"y"} '' \\' NULL`), 'NULL', '{}', ',', "'); DROP TABLE line_items; --"];
      await upsert(lines(ids, (i) => `looked up ${i}`, 300));
      const find = (bulk: boolean, values: string[], exceptKeys?: string[]) =>
        database.db.read((tx) => loadRecords(tx, 'line_items', { ...target, column: 'external_id', values, exceptKeys, bulk }));
      const asked = [...ids, 'not stored'];
      const byQuery = await find(false, asked);
      expect(byQuery.map((r) => r.externalId).sort()).toEqual([...ids].sort());
      expect(await find(true, asked)).toEqual(byQuery);
      // A line's key is its external ID.
      const except = ids.slice(0, 3);
      expect(await find(true, asked, except)).toEqual(byQuery.filter((r) => !except.includes(r.externalId!)));
      expect(await find(false, asked, except)).toEqual(await find(true, asked, except));
      expect(await count()).toBeGreaterThan(ids.length);
    });

    it('a bulk read with a list of values goes through COPY on PGlite only; a whole data source\'s wherever the driver can COPY out', async () => {
      const copied: string[] = [];
      const read = (filter: Partial<Parameters<typeof loadRecords>[2]>) => database.db.read((tx) => loadRecords(
        { ...tx, copyTo: tx.copyTo && ((query) => (copied.push(query), tx.copyTo!(query))) },
        'line_items', { ...target, bulk: true, ...filter },
      ));
      const listed = await read({ column: 'external_id', values: ['li_0', 'li_1'] });
      expect(listed.map((r) => r.externalId).sort()).toEqual(['li_0', 'li_1']);
      await read({ exceptKeys: ['li_0'] });
      expect(copied.length).toBe(driver === 'pglite' ? 2 : 0);
      copied.length = 0;
      await read({});
      expect(copied.length).toBe(driver === 'neon' ? 0 : 1);
    });

    it('a failure other than a stored row is not hidden', async () => {
      const [bad] = lines(['li_bad'], () => 'x', 200);
      await expect(upsert([{ ...bad, quantity: 2 ** 40 }])).rejects.toThrow();
      expect((await stored()).some((r) => r.externalId === 'li_bad')).toBe(false);
    });
  });
}
