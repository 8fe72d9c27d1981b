/** METRICS.md section 7: manual subscriptions. */
import { describe, expect, it } from 'vitest';
import { createEngineContext } from './report.ts';
import { manualSubscriptions } from './manual.ts';
import { cust, DataBuilder, entry, moves, run, sub, t } from './test-builders.test-util.ts';
import { DEFAULT_SETTINGS } from '../templates/settings.ts';

describe('manual subscriptions', () => {
  const lifecycle = (cash = false) =>
    new DataBuilder()
      .manual('c', 'ms', 'subscription_start', '2024-01-10', { plan: 'y', amount: 120000, quantity: 2, cash })
      .manual('c', 'ms', 'subscription_updated', '2024-03-05', { plan: 'm', amount: 8000, quantity: 3, cash })
      .manual('c', 'ms', 'subscription_cancelled', '2024-05-20')
      .build();

  it('start sets amount / plan months, update replaces, cancel sets 0', () => {
    const r = run(lifecycle(), { asOf: '2024-06-30', start: '2024-01-01' });
    expect(moves(r)).toEqual([
      ['2024-01-10', 'ms', 'new_biz', 10000],
      ['2024-03-05', 'ms', 'contraction', -2000],
      ['2024-05-20', 'ms', 'churn', -8000],
    ]);
    expect(sub(r, 'ms')).toMatchObject({
      status: 'cancelled', plan_external_id: 'm', started_at: '2024-01-10', cancelled_at: '2024-05-20', paid_through: null,
    });
    expect(cust(r, 'c')).toMatchObject({ status: 'Cancelled', subscriber_since: '2024-01-10' });
  });

  it('is never past due, however long after its start', () => {
    const r = run(lifecycle(), { asOf: '2024-05-19', start: '2024-01-01' });
    expect(sub(r, 'ms')).toMatchObject({ status: 'active', mrr: 8000, quantity: 3 });
    expect(cust(r, 'c')).toMatchObject({ status: 'Active', mrr: 8000, subscriptions: 1, quantity: 3 });
    expect(entry(r, '2024-05-19')).toMatchObject({ mrr: 8000, customers: 1, subscriptions: 1, quantity: 3 });
  });

  it('events after as-of are not in the report', () => {
    const r = run(lifecycle(), { asOf: '2024-02-01', start: '2024-01-01' });
    expect(sub(r, 'ms')).toMatchObject({ status: 'active', mrr: 10000, quantity: 2 });
    expect(moves(r)).toHaveLength(1);
  });

  it('adds nothing to cash flow unless Report Cash Flow; then each start or update is a payment', () => {
    const off = run(lifecycle(false), { asOf: '2024-06-30', start: '2024-01-01' });
    expect(off.series.reduce((a, e) => a + e.gross_cash_flow, 0)).toBe(0);
    expect(cust(off, 'c').net_payments).toBe(0);
    const on = run(lifecycle(true), { asOf: '2024-06-30', start: '2024-01-01' });
    expect(on.series.map((e) => [e.date, e.gross_cash_flow, e.non_recurring_cash_flow])).toEqual([
      ['2024-01-31', 120000, 0],
      ['2024-02-29', 0, 0],
      ['2024-03-31', 8000, 0],
      ['2024-04-30', 0, 0],
      ['2024-05-31', 0, 0],
      ['2024-06-30', 0, 0],
    ]);
    expect(cust(on, 'c').net_payments).toBe(128000);
  });

  it('day plans and foreign currency: normalised and converted at the rate on the effective date', () => {
    const d = new DataBuilder()
      .rate('2024-01-01', 'EUR', '1.5')
      .rate('2024-02-01', 'EUR', '2')
      .manual('c', 'ms', 'subscription_start', '2024-01-10', { plan: '7d', amount: 700, currency: 'EUR' })
      .manual('c', 'ms', 'subscription_updated', '2024-02-10', { plan: '7d', amount: 700, currency: 'EUR' })
      .build();
    const r = run(d, { asOf: '2024-02-20', start: '2024-01-01' });
    // 700 × 365 / 84 = 3041.67 → 3042 EUR cents; × 1.5 = 4563; at the new rate × 2 = 6084
    expect(moves(r)).toEqual([['2024-01-10', 'ms', 'new_biz', 4563]]);
    expect(sub(r, 'ms').mrr).toBe(6084);
    expect(r.series.map((e) => e.fx_impact)).toEqual([0, 6084 - 4563]);
  });

  it('a manual subscription next to invoiced ones is one more subscription of the customer', () => {
    const d = new DataBuilder()
      .sub('c', 'inv', 'm', 1000, '2024-01-01', '2024-02-01')
      .sub('c', 'inv', 'm', 1000, '2024-02-01', '2024-03-01')
      .manual('c', 'ms', 'subscription_start', '2024-01-15', { plan: 'm', amount: 500 })
      .build();
    const r = run(d, { asOf: '2024-03-15' });
    expect(moves(r)).toEqual([
      ['2024-01-01', 'inv', 'new_biz', 1000],
      ['2024-01-15', 'ms', 'expansion', 500],
    ]);
    // the invoiced one is past due, the manual one never is
    expect(r.subscriptions.map((s) => [s.external_id, s.status])).toEqual([
      ['inv', 'past_due'],
      ['ms', 'active'],
    ]);
    expect(cust(r, 'c')).toMatchObject({ status: 'Past due', mrr: 1500, subscriptions: 2 });
  });

  it('event types on the same day: start, then update, then cancel', () => {
    const d = new DataBuilder()
      .manual('c', 'ms', 'subscription_cancelled', '2024-01-20')
      .manual('c', 'ms', 'subscription_updated', '2024-01-10', { plan: 'm', amount: 900 })
      .manual('c', 'ms', 'subscription_start', '2024-01-10', { plan: 'm', amount: 300 })
      .build();
    const r = run(d, { asOf: '2024-01-31' });
    expect(moves(r)).toEqual([
      ['2024-01-10', 'ms', 'new_biz', 900],
      ['2024-01-20', 'ms', 'churn', -900],
    ]);
    // an update and a cancellation on one day: the cancellation comes last
    const e = new DataBuilder()
      .manual('c', 'ms', 'subscription_cancelled', '2024-01-20')
      .manual('c', 'ms', 'subscription_updated', '2024-01-20', { plan: 'm', amount: 900 })
      .manual('c', 'ms', 'subscription_start', '2024-01-10', { plan: 'm', amount: 300 })
      .build();
    const re = run(e, { asOf: '2024-01-31' });
    expect(moves(re)).toEqual([
      ['2024-01-10', 'ms', 'new_biz', 300],
      ['2024-01-20', 'ms', 'churn', -300],
    ]);
    expect(sub(re, 'ms').status).toBe('cancelled');
  });
});

describe('the plan in force of a manual subscription (METRICS.md section 11)', () => {
  it('is the plan of its latest start or update; a cancellation keeps it', () => {
    const data = new DataBuilder()
      .manual('c', 'ms', 'subscription_start', '2024-01-10', { plan: 'y', amount: 120000 })
      .manual('c', 'ms', 'subscription_updated', '2024-03-05', { plan: 'm', amount: 8000 })
      .manual('c', 'ms', 'subscription_cancelled', '2024-05-20')
      .build();
    const [s] = manualSubscriptions(data, createEngineContext(data, DEFAULT_SETTINGS, t('2024-06-30')));
    expect(s.points.map((p) => p.planId)).toEqual(['y', 'm', 'm']);
  });
});
