import { describe, expect, it } from 'vitest';
import { DATASET_SPECS, keepRecords, recordArray, recordAt } from '../../shared/index.ts';
import { goldenCases } from './golden-dir.ts';
import { parseCsvFile } from './load-folder.ts';
import { RecordTable } from './record-columns.ts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

interface Row {
  row: number;
  id: string;
  code: string | null;
  amount: number;
  when: number | null;
  flag: boolean;
  maybe: boolean | null;
  other: unknown;
}

const blank = (row: number): Row => ({ row, id: '', code: null, amount: 0, when: null, flag: false, maybe: null, other: null });

/** A deterministic pseudo-random sequence (no Math.random: failures repeat). */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

function roundTrip(rows: Row[], drop: string[] = []): Row[] {
  const table = new RecordTable(blank, drop);
  for (const r of rows) table.push(r);
  return recordArray(table.finish());
}

describe('RecordTable', () => {
  it('gives back every record as pushed, whatever form each column settles in', () => {
    const next = random(7);
    const rows: Row[] = [];
    for (let i = 0; i < 9000; i++) {
      const day = Date.UTC(2020, 0, 1) + Math.floor(next() * 2000) * 86_400_000;
      rows.push({
        row: i + 2,
        id: `inv_${String(i).padStart(7, '0')}`, // unique: kept as strings
        code: i % 7 === 0 ? null : `plan_${Math.floor(next() * 300)}`, // past 255 codes: 16 bits
        // whole cents, then a value past 32 bits, then fractions
        amount: i < 3000 ? Math.floor(next() * 10000) - 5000 : i < 6000 ? 2 ** 40 + i : i + 0.25,
        // midnights, then nulls, then an instant with a time
        when: i < 4000 ? day : i < 5000 ? null : i === 8000 ? day + 1234 : day,
        flag: next() < 0.5,
        maybe: i % 3 === 0 ? null : i % 3 === 1,
        other: i < 100 ? null : i < 200 ? 'text' : i, // mixed kinds: plain values
      });
    }
    expect(roundTrip(rows)).toEqual(rows);
  });

  it('keeps IDs of one prefix and fixed digits as numbers, and their strings again when one breaks the pattern', () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => ({ ...blank(i + 2), id: `inv_${String(i).padStart(7, '0')}`, code: i % 5 === 0 ? null : `c_${String(i).padStart(5, '0')}` }));
    const numbered = ids(6000);
    const table = new RecordTable(blank);
    for (const r of numbered) table.push(r);
    expect(table.keepsStrings('id')).toBe(false);
    expect(recordArray(table.finish())).toEqual(numbered);
    const broken = [...ids(6000), { ...blank(6002), id: 'inv_12345678' }, { ...blank(6003), id: 'other' }];
    expect(roundTrip(broken)).toEqual(broken);
  });

  it('keeps -0, nulls and defaults apart, and columns that never leave their default hold them', () => {
    const rows: Row[] = [
      { ...blank(2) },
      { ...blank(3), amount: -0, when: 0, maybe: false },
      { ...blank(4), amount: 5, when: null, code: '' },
    ];
    const back = roundTrip(rows);
    expect(back).toEqual(rows);
    expect(Object.is(back[1].amount, -0)).toBe(true);
  });

  it('leaves out the keys it drops (read back as the blank record has them)', () => {
    const back = roundTrip([{ ...blank(2), id: 'x', amount: 3 }], ['id']);
    expect(back).toEqual([{ ...blank(2), amount: 3 }]);
  });

  it('selections read through to the table, and keepRecords makes them', () => {
    const rows = Array.from({ length: 50 }, (_, i) => ({ ...blank(i + 2), amount: i }));
    const table = new RecordTable(blank);
    for (const r of rows) table.push(r);
    table.finish();
    const even = keepRecords(table, (r) => r.amount % 2 === 0);
    const fourth = keepRecords(even, (r) => r.amount % 4 === 0);
    expect(recordArray(even)).toEqual(rows.filter((r) => r.amount % 2 === 0));
    expect(recordArray(fourth)).toEqual(rows.filter((r) => r.amount % 4 === 0));
    expect(recordAt(fourth, 3)).toEqual(rows[12]);
    expect(keepRecords(table, () => true)).toBe(table);
  });
});

describe('parseCsvFile into columns', () => {
  it('reads every golden case file to the same records, errors and warnings as into arrays', () => {
    let compared = 0;
    for (const { dir } of goldenCases()) {
      for (const dataset of ['invoices', 'line_items', 'transactions'] as const) {
        const path = join(dir, DATASET_SPECS[dataset].file);
        if (!existsSync(path)) continue;
        const arrays = parseCsvFile(path, dataset);
        const columns = parseCsvFile(path, dataset, { columns: [] });
        expect({ ...columns.table, records: recordArray(columns.table.records) }, path).toEqual(arrays.table);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(0);
  });
});
