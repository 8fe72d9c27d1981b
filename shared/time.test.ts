import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays, addMonths, addYears, DAY_MS, daysInMonth, endOfDay, formatDate, formatInstant, formatWhen, isLeapYear,
  isoWeekday, parseDateOnly, parseInstant, startOfDay, utcDay, ymd,
} from './time.ts';

const d = (s: string) => parseInstant(s)!;

describe('leap years and month lengths', () => {
  it('follows the Gregorian rules', () => {
    expect([2023, 2024, 1900, 2000, 2100, 2400].map(isLeapYear)).toEqual([false, true, false, true, false, true]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect([1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2023, m))).toEqual([
      31, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
  });
});

describe('addMonths clamps to the month length', () => {
  it.each([
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-01-31', 2, '2024-03-31'],
    ['2024-01-31', 3, '2024-04-30'],
    ['2024-03-31', -1, '2024-02-29'],
    ['2023-03-31', -1, '2023-02-28'],
    ['2024-03-30', -1, '2024-02-29'],
    ['2024-03-29', -1, '2024-02-29'],
    ['2024-03-28', -1, '2024-02-28'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', -12, '2023-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2024-12-31', 2, '2025-02-28'],
    ['2025-01-15', -13, '2023-12-15'],
    ['2024-05-31', -3, '2024-02-29'],
  ])('%s + %i months = %s', (from, months, to) => {
    expect(formatDate(addMonths(d(from), months))).toBe(to);
  });

  it('keeps the time of day', () => {
    expect(formatInstant(addMonths(d('2024-01-31T10:30:15.250Z'), 1))).toBe('2024-02-29T10:30:15.250Z');
    expect(formatInstant(addMonths(d('2024-03-31T23:59:59Z'), -1))).toBe('2024-02-29T23:59:59.000Z');
  });

  it('addYears is 12 months: Feb 29 clamps to Feb 28', () => {
    expect(formatDate(addYears(d('2024-02-29'), 1))).toBe('2025-02-28');
    expect(formatDate(addYears(d('2024-02-29'), -1))).toBe('2023-02-28');
    expect(formatDate(addYears(d('2024-02-29'), 4))).toBe('2028-02-29');
    expect(formatDate(addYears(d('2023-03-01'), 1))).toBe('2024-03-01');
  });

  it('agrees with a naive calendar model on random instants', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) }),
        fc.integer({ min: -60, max: 60 }),
        (t0, months) => {
          const { year, month, day } = ymd(t0);
          const total = year * 12 + (month - 1) + months;
          const y = Math.floor(total / 12);
          const m = total - y * 12 + 1;
          const expected = Date.UTC(y, m - 1, Math.min(day, daysInMonth(y, m))) + (t0 - startOfDay(t0));
          expect(addMonths(t0, months)).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('days and weekdays', () => {
  it('adds days in whole UTC days across leap day', () => {
    expect(formatDate(addDays(d('2024-02-28'), 1))).toBe('2024-02-29');
    expect(formatDate(addDays(d('2024-02-28'), 2))).toBe('2024-03-01');
    expect(formatDate(addDays(d('2024-03-01'), -1))).toBe('2024-02-29');
    expect(addDays(d('2024-01-01'), 366)).toBe(d('2025-01-01'));
  });

  it('start and end of day', () => {
    const x = d('2024-02-29T13:14:15.016Z');
    expect(startOfDay(x)).toBe(d('2024-02-29'));
    expect(endOfDay(x)).toBe(d('2024-03-01') - 1);
    expect(endOfDay(d('2024-02-29'))).toBe(d('2024-02-29') + DAY_MS - 1);
    expect(startOfDay(d('2024-02-29'))).toBe(d('2024-02-29'));
  });

  it('ISO weekday is Monday 1 … Sunday 7', () => {
    expect(isoWeekday(d('2024-01-01'))).toBe(1); // a Monday
    expect(isoWeekday(d('2024-01-07T23:00:00Z'))).toBe(7);
    expect(isoWeekday(d('2024-02-29'))).toBe(4);
  });
});

describe('parsing and formatting', () => {
  it('parses strict dates, rejecting impossible ones', () => {
    expect(parseDateOnly('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(parseDateOnly('2023-02-29')).toBeNull();
    expect(parseDateOnly('2024-13-01')).toBeNull();
    expect(parseDateOnly('2024-04-31')).toBeNull();
    expect(parseDateOnly('2024-4-1')).toBeNull();
    expect(parseDateOnly('20240401xx')).toBeNull();
    expect(parseDateOnly('1900-02-29')).toBeNull();
    expect(parseDateOnly('2000-02-29')).toBe(Date.UTC(2000, 1, 29));
  });

  it('reads years 0001–0099 as themselves (Date.UTC would make them 1901–1999); there is no year 0', () => {
    expect(formatDate(parseDateOnly('0001-01-01')!)).toBe('0001-01-01');
    expect(parseDateOnly('0001-01-01')).toBe(Date.parse('0001-01-01T00:00:00Z'));
    expect(formatDate(parseDateOnly('0099-12-31')!)).toBe('0099-12-31');
    expect(formatDate(parseDateOnly('9999-12-31')!)).toBe('9999-12-31');
    expect(parseDateOnly('0000-01-01')).toBeNull();
    expect(formatDate(addMonths(parseDateOnly('0004-01-31')!, 1))).toBe('0004-02-29');
    expect(formatDate(addMonths(parseDateOnly('0001-03-31')!, -3))).toBe('0000-12-31');
  });

  it('utcDay is the day Date.UTC gives, in every year Date.UTC reads as written', () => {
    fc.assert(fc.property(fc.integer({ min: -400_000, max: 3_000_000 }), (n) => {
      const { year, month, day } = ymd(n * DAY_MS);
      expect(utcDay(year, month, day)).toBe(n * DAY_MS);
      if (year >= 100) expect(utcDay(year, month, day)).toBe(Date.UTC(year, month - 1, day));
    }));
  });

  it('parses instants with zones; no zone means UTC', () => {
    expect(parseInstant('2024-01-01T10:30:00Z')).toBe(Date.UTC(2024, 0, 1, 10, 30));
    expect(parseInstant('2024-01-01T10:30:00')).toBe(Date.UTC(2024, 0, 1, 10, 30));
    expect(parseInstant('2024-01-01 10:30')).toBe(Date.UTC(2024, 0, 1, 10, 30));
    expect(parseInstant('2024-01-01T10:30:00+02:00')).toBe(Date.UTC(2024, 0, 1, 8, 30));
    expect(parseInstant('2024-01-01T01:00:00+0200')).toBe(Date.UTC(2023, 11, 31, 23));
    expect(parseInstant('2024-01-01T10:30:00-05')).toBe(Date.UTC(2024, 0, 1, 15, 30));
    expect(parseInstant('2024-01-01T10:30:00.123456Z')).toBe(Date.UTC(2024, 0, 1, 10, 30, 0, 123));
    expect(parseInstant('2024-01-01T24:00:00Z')).toBeNull();
    expect(parseInstant('2024-02-30T10:00:00Z')).toBeNull();
    expect(parseInstant('yesterday')).toBeNull();
  });

  it('formats dates, instants and "when"', () => {
    const x = d('2024-02-29T10:00:00Z');
    expect(formatDate(x)).toBe('2024-02-29');
    expect(formatInstant(x)).toBe('2024-02-29T10:00:00.000Z');
    expect(formatWhen(x)).toBe('2024-02-29T10:00:00.000Z');
    expect(formatWhen(d('2024-02-29'))).toBe('2024-02-29');
  });

  it('round-trips every instant through formatInstant', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2100, 0, 1) }), (x) => {
        expect(parseInstant(formatInstant(x))).toBe(x);
        expect(parseDateOnly(formatDate(x))).toBe(startOfDay(x));
      }),
      { numRuns: 200 },
    );
  });
});
