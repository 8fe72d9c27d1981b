/**
 * Instants as PostgreSQL writes `timestamp with time zone` text, read exactly: years before
 * 100 and before the common era included. (`new Date(text)`, which drizzle's own timestamp
 * column uses, reads year 0001 as 2001 and year 0099 as 1999.)
 */
const TEXT = /^(\d{4,})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(\.\d+)?(?:([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?|Z)?( BC)?$/;

export function parseInstant(text: string): Date {
  const m = TEXT.exec(text);
  if (!m) return new Date(Number.NaN);
  const [, y, mo, d, h, mi, s, frac, sign, oh, om, os, bc] = m;
  const year = bc ? 1 - Number(y) : Number(y);
  const date = new Date(0);
  date.setUTCFullYear(year, Number(mo) - 1, Number(d));
  date.setUTCHours(Number(h), Number(mi), Number(s), frac ? Math.floor(Number(frac) * 1000) : 0);
  const offset = sign ? (sign === '-' ? -1 : 1) * ((Number(oh) * 60 + Number(om ?? 0)) * 60 + Number(os ?? 0)) : 0;
  return new Date(date.getTime() - offset * 1000);
}
