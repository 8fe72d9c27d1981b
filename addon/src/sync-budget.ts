/**
 * Time within one execution of a sync. Apps Script ends an execution at 6 minutes whatever it
 * is doing, so a request is only started when it should end inside the budget: the slowest
 * request of this execution so far is the estimate of the next one.
 */

/** Leaves a minute and a half of Apps Script's six for writing the state and answering. */
export const TIME_BUDGET_MS = 4.5 * 60_000;

export interface Budget {
  /** True when one more request (as slow as the slowest so far) ends within the budget. */
  fits(): boolean;
  /** Runs a request and remembers how long it took. */
  timed<T>(request: () => T): T;
}

export function startBudget(limitMs = TIME_BUDGET_MS): Budget {
  const started = Date.now();
  let slowest = 0;
  return {
    fits: () => Date.now() - started + slowest <= limitMs,
    timed: (request) => {
      const t = Date.now();
      try {
        return request();
      } finally {
        slowest = Math.max(slowest, Date.now() - t);
      }
    },
  };
}
