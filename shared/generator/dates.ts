/**
 * Calendar arithmetic on day numbers (days since 1970-01-01, UTC) without Date or a clock.
 * Month indexes are year * 12 + (month - 1).
 */

/** Day number of a civil date (H. Hinnant's days_from_civil). */
export function dayFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** [year, month 1-12, day] of a day number. */
export function civilFromDay(z: number): [number, number, number] {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [era * 400 + yoe + (m <= 2 ? 1 : 0), m, d];
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
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

const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;

const formatted = new Map<number, string>();

/** `YYYY-MM-DD` (memoised: the generator formats the same few thousand days millions of times). */
export function formatDay(z: number): string {
  let s = formatted.get(z);
  if (s === undefined) {
    const [y, m, d] = civilFromDay(z);
    s = `${y}-${pad2(m)}-${pad2(d)}`;
    formatted.set(z, s);
  }
  return s;
}

/** `YYYY-MM-DDTHH:MM:SSZ` for a second of day `z`. */
export function formatDateTime(z: number, secondOfDay: number): string {
  const h = Math.floor(secondOfDay / 3600);
  const mm = Math.floor((secondOfDay % 3600) / 60);
  return `${formatDay(z)}T${pad2(h)}:${pad2(mm)}:${pad2(secondOfDay % 60)}Z`;
}

/** Day number of a `YYYY-MM-DD` string (the date part of a date-time is used). */
export function parseDay(s: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (!match) throw new Error(`not a date: '${s}'`);
  return dayFromCivil(Number(match[1]), Number(match[2]), Number(match[3]));
}
