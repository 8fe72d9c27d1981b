/**
 * A template CSV read in bounded pieces, so a file of any size never becomes one string (V8
 * caps a string near 512 MB: issue 13's tier L line_items.csv is past it). Rows come out
 * exactly as `Papa.parse(wholeText, { step, skipEmptyLines: false })` gives them. `mogul report`
 * parses them (load-folder.ts), `mogul import` cuts its /sync bodies where they end (csv-batches.ts).
 *
 * Where a piece is cut is left to Papa itself: its ParserHandle, given `ignoreLastRow`, parses
 * the complete rows and reports where the unfinished one starts (the continuation its own file
 * streamer uses). A quote-parity scan (csv-batches.ts's cut before issue 13) would be enough for
 * well-formed files, but a stray quote in the middle of a cell (literal to Papa, an opening
 * quote to a parity scan) would then cut a piece where the whole-file parse does not.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import Papa from 'papaparse';
import { UnusableInputError } from './unusable-input.ts';

/** Bytes read from the file at a time. */
export const CHUNK_BYTES = 4 * 1024 * 1024;
/**
 * A row longer than this is a quoted cell never closed, not data: each read would otherwise
 * parse the whole growing rest of the file again (quadratic), then pass the string limit.
 */
export const MAX_ROW_CHARS = 64 * 1024 * 1024;
/** Papa guesses the line break from the first 1,048,576 characters of its input. */
const GUESS_CHARS = 1024 * 1024;

export interface CsvReadOptions {
  chunkBytes?: number;
  /** Longest row accepted (MAX_ROW_CHARS; smaller in tests). */
  maxRowChars?: number;
  /** Sees every string handed to the parser and its character offset in the file's text. */
  onPiece?: (piece: string, base: number) => void;
  /**
   * When given, a row of a piece with no quote character comes here instead of to `onRow`, as
   * where it lies in the piece: its cells are `text.slice(start, end).split(format.delimiter)`,
   * exactly what Papa gives (it splits such a piece itself), and the reader may parse them in
   * place instead of as strings.
   */
  onLine?: LineHandler;
  /** The line break and delimiter the file is read with, told before any row. */
  onFormat?: (format: CsvFormat) => void;
}

export interface CsvFormat {
  newline: string;
  delimiter: string;
}

/** A row as text[start, end) (its line break excluded); `endOffset` is as RowHandler's `end`. */
export type LineHandler = (text: string, start: number, end: number, endOffset: number) => void;

/** Papa's chunk-aware parser (exported by papaparse, absent from its type declarations). */
interface ParserHandle {
  parse(input: string, baseIndex: number, ignoreLastRow: boolean): { meta: { cursor: number; delimiter: string; linebreak: string } };
}
type ParserHandleClass = new (config: Papa.ParseConfig<string[]>) => ParserHandle;
const ParserHandle = (Papa as unknown as { ParserHandle: ParserHandleClass }).ParserHandle;

/** The file's text, `chunkBytes` bytes at a time; a character split between reads is joined, a leading BOM dropped. */
export function* textChunks(path: string, chunkBytes = CHUNK_BYTES): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(chunkBytes);
    // Node's own decoder (not TextDecoder): it gives the strings readFileSync's 'utf8' gives,
    // one byte per character when the text is ASCII, which Papa scans markedly faster.
    const decoder = new StringDecoder('utf8');
    let first = true;
    for (;;) {
      const n = readSync(fd, buffer, 0, chunkBytes, null);
      let text = n === 0 ? decoder.end() : decoder.write(buffer.subarray(0, n));
      if (first && text !== '') {
        first = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      if (text !== '') yield text;
      if (n === 0) break;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * The line break and delimiter a whole-file parse would guess. Papa reads the line break from
 * the first 1 MB and the delimiter from the first 10 rows, so the same guess is made on the
 * file's first 1 MB (exact unless its first 10 rows are longer than that).
 */
function guessFormat(path: string): CsvFormat {
  let prefix = '';
  for (const chunk of textChunks(path, GUESS_CHARS)) {
    prefix += chunk;
    if (prefix.length >= GUESS_CHARS) break;
  }
  const meta = new ParserHandle({ skipEmptyLines: false, preview: 1 }).parse(prefix.slice(0, GUESS_CHARS), 0, true).meta;
  return { newline: meta.linebreak, delimiter: meta.delimiter };
}

/**
 * Calls `onRow` with each row's cells and where the row ends (after its line break) in the
 * file's text (a character offset), in file order.
 */
export function readCsvRows(path: string, onRow: RowHandler, options: CsvReadOptions = {}): void {
  const pieces = csvPieces(path, onRow, options);
  while (!pieces.next().done);
}

/** A row's cells and the character offset in the file's text just past it (past its line break). */
export type RowHandler = (cells: string[], end: number) => void;

/**
 * The reader itself, one piece at a time: `onPiece` sees a piece and its offset in the file's
 * text, `onRow` each complete row in it, then the generator yields, so a caller can act on
 * what the piece gave before the next is read (csv-batches sends its bodies). Every row lies
 * whole in the piece it is given from. A whole-text parse makes the empty text after a final
 * line break one more (empty) row: it is given too, ending where it starts.
 */
export function* csvPieces(path: string, onRow: RowHandler, options: CsvReadOptions = {}): Generator<void> {
  const format = guessFormat(path);
  options.onFormat?.(format);
  const given = options.onLine;
  const onLine: LineHandler | undefined = given && ((text, start, end, endOffset) => {
    rows++;
    given(text, start, end, endOffset);
  });
  const { newline } = format;
  const handle = new ParserHandle({
    newline: format.newline as Papa.ParseConfig['newline'],
    delimiter: format.delimiter,
    skipEmptyLines: false,
    step: (result) => {
      rows++;
      onRow(result.data, result.meta.cursor);
    },
  });
  let rows = 0;
  const maxRow = options.maxRowChars ?? MAX_ROW_CHARS;
  let carry = '';
  let base = 0;
  let anyText = false;
  for (const chunk of textChunks(path, options.chunkBytes)) {
    anyText = true;
    const piece = carry + chunk;
    options.onPiece?.(piece, base);
    const cursor = onLine && piece.indexOf('"') === -1
      ? base + eachLine(piece, base, newline, onLine, false)
      : handle.parse(piece, base, true).meta.cursor;
    carry = piece.slice(cursor - base);
    base = cursor;
    if (carry.length > maxRow) {
      throw new UnusableInputError(
        `${path}, row ${rows + 1}: the row runs past ${maxRow.toLocaleString('en-US')} characters; is a quoted cell never closed (a " with no closing ")?`,
      );
    }
    yield;
  }
  if (carry !== '') {
    options.onPiece?.(carry, base);
    if (onLine && carry.indexOf('"') === -1) eachLine(carry, base, newline, onLine, true);
    else handle.parse(carry, base, false);
    yield;
  } else if (anyText) {
    onRow([''], base);
    yield;
  }
}

/**
 * The rows of a piece with no quote character, as Papa's own fast path cuts them (split at
 * each line break); the unfinished last row is left unless `last`. Returns where it starts.
 */
function eachLine(piece: string, base: number, newline: string, onLine: LineHandler, last: boolean): number {
  let start = 0;
  for (;;) {
    const at = piece.indexOf(newline, start);
    if (at === -1) break;
    onLine(piece, start, at, base + at + newline.length);
    start = at + newline.length;
  }
  if (!last) return start;
  onLine(piece, start, piece.length, base + piece.length);
  return piece.length;
}
