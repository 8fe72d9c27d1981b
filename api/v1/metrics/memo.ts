/** Series and cohort tables already built for one data version and query (derived/version-memo.ts). */
import type { Cohort, SeriesEntry } from '../../../shared/index.ts';
import { VersionMemo } from '../../derived/version-memo.ts';

export const seriesMemo = new VersionMemo<SeriesEntry[]>(64);
export const cohortsMemo = new VersionMemo<Cohort[]>(16);
