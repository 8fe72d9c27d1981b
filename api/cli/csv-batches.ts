/**
 * A template CSV read as /sync request bodies, parsed only as fast as they are sent: rows
 * are parsed a chunk at a time, so `mogul import` holds one file's text and a few batches in
 * memory, and its parsing overlaps the server's work on the batches already sent.
 */
import Papa from 'papaparse';
import { MAX_BYTES, MAX_ROWS } from '../sync/request.ts';
import { readText } from './load-folder.ts';

/** Rows are gathered up to about this many bytes of JSON; the exact size is checked after. */
const TARGET_BYTES = 4_500_000;
/** Room for the envelope around the rows (`source`, `dry_run`). */
const ENVELOPE_BYTES = 4_096;

export interface Batch {
  /** Rows in the request, each with the caller's `row` number (the header is row 1). */
  rows: number;
  /** The request body, JSON. */
  body: string;
  /** Share of the file read when the batch was cut, 0 to 1. */
  fileRead: number;
}

export interface BatchOptions {
  source?: string;
  dryRun?: boolean;
  maxRows?: number;
  targetBytes?: number;
}

type Row = Record<string, string | number>;

/** Characters parsed at a time: papaparse's chunked mode, paused between chunks. */
const CHUNK_CHARS = 1 << 20;

/** A CSV text's rows, a chunk at a time, each chunk parsed only when the previous one is used. */
async function* csvChunks(text: string): AsyncGenerator<{ rows: string[][]; cursor: number }> {
  const ready: { rows: string[][]; cursor: number }[] = [];
  let finished = false;
  let wake: (() => void) | null = null;
  let parser: Papa.Parser | null = null;
  Papa.parse<string[]>(text, {
    chunkSize: CHUNK_CHARS,
    chunk(result: Papa.ParseResult<string[]>, p: Papa.Parser) {
      parser = p;
      p.pause();
      ready.push({ rows: result.data, cursor: result.meta.cursor });
      wake?.();
    },
    complete() {
      finished = true;
      wake?.();
    },
  });
  for (;;) {
    const next = ready.shift();
    if (next) {
      yield next;
      if (ready.length === 0 && !finished) (parser as Papa.Parser | null)?.resume();
    } else if (finished) {
      return;
    } else {
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
  }
}

/** Data rows of a CSV as cells with their row numbers; blank rows are skipped. */
async function* csvRows(path: string): AsyncGenerator<{ headers: string[]; cells: string[]; row: number; read: number }> {
  const text = readText(path);
  let headers: string[] | null = null;
  let row = 0;
  for await (const chunk of csvChunks(text)) {
    const read = text.length === 0 ? 1 : chunk.cursor / text.length;
    for (const cells of chunk.rows) {
      row++;
      if (headers === null) {
        headers = cells;
        continue;
      }
      if (cells.every((c) => c.trim() === '')) continue;
      yield { headers, cells, row, read };
    }
  }
}

/**
 * Request bodies of at most 5,000 rows and 5 MB. The first row of a body names every column
 * (so the server sees the whole header); later rows leave out their empty cells, which the
 * server reads as empty: wide templates with sparse columns travel at a third of the size.
 */
export async function* csvBatches(path: string, options: BatchOptions = {}): AsyncGenerator<Batch> {
  const maxRows = options.maxRows ?? MAX_ROWS;
  const targetBytes = options.targetBytes ?? TARGET_BYTES;
  let rows: Row[] = [];
  let bytes = 0;
  let fileRead = 0;
  for await (const { headers, cells, row, read } of csvRows(path)) {
    let size = 16;
    for (let k = 0; k < headers.length; k++) {
      const value = cells[k] ?? '';
      if (value !== '') size += headers[k].length + value.length + 6;
    }
    if (rows.length > 0 && (rows.length >= maxRows || bytes + size > targetBytes)) {
      yield* bodies(rows, options, fileRead);
      rows = [];
      bytes = 0;
    }
    const full = rows.length === 0;
    const record: Row = { row };
    for (let k = 0; k < headers.length; k++) {
      const value = cells[k] ?? '';
      if (value !== '' || full) record[headers[k]] = value;
    }
    rows.push(record);
    bytes += size;
    fileRead = read;
  }
  if (rows.length > 0) yield* bodies(rows, options, 1);
}

/** One body for the rows, or several when multi-byte text makes it larger than the server takes. */
function* bodies(rows: Row[], options: BatchOptions, fileRead: number): Generator<Batch> {
  const body = JSON.stringify({ rows, source: options.source, dry_run: options.dryRun ?? false });
  if (rows.length === 1 || Buffer.byteLength(body) <= MAX_BYTES - ENVELOPE_BYTES) {
    yield { rows: rows.length, body, fileRead };
    return;
  }
  const half = rows.length >> 1;
  const second = rows.slice(half);
  second[0] = { ...Object.fromEntries(Object.keys(rows[0]).map((h) => [h, ''])), ...second[0] };
  yield* bodies(rows.slice(0, half), options, fileRead);
  yield* bodies(second, options, fileRead);
}
