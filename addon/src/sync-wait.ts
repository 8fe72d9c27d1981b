/**
 * A Mogul server recomputing figures after an import answers reads with 503 and Retry-After.
 * The sync then waits as told (Utilities.sleep, counted against the execution's time budget)
 * and asks again; when the wait does not fit the budget, the next continueSync goes on.
 */
import { NotReadyError } from './api.ts';
import type { Budget } from './sync-budget.ts';

/** The server is still computing and this execution's budget is spent: go on in the next call. */
export class StillComputing extends Error {}

/** Sleeps in steps, so a long Retry-After ends with the budget rather than past it. */
const SLEEP_STEP_MS = 10_000;
/** Retry-After: 0 must not turn into a busy loop. */
const MIN_WAIT_MS = 1_000;

/** True when the whole wait went by with room left for the next request. */
function sleepWithin(budget: Budget, ms: number): boolean {
  for (let left = ms; left > 0; left -= SLEEP_STEP_MS) {
    if (!budget.fits()) return false;
    Utilities.sleep(Math.min(SLEEP_STEP_MS, left));
  }
  return budget.fits();
}

/** Runs `request` (timed by the budget) until the server is ready; `waiting` gets its progress. */
export function whenReady<T>(budget: Budget, request: () => T, waiting: (progress: string) => void): T {
  for (;;) {
    try {
      return budget.timed(request);
    } catch (e) {
      if (!(e instanceof NotReadyError)) throw e;
      waiting(e.message);
      if (!sleepWithin(budget, Math.max(MIN_WAIT_MS, e.retryAfterMs))) throw new StillComputing(e.message);
    }
  }
}
