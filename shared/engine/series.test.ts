/** METRICS.md sections 5 and 6: customer figures and every series key, on hand-computed data. */
import { describe, expect, it } from 'vitest';
import { buildBuckets } from './intervals.ts';
import { buildSeries, roundRate } from './series.ts';
import { cust, DataBuilder, entry, run, t } from './test-builders.test-util.ts';
import type { CustomerState, Movement } from './types.ts';

/**
 * A: lead 2023-12-20, trial 2024-01-05; a1 1000/month from Jan 1, renewed Feb 1 at 1000 and
 *    Mar 1 at 2500 (expansion 1500). Jan invoice has a 500 one-time line; Jan and Mar invoices
 *    paid, 200 refunded on Mar 5.
 * B: lead 2024-01-10; b1 2000 from Jan 15, renewed Feb 15, cancelled Feb 20; two failed
 *    payments in February.
 * C: c1 3000 (quantity 3) from Feb 1, renewed Mar 1 at 2000 (contraction); one failed then one
 *    successful payment on Feb 1.
 * D: d1 500 from Jan 1, renewed Feb 1, cancelled Feb 10, restarted Feb 20 at 700 for
 *    Feb 20 → Mar 20 and never renewed: past due at as-of.
 * E: one one-time invoice (9900) paid Jan 15. F: no invoices. G: only $0 lines.
 */
function scenario() {
  const b = new DataBuilder()
    .customer('A', { leadCreatedAt: t('2023-12-20'), freeTrialStartedAt: t('2024-01-05') })
    .customer('B', { leadCreatedAt: t('2024-01-10') })
    .customer('C')
    .customer('D')
    .customer('E', { freeTrialStartedAt: t('2024-03-31T23:00:00Z') })
    .customer('F', { leadCreatedAt: t('2024-04-01') })
    .customer('G');
  b.sub('A', 'a1', 'm', 1000, '2024-01-01', '2024-02-01', { invoice: 'A-jan' })
    .oneTime('A', 500, '2024-01-01', { invoice: 'A-jan' })
    .transaction('A-jan', '2024-01-01')
    .sub('A', 'a1', 'm', 1000, '2024-02-01', '2024-03-01')
    .sub('A', 'a1', 'm', 2500, '2024-03-01', '2024-04-01', { invoice: 'A-mar' })
    .transaction('A-mar', '2024-03-01')
    .transaction('A-mar', '2024-03-05', { type: 'refund', amount: 200 });
  b.sub('B', 'b1', 'm', 2000, '2024-01-15', '2024-02-15')
    .sub('B', 'b1', 'm', 2000, '2024-02-15', '2024-03-15', { invoice: 'B-feb' })
    .transaction('B-feb', '2024-02-15', { result: 'failed' })
    .transaction('B-feb', '2024-02-18', { result: 'failed' })
    .cancel('b1', '2024-02-20');
  b.sub('C', 'c1', 'm', 3000, '2024-02-01', '2024-03-01', { quantity: 3, invoice: 'C-feb' })
    .transaction('C-feb', '2024-02-01T08:00:00Z', { result: 'failed' })
    .transaction('C-feb', '2024-02-01T09:00:00Z')
    .sub('C', 'c1', 'm', 2000, '2024-03-01', '2024-04-01', { quantity: 2 });
  b.sub('D', 'd1', 'm', 500, '2024-01-01', '2024-02-01')
    .sub('D', 'd1', 'm', 500, '2024-02-01', '2024-03-01')
    .cancel('d1', '2024-02-10')
    .sub('D', 'd1', 'm', 700, '2024-02-20', '2024-03-20');
  b.oneTime('E', 9900, '2024-01-15', { invoice: 'E-1' }).transaction('E-1', '2024-01-15');
  b.sub('G', 'g1', 'm', 0, '2024-01-01', '2024-02-01');
  return b.build();
}

describe('monthly series on hand-computed data', () => {
  const r = run(scenario(), { asOf: '2024-03-31', start: '2024-01-01' });

  it('has one entry per month dated at its last day', () => {
    expect(r.series.map((e) => e.date)).toEqual(['2024-01-31', '2024-02-29', '2024-03-31']);
  });

  it('January', () => {
    expect(entry(r, '2024-01-31')).toEqual({
      date: '2024-01-31',
      mrr: 3500, arr: 42000,
      new_biz: 3500, expansion: 0, contraction: 0, churn: 0, reactivation: 0, fx_impact: 0,
      customers: 3, arpa: 1167, asp: 1167, // 3500 / 3 customers with new business
      customer_churn_rate: 0, mrr_churn_rate: 0, gross_mrr_churn_rate: 0, ltv: null,
      subscriptions: 3, quantity: 3, // G's $0 subscription: G is a Lead, not counted
      gross_cash_flow: 11400, refunds: 0, net_cash_flow: 11400, non_recurring_cash_flow: 10400,
      failed_transactions: 0, leads: 1, trials: 1, cmrr: 3500,
      segment_entry: 0, segment_exit: 0,
      net_mrr_retention: 0, gross_mrr_retention: 0, // nobody had MRR before Jan 1 (A and D start at it)
      quick_ratio: null, // nothing lost
      trials_converted: 0, trial_to_paid_rate: 0, // A's first new_biz (Jan 1) is before its trial (Jan 5)
      avg_sales_cycle_days: 8.5, // A Dec 20 → Jan 1 = 12 days, B Jan 10 → Jan 15 = 5; D has no lead date
    });
  });

  it('February: churn and re-count inside one interval, ltv from the unrounded rate', () => {
    expect(entry(r, '2024-02-29')).toEqual({
      date: '2024-02-29',
      mrr: 4700, arr: 56400,
      new_biz: 3000, expansion: 0, contraction: 0, churn: -2500, reactivation: 700, fx_impact: 0,
      customers: 3, arpa: 1567, asp: 3000,
      // counted at start A, B, D; at end A, C, D: B lost (D churned and came back) → 1/3
      customer_churn_rate: 33.33,
      mrr_churn_rate: 51.43, // (2500 − 700) / 3500
      gross_mrr_churn_rate: 71.43, // 2500 / 3500
      ltv: 4701, // 1567 / (1/3)
      subscriptions: 3, quantity: 5,
      gross_cash_flow: 3000, refunds: 0, net_cash_flow: 3000, non_recurring_cash_flow: 0,
      failed_transactions: 2, // B twice, C once: customers, not attempts
      leads: 0, trials: 0, cmrr: 4700,
      segment_entry: 0, segment_exit: 0,
      // S = A 1000, B 2000, D 500 (3500) → A 1000, B 0, D 700; C's new business is outside S
      net_mrr_retention: 48.57, // 1700 / 3500
      gross_mrr_retention: 42.86, // (1000 + 0 + min(700, 500)) / 3500
      quick_ratio: 1.48, // (3000 + 700) / 2500
      trials_converted: 0, trial_to_paid_rate: 0, avg_sales_cycle_days: null, // C has no lead date
    });
  });

  it('March: negative net MRR churn rate, past due MRR still counted', () => {
    expect(entry(r, '2024-03-31')).toEqual({
      date: '2024-03-31',
      mrr: 5200, arr: 62400,
      new_biz: 0, expansion: 1500, contraction: -1000, churn: 0, reactivation: 0, fx_impact: 0,
      customers: 3, arpa: 1733, asp: 0,
      customer_churn_rate: 0,
      mrr_churn_rate: -10.64, // (1000 − 1500) / 4700
      gross_mrr_churn_rate: 21.28, // 1000 / 4700
      ltv: null,
      subscriptions: 3, quantity: 4,
      gross_cash_flow: 2500, refunds: 200, net_cash_flow: 2300, non_recurring_cash_flow: 0,
      failed_transactions: 0, leads: 0, trials: 1, cmrr: 5200,
      segment_entry: 0, segment_exit: 0,
      // S = A 1000, C 3000, D 700 (4700) → A 2500, C 2000, D 700
      net_mrr_retention: 110.64, // 5200 / 4700
      gross_mrr_retention: 78.72, // (1000 + 2000 + 700) / 4700
      quick_ratio: 1.5, // 1500 / 1000
      trials_converted: 0, trial_to_paid_rate: 0, // E's trial, never paid
      avg_sales_cycle_days: null,
    });
  });

  it('customer statuses and figures as of the end', () => {
    const rows = Object.fromEntries(
      r.customers.map((c) => [
        c.external_id,
        [c.status, c.mrr, c.arr, c.subscriber_since, c.net_payments, c.subscriptions, c.quantity],
      ]),
    );
    expect(rows).toEqual({
      A: ['Active', 2500, 30000, '2024-01-01', 3800, 1, 1],
      B: ['Cancelled', 0, 0, '2024-01-15', 0, 0, 0],
      C: ['Active', 2000, 24000, '2024-02-01', 3000, 1, 2],
      D: ['Past due', 700, 8400, '2024-01-01', 0, 1, 1],
      E: ['Lead', 0, 0, null, 9900, 0, 0],
      F: ['Lead', 0, 0, null, 0, 0, 0],
      G: ['Lead', 0, 0, null, 0, 1, 1],
    });
  });

  it('subscription rows', () => {
    expect(r.subscriptions.map((s) => [s.external_id, s.status, s.mrr, s.started_at, s.paid_through, s.cancelled_at])).toEqual([
      ['a1', 'active', 2500, '2024-01-01', '2024-04-01', null],
      ['b1', 'cancelled', 0, '2024-01-15', '2024-03-15', '2024-02-20'],
      ['c1', 'active', 2000, '2024-02-01', '2024-04-01', null],
      ['d1', 'past_due', 700, '2024-01-01', '2024-03-20', null],
      ['g1', 'past_due', 0, '2024-01-01', '2024-02-01', null],
    ]);
  });

  it('net_payments counts only transactions dated <= as-of', () => {
    const early = run(scenario(), { asOf: '2024-03-04', start: '2024-01-01' });
    expect(cust(early, 'A').net_payments).toBe(4000);
  });

  it('the default start is the first of the month of the first movement', () => {
    const d = run(scenario(), { asOf: '2024-03-31' });
    expect(d.series[0].date).toBe('2024-01-31');
  });
});

describe('the same data at every interval', () => {
  const monthly = run(scenario(), { asOf: '2024-03-31', start: '2024-01-01' });
  const sum = (entries: readonly object[], key: string) =>
    entries.reduce((a, e) => a + ((e as Record<string, number>)[key]), 0);
  const additive = ['new_biz', 'expansion', 'contraction', 'churn', 'reactivation', 'fx_impact', 'gross_cash_flow',
    'refunds', 'net_cash_flow', 'non_recurring_cash_flow', 'leads', 'trials'];

  for (const interval of ['day', 'week', 'month', 'quarter', 'year'] as const) {
    it(`${interval}: flows add up to the monthly totals and the last entry matches`, () => {
      const r = run(scenario(), { asOf: '2024-03-31', start: '2024-01-01', interval });
      for (const key of additive) expect([key, sum(r.series, key)]).toEqual([key, sum(monthly.series, key)]);
      const last = r.series.at(-1)!;
      const mLast = monthly.series.at(-1)!;
      expect(last.date).toBe('2024-03-31');
      expect([last.mrr, last.customers, last.arpa, last.subscriptions, last.quantity]).toEqual([
        mLast.mrr, mLast.customers, mLast.arpa, mLast.subscriptions, mLast.quantity,
      ]);
    });
  }

  it('week: Monday-to-Sunday entries, the first from the requested start, the last clipped', () => {
    const r = run(scenario(), { asOf: '2024-02-14', start: '2024-01-03', interval: 'week' });
    expect(r.series.map((e) => e.date)).toEqual([
      '2024-01-07', '2024-01-14', '2024-01-21', '2024-01-28', '2024-02-04', '2024-02-11', '2024-02-14',
    ]);
    // B starts Jan 15 (a Monday): its new business is in the week ending Jan 21
    expect(entry(r, '2024-01-21').new_biz).toBe(2000);
    // the week starting Jan 3 begins after A's and D's start on Jan 1: they are the start MRR
    expect(entry(r, '2024-01-07')).toMatchObject({ mrr: 1500, new_biz: 0 });
  });

  it('quarter and year', () => {
    const q = run(scenario(), { asOf: '2024-03-31', start: '2024-01-01', interval: 'quarter' });
    expect(q.series).toHaveLength(1);
    // over the quarter: start 0 customers, so no churn rate
    expect(q.series[0]).toMatchObject({
      date: '2024-03-31', mrr: 5200, new_biz: 6500, churn: -2500, failed_transactions: 2, customer_churn_rate: 0,
      mrr_churn_rate: 0, ltv: null, asp: 1625, // 6500 / 4 customers
    });
    const y = run(scenario(), { asOf: '2024-03-31', start: '2023-06-01', interval: 'year' });
    expect(y.series.map((e) => [e.date, e.mrr, e.leads])).toEqual([
      ['2023-12-31', 0, 1],
      ['2024-03-31', 5200, 1],
    ]);
  });

  it('day: churn rate over one day', () => {
    const d = run(scenario(), { asOf: '2024-02-21', start: '2024-02-19', interval: 'day' });
    expect(d.series.map((e) => [e.date, e.mrr, e.customers, e.customer_churn_rate, e.churn, e.reactivation])).toEqual([
      ['2024-02-19', 6000, 3, 0, 0, 0], // A 1000 + B 2000 + C 3000; D cancelled on Feb 10
      ['2024-02-20', 4700, 3, 33.33, -2000, 700], // B lost, D back
      ['2024-02-21', 4700, 3, 0, 0, 0],
    ]);
  });
});

describe('buildSeries directly', () => {
  const buckets = buildBuckets(t('2024-01-01'), t('2024-01-03'), 'day');
  const state = (at: string, mrr: number, counted: boolean, subscriptions = 1, quantity = 1): CustomerState => ({
    t: t(at), mrr, counted, subscriptions: counted ? subscriptions : 0, quantity: counted ? quantity : 0,
  });

  it('states before the first bucket make the start; customer churn counts only customers counted at the start', () => {
    const series = buildSeries({
      buckets,
      customerStates: [
        [state('2023-12-01', 100, true), state('2024-01-02T10:00:00Z', 0, false)], // lost on Jan 2
        [state('2024-01-02T01:00:00Z', 50, true), state('2024-01-02T05:00:00Z', 0, false)], // in and out: not lost
        [state('2023-12-01', 10, true), state('2024-01-03T01:00:00Z', 0, false), state('2024-01-03T02:00:00Z', 20, true)],
      ],
      movements: [],
      fx: [],
      cash: [],
      leads: [],
    });
    expect(series.map((e) => [e.date, e.mrr, e.customers, e.customer_churn_rate, e.ltv, e.arpa])).toEqual([
      ['2024-01-01', 110, 2, 0, null, 55],
      ['2024-01-02', 10, 1, 50, 20, 10], // ltv = round(arpa 10 / 0.5)
      ['2024-01-03', 20, 1, 0, null, 20],
    ]);
  });

  it('a customer lost twice in one interval is counted once; arpa rounds half away from zero', () => {
    const series = buildSeries({
      buckets,
      customerStates: [
        [
          state('2023-12-01', 3, true),
          state('2024-01-02T01:00:00Z', 0, false),
          state('2024-01-02T02:00:00Z', 5, true),
          state('2024-01-02T03:00:00Z', 0, false),
        ],
        [state('2023-12-01', 2, true)],
        [state('2023-12-01', 2, true)],
      ],
      movements: [], fx: [], cash: [], leads: [],
    });
    expect(series.map((e) => [e.customers, e.arpa, e.customer_churn_rate])).toEqual([
      [3, 2, 0], // 7 / 3 = 2.33
      [2, 2, 33.33],
      [2, 2, 0],
    ]);
  });

  it('a customer counted from exactly the interval’s first instant was not counted at its start', () => {
    const series = buildSeries({
      buckets,
      customerStates: [
        [state('2024-01-02T00:00:00Z', 10, true), state('2024-01-02T10:00:00Z', 0, false)],
        [state('2023-12-01', 30, true)],
        // counted until the last millisecond before the interval, lost at its first instant
        [state('2023-12-01', 20, true), state('2024-01-03T00:00:00Z', 0, false)],
      ],
      movements: [], fx: [], cash: [], leads: [],
    });
    expect(series.map((e) => [e.date, e.customers, e.customer_churn_rate])).toEqual([
      ['2024-01-01', 2, 0],
      ['2024-01-02', 2, 0],
      ['2024-01-03', 1, 50],
    ]);
  });

  it('rates round to 2 decimals, half away from zero', () => {
    expect(roundRate(33.333333)).toBe(33.33);
    expect(roundRate(-10.638)).toBe(-10.64);
    expect(roundRate(0.125)).toBe(0.13);
    expect(roundRate(-0.125)).toBe(-0.13);
  });
});

describe('retention, quick ratio and conversion keys (METRICS.md sections 11 and 13)', () => {
  const buckets = buildBuckets(t('2024-01-01'), t('2024-01-03'), 'day');
  const state = (at: string, mrr: number): CustomerState => ({
    t: t(at), mrr, counted: mrr > 0, subscriptions: mrr > 0 ? 1 : 0, quantity: mrr > 0 ? 1 : 0,
  });
  const move = (at: string, customerId: string, type: Movement['type'], amount: number): Movement => ({
    t: t(at), customerId, subscriptionId: `${customerId}-s`, type, amount, customerMrrAfter: 0,
  });
  const lead = (customerId: string, leadCreatedAt: string | null, freeTrialStartedAt: string | null = null) => ({
    customerId,
    leadCreatedAt: leadCreatedAt === null ? null : t(leadCreatedAt),
    freeTrialStartedAt: freeTrialStartedAt === null ? null : t(freeTrialStartedAt),
  });
  const series = (over: Partial<Parameters<typeof buildSeries>[0]>) =>
    buildSeries({ buckets, customerStates: [], movements: [], fx: [], cash: [], leads: [], ...over });

  it('retention follows the customers with MRR at the start, through every change inside the interval', () => {
    const s = series({
      customerStates: [
        // up then down inside Jan 2: ends at 80 of 100
        [state('2023-12-01', 100), state('2024-01-02T01:00:00Z', 300), state('2024-01-02T02:00:00Z', 80)],
        // churns and comes back inside Jan 2 at a higher price: net counts 150, gross caps at 50
        [state('2023-12-01', 50), state('2024-01-02T03:00:00Z', 0), state('2024-01-02T04:00:00Z', 150)],
        // new on Jan 2: outside S on Jan 2, in S from Jan 3
        [state('2024-01-02T05:00:00Z', 1000)],
        // unchanged all along
        [state('2023-12-15', 20)],
        // a change on Jan 3 only, after a gap: its start MRR is the one it had since December
        [state('2023-12-01', 40), state('2024-01-03T10:00:00Z', 10)],
      ],
    });
    expect(s.map((e) => [e.date, e.net_mrr_retention, e.gross_mrr_retention])).toEqual([
      ['2024-01-01', 100, 100],
      // S = 100 + 50 + 20 + 40 = 210 → 80 + 150 + 20 + 40 = 290; gross 80 + 50 + 20 + 40 = 190
      ['2024-01-02', 138.1, 90.48],
      // S = 80 + 150 + 1000 + 20 + 40 = 1290 → … + 10 = 1260 (97.67 %); gross the same
      ['2024-01-03', 97.67, 97.67],
    ]);
  });

  it('retention is 0 when nobody had MRR at the start; a state after the last interval changes nothing', () => {
    const s = series({ customerStates: [[state('2024-01-01T10:00:00Z', 100), state('2024-01-05', 0)]] });
    expect(s.map((e) => [e.net_mrr_retention, e.gross_mrr_retention])).toEqual([[0, 0], [100, 100], [100, 100]]);
  });

  it('quick ratio: 2 decimals, null when nothing was lost, 0 when nothing was gained; segment moves stay out', () => {
    const s = series({
      movements: [
        move('2024-01-01', 'a', 'new_biz', 200), move('2024-01-01', 'b', 'expansion', 100),
        move('2024-01-01', 'c', 'reactivation', 100), move('2024-01-01', 'd', 'churn', -250),
        move('2024-01-01', 'e', 'contraction', -50), move('2024-01-01', 'f', 'segment_exit', -1000),
        move('2024-01-02', 'a', 'segment_entry', 700), move('2024-01-02', 'b', 'expansion', 10),
        move('2024-01-03', 'b', 'contraction', -30), move('2024-01-03', 'c', 'segment_entry', 5),
      ],
      customerStates: [[state('2023-12-01', 1000)]],
    });
    expect(s.map((e) => [e.quick_ratio, e.segment_entry, e.segment_exit, e.mrr_churn_rate, e.gross_mrr_churn_rate]))
      .toEqual([
        [1.33, 0, -1000, 10, 30], // 400 / 300; mrr churn (300 − 200) / 1000: the segment exit is left out
        [null, 700, 0, -1, 0], // only gains
        [0, 5, 0, 3, 3], // only a loss
      ]);
  });

  it('a trial converts when the first new_biz is on or after its start, even in a later interval', () => {
    const s = series({
      movements: [
        move('2024-01-01T08:00:00Z', 'early', 'new_biz', 100), // before its trial: not converted
        move('2024-01-01T12:00:00Z', 'same', 'new_biz', 100), // at the trial instant: converted
        move('2024-01-09', 'late', 'new_biz', 100), // after the last interval, still converted
        move('2024-01-02', 'react', 'reactivation', 100), // not a new_biz
        move('2024-01-02', 'twice', 'new_biz', 100), move('2024-01-03', 'twice', 'new_biz', 100),
      ],
      leads: [
        lead('early', null, '2024-01-01T09:00:00Z'), lead('same', null, '2024-01-01T12:00:00Z'),
        lead('late', null, '2024-01-01'), lead('react', null, '2024-01-01'), lead('never', null, '2024-01-02'),
        lead('twice', null, '2024-01-02T12:00:00Z'), // its first new_biz is before the trial
        lead('before', null, '2023-12-31'), // before the first interval: in no entry
      ],
    });
    expect(s.map((e) => [e.trials, e.trials_converted, e.trial_to_paid_rate])).toEqual([
      [4, 2, 50], [2, 0, 0], [0, 0, 0],
    ]);
  });

  it('the sales cycle is the mean of fractional days from lead to first new_biz, 1 decimal, in the new_biz interval', () => {
    const s = series({
      movements: [
        move('2024-01-02', 'half', 'new_biz', 100), move('2024-01-02', 'one', 'new_biz', 100),
        move('2024-01-02', 'nolead', 'new_biz', 100), move('2024-01-02', 'after', 'new_biz', 100),
        move('2024-01-03T06:00:00Z', 'zero', 'new_biz', 100), move('2024-01-03T07:00:00Z', 'zero', 'expansion', 100),
      ],
      leads: [
        lead('half', '2024-01-01T12:00:00Z'), lead('one', '2024-01-01'), lead('nolead', null),
        lead('after', '2024-01-02T00:00:01Z'), // lead after its first new_biz: left out
        lead('zero', '2024-01-03T06:00:00Z'), lead('unpaid', '2024-01-01'),
      ],
    });
    expect(s.map((e) => [e.leads, e.avg_sales_cycle_days])).toEqual([
      [3, null],
      [1, 0.8], // (0.5 + 1) / 2 = 0.75, half away from zero
      [1, 0],
    ]);
  });
});
