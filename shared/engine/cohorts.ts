/**
 * Cohorts (METRICS.md section 12): customers grouped by the interval of their first new_biz,
 * each cohort followed at the end of every later interval up to the end day. Built from the
 * same per-customer states and movements as the series (the report's analysis, or the API's
 * stored series inputs), so a segment's narrowed states and movements give the segment's table.
 */
import { endOfDay, formatDate, startOfDay } from '../time.ts';
import { bucketIndex, buildBuckets, intervalFirstDay, type Interval } from './intervals.ts';
import { roundRate } from './series.ts';
import type { CustomerState, Movement } from './types.ts';

export const COHORT_INTERVALS = ['week', 'month', 'quarter', 'year'] as const satisfies readonly Interval[];
export type CohortInterval = (typeof COHORT_INTERVALS)[number];

export interface CohortPeriod {
  /** 0 = the cohort's own interval, 1 = the next one, … */
  period: number;
  /** The period's last day, clipped to the end day. */
  date: string;
  /** Cohort customers Active or Past due at the period's end. */
  customers: number;
  mrr: number;
  customer_retention: number;
  mrr_retention: number;
}

export interface Cohort {
  /** The cohort interval's first day. */
  cohort: string;
  size: number;
  /** The cohort's MRR at the end of period 0. */
  mrr_start: number;
  periods: CohortPeriod[];
}

export interface CohortInput {
  /** Each customer's states in time order, under the ID its movements carry. */
  customers: Iterable<{ customerId: string; states: readonly CustomerState[] }>;
  /** The movements; a customer's first new_biz among them places it in its cohort. */
  movements: Iterable<Movement>;
  /** The end day (any instant in it): the last period is clipped to it, nothing after it counts. */
  end: number;
  interval?: CohortInterval;
  /** Only cohorts whose interval ends on or after this day (default: every cohort). */
  start?: number;
}

export function buildCohorts(input: CohortInput): Cohort[] {
  const interval = input.interval ?? 'month';
  const endDay = startOfDay(input.end);
  const endInstant = endOfDay(input.end);

  const firstNewBiz = new Map<string, number>();
  let earliest = Infinity;
  for (const m of input.movements) {
    if (m.type !== 'new_biz' || m.t > endInstant) continue;
    const first = firstNewBiz.get(m.customerId);
    if (first === undefined || m.t < first) firstNewBiz.set(m.customerId, m.t);
    if (m.t < earliest) earliest = m.t;
  }
  if (firstNewBiz.size === 0) return [];

  // One grid of intervals from the earliest cohort to the end day: cohort c's period k is
  // interval c + k of it. Per cohort, the changes of its customers' MRR and count are
  // bucketed by period, then accumulated: one pass over the states, none per period.
  const grid = buildBuckets(intervalFirstDay(earliest, interval), endDay, interval);
  const n = grid.length;
  const cohorts = new Map<number, { size: number; mrr: Float64Array; customers: Float64Array }>();
  const firstPeriod = input.start === undefined ? 0 : Math.max(0, bucketIndex(grid, startOfDay(input.start)));

  for (const { customerId, states } of input.customers) {
    const joined = firstNewBiz.get(customerId);
    if (joined === undefined) continue;
    const c = bucketIndex(grid, joined);
    if (c < firstPeriod) continue;
    let cohort = cohorts.get(c);
    if (!cohort) cohorts.set(c, (cohort = { size: 0, mrr: new Float64Array(n - c), customers: new Float64Array(n - c) }));
    cohort.size++;
    let mrr = 0;
    let counted = false;
    for (const s of states) {
      const i = bucketIndex(grid, s.t);
      if (i >= n) break;
      const k = Math.max(i - c, 0);
      cohort.mrr[k] += s.mrr - mrr;
      cohort.customers[k] += Number(s.counted) - Number(counted);
      mrr = s.mrr;
      counted = s.counted;
    }
  }

  return [...cohorts.keys()].sort((a, b) => a - b).map((c) => {
    const { size, mrr, customers } = cohorts.get(c)!;
    const mrrStart = mrr[0];
    const periods: CohortPeriod[] = [];
    let runMrr = 0;
    let runCustomers = 0;
    for (let k = 0; c + k < n; k++) {
      runMrr += mrr[k];
      runCustomers += customers[k];
      periods.push({
        period: k,
        date: formatDate(grid[c + k].date),
        customers: runCustomers,
        mrr: runMrr,
        customer_retention: roundRate((runCustomers / size) * 100),
        mrr_retention: mrrStart === 0 ? 0 : roundRate((runMrr / mrrStart) * 100),
      });
    }
    return { cohort: formatDate(grid[c].from), size, mrr_start: mrrStart, periods };
  });
}
