import { expect, it } from 'vitest';
import { formatDate, formatInstant, ymd } from './time.ts';
it('matches Date for many instants', () => {
  for (let t = Date.UTC(1900, 0, 1); t < Date.UTC(2200, 0, 1); t += 86_400_000 * 3 + 3_723_456) {
    const iso = new Date(t).toISOString();
    expect(formatInstant(t)).toBe(iso);
    expect(formatDate(t)).toBe(iso.slice(0, 10));
    const d = new Date(t);
    expect(ymd(t)).toEqual({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
  }
});
