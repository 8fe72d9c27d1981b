import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRowParser, DATASET_FILES, DATASET_NAMES, DATASET_SPECS, recordArray, type DatasetName } from '../../shared/index.ts';
import { fastRowReader, SharedIds } from './csv-fast-rows.ts';
import { goldenCases } from './golden-dir.ts';
import { parseCsvFile } from './load-folder.ts';
import { tempCsvFiles } from './temp-csv.test-util.ts';

const csv = tempCsvFiles('mogul-fast-rows-');

/** Read in place and read through Papa and the generic parser, at several read sizes: one result. */
function expectSameAsGeneric(path: string, dataset: DatasetName) {
  const generic = parseCsvFile(path, dataset, { inPlace: false });
  for (const chunkBytes of [undefined, 1, 5, 64]) {
    expect(parseCsvFile(path, dataset, { chunkBytes }), `${chunkBytes ?? 'default'} bytes`).toEqual(generic);
  }
  return generic;
}

const LINE_HEADER =
  'Invoice external ID,External ID,Subscription external ID,Type,Amount in cents,Plan,Service period start,Service period end,Quantity,Proration,Tax amount,Description';

function reader(dataset: DatasetName, header: string) {
  const parser = createRowParser(DATASET_SPECS[dataset] as never, header.split(','));
  return { parser, fast: fastRowReader(parser, DATASET_SPECS[dataset] as never, ',')! };
}

describe('fastRowReader', () => {
  it('reads a plain row in place: dates, date-times, cents and repeated values as the generic parser does', () => {
    const { fast } = reader('line_items', LINE_HEADER);
    const line = 'inv_1,li_1,sub_1,Subscription,-0,pro_monthly,2024-02-29,2024-03-29T10:30:05Z,2,TRUE,+120,Pro Monthly (2 seats)';
    const generic = createRowParser(DATASET_SPECS.line_items as never, LINE_HEADER.split(',')).parse(line.split(','), 2);
    const record = fast(`x${line}y`, 1, line.length + 1, 2);
    expect(record).toEqual(generic);
    expect(record).toMatchObject({
      amountInCents: 0, servicePeriodStart: Date.UTC(2024, 1, 29), servicePeriodEnd: Date.UTC(2024, 2, 29, 10, 30, 5),
      taxAmountInCents: 120, prorated: true, type: 'subscription', quantity: 2,
    });
  });

  it('leaves to the generic parser every row it does not take whole, recording nothing', () => {
    const { parser, fast } = reader('line_items', LINE_HEADER);
    const good = 'inv_1,li_1,sub_1,Subscription,100,pro,2024-01-01,2024-02-01,1,FALSE,,';
    for (const line of [
      'inv_1,li_2,sub_1,Subscription, 100,pro,2024-01-01,2024-02-01,1,FALSE,,', // a cell to trim
      'inv_1,li_2,sub_1,Subscription,100,pro,2024-02-30,2024-03-01,1,FALSE,,', // no such day
      'inv_1,li_2,sub_1,Subscription,1.5,pro,2024-01-01,2024-02-01,1,FALSE,,', // not cents
      'inv_1,li_2,sub_1,Subscription,1234567890123456,pro,2024-01-01,2024-02-01,1,FALSE,,', // 16 digits
      ',li_2,sub_1,Subscription,100,pro,2024-01-01,2024-02-01,1,FALSE,,', // a required cell empty
      'inv_1,li_2,sub_1,Subscription,100,pro,2024-02-01,2024-01-01,1,FALSE,,', // the row check fails
      'inv_1,li_2,sub_1,Subscription,100,pro,2024-01-01T25:00:00Z,2024-02-01,1,FALSE,,', // no such hour
      'inv_1,li_2,sub_1,Subscription,100,pro,2024-01-01,2024-02-01,1,FALSE,,Café', // may need trimming
      'inv_1,li_2,sub_1,Subscription,100,pro,2024-01-01,2024-02-01,1,FALSE,,a\u0000b', // NUL
      ',,,,,,,,,,,', // blank
    ]) {
      expect(fast(line, 0, line.length, 3), line).toBeUndefined();
    }
    expect(fast(good, 0, good.length, 4)).toMatchObject({ externalId: 'li_1', row: 4 });
    expect(fast(good, 0, good.length, 5), 'a repeated External ID').toBeUndefined();
    expect(parser.errors).toEqual([]);
  });

  it('has no reader for a header with keyed columns', () => {
    const parser = createRowParser(DATASET_SPECS.customers as never, ['Name', 'External ID', 'Attribute: Seats']);
    expect(fastRowReader(parser, DATASET_SPECS.customers as never, ',')).toBeNull();
  });
});

describe('parseCsvFile in place', () => {
  it('gives the records and errors of the generic parser, naming row and column', () => {
    const path = csv(
      '\ufeffInvoice external ID,External ID,Subscription external ID,Type,Amount in cents,Plan,Service period start,Service period end,Quantity,Proration\r\n' +
        'inv_1,li_1,sub_1,Subscription,100,pro,2024-01-01,2024-02-01,1,FALSE\r\n' +
        'inv_1,li_2,sub_1,Subscription,abc,pro,2024-01-01,2024-02-01,1,FALSE\r\n' +
        'inv_1,li_1,sub_1,Subscription,100,pro,2024-01-01,2024-02-01,1,FALSE\r\n' +
        '\r\n' +
        'inv_2,li_3,sub_2,OneTime,-50,,,,,FALSE\r\n' +
        'inv_3,li_4,sub_3,Subscription,100,pro,2024-01-01,2024-02-01\r\n' +
        'inv_3,li_5,sub_3,Subscription,100,pro,2024-01-01,2024-02-01,1,FALSE,extra,cells\r\n' +
        'inv_4,li_6,sub_4,Subscription,100,pro,2024-01-01 10:00:00+02:00,2024-02-01T00:00:00.5Z,1,no\r\n' +
        'inv_5,li_7,sub_5,Subscription,100,pro,2024-01-01,2024-02-01,1,FALSE',
    );
    const { table, rows } = expectSameAsGeneric(path, 'line_items');
    expect(rows).toBe(9);
    expect(recordArray(table.records).map((r) => (r as { row: number }).row)).toEqual([2, 6, 8, 10]);
    expect(table.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'Amount in cents'], [4, 'External ID'], [7, 'Proration'], [9, 'Proration'],
    ]);
  });

  it('multibyte text, quoted cells, empty cells and a tab delimiter', () => {
    expectSameAsGeneric(
      csv('Name,External ID,Email,Country,City\n"Müller, GmbH",c_1,,DE,Köln\nZoë 😀,c_2,a@b.example,FR,Paris\n,,,,\n😀,c_3,,,\n'),
      'customers',
    );
    expectSameAsGeneric(
      csv('Customer external ID\tInvoice external ID\tInvoiced date\tCurrency\nc_1\ti_1\t2024-01-01\tUSD\nc_1\ti_2\t2024-01-01\tusd\n'),
      'invoices',
    );
  });

  it.each(goldenCases().map((c) => [c.label, c.dir]))('%s: every template file as the generic parser reads it', (_, caseDir) => {
    const datasets = new Map(DATASET_NAMES.map((n) => [DATASET_FILES[n], n]));
    for (const file of readdirSync(caseDir)) {
      const dataset = datasets.get(file.toLowerCase());
      if (dataset) expectSameAsGeneric(join(caseDir, file), dataset);
    }
  });
});

describe('SharedIds', () => {
  it('gives back the one string kept for each ID, in order or not', () => {
    const ids = new SharedIds();
    const kept = ['inv_1', 'inv_2', 'inv_5'].map((id) => (' ' + id).slice(1));
    for (const id of kept) ids.set(id);
    expect(ids.get('inv_2')).toBe(kept[1]);
    expect(ids.get('inv_3')).toBeUndefined();
    ids.set('inv_2'); // a repeat changes nothing
    ids.set('inv_0'); // out of order: a Map from here on
    expect(['inv_0', 'inv_1', 'inv_2', 'inv_5', 'inv_9'].map((id) => ids.get(id))).toEqual(['inv_0', ...kept, undefined]);
    expect(ids.get('inv_5')).toBe(kept[2]);
  });
});
