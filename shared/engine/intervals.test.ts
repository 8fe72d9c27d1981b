/** METRICS.md section 6: series intervals. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS, formatDate, isoWeekday } from '../time.ts';
import { bucketIndex, buildBuckets, INTERVALS, intervalFirstDay, intervalLastDay, type Interval } from './intervals.ts';
import { t } from './test-builders.test-util.ts';

const dates = (start: string, end: string, interval: Interval) =>
  buildBuckets(t(start), t(end), interval).map((b) => [formatDate(b.from), formatDate(b.date)]);

describe('buildBuckets', () => {
  it('day: one bucket per day', () => {
    expect(dates('2024-02-28', '2024-03-01', 'day')).toEqual([
      ['2024-02-28', '2024-02-28'],
      ['2024-02-29', '2024-02-29'],
      ['2024-03-01', '2024-03-01'],
    ]);
  });

  it('week: weeks start on Monday, entries dated Sunday, the first from the requested start, the last clipped', () => {
    // 2024-01-03 is a Wednesday
    expect(dates('2024-01-03', '2024-01-24', 'week')).toEqual([
      ['2024-01-03', '2024-01-07'],
      ['2024-01-08', '2024-01-14'],
      ['2024-01-15', '2024-01-21'],
      ['2024-01-22', '2024-01-24'],
    ]);
    // starting on a Sunday gives a one-day first bucket
    expect(dates('2024-01-07', '2024-01-08', 'week')).toEqual([
      ['2024-01-07', '2024-01-07'],
      ['2024-01-08', '2024-01-08'],
    ]);
  });

  it('month: dated at the month’s last day (Feb 29 in leap years), clipped at the end', () => {
    expect(dates('2024-01-15', '2024-04-10', 'month')).toEqual([
      ['2024-01-15', '2024-01-31'],
      ['2024-02-01', '2024-02-29'],
      ['2024-03-01', '2024-03-31'],
      ['2024-04-01', '2024-04-10'],
    ]);
    expect(dates('2023-02-01', '2023-02-28', 'month')).toEqual([['2023-02-01', '2023-02-28']]);
  });

  it('quarter: calendar quarters', () => {
    expect(dates('2024-02-10', '2024-12-31', 'quarter')).toEqual([
      ['2024-02-10', '2024-03-31'],
      ['2024-04-01', '2024-06-30'],
      ['2024-07-01', '2024-09-30'],
      ['2024-10-01', '2024-12-31'],
    ]);
  });

  it('year: calendar years', () => {
    expect(dates('2023-06-01', '2025-02-01', 'year')).toEqual([
      ['2023-06-01', '2023-12-31'],
      ['2024-01-01', '2024-12-31'],
      ['2025-01-01', '2025-02-01'],
    ]);
  });

  it('a single day range gives one bucket; an empty range none', () => {
    for (const interval of INTERVALS) {
      expect(dates('2024-05-05', '2024-05-05', interval)).toEqual([['2024-05-05', '2024-05-05']]);
      expect(buildBuckets(t('2024-05-06'), t('2024-05-05'), interval)).toEqual([]);
    }
  });

  it('buckets tile the range with no gap or overlap (random ranges, every interval)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2020, 0, 1) / DAY_MS, max: Date.UTC(2028, 0, 1) / DAY_MS }),
        fc.integer({ min: 0, max: 900 }),
        fc.constantFrom(...INTERVALS),
        (startDay, len, interval) => {
          const start = startDay * DAY_MS;
          const end = start + len * DAY_MS;
          const buckets = buildBuckets(start, end, interval);
          expect(buckets[0].from).toBe(start);
          expect(buckets.at(-1)!.date).toBe(end);
          buckets.forEach((b, i) => {
            expect(b.end).toBe(b.date + DAY_MS - 1);
            expect(b.date).toBeGreaterThanOrEqual(b.from);
            if (i > 0) expect(b.from).toBe(buckets[i - 1].date + DAY_MS);
            if (i < buckets.length - 1) {
              expect(b.date).toBe(intervalLastDay(b.from, interval));
              if (interval === 'week') expect(isoWeekday(b.date)).toBe(7);
              if (interval !== 'day') expect(intervalLastDay(b.date + DAY_MS, interval)).not.toBe(b.date);
            }
            if (i > 0 && interval === 'week') expect(isoWeekday(b.from)).toBe(1);
            if (i > 0 && interval !== 'day' && interval !== 'week') expect(formatDate(b.from).slice(8)).toBe('01');
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('bucketIndex', () => {
  const buckets = buildBuckets(t('2024-01-15'), t('2024-03-10'), 'month');

  it('finds the bucket holding an instant; -1 before, length after', () => {
    expect(bucketIndex(buckets, t('2024-01-14T23:59:59.999Z'))).toBe(-1);
    expect(bucketIndex(buckets, t('2024-01-15'))).toBe(0);
    expect(bucketIndex(buckets, t('2024-01-31T23:59:59.999Z'))).toBe(0);
    expect(bucketIndex(buckets, t('2024-02-01'))).toBe(1);
    expect(bucketIndex(buckets, t('2024-02-29T12:00:00Z'))).toBe(1);
    expect(bucketIndex(buckets, t('2024-03-10T23:59:59.999Z'))).toBe(2);
    expect(bucketIndex(buckets, t('2024-03-11'))).toBe(3);
    expect(bucketIndex([], t('2024-03-11'))).toBe(-1);
  });

  it('agrees with a linear scan', () => {
    const all = buildBuckets(t('2023-12-27'), t('2024-06-03'), 'week');
    fc.assert(
      fc.property(fc.integer({ min: t('2023-12-01'), max: t('2024-07-01') }), (x) => {
        const linear = x < all[0].from ? -1 : all.findIndex((b) => b.from <= x && x <= b.end);
        expect(bucketIndex(all, x)).toBe(linear === -1 && x >= all[0].from ? all.length : linear);
      }),
      { numRuns: 200 },
    );
  });
});

describe('intervalFirstDay', () => {
  it('is the first day of the interval holding an instant, for every interval', () => {
    const at = t('2024-05-15T18:30:00Z'); // a Wednesday
    const firsts = INTERVALS.map((i) => formatDate(intervalFirstDay(at, i)));
    expect(firsts).toEqual(['2024-05-15', '2024-05-13', '2024-05-01', '2024-04-01', '2024-01-01']);
  });

  it('and intervalLastDay bound the same interval', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), fc.constantFrom(...INTERVALS), (days, interval) => {
        const day = t('1990-01-01') + days * DAY_MS;
        const first = intervalFirstDay(day, interval);
        expect(first).toBeLessThanOrEqual(day);
        expect(intervalLastDay(first, interval)).toBe(intervalLastDay(day, interval));
        expect(intervalLastDay(first - DAY_MS, interval)).toBe(first - DAY_MS);
      }),
    );
  });
});
