/**
 * Cell parsers for template values (DATA.md "Values"). Each takes the trimmed, non-empty
 * text of a cell and returns the parsed value or an Invalid saying what was expected;
 * the table parser turns that into "<Column> <expected>; got '<value>'".
 */
import { parseDecimal, type Decimal } from '../money.ts';
import { parseInstant } from '../time.ts';

export class Invalid {
  constructor(readonly expected: string) {}
}

export type CellParser<T> = (text: string) => T | Invalid;

/** What a cell may hold: CSV text, JSON values from /sync, sheet values (dates pre-formatted). */
export type Cell = string | number | boolean | null | undefined;

/** The trimmed text of a cell; '' for empty. */
export function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell.trim();
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  return String(cell).trim();
}

export function text(max: number): CellParser<string> {
  const expected = `must be at most ${max} characters`;
  return (s) => (s.length <= max ? s : new Invalid(expected));
}

export const externalId = text(255);

const DATE_EXPECTED = 'must be a date (YYYY-MM-DD) or an ISO 8601 date-time';

/** A date or date-time → epoch ms (UTC). */
export const instant: CellParser<number> = (s) => {
  const t = parseInstant(s);
  return t === null ? new Invalid(DATE_EXPECTED) : t;
};

const INTEGER = /^[+-]?\d{1,15}$/;

/** Integer cents: digits only, no decimal point. */
export const cents: CellParser<number> = (s) =>
  INTEGER.test(s) ? Number(s) + 0 : new Invalid('must be a whole number of cents (no decimal point)');

const UNITS = /^([+-]?)(\d{1,13})(?:\.(\d{1,2}))?$/;

/** An `Amount` column in currency units with at most two decimals → cents. */
export const unitsAsCents: CellParser<number> = (s) => {
  const m = UNITS.exec(s);
  if (!m) return new Invalid('must be an amount in currency units with at most two decimals');
  const value = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return (m[1] === '-' ? -value : value) + 0;
};

/** Counts (quantity, event order, interval count) are stored as 32-bit integers. */
const INT32 = 2_147_483_647;

export const integer: CellParser<number> = (s) => {
  if (!INTEGER.test(s)) return new Invalid('must be a whole number');
  const n = Number(s) + 0;
  return Math.abs(n) <= INT32 ? n : new Invalid(`must be a whole number from -${INT32} to ${INT32}`);
};

export const positiveInteger: CellParser<number> = (s) => {
  const n = integer(s);
  if (n instanceof Invalid) return /from/.test(n.expected) ? n : new Invalid('must be a whole number of 1 or more');
  return n >= 1 ? n : new Invalid('must be a whole number of 1 or more');
};

export const nonZeroInteger: CellParser<number> = (s) => {
  const n = integer(s);
  if (n instanceof Invalid) return /from/.test(n.expected) ? n : new Invalid('must be a non-zero whole number');
  return n !== 0 ? n : new Invalid('must be a non-zero whole number');
};

const TRUE_WORDS = new Set(['true', '1']);
const FALSE_WORDS = new Set(['false', '0']);

export const boolean: CellParser<boolean> = (s) => {
  const l = s.toLowerCase();
  if (TRUE_WORDS.has(l)) return true;
  if (FALSE_WORDS.has(l)) return false;
  return new Invalid('must be TRUE or FALSE (or 1 / 0)');
};

const CURRENCY = /^[A-Z]{3}$/;

export const currency: CellParser<string> = (s) =>
  CURRENCY.test(s) ? s : new Invalid('must be a three-letter upper-case ISO 4217 code such as USD');

export const positiveDecimal: CellParser<Decimal> = (s) => {
  const d = parseDecimal(s);
  return d && d.num > 0 ? d : new Invalid('must be a positive decimal number such as 1.0825');
};

/** One accepted value of an enumerated column. */
export interface EnumOption<V extends string> {
  value: V;
  /** The canonical spelling written back to sheets. */
  display: string;
  /** Other accepted spellings (matching is case-insensitive). */
  aliases?: readonly string[];
}

export interface EnumParser<V extends string> extends CellParser<V> {
  options: readonly EnumOption<V>[];
  display(value: V): string;
}

export function oneOf<V extends string>(options: readonly EnumOption<V>[]): EnumParser<V> {
  const lookup = new Map<string, V>();
  for (const o of options) {
    lookup.set(o.value.toLowerCase(), o.value);
    lookup.set(o.display.toLowerCase(), o.value);
    for (const a of o.aliases ?? []) lookup.set(a.toLowerCase(), o.value);
  }
  const names = options.map((o) => o.display);
  const expected = `must be ${
    names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : names[0]
  }`;
  const parse = ((s: string) => lookup.get(s.toLowerCase()) ?? new Invalid(expected)) as EnumParser<V>;
  parse.options = options;
  parse.display = (value) => options.find((o) => o.value === value)?.display ?? value;
  return parse;
}
