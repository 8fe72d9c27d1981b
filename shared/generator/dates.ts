/**
 * The generator's calendar: whole UTC days as day numbers (days since 1970-01-01), a thin layer
 * over shared/time.ts. Month indexes are year * 12 + (month - 1).
 */
import { DAY_MS, daysInMonth, formatDate, parseDateOnly, ymd } from '../time.ts';

/** Day number of a civil date. */
export function dayFromCivil(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/** [year, month 1-12, day] of a day number. */
export function civilFromDay(z: number): [number, number, number] {
  const { year, month, day } = ymd(z * DAY_MS);
  return [year, month, day];
}

export function monthOfDay(z: number): number {
  const [y, m] = civilFromDay(z);
  return y * 12 + m - 1;
}

/** The day `dom` of month index `mi`, clamped to the month's length (Jan 31 + 1 month = Feb 28). */
export function dayInMonth(mi: number, dom: number): number {
  const y = Math.floor(mi / 12);
  const m = mi - y * 12 + 1;
  return dayFromCivil(y, m, Math.min(dom, daysInMonth(y, m)));
}

export function firstOfMonth(mi: number): number {
  return dayInMonth(mi, 1);
}

const formatted = new Map<number, string>();

/** `YYYY-MM-DD` (memoised: the generator formats the same few thousand days millions of times). */
export function formatDay(z: number): string {
  let s = formatted.get(z);
  if (s === undefined) {
    s = formatDate(z * DAY_MS);
    formatted.set(z, s);
  }
  return s;
}

const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;

/** `YYYY-MM-DDTHH:MM:SSZ` for a second of day `z`. */
export function formatDateTime(z: number, secondOfDay: number): string {
  const h = Math.floor(secondOfDay / 3600);
  const mm = Math.floor((secondOfDay % 3600) / 60);
  return `${formatDay(z)}T${pad2(h)}:${pad2(mm)}:${pad2(secondOfDay % 60)}Z`;
}

/** Day number of a `YYYY-MM-DD` string, or of the date part of an ISO date-time. */
export function parseDay(s: string): number {
  const t = parseDateOnly(s.slice(0, 10));
  if (t === null) throw new Error(`not a date: '${s}'`);
  return t / DAY_MS;
}
