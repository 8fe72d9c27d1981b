// What Sheets stores when a script writes a value (setValue/setValues parse strings like typing):
//  - null/undefined/'' empty; numbers, booleans and Dates keep their type
//  - a string: "'x" is the text x; "=..." a formula; "+..."/"-..." that is not a number a formula too
//    (Sheets reads "- item" as a formula and shows an error); "123", "1,234.5", "12%", "$5" numbers;
//    "TRUE"/"FALSE" booleans; "2024-01-31", "2024-01-31 10:00", "1/31/2024" dates at that wall-clock
//    time in the spreadsheet's time zone; anything else text
//  - with number format "@" (plain text) every string stays text, formulas included
import { isDate } from './realm.ts';
import { zonedToUtc } from './tz.ts';

export const MAX_CELL_CHARS = 50000;

export type CellValue = string | number | boolean | Date;

export interface Parsed {
  value?: CellValue;
  formula?: string;
  /** A format Sheets applies when the cell has none (dates, percentages, currency). */
  autoFormat?: string;
}

const NUMBER = /^([+-]?)(\$?)((?:\d{1,3}(?:,\d{3})+|\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)(%?)$/;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

function parseNumber(text: string): Parsed | null {
  const m = NUMBER.exec(text);
  if (!m || !/\d/.test(m[3])) return null;
  const [, sign, dollar, digits, percent] = m;
  let n = Number(digits.replace(/,/g, ''));
  if (!Number.isFinite(n)) return null;
  if (sign === '-') n = -n;
  if (percent) return { value: n / 100, autoFormat: '0.00%' };
  if (dollar) return { value: n, autoFormat: '"$"#,##0.00' };
  return { value: n };
}

function parseDate(text: string, timeZone: string): Parsed | null {
  let y: number, mo: number, d: number, time: (string | undefined)[];
  let m = ISO_DATE.exec(text);
  let format = 'yyyy-mm-dd';
  if (m) [y, mo, d, time] = [Number(m[1]), Number(m[2]), Number(m[3]), m.slice(4)];
  else if ((m = US_DATE.exec(text))) [mo, d, y, time, format] = [Number(m[1]), Number(m[2]), Number(m[3]), m.slice(4), 'M/d/yyyy'];
  else return null;
  const [h, mi, s] = time.map((t) => Number(t ?? 0));
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  const ms = zonedToUtc(y, mo, d, h, mi, s, timeZone);
  return { value: new Date(ms), autoFormat: time[0] === undefined ? format : `${format} H:mm:ss` };
}

export function parseInput(input: unknown, numberFormat: string | undefined, timeZone: string): Parsed {
  if (input === null || input === undefined || input === '') return {};
  if (typeof input === 'number' || typeof input === 'boolean') return { value: input };
  if (isDate(input)) return { value: new Date(input.getTime()), autoFormat: 'M/d/yyyy H:mm:ss' };
  const text = typeof input === 'string' ? input : String(input);
  if (numberFormat === '@') return { value: text };
  if (text.startsWith("'")) return { value: text.slice(1) };
  if (text.startsWith('=') && text.length > 1) return { formula: text };
  const trimmed = text.trim();
  const number = parseNumber(trimmed);
  if (number) return number;
  if (/^[+-]/.test(trimmed)) return { formula: `=${trimmed}` };
  if (/^(true|false)$/i.test(trimmed)) return { value: trimmed.toLowerCase() === 'true' };
  return parseDate(trimmed, timeZone) ?? { value: text };
}

/** What getValues shows for a formula: simple arithmetic is computed, everything else '#NAME?'. */
export function evaluateFormula(formula: string): CellValue {
  const body = formula.slice(1).trim();
  if (/^[\d\s.+\-*/()]+$/.test(body)) {
    try {
      const n = Function(`"use strict"; return (${body});`)() as unknown;
      if (typeof n === 'number' && Number.isFinite(n)) return n;
    } catch {
      return '#ERROR!';
    }
    return '#DIV/0!';
  }
  return /^[+-]?[A-Za-z_][\w.]*\s*\(/.test(body) || /^[+-]?[A-Za-z_$][\w$]*$/.test(body) ? '#NAME?' : '#ERROR!';
}
