/**
 * `mogul report`'s reading of a template CSV row straight from the text it lies in (issue 13):
 * cells are found with indexOf, dates and cents are read from their characters without cutting
 * a string, repeated values (plans, types, currencies, customers) are parsed once per column,
 * and the record is handed to the row parser's `admit` (row checks, unique key). The generic
 * path (cells as strings through `RowParser.parse`) stays the one that words errors: a row the
 * fast path does not take whole — any cell not in its plainest form, a value that does not
 * parse, a failed check, a repeated key, a keyed column — is given to `parse` instead, so
 * records, errors and their row numbers are exactly the generic parser's.
 *
 * Decision (issue 13: stream in customer order, or compact columnar form): compact columnar
 * form, for the three large files (invoices, line items, transactions), built: each record this
 * reader (or the generic parser) makes is written into columns and dropped (record-columns.ts),
 * the reference checks and the engine read records back by position (shared/templates/records.ts),
 * and the report walks one customer at a time, keeping its states and movements in columns
 * (shared/engine/customer-walk.ts, report-columns.ts). The API, the add-on and tests keep arrays
 * of row objects; both forms go through the same checks and engine.
 * Why columnar: streaming in customer order needs the files keyed by customer, but line items
 * and transactions name invoices (and invoices customers), so it means an on-disk sort and join
 * of the three largest files before the engine starts, and the report's series, cohorts and
 * segments need every customer at once anyway. Why it is needed: an object per row does not
 * fit tier L in 2 GB whatever its fields. Measured at tier M (1.9M rows) before: live records
 * 388 MB (a line item ~300 bytes), then the engine's per-row intermediates 256 MB (584k cash
 * events, 680k change points, 250k customer states); tier L ran out of V8's 4 GB heap.
 * In columns a line item is ~35 bytes (cents and quantities in 32 bits, dates as day numbers,
 * plans, types and subscriptions as dictionary codes, invoice references and IDs of one prefix
 * and fixed digits as their numbers; line item and transaction IDs are not kept past their
 * unique-key check). Tier M peak RSS 878 MB -> ~340 MB; tier L completes near 2 GB.
 * Measured: tier M parse+validate 9.1 s -> 6.8 s CPU with this reader; a worker thread
 * parsing line_items.csv beside the main thread was tried and dropped (packing 663k records
 * into columns to cross threads and rebuilding them cost more CPU than it saved).
 */
import {
  cents, dateAt, digitsAt, instant, Interner, Invalid, type BoundColumn, type DatasetSpec, type RowParser,
} from '../../shared/index.ts';

/** A row's record, or undefined when the generic parser must take the row. */
export type FastRow = (text: string, start: number, end: number, row: number) => unknown;

const enum Kind {
  Instant,
  Cents,
  Other,
}

/** Repeated values parsed once: a column stops remembering when it proves mostly unique. */
class ValueMemo {
  private values: Map<string, unknown> | null = new Map();
  private seen = 0;
  private readonly interner = new Interner();

  constructor(private readonly parse: (text: string) => unknown) {}

  /** The parsed value (strings interned and detached from the text they were cut from). */
  get(text: string): unknown {
    if (this.values !== null) {
      const known = this.values.get(text);
      if (known !== undefined) return known;
    }
    let value = this.parse(text);
    if (typeof value === 'string') value = this.interner.intern(value);
    if (this.values !== null && (value === null || typeof value !== 'object')) {
      this.values.set(this.interner.intern(text), value);
      if (++this.seen === 2000 && this.values.size > 1000) this.values = null;
    }
    return value;
  }
}

/**
 * One boxed number per distinct instant of a column while it repeats itself (days of service
 * periods): a record field that may also hold null keeps a pointer to a heap number, so equal
 * instants can share one instead of a 16-byte box each. Stops on mostly unique columns.
 */
class InstantMemo {
  private values: Map<number, number> | null = new Map();
  private seen = 0;

  get(t: number): number {
    if (this.values === null) return t;
    const known = this.values.get(t);
    if (known !== undefined) return known;
    this.values.set(t, t);
    if (++this.seen === 2000 && this.values.size > 1000) this.values = null;
    return t;
  }
}

/** NUL and surrogates: a piece holding any goes through the generic path, which checks each cell. */
const NEEDS_CELL_CHECKS = /[\u0000\ud800-\udfff]/;

/**
 * One string per invoice external ID across a folder's files: invoices.csv's IDs are kept
 * (`fill`), and the invoice references of line_items.csv and transactions.csv take those same
 * strings (`use`) instead of a copy each (issue 13: 1.2M references at tier M, 32 bytes each).
 */
export interface IdPool {
  ids: SharedIds;
  /** The record key whose values join the pool. */
  fill?: string;
  /** The record key whose values are looked up in it. */
  use?: string;
}

/**
 * The strings of an IdPool: while IDs come in increasing order (invoice numbers) a sorted array
 * found by binary search, 8 bytes an ID; the first ID out of order moves them into a Map
 * (issue 13: 5.8M invoice IDs at tier L, a Map of them alone over 150 MB).
 */
export class SharedIds {
  private sorted: string[] | null = [];
  private map: Map<string, string> | null = null;

  get(text: string): string | undefined {
    if (this.map !== null) return this.map.get(text);
    const ids = this.sorted!;
    let low = 0;
    let high = ids.length - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const id = ids[mid];
      if (id === text) return id;
      if (id < text) low = mid + 1;
      else high = mid - 1;
    }
    return undefined;
  }

  set(id: string, _same: string = id): void {
    if (this.map !== null) {
      this.map.set(id, id);
      return;
    }
    const ids = this.sorted!;
    if (ids.length === 0 || ids[ids.length - 1] < id) {
      ids.push(id);
      return;
    }
    if (this.get(id) !== undefined) return;
    this.map = new Map(ids.map((x) => [x, x]));
    this.map.set(id, id);
    this.sorted = null;
  }
}

/**
 * The fast reader for a parser's header, or null when it has none (keyed columns, an unusable
 * header). `delimiter` is the file's.
 */
export function fastRowReader(
  parser: RowParser<unknown>, spec: DatasetSpec<never>, delimiter: string, pool?: IdPool,
): FastRow | null {
  if (!parser.usable || parser.hasKeyedColumns || delimiter.length !== 1) return null;
  const columns: readonly BoundColumn[] = parser.columns;
  for (let i = 1; i < columns.length; i++) if (columns[i].index <= columns[i - 1].index) return null;
  const kinds = columns.map((c) => (c.parse === instant ? Kind.Instant : c.parse === cents ? Kind.Cents : Kind.Other));
  const memos = columns.map((c) => new ValueMemo(c.parse));
  const instantMemos = columns.map(() => new InstantMemo());
  const fills = columns.map((c) => pool !== undefined && c.key === pool.fill);
  const uses = columns.map((c) => pool !== undefined && c.key === pool.use);
  const ids = pool?.ids;
  const keys = columns.map((c) => c.key);
  const required = columns.map((c) => c.required);
  const indexes = columns.map((c) => c.index);
  const blank = spec.blank as (row: number) => Record<string, unknown>;
  let checkedPiece = '';
  let pieceClean = false;

  return (text, start, end, row) => {
    if (text !== checkedPiece) {
      checkedPiece = text;
      pieceClean = !NEEDS_CELL_CHECKS.test(text);
    }
    if (!pieceClean) return undefined;
    const record = blank(row);
    let any = false;
    let cellStart = start;
    let cellIndex = 0;
    for (let i = 0; i < columns.length; i++) {
      const index = indexes[i];
      while (cellIndex < index && cellStart <= end) {
        const at = text.indexOf(delimiter, cellStart);
        cellStart = at === -1 || at >= end ? end + 1 : at + 1;
        cellIndex++;
      }
      let cellEnd: number;
      if (cellStart > end) {
        cellEnd = cellStart; // past the row's last cell: empty
      } else {
        const at = text.indexOf(delimiter, cellStart);
        cellEnd = at === -1 || at >= end ? end : at;
      }
      if (cellEnd === cellStart) {
        if (required[i]) return undefined;
        continue;
      }
      const first = text.charCodeAt(cellStart);
      const last = text.charCodeAt(cellEnd - 1);
      if (first <= 32 || last <= 32 || first > 126 || last > 126) return undefined; // maybe to trim
      let value: unknown;
      const kind = kinds[i];
      if (kind === Kind.Instant) {
        const t = instantAt(text, cellStart, cellEnd);
        value = t === undefined ? t : instantMemos[i].get(t);
      }
      else if (kind === Kind.Cents) value = centsAt(text, cellStart, cellEnd);
      else if (uses[i]) {
        const cell = text.slice(cellStart, cellEnd);
        value = ids!.get(cell) ?? memos[i].get(cell);
      } else value = memos[i].get(text.slice(cellStart, cellEnd));
      if (value === undefined || value instanceof Invalid) return undefined;
      if (fills[i] && typeof value === 'string') ids!.set(value, value);
      any = true;
      record[keys[i]] = value;
    }
    if (!any) return undefined;
    return parser.admit(record, row);
  };
}

/**
 * `instant` of text[start, end) for `YYYY-MM-DD` and `YYYY-MM-DDTHH:MM:SSZ`; any other form is
 * left to `instant` itself. Undefined when not an instant.
 */
function instantAt(text: string, start: number, end: number): number | undefined {
  const length = end - start;
  if (length !== 10 && length !== 20) {
    const t = instant(text.slice(start, end));
    return t instanceof Invalid ? undefined : t;
  }
  const date = dateAt(text, start);
  if (date === null) return undefined;
  if (length === 10) return date;
  const t = text.charCodeAt(start + 10);
  const z = text.charCodeAt(start + 19);
  if ((t !== 84 && t !== 32) || text.charCodeAt(start + 13) !== 58 || text.charCodeAt(start + 16) !== 58 || (z !== 90 && z !== 122)) {
    const v = instant(text.slice(start, end));
    return v instanceof Invalid ? undefined : v;
  }
  const hour = digitsAt(text, start + 11, start + 13);
  const minute = digitsAt(text, start + 14, start + 16);
  const second = digitsAt(text, start + 17, start + 19);
  if (hour < 0 || minute < 0 || second < 0 || hour > 23 || minute > 59 || second > 59) return undefined;
  return date + ((hour * 60 + minute) * 60 + second) * 1000;
}

/** `cents` of text[start, end): an optional sign and 1 to 15 digits. Undefined otherwise. */
function centsAt(text: string, start: number, end: number): number | undefined {
  let i = start;
  const sign = text.charCodeAt(i);
  if (sign === 43 || sign === 45) i++;
  const digits = end - i;
  if (digits < 1 || digits > 15) return undefined;
  const n = digitsAt(text, i, end);
  if (n < 0) return undefined;
  return (sign === 45 ? -n : n) + 0;
}
