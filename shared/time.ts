/**
 * UTC calendar arithmetic on epoch milliseconds. No Date objects leak out, and nothing here
 * reads the clock: every instant is a parameter.
 */
export const DAY_MS = 86_400_000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in month (1-12) of year. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1];
}

/**
 * 00:00 UTC of a calendar day (month 1–12, day within the month), by Hinnant's
 * days_from_civil: right for every year, where Date.UTC reads years 0–99 as 1900–1999.
 */
export function utcDay(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return (era * 146097 + doe - 719468) * DAY_MS;
}

/** 00:00:00 UTC of the day holding instant t. */
export function startOfDay(t: number): number {
  return Math.floor(t / DAY_MS) * DAY_MS;
}

/** "As of D" means the last millisecond of day D. */
export function endOfDay(t: number): number {
  return startOfDay(t) + DAY_MS - 1;
}

export function addDays(t: number, days: number): number {
  return t + days * DAY_MS;
}

/**
 * Adds calendar months, clamping the day to the target month's length
 * (Jan 31 + 1 month = Feb 28 or 29). The time of day is kept.
 */
export function addMonths(t: number, months: number): number {
  const from = ymd(t);
  const total = from.year * 12 + from.month - 1 + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  const day = Math.min(from.day, daysInMonth(year, month));
  return utcDay(year, month, day) + (t - startOfDay(t));
}

export function addYears(t: number, years: number): number {
  return addMonths(t, years * 12);
}

/** Calendar date of a day number (days since 1970-01-01), by Hinnant's civil_from_days. */
function civil(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** YYYY-MM-DD of the UTC day holding t (years 0–9999). */
export function formatDate(t: number): string {
  const { year, month, day } = civil(Math.floor(t / DAY_MS));
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** Full ISO 8601 instant, always with milliseconds and Z. */
export function formatInstant(t: number): string {
  const ms = t - Math.floor(t / DAY_MS) * DAY_MS;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const sec = Math.floor(ms / 1000) % 60;
  const milli = ms % 1000;
  return `${formatDate(t)}T${pad2(h)}:${pad2(m)}:${pad2(sec)}.${String(milli).padStart(3, '0')}Z`;
}

/** YYYY-MM-DD for midnight instants, the full ISO instant otherwise (for messages). */
export function formatWhen(t: number): string {
  return t % DAY_MS === 0 ? formatDate(t) : formatInstant(t);
}

/** Calendar parts of instant t. */
export function ymd(t: number): { year: number; month: number; day: number } {
  return civil(Math.floor(t / DAY_MS));
}

/** ISO weekday of t: Monday 1 … Sunday 7. */
export function isoWeekday(t: number): number {
  const w = new Date(t).getUTCDay();
  return w === 0 ? 7 : w;
}

/** Parses a strict `YYYY-MM-DD` into 00:00 UTC of that day; null when not a real date. */
export function parseDateOnly(s: string): number | null {
  return s.length === 10 ? dateAt(s, 0) : null;
}

/** The `YYYY-MM-DD` in s[start, start + 10) as a UTC day, or null (what follows is not looked at). */
export function dateAt(s: string, start: number): number | null {
  if (s.charCodeAt(start + 4) !== 45 || s.charCodeAt(start + 7) !== 45) return null;
  const year = digitsAt(s, start, start + 4);
  const month = digitsAt(s, start + 5, start + 7);
  const day = digitsAt(s, start + 8, start + 10);
  // There is no year 0 (1 BC precedes AD 1), and PostgreSQL takes none.
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return utcDay(year, month, day);
}

/** The decimal number s[from, to) spells, or -1 when a character is not a digit. */
export function digitsAt(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Parses `YYYY-MM-DD` or an ISO 8601 date-time (`2024-01-01T10:30:00Z`, `…+02:00`,
 * space instead of T). A date-time with no zone is UTC. Null when not a real instant.
 */
export function parseInstant(s: string): number | null {
  if (s.length === 10) return parseDateOnly(s);
  const m = DATE_TIME.exec(s);
  if (!m) return null;
  const day = parseDateOnly(`${m[1]}-${m[2]}-${m[3]}`);
  if (day === null) return null;
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] ? Number(m[6]) : 0;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const millis = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  let offsetMinutes = 0;
  const zone = m[8];
  if (zone && zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const rest = zone.slice(1).replace(':', '');
    const oh = Number(rest.slice(0, 2));
    const om = rest.length > 2 ? Number(rest.slice(2, 4)) : 0;
    if (oh > 23 || om > 59) return null;
    offsetMinutes = sign * (oh * 60 + om);
  }
  return day + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + millis;
}
