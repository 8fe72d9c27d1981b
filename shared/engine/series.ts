/**
 * The metric series (METRICS.md sections 6, 11 and 13). Everything is bucketed in one pass over
 * customer states, movements, fx impacts, cash events and leads, then accumulated per entry.
 */
import { divRound, mulDivRound, roundHalfAway } from '../money.ts';
import { DAY_MS, formatDate } from '../time.ts';
import { bucketIndex, type Bucket } from './intervals.ts';
import type { CashEvent, CustomerState, FxImpact, Movement, MovementType } from './types.ts';
import { arrOf } from './arr.ts';

export interface SeriesEntry {
  date: string;
  mrr: number;
  arr: number;
  new_biz: number;
  expansion: number;
  contraction: number;
  churn: number;
  reactivation: number;
  fx_impact: number;
  customers: number;
  arpa: number;
  asp: number;
  customer_churn_rate: number;
  mrr_churn_rate: number;
  gross_mrr_churn_rate: number;
  ltv: number | null;
  subscriptions: number;
  quantity: number;
  gross_cash_flow: number;
  refunds: number;
  net_cash_flow: number;
  non_recurring_cash_flow: number;
  failed_transactions: number;
  leads: number;
  trials: number;
  /** Section 11: MRR moved into and out of a segment by plan conditions (0 without them). */
  segment_entry: number;
  segment_exit: number;
  /** Section 13, over S = customers with MRR > 0 at the interval's start. */
  net_mrr_retention: number;
  gross_mrr_retention: number;
  /** (new_biz + expansion + reactivation) / -(churn + contraction), 2 decimals; null when nothing was lost. */
  quick_ratio: number | null;
  trials_converted: number;
  trial_to_paid_rate: number;
  /** Mean days from lead to first new_biz, 1 decimal; null when no customer qualifies. */
  avg_sales_cycle_days: number | null;
  /** Committed MRR; equal to mrr up to as-of (the forecast continues it). */
  cmrr: number;
}

export interface SeriesInput {
  buckets: readonly Bucket[];
  /** Each customer's states in time order. */
  customerStates: Iterable<readonly CustomerState[]>;
  movements: Iterable<Movement>;
  /** Exchange-rate impacts (their instants and amounts are what counts). */
  fx: Iterable<Pick<FxImpact, 't' | 'amount'>>;
  cash: Iterable<CashEvent>;
  /**
   * Every customer's lead and trial instants, under the ID its movements carry (trial conversion
   * and the sales cycle join them to the customer's first new_biz among `movements`).
   */
  leads: readonly SeriesLead[];
}

export interface SeriesLead {
  customerId: string;
  leadCreatedAt: number | null;
  freeTrialStartedAt: number | null;
}

/** Rates are percentages with 2 decimals. */
export function roundRate(x: number): number {
  return roundHalfAway(x * 100) / 100 + 0; // + 0 turns -0 into 0
}

/** `part / whole` in percent with 2 decimals; 0 when `whole` is 0. */
function percentOf(part: number, whole: number): number {
  return whole === 0 ? 0 : roundRate((part / whole) * 100);
}

class Column {
  readonly values: Float64Array;
  initial = 0;
  constructor(n: number) {
    this.values = new Float64Array(n);
  }
  add(index: number, amount: number): void {
    if (index < 0) this.initial += amount;
    else if (index < this.values.length) this.values[index] += amount;
  }
}

export function buildSeries(input: SeriesInput): SeriesEntry[] {
  const { buckets } = input;
  const n = buckets.length;
  const col = () => new Column(n);
  const mrr = col();
  const customers = col();
  const subscriptions = col();
  const quantity = col();
  const lost = col();
  const sums: Record<MovementType, Column> = {
    new_biz: col(), expansion: col(), contraction: col(), churn: col(), reactivation: col(),
    segment_entry: col(), segment_exit: col(),
  };
  const newBizCustomers = col();
  const fx = col();
  const gross = col();
  const refunds = col();
  const nonRecurring = col();
  const failed = col();
  const leads = col();
  const trials = col();
  const trialsConverted = col();
  const salesCycleMs = col();
  const salesCycles = col();
  // Retention: `positiveMrr` runs to the start MRR of S (customers with MRR > 0 at the start);
  // a customer whose MRR does not change in an interval ends it as it started, so only the
  // customers with a state in the interval correct the end MRR of S.
  const positiveMrr = col();
  const netRetainedChange = col();
  const grossRetainedChange = col();

  for (const states of input.customerStates) addCustomer(states);

  /** A customer of S in bucket i: it started it at `start` and ended it at `end`. */
  function retained(i: number, start: number, end: number): void {
    if (start <= 0) return;
    netRetainedChange.add(i, end - start);
    grossRetainedChange.add(i, Math.min(end, start) - start);
  }

  function addCustomer(states: readonly CustomerState[]): void {
    let prev = { mrr: 0, counted: false, subscriptions: 0, quantity: 0 };
    let countedSince = 0;
    let bucket = -1;
    let bucketStartMrr = 0;
    for (let k = 0; k < states.length; k++) {
      const s = states[k];
      const i = bucketIndex(buckets, s.t);
      if (i !== bucket) {
        retained(bucket, bucketStartMrr, prev.mrr);
        bucket = i;
        bucketStartMrr = prev.mrr;
      }
      mrr.add(i, s.mrr - prev.mrr);
      positiveMrr.add(i, Math.max(s.mrr, 0) - Math.max(prev.mrr, 0));
      customers.add(i, Number(s.counted) - Number(prev.counted));
      subscriptions.add(i, s.subscriptions - prev.subscriptions);
      quantity.add(i, s.quantity - prev.quantity);
      if (s.counted && !prev.counted) countedSince = s.t;
      if (!s.counted && prev.counted && i >= 0 && i < n && countedSince < buckets[i].from) {
        // Counted at the bucket's start; lost if still not counted at its end.
        let last = s;
        for (let m = k + 1; m < states.length && states[m].t <= buckets[i].end; m++) last = states[m];
        if (!last.counted) lost.add(i, 1);
      }
      prev = s;
    }
    retained(bucket, bucketStartMrr, prev.mrr);
  }

  const lastNewBizBucket = new Map<string, number>();
  const firstNewBiz = new Map<string, number>();
  for (const m of input.movements) {
    if (m.type === 'new_biz') {
      const first = firstNewBiz.get(m.customerId);
      if (first === undefined || m.t < first) firstNewBiz.set(m.customerId, m.t);
    }
    const i = bucketIndex(buckets, m.t);
    if (i < 0 || i >= n) continue;
    sums[m.type].add(i, m.amount);
    if (m.type === 'new_biz' && lastNewBizBucket.get(m.customerId) !== i) {
      lastNewBizBucket.set(m.customerId, i);
      newBizCustomers.add(i, 1);
    }
  }
  for (const f of input.fx) fx.add(bucketIndex(buckets, f.t), f.amount);

  const failedSeen = new Set<string>();
  for (const c of input.cash) {
    const i = bucketIndex(buckets, c.t);
    if (i < 0 || i >= n) continue;
    if (c.kind === 'payment') {
      gross.add(i, c.amount);
      nonRecurring.add(i, c.nonRecurring);
    } else if (c.kind === 'refund') {
      refunds.add(i, c.amount);
    } else if (!failedSeen.has(`${i}\u0000${c.customerId}`)) {
      failedSeen.add(`${i}\u0000${c.customerId}`);
      failed.add(i, 1);
    }
  }
  for (const l of input.leads) {
    const paidAt = firstNewBiz.get(l.customerId);
    if (l.leadCreatedAt !== null) {
      leads.add(bucketIndex(buckets, l.leadCreatedAt), 1);
      if (paidAt !== undefined && l.leadCreatedAt <= paidAt) {
        const i = bucketIndex(buckets, paidAt);
        salesCycleMs.add(i, paidAt - l.leadCreatedAt);
        salesCycles.add(i, 1);
      }
    }
    if (l.freeTrialStartedAt !== null) {
      const i = bucketIndex(buckets, l.freeTrialStartedAt);
      trials.add(i, 1);
      if (paidAt !== undefined && paidAt >= l.freeTrialStartedAt) trialsConverted.add(i, 1);
    }
  }

  const entries: SeriesEntry[] = [];
  let runMrr = mrr.initial;
  let runPositiveMrr = positiveMrr.initial;
  let runCustomers = customers.initial;
  let runSubscriptions = subscriptions.initial;
  let runQuantity = quantity.initial;
  for (let i = 0; i < n; i++) {
    const startMrr = runMrr;
    const retainedStart = runPositiveMrr;
    const startCustomers = runCustomers;
    runMrr += mrr.values[i];
    runPositiveMrr += positiveMrr.values[i];
    runCustomers += customers.values[i];
    runSubscriptions += subscriptions.values[i];
    runQuantity += quantity.values[i];
    const moved = (t: MovementType) => sums[t].values[i];
    const arpa = runCustomers > 0 ? divRound(runMrr, runCustomers) : 0;
    const lostHere = lost.values[i];
    const churnRate = startCustomers > 0 ? (lostHere / startCustomers) * 100 : 0;
    const netLoss = -moved('churn') - moved('contraction') - moved('expansion') - moved('reactivation');
    const grossLoss = -moved('churn') - moved('contraction');
    const gained = moved('new_biz') + moved('expansion') + moved('reactivation');
    const cycles = salesCycles.values[i];
    entries.push({
      date: formatDate(buckets[i].date),
      mrr: runMrr,
      arr: arrOf(runMrr),
      new_biz: moved('new_biz'),
      expansion: moved('expansion'),
      contraction: moved('contraction'),
      churn: moved('churn'),
      reactivation: moved('reactivation'),
      fx_impact: fx.values[i],
      customers: runCustomers,
      arpa,
      asp: newBizCustomers.values[i] > 0 ? divRound(moved('new_biz'), newBizCustomers.values[i]) : 0,
      customer_churn_rate: roundRate(churnRate),
      mrr_churn_rate: startMrr > 0 ? roundRate((netLoss / startMrr) * 100) : 0,
      gross_mrr_churn_rate: startMrr > 0 ? roundRate((grossLoss / startMrr) * 100) : 0,
      ltv: lostHere > 0 ? divRound(arpa * startCustomers, lostHere) : null,
      subscriptions: runSubscriptions,
      quantity: runQuantity,
      gross_cash_flow: gross.values[i],
      refunds: refunds.values[i],
      net_cash_flow: gross.values[i] - refunds.values[i],
      non_recurring_cash_flow: nonRecurring.values[i],
      failed_transactions: failed.values[i],
      leads: leads.values[i],
      trials: trials.values[i],
      segment_entry: moved('segment_entry'),
      segment_exit: moved('segment_exit'),
      net_mrr_retention: percentOf(retainedStart + netRetainedChange.values[i], retainedStart),
      gross_mrr_retention: percentOf(retainedStart + grossRetainedChange.values[i], retainedStart),
      quick_ratio: grossLoss === 0 ? null : roundRate(gained / grossLoss),
      trials_converted: trialsConverted.values[i],
      trial_to_paid_rate: percentOf(trialsConverted.values[i], trials.values[i]),
      avg_sales_cycle_days: cycles > 0 ? mulDivRound(salesCycleMs.values[i], 10, cycles * DAY_MS) / 10 : null,
      cmrr: runMrr,
    });
  }
  return entries;
}
