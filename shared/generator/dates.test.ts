import { describe, expect, it } from 'vitest';
import { civilFromDay, dayFromCivil, dayInMonth, formatDateTime, formatDay, monthOfDay, parseDay } from './dates.ts';

describe('generator dates', () => {
  it('round-trips day numbers, civil dates and strings', () => {
    const day = parseDay('2024-02-29');
    expect(civilFromDay(day)).toEqual([2024, 2, 29]);
    expect(dayFromCivil(2024, 2, 29)).toBe(day);
    expect(formatDay(day)).toBe('2024-02-29');
    expect(parseDay('2024-02-29T23:59:59Z')).toBe(day);
    expect(formatDay(0)).toBe('1970-01-01');
    expect(() => parseDay('2023-02-29')).toThrow();
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
