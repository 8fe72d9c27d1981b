import { describe, expect, it } from 'vitest';
import { TEMPLATE_HEADERS } from './datasets.ts';
import { DATASET_SPECS } from './specs/index.ts';
import { FirstRows, parseTable } from './table.ts';

const LINE_HEADERS = TEMPLATE_HEADERS.line_items;

function line(cells: Record<string, string>): string[] {
  return LINE_HEADERS.map((h) => cells[h] ?? '');
}

const goodLine = {
  'Invoice external ID': 'I1', 'Subscription external ID': 's1', Type: 'Subscription',
  'Amount in cents': '10000', Plan: 'm', 'Service period start': '2024-01-01',
  'Service period end': '2024-02-01', Proration: 'FALSE',
};

describe('parseTable', () => {
  it('matches headers case-insensitively, in any order, ignoring surrounding spaces', () => {
    const result = parseTable(DATASET_SPECS.plans, {
      headers: ['  plan id', 'INTERVAL UNIT ', 'interval  count', 'name'],
      rows: [['gold', 'Month', '1', 'Gold']],
    });
    expect(result.errors).toEqual([]);
    expect(result.records).toEqual([{ row: 2, externalId: 'gold', intervalUnit: 'month', intervalCount: 1, name: 'Gold' }]);
  });

  it('reports unknown columns as warnings and ignores them', () => {
    const result = parseTable(DATASET_SPECS.plans, {
      headers: ['Name', 'Interval count', 'Interval unit', 'Plan ID', 'Colour'],
      rows: [['Gold', '1', 'month', 'gold', 'red']],
    });
    expect(result.records).toHaveLength(1);
    expect(result.warnings).toEqual([{ dataset: 'plans', column: 'Colour', message: "Unknown column 'Colour' was ignored" }]);
  });

  it('rejects a row holding a lone UTF-16 surrogate, naming row and column, and keeps the others', () => {
    const result = parseTable(DATASET_SPECS.plans, {
      headers: ['Name', 'Interval count', 'Interval unit', 'Plan ID'],
      rows: [['Gold \ud800', '1', 'month', 'gold'], ['Silver \ud83d\ude00', '1', 'month', 'silver']],
    });
    expect(result.errors).toEqual([{
      dataset: 'plans', row: 2, column: 'Name', value: 'Gold \\ud800',
      message: 'Name contains a lone UTF-16 surrogate; text must be valid Unicode',
    }]);
    expect(result.records.map((r) => r.name)).toEqual(['Silver \ud83d\ude00']);
  });

  it('reports every bad cell of every row in one pass and keeps the good rows', () => {
    const result = parseTable(DATASET_SPECS.plans, {
      headers: TEMPLATE_HEADERS.plans,
      rows: [
        ['Gold', '1', 'month', 'gold'],
        ['Weekly', '0', 'week', 'w'],
        ['', '1', 'year', 'y'],
        ['Silver', '1', 'month', 'silver'],
      ],
    });
    expect(result.records.map((r) => r.externalId)).toEqual(['gold', 'silver']);
    expect(result.errors).toEqual([
      { dataset: 'plans', row: 3, column: 'Interval count', value: '0', message: "Interval count must be a whole number of 1 or more; got '0'" },
      { dataset: 'plans', row: 3, column: 'Interval unit', value: 'week', message: "Interval unit must be day, month or year; got 'week'" },
      { dataset: 'plans', row: 4, column: 'Name', value: '', message: 'Name is required' },
    ]);
  });

  it('a missing required column rejects the dataset with one error on the header row', () => {
    const result = parseTable(DATASET_SPECS.customers, { headers: ['Name', 'Email'], rows: [['Acme', 'a@b.c']] });
    expect(result.records).toEqual([]);
    expect(result.errors).toEqual([
      { dataset: 'customers', row: 1, column: 'External ID', value: '', message: "Required column 'External ID' is missing from the header row" },
    ]);
  });

  it('skips blank rows silently but keeps counting them as rows', () => {
    const result = parseTable(DATASET_SPECS.plans, {
      headers: TEMPLATE_HEADERS.plans,
      rows: [['', '', '', ''], ['Gold', '1', 'month', 'gold'], ['  ', null, undefined, '']],
    });
    expect(result.errors).toEqual([]);
    expect(result.records.map((r) => r.row)).toEqual([3]);
  });

  it('uses the caller row numbers when given (sheets, /sync)', () => {
    const result = parseTable(DATASET_SPECS.plans, {
      headers: TEMPLATE_HEADERS.plans,
      rows: [['Gold', '1', 'fortnight', 'gold']],
      rowNumbers: [57],
    });
    expect(result.errors[0].row).toBe(57);
  });

  it('rejects a repeated external ID on the later row', () => {
    const result = parseTable(DATASET_SPECS.customers, {
      headers: ['Name', 'External ID'],
      rows: [['Acme', 'acme'], ['Acme again', 'acme']],
    });
    expect(result.records).toHaveLength(1);
    expect(result.errors).toEqual([
      { dataset: 'customers', row: 3, column: 'External ID', value: 'acme', message: "External ID 'acme' is already on row 2" },
    ]);
  });

  it('accepts sheet values: numbers, booleans', () => {
    const result = parseTable(DATASET_SPECS.line_items, {
      headers: LINE_HEADERS,
      rows: [line(goodLine).map((c, i) => (LINE_HEADERS[i] === 'Amount in cents' ? 10000 : LINE_HEADERS[i] === 'Proration' ? false : c)) as never],
    });
    expect(result.errors).toEqual([]);
    expect(result.records[0]).toMatchObject({ amountInCents: 10000, prorated: false, quantity: 1, prorationType: 'differential' });
  });

  it('accepts Amount in currency units instead of Amount in cents', () => {
    const headers = LINE_HEADERS.map((h) => (h === 'Amount in cents' ? 'Amount' : h));
    const result = parseTable(DATASET_SPECS.line_items, { headers, rows: [line({ ...goodLine, 'Amount in cents': '99.90' })] });
    expect(result.errors).toEqual([]);
    expect(result.records[0].amountInCents).toBe(9990);
  });

  it('subscription lines need their subscription, plan and an ordered service period', () => {
    const result = parseTable(DATASET_SPECS.line_items, {
      headers: LINE_HEADERS,
      rows: [
        line({ ...goodLine, 'Subscription external ID': '', Plan: '' }),
        line({ ...goodLine, 'Service period end': '2023-12-01' }),
        line({ ...goodLine, Quantity: '-1' }),
        line({ ...goodLine, 'Amount in cents': '-100' }),
        line({ ...goodLine, 'Amount in cents': '-100', Quantity: '-1', Proration: 'TRUE' }),
        line({ 'Invoice external ID': 'I1', Type: 'OneTime', 'Amount in cents': '-500', Proration: 'false' }),
      ],
    });
    expect(result.errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'Subscription external ID'],
      [2, 'Plan'],
      [3, 'Service period end'],
      [4, 'Quantity'],
      [5, 'Amount in cents'],
    ]);
    expect(result.errors[2].message).toBe(
      "Service period end must be after Service period start (2024-01-01); got '2023-12-01'",
    );
    expect(result.records.map((r) => r.row)).toEqual([6, 7]);
  });

  it('a cell holding a list or an object (JSON rows) is an error, not text', () => {
    const result = parseTable(DATASET_SPECS.customers, {
      headers: ['Name', 'External ID'],
      rows: [[{ nested: true }, 'a'], ['Fine', ['b']]],
    });
    expect(result.records).toEqual([]);
    expect(result.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [2, 'Name', 'Name must be a single value, not a list or an object'],
      [3, 'External ID', 'External ID must be a single value, not a list or an object'],
    ]);
  });

  it('never keeps a half-parsed row', () => {
    const result = parseTable(DATASET_SPECS.invoices, {
      headers: TEMPLATE_HEADERS.invoices,
      rows: [['acme', 'I1', '2024-01-01', 'not a date', 'USD']],
    });
    expect(result.records).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ row: 2, column: 'Due Date', value: 'not a date' });
  });
});

describe('FirstRows', () => {
  it('keeps each key\'s first row, keys in increasing order or not', () => {
    const seen = new FirstRows();
    expect(seen.firstOrAdd('a2', 2)).toBeUndefined();
    expect(seen.firstOrAdd('a3', 3)).toBeUndefined();
    expect(seen.firstOrAdd('a5', 4)).toBeUndefined();
    // Repeats and lookups while the keys are still in order (binary search).
    expect(seen.firstOrAdd('a3', 5)).toBe(3);
    expect(seen.get('a5')).toBe(4);
    expect(seen.has('a4')).toBe(false);
    expect(seen.get('a1')).toBeUndefined();
    // A key before the last one: from here on a Map, the same answers.
    expect(seen.firstOrAdd('a4', 6)).toBeUndefined();
    expect(seen.firstOrAdd('a2', 7)).toBe(2);
    expect(seen.firstOrAdd('a4', 8)).toBe(6);
    expect(seen.firstOrAdd('a9', 9)).toBeUndefined();
    expect([seen.get('a2'), seen.get('a3'), seen.get('a4'), seen.get('a5'), seen.get('a9')]).toEqual([2, 3, 6, 4, 9]);
    expect(seen.has('a6')).toBe(false);
  });

  it('gives the same answers while keys are numbers of one pattern, after one breaks it, and unordered', () => {
    const seen = new FirstRows();
    const model = new Map<string, number>();
    const add = (key: string, row: number) => {
      expect(seen.firstOrAdd(key, row), key).toBe(model.get(key));
      if (!model.has(key)) model.set(key, row);
    };
    let row = 2;
    for (let i = 1; i <= 300; i += 3) add(`li_${String(i).padStart(8, '0')}`, row++);
    add('li_00000004', row++); // repeat, in the numbered stage
    expect(seen.get('li_0000004')).toBeUndefined(); // another width: not a key seen
    expect(seen.get('li_00000301')).toBeUndefined();
    add('li_00000400x', row++); // past the last, but not of the pattern: strings from here on
    add('li_00000500', row++);
    add('li_00000007', row++);
    add('li_00000002', row++); // before the last: a Map from here on
    add('li_00000002', row++);
    for (const [key, first] of model) expect(seen.get(key), key).toBe(first);
    expect(seen.has('li_00000003')).toBe(false);
  });

  it('keeps keys without trailing digits, and 16 digits or more, as strings', () => {
    for (const keys of [['a', 'b', 'c'], ['x1234567890123456', 'x1234567890123457']]) {
      const seen = new FirstRows();
      keys.forEach((k, i) => expect(seen.firstOrAdd(k, i + 2)).toBeUndefined());
      keys.forEach((k, i) => expect(seen.firstOrAdd(k, 99)).toBe(i + 2));
    }
  });
});
