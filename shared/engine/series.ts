/**
 * The metric series (METRICS.md section 6). Everything is bucketed in one pass over
 * customer states, movements, fx impacts and cash events, then accumulated per entry.
 */
import { divRound, roundHalfAway } from '../money.ts';
import { formatDate } from '../time.ts';
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
  /** Committed MRR; equal to mrr up to as-of (the forecast continues it). */
  cmrr: number;
}

export interface SeriesInput {
  buckets: readonly Bucket[];
  /** Each customer's states in time order. */
  customerStates: Iterable<readonly CustomerState[]>;
  movements: readonly Movement[];
  fx: readonly FxImpact[];
  cash: readonly CashEvent[];
  leads: readonly { leadCreatedAt: number | null; freeTrialStartedAt: number | null }[];
}

/** Rates are percentages with 2 decimals. */
export function roundRate(x: number): number {
  return roundHalfAway(x * 100) / 100 + 0; // + 0 turns -0 into 0
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

  for (const states of input.customerStates) addCustomer(states);

  function addCustomer(states: readonly CustomerState[]): void {
    let prev = { mrr: 0, counted: false, subscriptions: 0, quantity: 0 };
    let countedSince = 0;
    for (let k = 0; k < states.length; k++) {
      const s = states[k];
      const i = bucketIndex(buckets, s.t);
      mrr.add(i, s.mrr - prev.mrr);
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
  }

  const lastNewBizBucket = new Map<string, number>();
  for (const m of input.movements) {
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
    if (l.leadCreatedAt !== null) leads.add(bucketIndex(buckets, l.leadCreatedAt), 1);
    if (l.freeTrialStartedAt !== null) trials.add(bucketIndex(buckets, l.freeTrialStartedAt), 1);
  }

  const entries: SeriesEntry[] = [];
  let runMrr = mrr.initial;
  let runCustomers = customers.initial;
  let runSubscriptions = subscriptions.initial;
  let runQuantity = quantity.initial;
  for (let i = 0; i < n; i++) {
    const startMrr = runMrr;
    const startCustomers = runCustomers;
    runMrr += mrr.values[i];
    runCustomers += customers.values[i];
    runSubscriptions += subscriptions.values[i];
    runQuantity += quantity.values[i];
    const moved = (t: MovementType) => sums[t].values[i];
    const arpa = runCustomers > 0 ? divRound(runMrr, runCustomers) : 0;
    const lostHere = lost.values[i];
    const churnRate = startCustomers > 0 ? (lostHere / startCustomers) * 100 : 0;
    const netLoss = -moved('churn') - moved('contraction') - moved('expansion') - moved('reactivation');
    const grossLoss = -moved('churn') - moved('contraction');
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
      cmrr: runMrr,
    });
  }
  return entries;
}
