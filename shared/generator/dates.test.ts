import { describe, expect, it } from 'vitest';
import { civilFromDay, dayFromCivil, dayInMonth, formatDateTime, formatDay, monthOfDay, parseDay } from './dates.ts';

describe('generator dates', () => {
  it('agrees with Date.UTC on every day from 1999 to 2031', () => {
    const bad: string[] = [];
    for (let ms = Date.UTC(1999, 0, 1); ms < Date.UTC(2032, 0, 1); ms += 86_400_000) {
      const iso = new Date(ms).toISOString().slice(0, 10);
      const day = ms / 86_400_000;
      const [y, m, d] = civilFromDay(day);
      if (formatDay(day) !== iso || dayFromCivil(y, m, d) !== day || parseDay(iso) !== day) bad.push(iso);
    }
    expect(bad).toEqual([]);
  });

  it('clamps the day when adding months', () => {
    const jan31 = parseDay('2024-01-31');
    const mi = monthOfDay(jan31);
    expect(formatDay(dayInMonth(mi + 1, 31))).toBe('2024-02-29');
    expect(formatDay(dayInMonth(mi + 13, 31))).toBe('2025-02-28');
    expect(formatDay(dayInMonth(mi + 3, 31))).toBe('2024-04-30');
    expect(formatDateTime(jan31, 3_723)).toBe('2024-01-31T01:02:03Z');
  });
});
