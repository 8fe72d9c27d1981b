// getDisplayValues: a small subset of Sheets number formats (en_US locale).
//   dates: yyyy yy mmmm mmm mm m dd d hh h ss (m after h / before s is minutes), AM/PM, "text"
//   numbers: 0, 0.00, #,##0.00, 0%, 0.0%, with literal "text" or [$€] around them; @ is text
import { isDate } from './realm.ts';
import { zonedParts } from './tz.ts';

export const DEFAULT_NUMBER_FORMAT = '0.###############';
export const AUTO_DATETIME_FORMAT = 'M/d/yyyy H:mm:ss';
export const AUTO_DATE_FORMAT = 'M/d/yyyy';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * Why Sheets could not read a number format pattern, or null. What Apps Script answers for a bad
 * pattern is not documented; the fake refuses what cannot be parsed: an empty pattern, an
 * unclosed "literal" or [bracket], more than four ;-sections.
 */
export function numberFormatProblem(format: string): string | null {
  if (format === '') return 'empty';
  const outside = format.replace(/"[^"]*"/g, '').replace(/\\./g, '');
  if (outside.includes('"')) return 'unclosed quote';
  const brackets = outside.replace(/\[[^\]]*\]/g, '');
  if (brackets.includes('[') || brackets.includes(']')) return 'unclosed bracket';
  if (brackets.split(';').length > 4) return 'more than four sections';
  return null;
}

export const isDateFormat = (f: string): boolean => /[ymdhs]/i.test(f.replace(/"[^"]*"|\[[^\]]*\]/g, ''));

/**
 * Shown text of dates already formatted: a sheet holds few distinct days in many cells, and
 * every cell's time-zone conversion made a TextFinder over a large spreadsheet take seconds.
 */
const formatted = new Map<string, Map<number, string>>();
const MAX_FORMATTED = 100_000;

export function formatSheetDate(ms: number, timeZone: string, format: string): string {
  const zoneAndFormat = `${timeZone}\u0000${format}`;
  let byInstant = formatted.get(zoneAndFormat);
  if (!byInstant) formatted.set(zoneAndFormat, (byInstant = new Map()));
  let text = byInstant.get(ms);
  if (text === undefined) {
    if (byInstant.size >= MAX_FORMATTED) byInstant.clear();
    byInstant.set(ms, (text = formatDate(ms, timeZone, format)));
  }
  return text;
}

function formatDate(ms: number, timeZone: string, format: string): string {
  const p = zonedParts(ms, timeZone);
  const tokens = format.match(/"[^"]*"|AM\/PM|y+|m+|d+|h+|s+|[^ymdhsa"]+|./gi) ?? [];
  const ampm = tokens.some((t) => t.toUpperCase() === 'AM/PM');
  return tokens.map((t, i) => {
    const lower = t.toLowerCase();
    const prev = tokens.slice(0, i).reverse().find((x) => /^[ymdhs]/i.test(x))?.[0]?.toLowerCase();
    const next = tokens.slice(i + 1).find((x) => /^[ymdhs]/i.test(x))?.[0]?.toLowerCase();
    if (t.startsWith('"')) return t.slice(1, -1);
    if (t.toUpperCase() === 'AM/PM') return p.hour < 12 ? 'AM' : 'PM';
    switch (lower[0]) {
      case 'y': return lower.length <= 2 ? pad2(p.year % 100) : String(p.year);
      case 'd': return lower.length >= 2 ? pad2(p.day) : String(p.day);
      case 'h': { const h = ampm ? p.hour % 12 || 12 : p.hour; return lower.length >= 2 ? pad2(h) : String(h); }
      case 's': return lower.length >= 2 ? pad2(p.second) : String(p.second);
      case 'm':
        if (lower.length <= 2 && (prev === 'h' || next === 's')) return lower.length === 2 ? pad2(p.minute) : String(p.minute);
        if (lower.length >= 4) return MONTHS[p.month - 1];
        if (lower.length === 3) return MONTHS[p.month - 1].slice(0, 3);
        return lower.length === 2 ? pad2(p.month) : String(p.month);
      default: return t;
    }
  }).join('');
}

function general(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  return String(Number(n.toPrecision(10)));
}

export function formatSheetNumber(n: number, format: string): string {
  if (format === '@') return String(n);
  const m = /^(.*?)([#0,]*0)(\.(0+)?#*)?(%?)(.*)$/.exec(format);
  if (!m || format === DEFAULT_NUMBER_FORMAT || format.toLowerCase() === 'general') return general(n);
  const literal = (s: string): string => s.replace(/"([^"]*)"/g, '$1').replace(/\[\$([^\]-]*)[^\]]*\]/g, '$1');
  const [, before, int, , decimals = '', percent, after] = m;
  const value = percent ? n * 100 : n;
  let digits = Math.abs(value).toFixed(decimals.length);
  if (int.includes(',')) {
    const [i, f] = digits.split('.');
    digits = i.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (f === undefined ? '' : `.${f}`);
  }
  const sign = value < 0 && Number(digits.replace(/,/g, '')) !== 0 ? '-' : '';
  return `${sign}${literal(before)}${digits}${percent}${literal(after)}`;
}

/** The text a cell shows for a stored value. */
export function displayValue(value: unknown, format: string | undefined, timeZone: string): string {
  if (value === undefined || value === null || value === '') return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (isDate(value)) {
    const f = format && isDateFormat(format) ? format : AUTO_DATETIME_FORMAT;
    return formatSheetDate(value.getTime(), timeZone, f);
  }
  if (typeof value === 'number') return formatSheetNumber(value, format ?? DEFAULT_NUMBER_FORMAT);
  return String(value);
}
