/**
 * A template CSV cut into /sync request bodies of its own text (`Content-Type: text/csv`):
 * the header row, then up to 5,000 rows and under 5 MB, as they stand in the file. Cutting
 * only needs to know where each row ends (a line break outside quotes), so no row is parsed
 * or re-encoded on this side; the server parses each body with the caller's row numbers.
 */
import { SYNC_CLIENT_BODY_BYTES, SYNC_MAX_BYTES, SYNC_MAX_ROWS } from '../../shared/index.ts';
import { readText } from './load-folder.ts';

/** Rows are gathered up to about this many characters; the exact byte size is checked after. */
const TARGET_CHARS = SYNC_CLIENT_BODY_BYTES;

export interface Batch {
  /** Rows in the body that hold any data (blank rows are sent, and ignored by the server). */
  rows: number;
  /** The file's row number of the body's first data row (the header is row 1). */
  firstRow: number;
  /** The request body: the header row, then the rows. */
  body: string;
  /** Share of the file read when the batch was cut, 0 to 1. */
  fileRead: number;
}

export interface BatchOptions {
  maxRows?: number;
  targetChars?: number;
}

const QUOTE = 34;
const LF = 10;

/** Where the row starting at `from` ends (after its line break), and whether it holds any data. */
function rowEnd(text: string, from: number): { end: number; blank: boolean } {
  let quoted = false;
  let blank = true;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) quoted = !quoted;
    if (c === LF && !quoted) return { end: i + 1, blank };
    // Commas, spaces, tabs and CR alone make a blank row.
    if (blank && c !== 44 && c !== 32 && c !== 9 && c !== 13) blank = false;
  }
  return { end: text.length, blank };
}

interface Slice {
  start: number;
  end: number;
  /** Row ends within the slice, to cut it again when it is too large in bytes. */
  ends: number[];
  blanks: boolean[];
  firstRow: number;
}

export async function* csvBatches(path: string, options: BatchOptions = {}): AsyncGenerator<Batch> {
  const maxRows = options.maxRows ?? SYNC_MAX_ROWS;
  const targetChars = options.targetChars ?? TARGET_CHARS;
  const text = readText(path);
  const headerEnd = rowEnd(text, 0).end;
  const header = text.slice(0, headerEnd);
  const headerLine = header.endsWith('\n') ? header : `${header}\n`;
  let start = headerEnd;
  let firstRow = 2;
  while (start < text.length) {
    const slice: Slice = { start, end: start, ends: [], blanks: [], firstRow };
    while (slice.end < text.length && slice.ends.length < maxRows) {
      const next = rowEnd(text, slice.end);
      if (slice.ends.length > 0 && next.end - start > targetChars) break;
      slice.end = next.end;
      slice.ends.push(next.end);
      slice.blanks.push(next.blank);
    }
    yield* bodies(text, headerLine, slice);
    firstRow += slice.ends.length;
    start = slice.end;
  }
}

/** One body for the slice, or several when multi-byte text makes it larger than the server takes. */
function* bodies(text: string, header: string, slice: Slice): Generator<Batch> {
  const body = header + text.slice(slice.start, slice.end);
  const count = slice.ends.length;
  if (count === 1 || Buffer.byteLength(body) <= SYNC_MAX_BYTES) {
    const rows = slice.blanks.filter((b) => !b).length;
    yield { rows, firstRow: slice.firstRow, body, fileRead: text.length === 0 ? 1 : slice.end / text.length };
    return;
  }
  const half = count >> 1;
  const middle = slice.ends[half - 1];
  yield* bodies(text, header, { ...slice, end: middle, ends: slice.ends.slice(0, half), blanks: slice.blanks.slice(0, half) });
  yield* bodies(text, header, {
    start: middle, end: slice.end, ends: slice.ends.slice(half), blanks: slice.blanks.slice(half), firstRow: slice.firstRow + half,
  });
}
