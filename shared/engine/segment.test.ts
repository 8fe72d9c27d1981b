/** METRICS.md section 11: a report narrowed to a segment. */
import { describe, expect, it } from 'vitest';
import { cust, DataBuilder, entry, moves, run, sub } from './test-builders.test-util.ts';

const MONTHLY = { asOf: '2024-03-31', start: '2024-01-01' };

describe('plan conditions: the plan in force decides', () => {
  it('a switch at an unchanged price moves nothing for the whole customer, and enters or leaves each plan\'s segment', () => {
    const data = new DataBuilder().plan('basic', 'month').plan('pro', 'month')
      .sub('c', 's', 'basic', 1000, '2024-01-01', '2024-02-01')
      .sub('c', 's', 'pro', 1000, '2024-02-01', '2024-03-01')
      .build();
    expect(moves(run(data, MONTHLY))).toEqual([['2024-01-01', 's', 'new_biz', 1000]]);
    expect(moves(run(data, { ...MONTHLY, segment: "plan~ANY~'pro'" }))).toEqual([['2024-02-01', 's', 'segment_entry', 1000]]);
    const basic = run(data, { ...MONTHLY, segment: "plan~ANY~'basic'" });
    expect(moves(basic)).toEqual([['2024-01-01', 's', 'new_biz', 1000], ['2024-02-01', 's', 'segment_exit', -1000]]);
    expect(entry(basic, '2024-02-29')).toMatchObject({ mrr: 0, customers: 0, segment_exit: -1000, churn: 0, mrr_churn_rate: 0 });
  });

  it('a customer on one plan who adds another is expansion in the segment of the new plan too', () => {
    const data = new DataBuilder().plan('basic', 'month').plan('pro', 'month')
      .sub('c', 'a', 'basic', 1000, '2024-01-01', '2024-04-01')
      .sub('c', 'b', 'pro', 3000, '2024-02-10', '2024-04-10')
      .build();
    const r = run(data, { ...MONTHLY, segment: "plan~ANY~'pro'" });
    expect(moves(r)).toEqual([['2024-02-10', 'b', 'expansion', 3000]]);
    expect(cust(r, 'c')).toMatchObject({ status: 'Active', mrr: 3000, subscriptions: 1, subscriber_since: '2024-01-01' });
    expect(r.subscriptions.map((s) => s.external_id)).toEqual(['b']);
    // No new business in the segment: the customer belongs to no cohort of it.
    expect(r.cohorts).toEqual([]);
  });

  it('a customer counts while it has an active subscription in the segment; its status stays the whole customer\'s', () => {
    const data = new DataBuilder().plan('basic', 'month').plan('pro', 'month')
      .sub('c', 'a', 'basic', 1000, '2024-01-01', '2024-04-01')
      .sub('c', 'b', 'pro', 3000, '2024-01-01', '2024-02-01')
      .cancel('b', '2024-02-01')
      .build();
    const r = run(data, { ...MONTHLY, segment: "plan~ANY~'pro'" });
    expect(moves(r)).toEqual([['2024-01-01', 'b', 'new_biz', 3000], ['2024-02-01', 'b', 'contraction', -3000]]);
    expect(r.series.map((e) => [e.date, e.mrr, e.customers])).toEqual([
      ['2024-01-31', 3000, 1], ['2024-02-29', 0, 0], ['2024-03-31', 0, 0],
    ]);
    expect(cust(r, 'c')).toMatchObject({ status: 'Active', mrr: 0, subscriptions: 0 });
    expect(sub(r, 'b')).toMatchObject({ status: 'cancelled', mrr: 0 });
  });

  it('smart grouping: a new customer who upgrades within the window is new business on the plan it ends on', () => {
    const data = new DataBuilder().plan('basic', 'month').plan('pro', 'month')
      .sub('c', 's', 'basic', 500, '2024-01-10T10:00:00Z', '2024-02-10T10:00:00Z')
      .prorated('c', 's', 'pro', 1200, '2024-01-10T10:20:00Z', '2024-02-10T10:00:00Z', { prorationType: 'full' })
      .build();
    // The line covers less than its plan's month: its MRR is scaled up to a full month.
    const whole = moves(run(data, MONTHLY));
    expect(whole).toHaveLength(1);
    const [at, id, type, amount] = whole[0];
    expect([at, id, type]).toEqual(['2024-01-10T10:00:00.000Z', 's', 'new_biz']);
    expect(moves(run(data, { ...MONTHLY, segment: "plan~ANY~'pro'" }))).toEqual([[at, 's', 'new_biz', amount]]);
    expect(moves(run(data, { ...MONTHLY, segment: "plan~ANY~'basic'" }))).toEqual([]);
  });

  it('smart grouping: a downgrade then cancellation within the window is churn of the segment the customer left', () => {
    const data = new DataBuilder().plan('basic', 'month').plan('pro', 'month')
      .sub('c', 's', 'pro', 1200, '2024-01-01', '2024-02-01')
      .sub('c', 's', 'basic', 500, '2024-02-01T10:00:00Z', '2024-03-01T10:00:00Z')
      .cancel('s', '2024-02-01T10:30:00Z')
      .build();
    const pro = moves(run(data, { ...MONTHLY, segment: "plan~ANY~'pro'" }));
    expect(pro).toEqual([['2024-01-01', 's', 'new_biz', 1200], ['2024-02-01T10:30:00.000Z', 's', 'churn', -1200]]);
    expect(moves(run(data, MONTHLY))).toEqual(pro);
  });

  it('exchange-rate impact stays inside the segment; entering and leaving move the MRR itself', () => {
    const data = new DataBuilder().plan('basic', 'month').plan('pro', 'month')
      .rate('2023-12-01', 'EUR', '1.1').rate('2024-02-01', 'EUR', '1.2')
      .sub('c', 's', 'basic', 10000, '2024-01-01', '2024-02-01', { currency: 'EUR' })
      .sub('c', 's', 'pro', 10000, '2024-02-01', '2024-03-01', { currency: 'EUR' })
      .sub('c', 's', 'pro', 10000, '2024-03-01', '2024-04-01', { currency: 'EUR' })
      .build();
    expect(entry(run(data, MONTHLY), '2024-02-29')).toMatchObject({ mrr: 12000, fx_impact: 1000 });
    const pro = run(data, { ...MONTHLY, segment: "plan~ANY~'pro'" });
    expect(moves(pro)).toEqual([['2024-02-01', 's', 'segment_entry', 12000]]);
    expect(entry(pro, '2024-02-29')).toMatchObject({ mrr: 12000, fx_impact: 0, segment_entry: 12000 });
    const basic = run(data, { ...MONTHLY, segment: "billing_cycle~ANY~'month-1'~AND~plan~NONE~'pro'" });
    expect(moves(basic)).toEqual([['2024-01-01', 's', 'new_biz', 11000], ['2024-02-01', 's', 'segment_exit', -11000]]);
  });

  it('the committed forecast of a segment follows its scheduled changes of plan', () => {
    const data = new DataBuilder().plan('basic', 'month').plan('pro', 'month')
      .sub('c', 's', 'pro', 1200, '2024-03-01', '2024-04-01')
      .event('c', 'subscription_update_scheduled', { subscription: 's', date: '2024-03-10', effective: '2024-04-15', plan: 'basic', amount: 500 })
      .build();
    const whole = run(data, MONTHLY);
    const pro = run(data, { ...MONTHLY, segment: "plan~ANY~'pro'" });
    expect(whole.forecast.at(-1)).toMatchObject({ cmrr: 500, committed_contraction: -700 });
    expect(pro.forecast.at(-1)).toMatchObject({ cmrr: 0, committed_contraction: 0 });
  });
});

describe('customer conditions', () => {
  it('drop whole customers: their movements, cash, leads and trials', () => {
    const data = new DataBuilder()
      .customer('us', { country: 'US', tags: ['vip'], leadCreatedAt: Date.UTC(2024, 0, 5) })
      .customer('de', { country: 'DE', tags: ['vip'], leadCreatedAt: Date.UTC(2024, 0, 6) })
      .sub('us', 'u', 'm', 1000, '2024-01-10', '2024-02-10')
      .sub('de', 'd', 'm', 2000, '2024-01-10', '2024-02-10')
      .build();
    const r = run(data, { ...MONTHLY, segment: "region~NONE~'DE'~AND~tags~ALL~'vip'" });
    expect(r.customers.map((c) => c.external_id)).toEqual(['us']);
    expect(entry(r, '2024-01-31')).toMatchObject({ mrr: 1000, new_biz: 1000, customers: 1, leads: 1, segment_entry: 0, segment_exit: 0 });
  });
});
