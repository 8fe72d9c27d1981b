import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { DATASET_FILES, DATASET_NAMES } from '../../shared/index.ts';
import { goldenCases } from './golden-dir.ts';
import { readCsvRows, textChunks, type CsvReadOptions } from './csv-chunks.ts';
import { parseCsvFile, UnusableInputError } from './load-folder.ts';

const dir = mkdtempSync(join(tmpdir(), 'mogul-chunks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function csv(content: string | Buffer): string {
  const path = join(dir, `f${files++}.csv`);
  writeFileSync(path, content);
  return path;
}

/** The rows as `mogul report` read them before issue 13: the whole file as one string, one Papa parse. */
function wholeRows(path: string): string[][] {
  let text = readFileSync(path, 'utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const rows: string[][] = [];
  Papa.parse<string[]>(text, { skipEmptyLines: false, step: (r) => rows.push(r.data) });
  return rows;
}

function chunkedRows(path: string, options: CsvReadOptions): string[][] {
  const rows: string[][] = [];
  readCsvRows(path, (cells) => rows.push(cells), options);
  return rows;
}

/** Every chunk size from 1 byte to past the file's end gives the rows of one whole read. */
function expectSameAtEverySize(content: string | Buffer, expected?: string[][]) {
  const path = csv(content);
  const whole = wholeRows(path);
  if (expected) expect(whole).toEqual(expected);
  const size = Buffer.byteLength(content);
  for (let chunkBytes = 1; chunkBytes <= size + 1; chunkBytes++) {
    expect(chunkedRows(path, { chunkBytes }), `chunk of ${chunkBytes} bytes`).toEqual(whole);
  }
}

describe('readCsvRows', () => {
  it('a quoted cell holding line breaks and "" escapes, cut anywhere, is one row', () => {
    expectSameAtEverySize('Name,Notes\n"Acme\nInc, ""the"" best",a\nBeta,"x\r\ny"\n"",""""\n', [
      ['Name', 'Notes'], ['Acme\nInc, "the" best', 'a'], ['Beta', 'x\r\ny'], ['', '"'], [''],
    ]);
  });

  it('CRLF rows, the break itself split between reads', () => {
    expectSameAtEverySize('a,b\r\n1,2\r\n"3\r\n",4\r\n', [['a', 'b'], ['1', '2'], ['3\r\n', '4'], ['']]);
  });

  it('mixed line breaks are read with the one Papa guesses for the whole file', () => {
    expectSameAtEverySize('a,b\r\n1,2\n3,4\r\n5,6\r\n');
    expectSameAtEverySize('a,b\n1,2\r\n3,4\r\n');
    expectSameAtEverySize('a,b\r1,2\r3,4\n5,6\r');
  });

  it('a multi-byte character split between reads', () => {
    expectSameAtEverySize('Name,City\nZoë,Kraków\n😀,"日本\n東京"\n', [
      ['Name', 'City'], ['Zoë', 'Kraków'], ['😀', '日本\n東京'], [''],
    ]);
  });

  it('invalid UTF-8 becomes U+FFFD as in a whole read', () => {
    expectSameAtEverySize(Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0xe2, 0x82, 0x2c, 0xff, 0x0a, 0xf0, 0x9f, 0x98, 0x2c, 0xc3, 0x0a]));
  });

  it('drops a byte-order mark at the start only', () => {
    expectSameAtEverySize('\uFEFFa,b\n1,\uFEFF2\n', [['a', 'b'], ['1', '\uFEFF2'], ['']]);
    expectSameAtEverySize('\uFEFF', []);
    expectSameAtEverySize('', []);
  });

  it('a last row without a line break, and empty lines kept as rows', () => {
    expectSameAtEverySize('a,b\n1,2', [['a', 'b'], ['1', '2']]);
    expectSameAtEverySize('a,b\n\n1,2\n\n\n', [['a', 'b'], [''], ['1', '2'], [''], [''], ['']]);
    expectSameAtEverySize('\n\na,b', [[''], [''], ['a', 'b']]);
  });

  it('malformed quotes are cut where a whole parse cuts them (a quote-parity scan would not)', () => {
    // Papa takes a quote inside an unquoted cell literally, and a quoted cell runs to a quote
    // followed by a delimiter or line break, so parity says "inside quotes" where Papa does not.
    expectSameAtEverySize('x,y\nx,ab"c\ny,d\nz,"e\nf"\n', [['x', 'y'], ['x', 'ab"c'], ['y', 'd'], ['z', 'e\nf'], ['']]);
    expectSameAtEverySize('"ab"c\nd",e\n1,2\n');
    expectSameAtEverySize('a,b\n"x"  \n"y" ,2\n"open,3\n4,5\n');
    expectSameAtEverySize('a,b\n1,"2"');
  });

  it('guesses the delimiter as a whole parse does', () => {
    expectSameAtEverySize('a;b;c\n1;2;3\n"4;5";6;7\n', [['a', 'b', 'c'], ['1', '2', '3'], ['4;5', '6', '7'], ['']]);
    expectSameAtEverySize('a\tb\n1\t2\n');
  });

  it('never hands the parser more than one read plus the row it cuts through', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `cus_${i},Customer ${i},"Street ${i}\nTown",${i * 100}`);
    const long = `cus_long,"${'x'.repeat(5000)}\n${'y'.repeat(2000)}",1`;
    rows.splice(1500, 0, long);
    const content = `id,name,address,amount\n${rows.join('\n')}\n`;
    const path = csv(content);
    const chunkBytes = 1024;
    const longestRow = long.length + 1;
    expect(content.length).toBeGreaterThan(100 * chunkBytes);
    let pieces = 0;
    let longestPiece = 0;
    const chunked = chunkedRows(path, {
      chunkBytes,
      onPiece: (piece) => {
        pieces++;
        longestPiece = Math.max(longestPiece, piece.length);
      },
    });
    expect(chunked).toEqual(wholeRows(path));
    expect(pieces).toBeGreaterThan(content.length / chunkBytes - 1);
    expect(longestPiece).toBeLessThanOrEqual(chunkBytes + longestRow);
    for (const chunk of textChunks(path, chunkBytes)) expect(chunk.length).toBeLessThanOrEqual(chunkBytes);
  });
});

describe('golden cases', () => {
  const datasets = new Map(DATASET_NAMES.map((n) => [DATASET_FILES[n], n]));
  const cases = goldenCases();

  it('finds the golden cases', () => expect(cases.length).toBeGreaterThan(20));

  it.each(cases.map((c) => [c.label, c.dir]))('%s: tiny reads give the rows and the parsed tables of one whole read', (_, caseDir) => {
    for (const file of readdirSync(caseDir).filter((f) => f.toLowerCase().endsWith('.csv'))) {
      const path = join(caseDir, file);
      const whole = wholeRows(path);
      for (const chunkBytes of [1, 2, 3, 7, 64]) {
        expect(chunkedRows(path, { chunkBytes }), `${file}, ${chunkBytes} bytes`).toEqual(whole);
      }
      const dataset = datasets.get(file.toLowerCase());
      if (dataset) expect(parseCsvFile(path, dataset, { chunkBytes: 7 })).toEqual(parseCsvFile(path, dataset));
    }
  });
});

describe('parseCsvFile', () => {
  it('numbers rows as the file does across pieces, multi-line cells and blank lines included', () => {
    const path = csv('Name,External ID\n"Acme\nInc",a\n\nBeta,\n,\n"Gamma\n\n",c\n');
    const small = parseCsvFile(path, 'customers', { chunkBytes: 7 });
    expect(small).toEqual(parseCsvFile(path, 'customers'));
    expect(small.rows).toBe(6);
    expect(small.table.errors.map((e) => e.row)).toEqual(parseCsvFile(path, 'customers', { chunkBytes: 1 }).table.errors.map((e) => e.row));
  });

  it('an unreadable file is unusable input', () => {
    expect(() => parseCsvFile(join(dir, 'missing.csv'), 'customers')).toThrow(UnusableInputError);
    expect(() => parseCsvFile(dir, 'customers')).toThrow(UnusableInputError);
  });
});

describe('a quoted cell never closed', () => {
  it('is unusable input naming the row, not a parse of the growing rest at every read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mogul-unclosed-'));
    const path = join(dir, 'line_items.csv');
    const body = Array.from({ length: 200 }, (_, i) => `${i},fine`).join('\n');
    writeFileSync(path, `a,b\n1,ok\n2,"never closed\n${body}\n`);
    const rows: string[][] = [];
    expect(() => readCsvRows(path, (cells) => rows.push(cells), { chunkBytes: 64, maxRowChars: 256 }))
      .toThrow(/line_items\.csv, row 3: the row runs past 256 characters; is a quoted cell never closed/);
    expect(rows).toEqual([['a', 'b'], ['1', 'ok']]);
    rmSync(dir, { recursive: true, force: true });
  });
});
