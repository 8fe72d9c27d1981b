/** Series and cohort tables already built for one data version and query (derived/version-memo.ts). */
import { defaultSeriesStart, type Cohort, type SeriesEntry } from '../../../shared/index.ts';
import { seriesOf, type AccountInputs, type SeriesQuery, type SeriesView } from '../../derived/series-inputs.ts';
import { VersionMemo } from '../../derived/version-memo.ts';
import { longSeries, sliceOf, type LongSeries } from './series-slice.ts';

export const seriesMemo = new VersionMemo<SeriesEntry[]>(64);
/** Per interval and segment: the series from the first movement's month to today, which most ranges are slices of. */
export const longSeriesMemo = new VersionMemo<LongSeries>(16);
export const cohortsMemo = new VersionMemo<Cohort[]>(16);

/**
 * seriesOf, remembered for this data version; `viewKey` names the segment's part. A range
 * whose entries are all entries of the series from the first movement's month to today (the
 * default range: series-slice.ts) is a slice of that one series, built once per interval
 * (and shared with /sync/results, whose series is that default range by month).
 */
export function series(inputs: AccountInputs, view: SeriesView, q: SeriesQuery, viewKey: string, today: number): SeriesEntry[] {
  const start = defaultSeriesStart(view.movements, today);
  if (q.end <= today && start <= today) {
    const long = longSeriesMemo.get(inputs, `${today} ${q.interval} ${viewKey}`, () =>
      longSeries(start, today, q.interval, seriesOf(view, { start, end: today, interval: q.interval })));
    const slice = sliceOf(long, q.start, q.end);
    if (slice) return slice;
  }
  return seriesMemo.get(inputs, `${today} ${q.start} ${q.end} ${q.interval} ${viewKey}`, () => seriesOf(view, q));
}
