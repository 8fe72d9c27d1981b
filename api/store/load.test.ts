import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATASET_SPECS, parseTable, type DatasetRecords } from '../../shared/index.ts';
import { drivers, newDataSource, testDatabase, type TestDatabase } from '../testing/databases.test-util.ts';
import { loadRecords } from './load.ts';
import { upsertRecords } from './upsert.ts';

type Line = DatasetRecords['line_items'];

const HEADERS = ['Invoice external ID', 'External ID', 'Type', 'Amount in cents', 'Proration', 'Description'];

/** One-time lines, each [invoice, line ID] at its row number (stored as its position). */
function lines(rows: [number, string, string][], description = (_: number) => ''): Line[] {
  const parsed = parseTable(DATASET_SPECS.line_items, {
    headers: HEADERS,
    rows: rows.map(([, invoice, id], i) => [invoice, id, 'OneTime', String(30 - 7 * i), 'FALSE', description(i)]),
    rowNumbers: rows.map(([row]) => row),
  });
  expect(parsed.errors).toEqual([]);
  return parsed.records;
}

for (const driver of drivers()) {
  describe(`loadRecords order (${driver})`, () => {
    let database: TestDatabase;
    let target: { accountId: string; dataSourceId: string };
    const upsert = (records: Line[]) =>
      database.db.transaction((tx) => upsertRecords(tx, 'line_items', target, records as unknown as Record<string, unknown>[]));
    const read = (bulk: boolean) =>
      database.db.read((tx) => loadRecords(tx, 'line_items', { ...target, bulk })).then((rs) => rs.map((r) => [r.row, r.invoiceExternalId, r.externalId]));

    beforeAll(async () => {
      database = await testDatabase(driver);
      target = await newDataSource(database);
    }, 60_000);
    afterAll(async () => database?.drop());

    it('rows stored out of position order come back in it, in bulk as one by one', async () => {
      await upsert(lines([[9, 'inv_c', 'li_9'], [3, 'inv_a', 'li_3'], [5, 'inv_b', 'li_5']]));
      await upsert(lines([[4, 'inv_d', 'li_4']]));
      const expected = [[3, 'inv_a', 'li_3'], [4, 'inv_d', 'li_4'], [5, 'inv_b', 'li_5'], [9, 'inv_c', 'li_9']];
      expect(await read(true)).toEqual(expected);
      expect(await read(false)).toEqual(expected);
    });

    it('rows sharing a position come in invoice ID order, in bulk as one by one', async () => {
      await upsert(lines([[7, 'inv_z', 'li_7z']]));
      await upsert(lines([[7, 'inv_e', 'li_7e'], [1, 'inv_f', 'li_1']]));
      const expected = [
        [1, 'inv_f', 'li_1'], [3, 'inv_a', 'li_3'], [4, 'inv_d', 'li_4'], [5, 'inv_b', 'li_5'], [7, 'inv_e', 'li_7e'],
        [7, 'inv_z', 'li_7z'], [9, 'inv_c', 'li_9'],
      ];
      expect(await read(true)).toEqual(expected);
      expect(await read(false)).toEqual(expected);
    });

    it('cells equal to the row before, escaped ones and numbers come back as stored', async () => {
      const texts = ['same', 'same', 'tab\there', 'tab\there', 'same', 'back\\slash', 'same', 'sam', 'same\n'];
      const batch = lines(texts.map((_, i) => [20 + i, 'inv_same', `li_same_${i}`]), (i) => texts[i]);
      await upsert(batch);
      const stored = await database.db.read((tx) => loadRecords(tx, 'line_items', { ...target, bulk: true }));
      const byId = new Map(stored.map((r) => [r.externalId, r]));
      for (const line of batch) expect(byId.get(line.externalId)).toEqual(line);
      expect(batch.map((l) => l.amountInCents).slice(-2)).toEqual([-19, -26]);
    });
  });
}
