/** Series and cohort tables already built for one data version and query (derived/version-memo.ts). */
import type { Cohort, SeriesEntry } from '../../../shared/index.ts';
import { VersionMemo } from '../../derived/version-memo.ts';
import type { LongSeries } from './series-slice.ts';

export const seriesMemo = new VersionMemo<SeriesEntry[]>(64);
/** Per interval and segment: the series from the first movement's month to today, which most ranges are slices of. */
export const longSeriesMemo = new VersionMemo<LongSeries>(16);
export const cohortsMemo = new VersionMemo<Cohort[]>(16);
