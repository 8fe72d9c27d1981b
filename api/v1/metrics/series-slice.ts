/**
 * A metrics query's series as a slice of one longer series of the same interval, when each of
 * its entries is one of that series' entries. An entry depends on its own bucket only (running
 * figures start from everything before the bucket, whatever the range's start), so a query
 * whose first bucket starts where one of the longer series' buckets starts, and whose last
 * ends where one of them ends (or at today, where both are clipped), has exactly those
 * entries: one series build per data version and interval answers every such range, where
 * each range took a pass over every customer's states before.
 */
import { buildBuckets, type Interval, type SeriesEntry } from '../../../shared/index.ts';

export interface LongSeries {
  start: number;
  end: number;
  interval: Interval;
  entries: readonly SeriesEntry[];
  /** Each bucket's first day, in entry order. */
  froms: readonly number[];
  /** Each bucket's entry day (its last, clipped to `end`). */
  dates: readonly number[];
}

export function longSeries(start: number, end: number, interval: Interval, entries: readonly SeriesEntry[]): LongSeries {
  const buckets = buildBuckets(start, end, interval);
  return { start, end, interval, entries, froms: buckets.map((b) => b.from), dates: buckets.map((b) => b.date) };
}

/** The entries of the series from `start` to `end` (days), or null when its buckets are not all the long series'. */
export function sliceOf(long: LongSeries, start: number, end: number): SeriesEntry[] | null {
  if (start < long.start || end > long.end || start > end) return null;
  const first = binarySearch(long.froms, start);
  const last = binarySearch(long.dates, end);
  if (first < 0 || last < first) return null;
  return long.entries.slice(first, last + 1);
}

function binarySearch(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] === value) return mid;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
