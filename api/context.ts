/** What every route needs: the database, today's date, and the series-inputs cache. */
import type { Clock } from './clock.ts';
import type { Database } from './db/client.ts';
import type { SeriesInputsCache } from './derived/series-inputs.ts';

export interface AppContext {
  db: Database;
  today: Clock;
  inputs: SeriesInputsCache;
}
