import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { SYNC_MAX_BYTES as MAX_BYTES } from '../../shared/index.ts';
import { csvBatches, type Batch, type BatchOptions } from './csv-batches.ts';
import { goldenCases } from './golden-dir.ts';
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

/** A body's data rows as the server numbers them: the header, then `firstRow`, `firstRow` + 1, … */
function rowsOf(batch: Batch): { row: number; cells: string[] }[] {
  const [, ...rows] = Papa.parse<string[]>(batch.body).data;
  if (rows.length > 0 && rows.at(-1)!.join('') === '' && rows.at(-1)!.length === 1) rows.pop();
  return rows.map((cells, i) => ({ row: batch.firstRow + i, cells }));
}

describe('csvBatches', () => {
  it('sends the header and the rows as they stand in the file, without the byte-order mark', async () => {
    const [batch] = await collect(csv('\uFEFFName,External ID\r\nAcme,a\r\n,\r\n\r\nBeta,b\r\n'));
    expect(batch.body).toBe('Name,External ID\r\nAcme,a\r\n,\r\n\r\nBeta,b\r\n');
    expect(batch.firstRow).toBe(2);
    expect(batch.rows).toBe(2); // the blank rows travel but are not counted
  });

  it('a quoted cell spanning lines is one row, never cut apart', async () => {
    const path = csv('Name,External ID\n"Acme\nInc, ""the"" best",a\nBeta,b\n"Gamma\n\nLtd",c\n');
    const batches = await collect(path, { maxRows: 1 });
    expect(batches.map((b) => [b.firstRow, b.rows])).toEqual([[2, 1], [3, 1], [4, 1]]);
    expect(rowsOf(batches[0])).toEqual([{ row: 2, cells: ['Acme\nInc, "the" best', 'a'] }]);
    expect(rowsOf(batches[2])).toEqual([{ row: 4, cells: ['Gamma\n\nLtd', 'c'] }]);
  });

  it('cuts at the row limit, every body opening with the header', async () => {
    const lines = Array.from({ length: 12 }, (_, i) => `n${i},${i}`);
    const batches = await collect(csv(`A,B\n${lines.join('\n')}`), { maxRows: 5 });
    expect(batches.map((b) => [b.firstRow, b.rows])).toEqual([[2, 5], [7, 5], [12, 2]]);
    for (const b of batches) expect(b.body.startsWith('A,B\n')).toBe(true);
    expect(batches.flatMap(rowsOf).map((r) => r.cells[1])).toEqual(lines.map((_, i) => String(i)));
    expect(batches.at(-1)!.fileRead).toBe(1);
  });

  it('cuts at the size target', async () => {
    const lines = Array.from({ length: 100 }, (_, i) => `${'x'.repeat(1000)},${i}`);
    const batches = await collect(csv(`Name,External ID\n${lines.join('\n')}\n`), { targetChars: 10_000 });
    expect(batches.length).toBeGreaterThan(5);
    for (const b of batches) expect(b.body.length).toBeLessThan(10_000 + 1_100);
    expect(batches.reduce((n, b) => n + b.rows, 0)).toBe(100);
  });

  it('splits a body that multi-byte text makes larger than the server takes, every row kept once', async () => {
    // 3 bytes per character in UTF-8: counted in characters, these rows look a third of their size.
    const lines = Array.from({ length: 40 }, (_, i) => `${'日'.repeat(60_000)},id${i}`);
    const batches = await collect(csv(`Name,External ID\n${lines.join('\n')}\n`));
    expect(batches.length).toBeGreaterThan(1);
    for (const b of batches) expect(Buffer.byteLength(b.body)).toBeLessThanOrEqual(MAX_BYTES);
    const rows = batches.flatMap(rowsOf);
    expect(rows.map((r) => r.cells[1])).toEqual(lines.map((_, i) => `id${i}`));
    expect(rows.map((r) => r.row)).toEqual(lines.map((_, i) => i + 2));
  });

  it('bodies parsed with their first row numbers give exactly the whole-file parse', async () => {
    const random = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const next = random(7);
    const cell = () => {
      const r = next();
      if (r < 0.1) return '';
      if (r < 0.2) return `"multi\nline ${Math.floor(next() * 1e6)}"`;
      if (r < 0.3) return `"comma, ""quoted"" ${Math.floor(next() * 1e6)}"`;
      return `v${Math.floor(next() * 1e9)}`;
    };
    const text = `A,B,C,D\n${Array.from({ length: 20_000 }, () => (next() < 0.02 ? ',,,' : [cell(), cell(), cell(), cell()].join(','))).join('\n')}\n`;
    const path = csv(text);
    const batches = await collect(path, { maxRows: 777 });
    expect((await collect(path, { maxRows: 777, chunkBytes: 4096 })).map(withoutProgress)).toEqual(batches.map(withoutProgress));
    const whole = Papa.parse<string[]>(text).data.slice(1, -1).map((cells, i) => ({ row: i + 2, cells }));
    expect(batches.flatMap(rowsOf)).toEqual(whole);
    expect(batches.reduce((n, b) => n + b.rows, 0)).toBe(whole.filter((r) => r.cells.some((c) => c !== '')).length);
    const progress = batches.map((b) => b.fileRead);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('an unreadable file is unusable input', async () => {
    await expect(collect(join(dir, 'missing.csv'))).rejects.toThrow(UnusableInputError);
  });

  it('a quoted multi-line cell across a read edge is one row, at every read size', async () => {
    const content = 'Name,External ID\r\nAcme,a\r\n"Multi\r\nline, ""q""\r\n\r\ncell",b\r\nBeta,c\r\n';
    const path = csv(content);
    const whole = await collect(path, { maxRows: 1, chunkBytes: 1 << 20 });
    expect(whole.map((b) => [b.firstRow, b.rows])).toEqual([[2, 1], [3, 1], [4, 1]]);
    expect(rowsOf(whole[1])).toEqual([{ row: 3, cells: ['Multi\r\nline, "q"\r\n\r\ncell', 'b'] }]);
    for (let chunkBytes = 1; chunkBytes <= content.length + 1; chunkBytes++) {
      for (const maxRows of [1, 2, 5000]) {
        const batches = await collect(path, { maxRows, chunkBytes });
        expect(batches.map(withoutProgress), `${chunkBytes} bytes, ${maxRows} rows`).toEqual((await collect(path, { maxRows })).map(withoutProgress));
        expect(batches.at(-1)!.fileRead).toBe(1);
      }
    }
  });

  it('cuts where a whole-file parse ends rows: a quote inside an unquoted cell is literal', async () => {
    // Quote parity (the cut before issue 13) took the stray quote as opening a quoted cell and
    // sent these three rows as one, which the server then parsed as three.
    const batches = await collect(csv('A,B\nab"c,1\nd,2\n"e",3\n'), { maxRows: 1, chunkBytes: 3 });
    expect(batches.map((b) => [b.firstRow, b.rows, b.body])).toEqual([[2, 1, 'A,B\nab"c,1\n'], [3, 1, 'A,B\nd,2\n'], [4, 1, 'A,B\n"e",3\n']]);
    expect(batches.flatMap(rowsOf)).toEqual([{ row: 2, cells: ['ab"c', '1'] }, { row: 3, cells: ['d', '2'] }, { row: 4, cells: ['e', '3'] }]);
  });
});

const withoutProgress = ({ body, firstRow, rows }: Batch) => ({ body, firstRow, rows });

/**
 * The batches `mogul import` cut before issue 13, kept here as the oracle: the whole file as one
 * string, rows ended by a quote-parity scan (the byte-size split is left out: no golden file
 * comes near 5 MB).
 */
function wholeFileBatches(path: string, maxRows: number, targetChars: number): ReturnType<typeof withoutProgress>[] {
  let text = readFileSync(path, 'utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const rowEnd = (from: number) => {
    let quoted = false;
    let blank = true;
    for (let i = from; i < text.length; i++) {
      const c = text[i];
      if (c === '"') quoted = !quoted;
      if (c === '\n' && !quoted) return { end: i + 1, blank };
      if (blank && !',  \t\r'.includes(c)) blank = false;
    }
    return { end: text.length, blank };
  };
  const headerEnd = rowEnd(0).end;
  const header = text.slice(0, headerEnd);
  const headerLine = header.endsWith('\n') ? header : `${header}\n`;
  const out: ReturnType<typeof withoutProgress>[] = [];
  let start = headerEnd;
  let firstRow = 2;
  while (start < text.length) {
    let end = start;
    let count = 0;
    let rows = 0;
    while (end < text.length && count < maxRows) {
      const next = rowEnd(end);
      if (count > 0 && next.end - start > targetChars) break;
      end = next.end;
      count++;
      if (!next.blank) rows++;
    }
    out.push({ body: headerLine + text.slice(start, end), firstRow, rows });
    firstRow += count;
    start = end;
  }
  return out;
}

describe('golden cases', () => {
  const cases = goldenCases();

  it.each(cases.map((c) => [c.label, c.dir]))('%s: small reads give the batches of the whole-file cut, text and row numbers', async (_, caseDir) => {
    for (const file of readdirSync(caseDir).filter((f) => f.toLowerCase().endsWith('.csv'))) {
      const path = join(caseDir, file);
      for (const [maxRows, targetChars] of [[3, 200], [5000, 4_500_000]]) {
        const expected = wholeFileBatches(path, maxRows, targetChars);
        for (const chunkBytes of [1, 7, 64]) {
          const batches = await collect(path, { maxRows, targetChars, chunkBytes });
          expect(batches.map(withoutProgress), `${file}, ${chunkBytes} bytes, ${maxRows} rows`).toEqual(expected);
          if (batches.length > 0) expect(batches.at(-1)!.fileRead).toBe(1);
        }
      }
    }
  });
});
