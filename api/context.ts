/** What every route needs: the database, today's date, the series-inputs cache and how much to recompute per request. */
import type { Clock } from './clock.ts';
import type { Database } from './db/client.ts';
import type { RecomputeLimits } from './derived/recompute-limits.ts';
import type { SeriesInputsCache } from './derived/series-inputs.ts';
import type { RecomputeQueue } from './jobs/recompute-queue.ts';
import type { JobRunner } from './jobs/runner.ts';

export interface AppContext {
  db: Database;
  today: Clock;
  inputs: SeriesInputsCache;
  /** Default: catch up whatever it takes (the Node server). */
  recompute?: RecomputeLimits;
  /** Where background jobs run (api/jobs/); default: in this process. */
  jobs?: JobRunner;
  /** Where recompute jobs go after a write (api/jobs/recompute-queue.ts); none: reads recompute. */
  queue?: RecomputeQueue;
}
