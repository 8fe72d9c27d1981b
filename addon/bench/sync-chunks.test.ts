/**
 * /sync bodies cut and serialised in one pass (addon/src/sync-chunks.ts): the same JSON as
 * serialising the row objects, limits on rows and UTF-8 bytes, and a row over the byte limit
 * still goes alone (the API answers for it rather than the sync stopping).
 */
import { describe, expect, it } from 'vitest';
import { chunkBody } from '../src/sync-chunks.ts';
import type { DatasetTab } from '../src/tabs.ts';

function tab(headers: string[], rows: unknown[][]): DatasetTab {
  return {
    dataset: 'customers',
    sheet: null as unknown as DatasetTab['sheet'],
    table: { headers, rows, rowNumbers: rows.map((_, i) => i + 2) },
  };
}

/** The body as apiRequest used to make it: JSON.stringify of the row objects. */
function objectBody(t: DatasetTab, from: number, to: number, source: string | undefined) {
  const rows = t.table.rows.slice(from, to).map((cells, i) => {
    const row: Record<string, unknown> = { row: t.table.rowNumbers![from + i] };
    t.table.headers.forEach((h, c) => {
      if (h !== '') row[String(h)] = cells[c];
    });
    return row;
  });
  return JSON.stringify({ rows, source });
}

describe('chunkBody', () => {
  const customers = tab(
    ['Name', 'Email', '', 'External ID', 'Lead created at'],
    [
      ['Zoë "Z" Müller', 'z@example.com', 'ignored', 'c1', '2024-01-31'],
      ['Acme\n日本', '', null, 'c2', ''],
      ['=cmd', 'a@b.c', 1, 42, true],
    ],
  );

  it('gives the JSON of the row objects, one pass', () => {
    const chunk = chunkBody(customers, 0, 'My sheet', 5000, 4_500_000);
    expect(chunk.body.text).toBe(objectBody(customers, 0, 3, 'My sheet'));
    expect(JSON.parse(chunk.body.text).rows[1]).toEqual({ row: 3, Name: 'Acme\n日本', Email: '', 'External ID': 'c2', 'Lead created at': '' });
    expect(chunk).toMatchObject({ rows: 3, next: 3 });
    expect(chunkBody(customers, 1, undefined, 5000, 4_500_000).body.text).toBe(objectBody(customers, 1, 3, undefined));
  });

  it('stops at the row limit and at the UTF-8 byte limit', () => {
    expect(chunkBody(customers, 0, 's', 2, 4_500_000)).toMatchObject({ rows: 2, next: 2 });
    const first = Buffer.byteLength(JSON.stringify(JSON.parse(objectBody(customers, 0, 1, 's')).rows[0])) + 1;
    // Characters would undercount the first row (ë, ü are 2 bytes): its bytes are the measure.
    expect(chunkBody(customers, 0, 's', 5000, first).rows).toBe(1);
    expect(chunkBody(customers, 0, 's', 5000, first).bytes).toBe(first);
    expect(chunkBody(customers, 0, 's', 5000, first - 1)).toMatchObject({ rows: 1, next: 1 }); // alone even if over
    const chunk = chunkBody(customers, 1, 's', 5000, 4_500_000);
    expect(chunk).toMatchObject({ rows: 2, next: 3 });
    expect(chunk.bytes).toBe(Buffer.byteLength(`${JSON.parse(chunk.body.text).rows.map((r: unknown) => JSON.stringify(r)).join(',')},`));
  });

  it('is empty past the last row', () => {
    expect(chunkBody(customers, 3, 's', 5000, 4_500_000)).toMatchObject({ rows: 0, next: 3, bytes: 0 });
  });
});
