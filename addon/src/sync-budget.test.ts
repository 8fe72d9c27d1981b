import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { startBudget, TIME_BUDGET_MS, type StepRates } from './sync-budget.ts';

/** A step that takes `ms` of the (fake) clock. */
const taking = (ms: number) => () => void vi.advanceTimersByTime(ms);

beforeEach(() => vi.useFakeTimers({ now: 0 }));
afterEach(() => vi.useRealTimers());

describe('sync budget', () => {
  test('counts the time since the execution started, not only the steps it timed', () => {
    vi.setSystemTime(60_000); // a minute went before the budget was made (waiting for the lock)
    const budget = startBudget(0, { request: 1_000 });
    expect(budget.fits()).toBe(true);
    vi.advanceTimersByTime(TIME_BUDGET_MS - 60_000 - 1_000); // reading tabs, untimed
    expect(budget.fits()).toBe(true);
    vi.advanceTimersByTime(1);
    expect(budget.fits()).toBe(false);
  });

  test('estimates a step from the slowest of its kind, per cell, and hands the rates on', () => {
    const rates: StepRates = {};
    const budget = startBudget(0, rates);
    budget.step('read', 1_000, taking(10_000)); // 10 ms a cell
    budget.step('read', 1_000, taking(5_000));
    expect(rates.read).toBe(10);
    expect(budget.fits('read', 25_000)).toBe(true); // 15 s + 250 s
    expect(budget.fits('read', 26_000)).toBe(false); // 15 s + 260 s
    budget.timed(taking(3_000));
    expect(budget.rates()).toEqual({ read: 10, request: 3_000 });
    // The next execution (20 s in) starts with them.
    const next = startBudget(Date.now() - 20_000, rates);
    expect(next.fits('read', 25_000)).toBe(true);
    expect(next.fits('read', 25_001)).toBe(false);
  });

  test('a kind never measured starts only in the first half; one longer than the budget only at the start', () => {
    const budget = startBudget(0, { write: 1 });
    expect(budget.fits('mark', 10)).toBe(true);
    vi.advanceTimersByTime(TIME_BUDGET_MS / 2 + 1);
    expect(budget.fits('mark', 10)).toBe(false);
    const fresh = startBudget(Date.now(), { write: 1 });
    expect(fresh.fits('write', TIME_BUDGET_MS * 1.2)).toBe(true);
    vi.advanceTimersByTime(20_000);
    expect(fresh.fits('write', TIME_BUDGET_MS * 1.2)).toBe(false);
  });

  test('two steps one after the other fit only together (a tab written from cells read first)', () => {
    const budget = startBudget(0, { read: 10, write: 20 });
    vi.advanceTimersByTime(20_000);
    expect(budget.fits('read', 10_000, 'write', 7_500)).toBe(true); // 20 s + 100 s + 150 s
    expect(budget.fits('read', 10_000, 'write', 7_501)).toBe(false);
    expect(budget.fits('write', 7_501)).toBe(true);
  });

  test('a kind of cells never measured is estimated at reading speed when that is slower than half the budget', () => {
    const budget = startBudget(0, { read: 1_000 });
    vi.advanceTimersByTime(100_000);
    expect(budget.fits('write', 100)).toBe(true); // half the budget (135 s), more than 100 s at reading speed
    expect(budget.fits('write', 200)).toBe(false); // 200 s at reading speed: past the budget
    expect(budget.fits('mark', 200)).toBe(false);
    expect(budget.fits()).toBe(true); // a request: half the budget
    expect(startBudget(Date.now(), { read: 1_000 }).fits('write', 1_000)).toBe(true); // longer than the budget: only fresh
  });
});
