/**
 * A template CSV cut into /sync request bodies of its own text (`Content-Type: text/csv`):
 * the header row, then up to 5,000 rows and under 5 MB, as they stand in the file. No row is
 * re-encoded on this side; the server parses each body with the caller's row numbers.
 *
 * The file is read in bounded pieces by csv-chunks.ts's reader (the one `mogul report` uses),
 * never as one string, and a body is cut where that parse says a row ends: the rows the server
 * parses are the rows of a whole-file parse. Held at once: the piece being read and the bodies
 * cut from it, besides those the caller has in flight.
 */
import { statSync } from 'node:fs';
import { SYNC_CLIENT_BODY_BYTES, SYNC_MAX_BYTES, SYNC_MAX_ROWS } from '../../shared/index.ts';
import { csvPieces } from './csv-chunks.ts';
import { UnusableInputError } from './load-folder.ts';

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
  /** Bytes read from the file at a time (csv-chunks.ts's CHUNK_BYTES unless given). */
  chunkBytes?: number;
}

/** Rows gathered for one body: their text, where each ends in it, and which are blank. */
interface Slice {
  text: string;
  ends: number[];
  blanks: boolean[];
  firstRow: number;
}

/** Commas, spaces, tabs and line breaks alone make a blank row. */
function isBlank(piece: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = piece.charCodeAt(i);
    if (c !== 44 && c !== 32 && c !== 9 && c !== 13 && c !== 10) return false;
  }
  return true;
}

export async function* csvBatches(path: string, options: BatchOptions = {}): AsyncGenerator<Batch> {
  const maxRows = options.maxRows ?? SYNC_MAX_ROWS;
  const targetChars = options.targetChars ?? TARGET_CHARS;
  let fileBytes: number;
  try {
    fileBytes = statSync(path).size;
  } catch (e) {
    throw new UnusableInputError(`Cannot read ${path}: ${(e as Error).message}`);
  }

  let piece = '';
  let base = 0;
  /** Where the last row ended (and the next starts) in the file's text. */
  let rowStart = 0;
  let headerLine: string | null = null;
  let headerBytes = 0;
  let readBytes = 0;
  // The body being gathered: its text in earlier pieces, then from `from` in this one.
  let parts: string[] = [];
  let from = 0;
  let chars = 0;
  let ends: number[] = [];
  let blanks: boolean[] = [];
  let firstRow = 2;
  const ready: Batch[] = [];

  const close = (to: number, last: boolean) => {
    if (ends.length === 0) return;
    parts.push(piece.slice(from - base, to - base));
    const slice: Slice = { text: parts.join(''), ends, blanks, firstRow };
    for (const body of bodies(headerLine!, slice)) {
      readBytes += body.bytes - headerBytes;
      ready.push({ ...body.batch, fileRead: last ? 1 : Math.min(1, readBytes / fileBytes) });
    }
    firstRow += ends.length;
    parts = [];
    from = to;
    chars = 0;
    ends = [];
    blanks = [];
  };

  const pieces = csvPieces(path, (_cells, end) => {
    const start = rowStart;
    if (end === start) return; // the empty "row" after a final line break
    rowStart = end;
    if (headerLine === null) {
      const header = piece.slice(start - base, end - base);
      headerLine = header.endsWith('\n') ? header : `${header}\n`;
      headerBytes = Buffer.byteLength(headerLine);
      readBytes = headerBytes;
      from = end;
      return;
    }
    const length = end - start;
    if (ends.length === maxRows || (ends.length > 0 && chars + length > targetChars)) close(start, false);
    chars += length;
    ends.push(chars);
    blanks.push(isBlank(piece, start - base, end - base));
  }, {
    chunkBytes: options.chunkBytes,
    onPiece: (next, nextBase) => {
      // The body's text in the piece before (a new piece starts where its last whole row ended).
      if (ends.length > 0 && rowStart > from) parts.push(piece.slice(from - base, rowStart - base));
      from = rowStart;
      piece = next;
      base = nextBase;
    },
  });
  for (;;) {
    let done: boolean | undefined;
    try {
      done = pieces.next().done;
    } catch (e) {
      if (!(e instanceof Error && 'syscall' in e)) throw e; // only the file system's own errors make it unusable
      throw new UnusableInputError(`Cannot read ${path}: ${(e as Error).message}`);
    }
    if (done) close(rowStart, true);
    yield* ready.splice(0);
    if (done) return;
  }
}

/** One body for the slice, or several when multi-byte text makes it larger than the server takes. */
function* bodies(header: string, slice: Slice): Generator<{ batch: Omit<Batch, 'fileRead'>; bytes: number }> {
  const body = header + slice.text;
  const count = slice.ends.length;
  const bytes = Buffer.byteLength(body);
  if (count === 1 || bytes <= SYNC_MAX_BYTES) {
    const rows = slice.blanks.filter((b) => !b).length;
    yield { batch: { rows, firstRow: slice.firstRow, body }, bytes };
    return;
  }
  const half = count >> 1;
  const middle = slice.ends[half - 1];
  yield* bodies(header, { text: slice.text.slice(0, middle), ends: slice.ends.slice(0, half), blanks: slice.blanks.slice(0, half), firstRow: slice.firstRow });
  yield* bodies(header, {
    text: slice.text.slice(middle), ends: slice.ends.slice(half).map((e) => e - middle), blanks: slice.blanks.slice(half), firstRow: slice.firstRow + half,
  });
}
