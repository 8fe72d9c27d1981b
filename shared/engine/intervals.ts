/**
 * Series buckets (METRICS.md section 6): each entry is dated at its interval's last day,
 * clipped to the requested end; the first interval starts at the requested start.
 */
import { DAY_MS, daysInMonth, isoWeekday, startOfDay, utcDay, ymd } from '../time.ts';

export const INTERVALS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type Interval = (typeof INTERVALS)[number];

export interface Bucket {
  /** First day of the bucket, 00:00 UTC. */
  from: number;
  /** Entry date: last day of the bucket, 00:00 UTC. */
  date: number;
  /** Last millisecond of the entry date. */
  end: number;
}

/** The first day (00:00 UTC) of the interval holding instant t. */
export function intervalFirstDay(t: number, interval: Interval): number {
  const day = startOfDay(t);
  const { year, month } = ymd(day);
  switch (interval) {
    case 'day':
      return day;
    case 'week':
      return day - (isoWeekday(day) - 1) * DAY_MS;
    case 'month':
      return utcDay(year, month, 1);
    case 'quarter':
      return utcDay(year, Math.floor((month - 1) / 3) * 3 + 1, 1);
    case 'year':
      return utcDay(year, 1, 1);
  }
}

/** The last day (00:00 UTC) of the interval holding day d. */
export function intervalLastDay(d: number, interval: Interval): number {
  const { year, month } = ymd(d);
  switch (interval) {
    case 'day':
      return d;
    case 'week':
      return d + (7 - isoWeekday(d)) * DAY_MS;
    case 'month':
      return utcDay(year, month, daysInMonth(year, month));
    case 'quarter': {
      const last = Math.ceil(month / 3) * 3;
      return utcDay(year, last, daysInMonth(year, last));
    }
    case 'year':
      return utcDay(year, 12, 31);
  }
}

/** Buckets from day `start` to day `end` (both 00:00 UTC, inclusive). */
export function buildBuckets(start: number, end: number, interval: Interval): Bucket[] {
  const buckets: Bucket[] = [];
  for (let from = start; from <= end; ) {
    const date = Math.min(intervalLastDay(from, interval), end);
    buckets.push({ from, date, end: date + DAY_MS - 1 });
    from = date + DAY_MS;
  }
  return buckets;
}

/**
 * Index of the bucket holding instant t: -1 before the first bucket, buckets.length after
 * the last.
 */
export function bucketIndex(buckets: readonly Bucket[], t: number): number {
  if (buckets.length === 0 || t < buckets[0].from) return -1;
  let lo = 0;
  let hi = buckets.length - 1;
  if (t > buckets[hi].end) return buckets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (buckets[mid].end >= t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
