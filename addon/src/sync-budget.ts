/**
 * Time within one execution of a sync. Apps Script ends an execution at 6 minutes whatever it
 * is doing, so a step is only started when it should end inside the budget: the elapsed time
 * since the execution started, plus the next step's estimate from the slowest step of its kind
 * so far (per request, or per cell for reading a tab, marking its cells and writing a result
 * tab). The rates carry over to the next execution in the sync state.
 */

/** Leaves a minute and a half of Apps Script's six for writing the state and answering. */
export const TIME_BUDGET_MS = 4.5 * 60_000;
/** A step longer than the whole budget may start this early in an execution (it has ~5.75 minutes). */
const FRESH_MS = 15_000;

import type { StepRates } from '../../shared/index.ts';

export type { StepRates };
export type StepKind = keyof StepRates;

export interface Budget {
  /**
   * True when a step of this kind and size (default: one request) should end within the budget;
   * with a second kind and size, when both steps, one after the other, should.
   */
  fits(kind?: StepKind, size?: number, thenKind?: StepKind, thenSize?: number): boolean;
  /** Runs a request and remembers how long it took. */
  timed<T>(request: () => T): T;
  /** Runs a step of `size` units (cells) and remembers how long each unit took. */
  step<T>(kind: StepKind, size: number, work: () => T): T;
  /** The rates so far, this execution's and those it started with. */
  rates(): StepRates;
}

/**
 * `startedAt`: when the execution started (the entry point's first line); `rates`: those earlier
 * executions of the sync measured, updated in place (so the sync state that holds them saves them).
 */
export function startBudget(startedAt = Date.now(), rates: StepRates = {}, limitMs = TIME_BUDGET_MS): Budget {
  const elapsed = () => Date.now() - startedAt;
  // A kind never measured is guessed at half the budget (it starts only in an execution's first
  // half), or for cells at the speed of reading them when that is slower: writing a cell costs at
  // least about as much as reading one, and a big first write must not start late.
  const estimate = (kind: StepKind, size: number) => {
    if (rates[kind] !== undefined) return rates[kind]! * size;
    return kind === 'request' ? limitMs / 2 : Math.max(limitMs / 2, (rates.read ?? 0) * size);
  };
  const step = <T>(kind: StepKind, size: number, work: () => T): T => {
    const t = Date.now();
    try {
      return work();
    } finally {
      const rate = (Date.now() - t) / Math.max(size, 1);
      rates[kind] = Math.max(rates[kind] ?? 0, rate);
    }
  };
  return {
    fits(kind = 'request', size = 1, thenKind?: StepKind, thenSize = 0) {
      const next = estimate(kind, size) + (thenKind === undefined ? 0 : estimate(thenKind, thenSize));
      return elapsed() + next <= limitMs || (next > limitMs && elapsed() <= FRESH_MS);
    },
    timed: (request) => step('request', 1, request),
    step,
    rates: () => ({ ...rates }),
  };
}
