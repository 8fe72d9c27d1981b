// Utilities.parseDate: SimpleDateFormat parsing for numeric fields (y M d H m s S) with literal
// separators and 'quoted text', the wall-clock time read in the given zone.
import { zonedToUtc } from './tz.ts';

const FIELDS = 'yMdHmsS';

/** The instant, or null when the text does not match the pattern. */
export function parseJavaDate(text: string, timeZone: string, pattern: string): number | null {
  const order: string[] = [];
  let regex = '';
  const tokens = pattern.match(/'[^']*'|([A-Za-z])\1*|./g) ?? [];
  for (const t of tokens) {
    if (t.startsWith("'")) regex += escape(t.slice(1, -1));
    else if (/^[A-Za-z]/.test(t)) {
      if (!FIELDS.includes(t[0])) throw new Error(`unsupported pattern letter ${t[0]}`);
      order.push(t[0]);
      regex += t.length > 1 ? `(\\d{${t.length},${Math.max(t.length, 4)}})` : '(\\d{1,4})';
    } else regex += escape(t);
  }
  const m = new RegExp(`^${regex}`).exec(text);
  if (!m) return null;
  const f: Record<string, number> = { y: 1970, M: 1, d: 1, H: 0, m: 0, s: 0, S: 0 };
  order.forEach((letter, i) => (f[letter] = Number(m[i + 1])));
  return zonedToUtc(f.y, f.M, f.d, f.H, f.m, f.s, timeZone) + f.S;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
