/**
 * `mogul report`'s invoices, line items and transactions in columns (issue 13, the Decision in
 * csv-fast-rows.ts): each parsed record is written into typed arrays and dropped, and a record
 * is made again only when the reference checks or the engine read it (shared/templates/records.ts).
 * A column takes the form of its first value that is not the blank record's default: numbers
 * in 32 bits while they are whole (cents, quantities) or midnights (dates, as day numbers), else
 * in a Float64Array (null as NaN), booleans in bytes, strings as dictionary codes (bytes, then
 * 16 or 32 bits as the dictionary grows) until they prove mostly unique (IDs), then as the
 * numbers of IDs of one prefix and fixed digits (`inv_0000001`, made into strings again when
 * read), or failing that as an array of the strings themselves. A column that never leaves its default holds nothing.
 */
import type { RecordColumns } from '../../shared/templates/records.ts';
import { NumberedIds } from '../../shared/templates/numbered-ids.ts';

const enum Kind {
  Default,
  /** Float64Array, null as NaN. */
  Number,
  /** Whole numbers of 32 bits (cents, quantities), null as NO_INT. */
  Int,
  /** Midnights (dates without a time) as day numbers of 32 bits, null as NO_INT. */
  Day,
  Boolean,
  Code,
  /** IDs of one prefix and a fixed count of digits (`inv_0000001`): their numbers, null as NO_INT. */
  Numbered,
  Values,
}

const NO_INT = -2147483648;
const DAY_MS = 86_400_000;

function fitsInt(n: number): boolean {
  return (n | 0) === n && n !== NO_INT && !Object.is(n, -0);
}

function fitsDay(n: number): boolean {
  return n % DAY_MS === 0 && fitsInt(n / DAY_MS) && !Object.is(n, -0);
}

type Codes = Uint8Array | Uint16Array | Int32Array;

class Column {
  kind = Kind.Default;
  numbers = new Float64Array(0);
  ints = new Int32Array(0);
  flags = new Uint8Array(0);
  codes: Codes = new Uint8Array(0);
  private ids: NumberedIds | null = null;
  dict: unknown[] = [];
  private index: Map<unknown, number> | null = null;
  values: unknown[] = [];

  constructor(readonly key: string, readonly fallback: unknown) {}

  /** Stores `value` at `i`; rows before `i` not stored hold the default. */
  set(i: number, value: unknown, capacity: number): void {
    switch (this.kind) {
      case Kind.Default:
        if (Object.is(value, this.fallback)) return;
        this.start(i, value, capacity);
        this.set(i, value, capacity);
        return;
      case Kind.Number:
        if (typeof value === 'number') this.numbers[i] = value;
        else if (value === null) this.numbers[i] = NaN;
        else this.toValues(i, value);
        return;
      case Kind.Int:
        if (value === null) this.ints[i] = NO_INT;
        else if (typeof value === 'number' && fitsInt(value)) this.ints[i] = value;
        else this.toNumbers(i, value, capacity);
        return;
      case Kind.Day:
        if (value === null) this.ints[i] = NO_INT;
        else if (typeof value === 'number' && fitsDay(value)) this.ints[i] = value / DAY_MS;
        else this.toNumbers(i, value, capacity);
        return;
      case Kind.Boolean:
        if (typeof value === 'boolean') this.flags[i] = value ? 1 : 0;
        else if (value === null) this.flags[i] = 2;
        else this.toValues(i, value);
        return;
      case Kind.Code: {
        if (value !== null && typeof value !== 'string') {
          this.toValues(i, value);
          return;
        }
        let code = this.index!.get(value);
        if (code === undefined) {
          code = this.dict.length;
          if (code >= 4096 && code * 2 > i) {
            this.toIds(i, value, capacity); // mostly unique: an ID
            return;
          }
          this.dict.push(value);
          this.index!.set(value, code);
          if (code === 255 || code === 65535) this.widen(capacity);
        }
        this.codes[i] = code;
        return;
      }
      case Kind.Numbered: {
        const n = value === null ? NO_INT : this.numberOf(value);
        if (n === -1) this.toValues(i, value);
        else this.ints[i] = n;
        return;
      }
      case Kind.Values:
        this.values[i] = value;
    }
  }

  /** An ID's number when it follows the column's pattern (at most 9 digits: 32 bits); else -1. */
  private numberOf(value: unknown): number {
    return this.ids === null ? -1 : this.ids.numberOf(value);
  }

  /** From codes to numbered IDs when every row's value so far is one (or null), else to plain values. */
  private toIds(i: number, value: unknown, capacity: number): void {
    if (typeof value === 'string') {
      this.ids = NumberedIds.of(value, 9);
      if (this.ids !== null) {
        const ints = new Int32Array(capacity);
        let all = true;
        for (let k = 0; k < i && all; k++) {
          const v = this.dict[this.codes[k]];
          const n = v === null ? NO_INT : this.numberOf(v);
          if (n === -1) all = false;
          else ints[k] = n;
        }
        if (all) {
          ints[i] = this.numberOf(value);
          this.kind = Kind.Numbered;
          this.ints = ints;
          this.codes = new Uint8Array(0);
          this.dict = [];
          this.index = null;
          return;
        }
      }
    }
    this.toValues(i, value);
  }

  private lastNumber = -1;
  private lastId = '';

  /**
   * The ID of number n. The last one is kept: the engine reads one invoice (and customer) for
   * each of its lines in turn, and a string made once is also hashed once as a Map key.
   */
  idOf(n: number): string {
    if (n === this.lastNumber) return this.lastId;
    this.lastNumber = n;
    return (this.lastId = this.ids!.idOf(n));
  }

  get(i: number): unknown {
    switch (this.kind) {
      case Kind.Number: {
        const n = this.numbers[i];
        return n !== n ? null : n;
      }
      case Kind.Int: {
        const n = this.ints[i];
        return n === NO_INT ? null : n;
      }
      case Kind.Day: {
        const n = this.ints[i];
        return n === NO_INT ? null : n * DAY_MS;
      }
      case Kind.Boolean: {
        const f = this.flags[i];
        return f === 2 ? null : f === 1;
      }
      case Kind.Code:
        return this.dict[this.codes[i]];
      case Kind.Numbered: {
        const n = this.ints[i];
        return n === NO_INT ? null : this.idOf(n);
      }
      case Kind.Values:
        return this.values[i];
      default:
        return this.fallback;
    }
  }

  grow(capacity: number, length: number): void {
    if (this.kind === Kind.Number) this.numbers = copied(this.numbers, new Float64Array(capacity), length);
    else if (this.kind === Kind.Int || this.kind === Kind.Day || this.kind === Kind.Numbered) {
      this.ints = copied(this.ints, new Int32Array(capacity), length);
    }
    else if (this.kind === Kind.Boolean) this.flags = copied(this.flags, new Uint8Array(capacity), length);
    else if (this.kind === Kind.Code) this.codes = copied(this.codes, new (this.codes.constructor as typeof Uint8Array)(capacity), length);
  }

  private start(i: number, value: unknown, capacity: number): void {
    const fallback = this.fallback;
    if (typeof value === 'number' && (fallback === null || typeof fallback === 'number')) {
      if (fitsInt(value) && (fallback === null || fitsInt(fallback as number))) {
        this.kind = Kind.Int;
        this.ints = new Int32Array(capacity).fill(fallback === null ? NO_INT : (fallback as number), 0, i);
      } else if (fitsDay(value) && (fallback === null || fitsDay(fallback as number))) {
        this.kind = Kind.Day;
        this.ints = new Int32Array(capacity).fill(fallback === null ? NO_INT : (fallback as number) / DAY_MS, 0, i);
      } else {
        this.kind = Kind.Number;
        this.numbers = new Float64Array(capacity).fill(fallback === null ? NaN : (fallback as number), 0, i);
      }
    } else if (typeof value === 'boolean' && (this.fallback === null || typeof this.fallback === 'boolean')) {
      this.kind = Kind.Boolean;
      this.flags = new Uint8Array(capacity).fill(this.fallback === null ? 2 : this.fallback ? 1 : 0, 0, i);
    } else if (typeof value === 'string' && (this.fallback === null || typeof this.fallback === 'string')) {
      this.kind = Kind.Code;
      this.dict = [this.fallback];
      this.index = new Map([[this.fallback, 0]]);
      this.codes = new Uint8Array(capacity); // code 0: the default
    } else {
      this.kind = Kind.Values;
      this.values = new Array<unknown>(i).fill(this.fallback);
    }
  }

  private widen(capacity: number): void {
    const wider = this.codes instanceof Uint8Array ? new Uint16Array(capacity) : new Int32Array(capacity);
    wider.set(this.codes);
    this.codes = wider;
  }

  /** From 32-bit numbers to Float64 (rows up to `i`), then `value` at `i`. */
  private toNumbers(i: number, value: unknown, capacity: number): void {
    if (typeof value !== 'number') {
      this.toValues(i, value);
      return;
    }
    const numbers = new Float64Array(capacity);
    for (let k = 0; k < i; k++) {
      const n = this.get(k);
      numbers[k] = n === null ? NaN : (n as number);
    }
    numbers[i] = value;
    this.kind = Kind.Number;
    this.numbers = numbers;
    this.ints = new Int32Array(0);
  }

  /** From codes or typed values to plain values (rows up to `i`), then `value` at `i`. */
  private toValues(i: number, value: unknown): void {
    const values: unknown[] = [];
    for (let k = 0; k < i; k++) values.push(this.get(k));
    values.push(value);
    this.kind = Kind.Values;
    this.values = values;
    this.numbers = new Float64Array(0);
    this.ints = new Int32Array(0);
    this.flags = new Uint8Array(0);
    this.codes = new Uint8Array(0);
    this.dict = [];
    this.index = null;
  }

  trim(length: number): void {
    if (this.kind === Kind.Number) this.numbers = this.numbers.slice(0, length);
    else if (this.kind === Kind.Int || this.kind === Kind.Day || this.kind === Kind.Numbered) this.ints = this.ints.slice(0, length);
    else if (this.kind === Kind.Boolean) this.flags = this.flags.slice(0, length);
    else if (this.kind === Kind.Code) this.codes = this.codes.slice(0, length);
  }

  /** No more rows come. */
  done(): void {
    this.index = null;
  }
}

function copied<T extends Codes | Float64Array>(from: T, to: T, length: number): T {
  to.set(from.subarray(0, length) as never);
  return to;
}

/** Records written row by row into columns; `drop` names record keys not kept (read back as the blank's). */
export class RecordTable<R extends { row: number }> implements RecordColumns<R> {
  length = 0;
  private capacity = 1024;
  private rows = new Int32Array(this.capacity);
  private readonly keys: string[];
  private readonly defaults: unknown[];
  private readonly columns: Column[];
  private make: ((index: number) => R) | null = null;

  constructor(private readonly blank: (row: number) => R, drop: readonly string[] = []) {
    const template = blank(0) as Record<string, unknown>;
    this.keys = Object.keys(template);
    this.defaults = this.keys.map((key) => template[key]);
    this.columns = this.keys
      .filter((key) => key !== 'row' && !drop.includes(key))
      .map((key) => new Column(key, template[key]));
  }

  push(record: R): void {
    const i = this.length;
    if (i === this.capacity) {
      this.capacity *= 2;
      this.rows = copied(this.rows, new Int32Array(this.capacity), i);
      for (const c of this.columns) c.grow(this.capacity, i);
    }
    this.rows[i] = record.row;
    const fields = record as unknown as Record<string, unknown>;
    const columns = this.columns;
    for (let k = 0; k < columns.length; k++) columns[k].set(i, fields[columns[k].key], this.capacity);
    this.length = i + 1;
    this.make = null;
  }

  /**
   * Room for `rows` rows in all, made once (a reader that knows about how many rows are coming):
   * growing by doubling would leave behind, at tier L, a copy of every column at each size.
   */
  reserve(rows: number): void {
    if (rows <= this.capacity) return;
    this.capacity = rows;
    this.rows = copied(this.rows, new Int32Array(rows), this.length);
    for (const c of this.columns) c.grow(rows, this.length);
  }

  /** Called once every row is in: gives back the room kept for more rows (unless it is little). */
  finish(): this {
    if (this.capacity > this.length * 1.05 + 1024) {
      this.rows = this.rows.slice(0, this.length);
      this.capacity = this.length;
      for (const c of this.columns) c.trim(this.length);
    }
    for (const c of this.columns) c.done();
    this.make = null;
    return this;
  }

  record(index: number): R {
    return (this.make ??= this.compile())(index);
  }

  /** Whether the column of `key` holds its strings themselves (not numbers made into strings when read). */
  keepsStrings(key: string): boolean {
    const c = this.columns.find((x) => x.key === key);
    return c !== undefined && (c.kind === Kind.Code || c.kind === Kind.Values);
  }

  /**
   * The function making record i: one object literal in the blank record's key order, each
   * field read straight from its column. Made with `new Function` so that each field is a plain
   * property of a fixed shape instead of a keyed store per field (3x faster on tier M; the keys
   * and defaults are the spec's own, never the file's).
   */
  private compile(): (index: number) => R {
    const names: string[] = ['rows', 'defaults'];
    const args: unknown[] = [this.rows, this.defaults];
    const fields = this.keys.map((key, k) => {
      const name = JSON.stringify(key);
      if (key === 'row') return `${name}: rows[i]`;
      const c = this.columns.find((x) => x.key === key);
      const a = `a${k}`;
      const d = `d${k}`;
      switch (c?.kind) {
        case Kind.Number:
          names.push(a);
          args.push(c.numbers);
          return `${name}: (x = ${a}[i]) !== x ? null : x`;
        case Kind.Int:
          names.push(a);
          args.push(c.ints);
          return `${name}: (x = ${a}[i]) === ${NO_INT} ? null : x`;
        case Kind.Day:
          names.push(a);
          args.push(c.ints);
          return `${name}: (x = ${a}[i]) === ${NO_INT} ? null : x * ${DAY_MS}`;
        case Kind.Boolean:
          names.push(a);
          args.push(c.flags);
          return `${name}: (x = ${a}[i]) === 2 ? null : x === 1`;
        case Kind.Code:
          names.push(a, d);
          args.push(c.codes, c.dict);
          return `${name}: ${d}[${a}[i]]`;
        case Kind.Numbered:
          names.push(a, d);
          args.push(c.ints, c.idOf.bind(c));
          return `${name}: (x = ${a}[i]) === ${NO_INT} ? null : ${d}(x)`;
        case Kind.Values:
          names.push(a);
          args.push(c.values);
          return `${name}: ${a}[i]`;
        default:
          return `${name}: defaults[${k}]`;
      }
    });
    const body = `return function record(i) { let x; return { ${fields.join(', ')} }; };`;
    return new Function(...names, body)(...args) as (index: number) => R;
  }

  select(indexes: Int32Array): RecordColumns<R> {
    return new RecordSelection(this, indexes);
  }
}

class RecordSelection<R> implements RecordColumns<R> {
  constructor(private readonly table: RecordColumns<R>, private readonly indexes: Int32Array) {}

  get length(): number {
    return this.indexes.length;
  }

  record(index: number): R {
    return this.table.record(this.indexes[index]);
  }

  select(indexes: Int32Array): RecordColumns<R> {
    const own = this.indexes;
    return new RecordSelection(this.table, indexes.map((i) => own[i]));
  }
}
