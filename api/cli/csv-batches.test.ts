import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_BYTES } from '../sync/request.ts';
import { csvBatches, type Batch, type BatchOptions } from './csv-batches.ts';
import { UnusableInputError } from './load-folder.ts';

const dir = mkdtempSync(join(tmpdir(), 'mogul-batches-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function csv(text: string): string {
  const path = join(dir, `f${files++}.csv`);
  writeFileSync(path, text);
  return path;
}

async function collect(path: string, options?: BatchOptions): Promise<Batch[]> {
  const out: Batch[] = [];
  for await (const b of csvBatches(path, options)) out.push(b);
  return out;
}

type Row = Record<string, string | number>;
const rowsOf = (batches: Batch[]): Row[][] => batches.map((b) => JSON.parse(b.body).rows);

describe('csvBatches', () => {
  it('numbers rows as a sheet does (header is row 1), skips blank rows and drops the byte-order mark', async () => {
    const path = csv('\uFEFFName,External ID\nAcme,a\n,\n\nBeta,b\n');
    const [batch] = await collect(path);
    expect(batch.rows).toBe(2);
    expect(JSON.parse(batch.body)).toEqual({
      rows: [{ row: 2, Name: 'Acme', 'External ID': 'a' }, { row: 5, Name: 'Beta', 'External ID': 'b' }],
      dry_run: false,
    });
  });

  it('a quoted cell spanning lines is one row; its line breaks, quotes and commas are kept', async () => {
    const path = csv('Name,External ID\n"Acme\nInc, ""the"" best",a\nBeta,b\n');
    const [rows] = rowsOf(await collect(path));
    expect(rows).toEqual([{ row: 2, Name: 'Acme\nInc, "the" best', 'External ID': 'a' }, { row: 3, Name: 'Beta', 'External ID': 'b' }]);
  });

  it('cuts at the row limit; the first row of each body names every column, later rows only their filled cells', async () => {
    const lines = Array.from({ length: 12 }, (_, i) => `n${i},,${i % 2 ? 'x' : ''}`);
    const batches = await collect(csv(`A,B,C\n${lines.join('\n')}\n`), { maxRows: 5, source: 'Sheet', dryRun: true });
    expect(batches.map((b) => b.rows)).toEqual([5, 5, 2]);
    for (const body of batches.map((b) => JSON.parse(b.body))) {
      expect(body.source).toBe('Sheet');
      expect(body.dry_run).toBe(true);
      expect(Object.keys(body.rows[0])).toEqual(['row', 'A', 'B', 'C']);
      for (const row of body.rows.slice(1)) {
        expect(row).not.toHaveProperty('B');
        expect('C' in row).toBe(Number(row.A.slice(1)) % 2 === 1);
      }
    }
    expect(rowsOf(batches).flat().map((r) => r.row)).toEqual(Array.from({ length: 12 }, (_, i) => i + 2));
  });

  it('cuts at the byte target', async () => {
    const lines = Array.from({ length: 100 }, (_, i) => `${'x'.repeat(1000)},${i}`);
    const batches = await collect(csv(`Name,External ID\n${lines.join('\n')}\n`), { targetBytes: 10_000 });
    expect(batches.length).toBeGreaterThan(5);
    for (const b of batches) expect(b.body.length).toBeLessThan(10_000 + 1_100);
    expect(batches.reduce((n, b) => n + b.rows, 0)).toBe(100);
  });

  it('splits a body that multi-byte text makes larger than the server takes, every row kept once', async () => {
    // 3 bytes per character in UTF-8: counted in characters, these rows look a third of their size.
    const lines = Array.from({ length: 40 }, (_, i) => `${'日'.repeat(60_000)},id${i}`);
    const batches = await collect(csv(`Name,External ID\n${lines.join('\n')}\n`), { targetBytes: 4_500_000 });
    expect(batches.length).toBeGreaterThan(1);
    for (const b of batches) expect(Buffer.byteLength(b.body)).toBeLessThanOrEqual(MAX_BYTES);
    const rows = rowsOf(batches);
    expect(rows.flat().map((r) => r['External ID'])).toEqual(lines.map((_, i) => `id${i}`));
    for (const body of rows) expect(Object.keys(body[0])).toEqual(['row', 'Name', 'External ID']);
  });

  it('reads a file of many chunks exactly as a whole-file parse does, with progress rising to 1', async () => {
    const random = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const next = random(7);
    const cell = () => {
      const r = next();
      if (r < 0.1) return '';
      if (r < 0.2) return `"multi\nline ${Math.floor(next() * 1e6)}"`;
      if (r < 0.3) return `"comma, ""quoted"" ${Math.floor(next() * 1e6)}"`;
      return `v${Math.floor(next() * 1e9)}`;
    };
    const text = `A,B,C,D\n${Array.from({ length: 80_000 }, () => [cell(), cell(), cell(), cell()].join(',')).join('\n')}\n`;
    expect(text.length).toBeGreaterThan(3 * (1 << 20));
    const batches = await collect(csv(text));
    const expected = Papa.parse<string[]>(text).data.slice(1)
      .map((cells, i) => ({ cells, row: i + 2 }))
      .filter(({ cells }) => cells.some((c) => c.trim() !== ''));
    const got = rowsOf(batches).flat();
    expect(got.length).toBe(expected.length);
    got.forEach((row, i) => {
      expect(row.row).toBe(expected[i].row);
      ['A', 'B', 'C', 'D'].forEach((h, k) => expect(row[h] ?? '').toBe(expected[i].cells[k]));
    });
    const progress = batches.map((b) => b.fileRead);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(1);
  });

  it('an unreadable file is unusable input', async () => {
    await expect(collect(join(dir, 'missing.csv'))).rejects.toThrow(UnusableInputError);
  });
});
