import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvFileWriter, csvField, csvRecord, toCsv } from './csv-write.ts';

const dir = mkdtempSync(join(tmpdir(), 'mogul-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('csv-write', () => {
  it('quotes only fields with a comma, quote, CR or LF, doubling quotes', () => {
    expect(csvField('plain text')).toBe('plain text');
    expect(csvField('')).toBe('');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    expect(csvRecord(['a', 'b,c', ''])).toBe('a,"b,c",\n');
    expect(toCsv(['H1', 'H2'], [['1', '2']])).toBe('H1,H2\n1,2\n');
  });

  it('streams a file that parses back to the same rows', async () => {
    const rows: string[][] = [];
    for (let i = 0; i < 60_000; i++) rows.push([`id_${i}`, `Name ${i}, "quoted"`, i % 7 ? '' : 'multi\nline', String(-i)]);
    const path = join(dir, 'big.csv');
    const writer = new CsvFileWriter(path, ['ID', 'Name', 'Note', 'Amount']);
    for (const row of rows) {
      const wait = writer.write(row);
      if (wait) await wait;
    }
    await writer.close();
    expect(writer.rows).toBe(rows.length);
    const text = readFileSync(path, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    expect(text.includes('\r')).toBe(false);
    const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
    expect(parsed[0]).toEqual(['ID', 'Name', 'Note', 'Amount']);
    expect(parsed.slice(1)).toEqual(rows);
  });
});
