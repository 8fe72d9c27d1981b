/**
 * Turns a table of cells (CSV rows, sheet values, /sync rows) into typed records of one
 * dataset. Every problem becomes a RowError naming the row and column; good rows are kept.
 */
import type { DatasetName } from './datasets.ts';
import type { BaseRecord, ColumnSpec, DatasetSpec } from './spec.ts';
import { escapeLoneSurrogates, hasLoneSurrogate, LONE_SURROGATE_MESSAGE } from '../unicode.ts';
import { cellText, Invalid, type CellParser } from './values.ts';
import type { Records } from './records.ts';
import { NumberedIds } from './numbered-ids.ts';

export interface RowError {
  dataset: DatasetName | 'settings';
  /** Row as a person sees it: the header is row 1, the first data row is row 2. */
  row: number;
  column: string;
  value: string;
  message: string;
}

export interface TableWarning {
  dataset: DatasetName | 'settings';
  column: string;
  message: string;
}

export interface ParsedTable<R> {
  records: R[];
  errors: RowError[];
  warnings: TableWarning[];
  rejectedKeys: Map<string, number>;
}

/** A parsed table whose records may be kept in columns (`mogul report`'s large files). */
export type ParsedColumns<R> = Omit<ParsedTable<R>, 'records'> & { records: Records<R> };

/** Header matching ignores case and surrounding (or doubled) spaces. */
export function normaliseHeader(header: unknown): string {
  return cellText(header).toLowerCase().replace(/\s+/g, ' ');
}

/** A template column found in the header row: where it is and how its cells are read. */
export interface BoundColumn {
  index: number;
  header: string;
  key: string;
  parse: CellParser<unknown>;
  required: boolean;
  defaultValue: unknown;
}

/**
 * A parser bound to one header row: feed it data rows one at a time (streaming) and read
 * `errors` and `warnings` as you go.
 */
export interface RowParser<R> {
  /** False when the header row lacks a required column: every row is then rejected. */
  readonly usable: boolean;
  readonly errors: RowError[];
  readonly warnings: TableWarning[];
  /** Unique keys of rejected rows → their row, so references to them can say why they fail. */
  readonly rejectedKeys: Map<string, number>;
  /** The record, or null when the row is empty or was rejected (its errors are recorded). */
  parse(cells: readonly unknown[], row: number): R | null;
  /** Call once with the accepted records when every row is parsed: completes them (attribute types). */
  complete(records: R[]): void;
  /** The header's template columns, in header order (a reader may parse their cells itself). */
  readonly columns: readonly BoundColumn[];
  /** Whether the header has keyed columns (`Attribute: …`), which `columns` does not list. */
  readonly hasKeyedColumns: boolean;
  /**
   * A record a reader built itself from a row whose every cell parsed: runs the row checks and
   * the unique key as `parse` does. Undefined when the row would be rejected (nothing recorded):
   * the caller then gives the row to `parse`, which words its errors.
   */
  admit(record: R, row: number): R | undefined;
}

export function createRowParser<R extends BaseRecord>(
  spec: DatasetSpec<R>,
  headers: readonly unknown[],
): RowParser<R> {
  const errors: RowError[] = [];
  const warnings: TableWarning[] = [];
  const dataset = spec.name;
  const byHeader = new Map<string, { column: ColumnSpec<R>; alternative: boolean }>();
  for (const column of spec.columns) {
    byHeader.set(normaliseHeader(column.header), { column, alternative: false });
    if (column.alternative) byHeader.set(normaliseHeader(column.alternative.header), { column, alternative: true });
  }

  const bound = new Map<string, BoundColumn>();
  const keyedColumns = spec.keyedColumns;
  const keyedPattern = keyedColumns ? new RegExp(`^${escapeRegExp(keyedColumns.prefix)}\\s*:\\s*(.*)$`, 'i') : null;
  const keyed: { index: number; header: string; key: string }[] = [];
  headers.forEach((raw, index) => {
    const name = normaliseHeader(raw);
    if (name === '') return;
    const match = byHeader.get(name);
    if (!match) {
      const key = keyedPattern?.exec(cellText(raw).replace(/\s+/g, ' '))?.[1];
      if (key === undefined) {
        warnings.push({ dataset, column: cellText(raw), message: `Unknown column '${cellText(raw)}' was ignored` });
      } else if (key === '' || key === '__proto__') {
        // __proto__ would set an object's prototype instead of a key.
        warnings.push({ dataset, column: cellText(raw), message: `Column '${cellText(raw)}' names no usable key (write ${spec.keyedColumns!.prefix}: <Key>) and was ignored` });
      } else if (keyed.some((k) => k.key.toLowerCase() === key.toLowerCase())) {
        const first = keyed.find((k) => k.key.toLowerCase() === key.toLowerCase())!;
        warnings.push({ dataset, column: cellText(raw), message: `Column '${cellText(raw)}' repeats '${first.header}' and was ignored` });
      } else {
        keyed.push({ index, header: cellText(raw), key });
      }
      return;
    }
    const { column, alternative } = match;
    if (bound.has(column.key)) {
      warnings.push({
        dataset,
        column: cellText(raw),
        message: `Column '${cellText(raw)}' repeats '${bound.get(column.key)!.header}' and was ignored`,
      });
      return;
    }
    bound.set(column.key, {
      index,
      header: alternative ? column.alternative!.header : column.header,
      key: column.key,
      parse: alternative ? column.alternative!.parse : column.parse,
      required: column.required ?? false,
      defaultValue: column.defaultValue ?? null,
    });
  });

  let usable = true;
  for (const column of spec.columns) {
    if (column.required && !bound.has(column.key)) {
      usable = false;
      errors.push({
        dataset, row: 1, column: column.header, value: '',
        message: `Required column '${column.header}' is missing from the header row`,
      });
    }
  }

  const columns = [...bound.values()];
  const positionOf = new Map(columns.map((c, i) => [c.header, i]));
  const seen = new FirstRows();
  const rejectedKeys = new Map<string, number>();
  const unique = spec.uniqueKey;
  const uniquePosition = unique ? positionOf.get(unique.column) : undefined;
  const check = spec.check;

  const interners = columns.map(() => new Interner());

  // The current row's cell texts, reused from row to row; read only to word errors.
  const texts: string[] = new Array(columns.length).fill('');
  let currentRow = 0;
  let checkPassed = true;
  const textOf = (header: string) => {
    const i = positionOf.get(header);
    return i === undefined ? '' : texts[i];
  };
  const issue = (column: string, message: string) => {
    checkPassed = false;
    errors.push({ dataset, row: currentRow, column, value: textOf(column), message });
  };

  function reject(row: number): null {
    if (uniquePosition !== undefined) {
      const key = texts[uniquePosition];
      if (key && !seen.has(key) && !rejectedKeys.has(key)) rejectedKeys.set(key, row);
    }
    return null;
  }

  // The row being parsed: whether it is still accepted, and whether it has any value.
  let rowOk = true;
  let rowEmpty = true;
  /** The cell's text, or null when it cannot be a value at all (the error is recorded). */
  function textOfCell(cell: unknown, header: string, row: number): string | null {
    if (cell !== null && typeof cell === 'object') {
      // JSON rows may carry objects or arrays; a cell holds one value.
      rowOk = false;
      rowEmpty = false;
      errors.push({ dataset, row, column: header, value: JSON.stringify(cell) ?? '', message: `${header} must be a single value, not a list or an object` });
      return null;
    }
    const text = cellText(cell);
    if (text.includes('\u0000')) {
      rowOk = false;
      rowEmpty = false;
      errors.push({ dataset, row, column: header, value: text.replace(/\u0000/g, '\\0'), message: `${header} cannot contain the NUL character` });
      return null;
    }
    if (hasLoneSurrogate(text)) {
      // Stored as UTF-8 it would silently become U+FFFD; refused, it answers the same when sent again.
      rowOk = false;
      rowEmpty = false;
      errors.push({ dataset, row, column: header, value: escapeLoneSurrogates(text), message: `${header} ${LONE_SURROGATE_MESSAGE}` });
      return null;
    }
    return text;
  }

  function parse(cells: readonly unknown[], row: number): R | null {
    if (!usable) return null;
    const record = spec.blank(row) as unknown as Record<string, unknown>;
    rowOk = true;
    rowEmpty = true;
    const errorsBefore = errors.length;
    for (let i = 0; i < columns.length; i++) {
      const c = columns[i];
      const cell = cells[c.index];
      const text = textOfCell(cell, c.header, row);
      if (text === null) {
        texts[i] = cell !== null && typeof cell === 'object' ? JSON.stringify(cell) ?? '' : cellText(cell);
        continue;
      }
      texts[i] = text;
      if (text === '') {
        // The blank record already holds the column's default.
        if (c.required) {
          rowOk = false;
          errors.push({ dataset, row, column: c.header, value: '', message: `${c.header} is required` });
        }
        continue;
      }
      rowEmpty = false;
      let value = c.parse(text);
      if (typeof value === 'string') value = interners[i].intern(value);
      if (value instanceof Invalid) {
        rowOk = false;
        errors.push({ dataset, row, column: c.header, value: text, message: `${c.header} ${value.expected}; got '${text}'` });
      } else {
        record[c.key] = value;
      }
    }
    for (const k of keyed) {
      const text = textOfCell(cells[k.index], k.header, row);
      if (text === null || text === '') continue;
      rowEmpty = false;
      const value = keyedColumns!.parse(text);
      if (value instanceof Invalid) {
        rowOk = false;
        errors.push({ dataset, row, column: k.header, value: text, message: `${k.header} ${value.expected}; got '${text}'` });
      } else {
        keyedColumns!.set(record as unknown as R, k.key, value);
      }
    }
    if (rowEmpty) {
      // A blank row (sheets have many) is not data: drop the errors it raised.
      errors.length = errorsBefore;
      return null;
    }
    if (!rowOk) return reject(row);
    const typed = record as unknown as R;
    if (check) {
      currentRow = row;
      checkPassed = true;
      check(typed, issue);
      if (!checkPassed) return reject(row);
    }
    if (unique) {
      const key = unique.of(typed);
      if (key !== null) {
        const first = seen.firstOrAdd(key, row);
        if (first !== undefined) {
          const what = unique.describe ? unique.describe(typed) : `${unique.column} '${key}'`;
          errors.push({
            dataset, row, column: unique.column, value: textOf(unique.column) || key,
            message: `${what} is already on row ${first}`,
          });
          return null;
        }
      }
    }
    return typed;
  }

  let admitPassed = true;
  const flag = () => {
    admitPassed = false;
  };
  function admit(record: R, row: number): R | undefined {
    if (!usable) return undefined;
    if (check) {
      admitPassed = true;
      check(record, flag);
      if (!admitPassed) return undefined;
    }
    if (unique) {
      const key = unique.of(record);
      if (key !== null) {
        if (seen.firstOrAdd(key, row) !== undefined) return undefined;
      }
    }
    return record;
  }

  const complete = (records: R[]) => spec.complete?.(records);
  return { usable, errors, warnings, rejectedKeys, parse, complete, columns, hasKeyedColumns: keyed.length > 0, admit };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The first row of each unique key seen. Keys usually come in increasing order (IDs numbered
 * as they are issued): while they do, they are kept in sorted arrays and found by binary search,
 * no hashing and no table to grow (issue 13: 1.8M keys at tier M, 19M at tier L). While they are
 * also one prefix and a fixed count of digits (`li_00000001`), only their numbers are kept
 * (8 bytes a key instead of a string of 32 and its slot); the first key that breaks the pattern
 * brings back the strings, and the first that is not past the last moves them all into a Map.
 * `set` is only called for a key not yet seen.
 */
export class FirstRows {
  // Numbered stage: keys of one pattern, increasing; their numbers.
  private pattern: NumberedIds | null = null;
  private numbers: Float64Array | null = new Float64Array(64);
  // Sorted stage: the keys themselves, increasing.
  private keys: string[] | null = null;
  private rows = new Int32Array(64);
  private count = 0;
  private map: Map<string, number> | null = null;

  get(key: string): number | undefined {
    if (this.map !== null) return this.map.get(key);
    let low = 0;
    let high = this.count - 1;
    if (this.numbers !== null) {
      const n = this.numberOf(key);
      if (n < 0) return undefined;
      const numbers = this.numbers;
      while (low <= high) {
        const mid = (low + high) >>> 1;
        const k = numbers[mid];
        if (k === n) return this.rows[mid];
        if (k < n) low = mid + 1;
        else high = mid - 1;
      }
      return undefined;
    }
    const keys = this.keys!;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const k = keys[mid];
      if (k === key) return this.rows[mid];
      if (k < key) low = mid + 1;
      else high = mid - 1;
    }
    return undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** The key's first row when it was seen; otherwise undefined, and `row` becomes its first. */
  firstOrAdd(key: string, row: number): number | undefined {
    if (this.map === null && this.isPastLast(key)) {
      this.append(key, row);
      return undefined;
    }
    const first = this.get(key);
    if (first === undefined) this.set(key, row);
    return first;
  }

  set(key: string, row: number): void {
    if (this.map !== null) {
      this.map.set(key, row);
      return;
    }
    if (this.isPastLast(key)) {
      this.append(key, row);
      return;
    }
    const map = new Map<string, number>();
    for (let i = 0; i < this.count; i++) map.set(this.keyAt(i), this.rows[i]);
    map.set(key, row);
    this.map = map;
    this.numbers = null;
    this.keys = null;
    this.rows = new Int32Array(0);
  }

  /** The key's number in the numbered stage; -1 when it is not of the pattern. */
  private numberOf(key: string): number {
    return this.pattern === null ? -1 : this.pattern.numberOf(key);
  }

  private keyAt(i: number): string {
    return this.numbers !== null ? this.pattern!.idOf(this.numbers[i]) : this.keys![i];
  }

  private isPastLast(key: string): boolean {
    if (this.count === 0) return true;
    if (this.numbers !== null) {
      const n = this.numberOf(key);
      if (n >= 0) return n > this.numbers[this.count - 1];
      return key > this.keyAt(this.count - 1);
    }
    return key > this.keys![this.count - 1];
  }

  private append(key: string, row: number): void {
    if (this.count === 0 && this.numbers !== null) {
      this.pattern = NumberedIds.of(key, 15); // 15 digits: exact in a Float64
      if (this.pattern === null) {
        this.numbers = null;
        this.keys = [];
      }
    }
    if (this.numbers !== null) {
      const n = this.numberOf(key);
      if (n < 0) {
        // Not of the pattern: back to strings from here on.
        const keys: string[] = [];
        for (let i = 0; i < this.count; i++) keys.push(this.keyAt(i));
        this.keys = keys;
        this.numbers = null;
      } else {
        if (this.count === this.numbers.length) this.numbers = grown(this.numbers);
        this.numbers[this.count] = n;
      }
    }
    if (this.keys !== null) this.keys.push(key);
    if (this.count === this.rows.length) this.rows = grown(this.rows);
    this.rows[this.count++] = row;
  }
}

function grown<T extends Float64Array | Int32Array>(values: T): T {
  const wider = new (values.constructor as { new (n: number): T })(values.length * 2);
  wider.set(values);
  return wider;
}

/**
 * Shares one string per distinct value of a column while the column repeats itself (plans,
 * currencies, customers on invoices), and stops trying on columns of unique IDs. Kept
 * strings are also copied out of the text they were cut from, so a parsed file's text can
 * be freed instead of staying alive behind its fields.
 */
export class Interner {
  private values: Map<string, string> | null = new Map();
  private seen = 0;

  intern(text: string): string {
    if (this.values === null) return detach(text);
    const known = this.values.get(text);
    if (known !== undefined) return known;
    const own = detach(text);
    this.values.set(own, own);
    if (++this.seen === 2000 && this.values.size > 1000) this.values = null; // mostly unique
    return own;
  }
}

/**
 * A copy of text that does not point into a larger string. V8 cuts substrings of 13 or more
 * characters as views of their parent; concatenating then slicing makes an independent copy.
 */
function detach(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}

/** Records that need no parsing (stored or generated) in the shape the reference checks take. */
export function parsedTable<R>(records: R[]): ParsedTable<R> {
  return { records, errors: [], warnings: [], rejectedKeys: new Map() };
}

export interface Table {
  headers: readonly unknown[];
  rows: readonly (readonly unknown[])[];
  /** The caller's own row numbers (a sheet's, a /sync request's); default 2, 3, … */
  rowNumbers?: readonly number[];
}

export function parseTable<R extends BaseRecord>(spec: DatasetSpec<R>, table: Table): ParsedTable<R> {
  const parser = createRowParser(spec, table.headers);
  const records: R[] = [];
  for (let i = 0; i < table.rows.length; i++) {
    const record = parser.parse(table.rows[i], table.rowNumbers?.[i] ?? i + 2);
    if (record) records.push(record);
  }
  parser.complete(records);
  return { records, errors: parser.errors, warnings: parser.warnings, rejectedKeys: parser.rejectedKeys };
}
