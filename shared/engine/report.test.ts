/** computeReport end to end on small data: sections 2, 3 and 5 through the whole pipeline. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../templates/settings.ts';
import { computeReport, ReportOptionsError } from './report.ts';
import { cust, DataBuilder, moves, run, sub, t } from './test-builders.test-util.ts';

describe('report shape', () => {
  it('as_of, currency, and an empty account', () => {
    const r = run(new DataBuilder().customer('lead').build(), { asOf: '2024-02-10' });
    expect(r.as_of).toBe('2024-02-10');
    expect(r.currency).toBe('USD');
    expect(r.customers).toEqual([
      {
        external_id: 'lead', name: 'lead', status: 'Lead', mrr: 0, arr: 0, subscriber_since: null, net_payments: 0,
        subscriptions: 0, quantity: 0,
      },
    ]);
    expect(r.movements).toEqual([]);
    // no movement: the series starts on the first of the as-of month
    expect(r.series.map((e) => e.date)).toEqual(['2024-02-10']);
    expect(r.forecast).toEqual([]);
  });

  it('a start after the as-of day is an options error', () => {
    expect(() => computeReport(new DataBuilder().build(), DEFAULT_SETTINGS, { asOf: t('2024-01-01'), start: t('2024-01-02') }))
      .toThrow(ReportOptionsError);
  });

  it('as-of is a whole day: any instant in it gives the same report', () => {
    const d = new DataBuilder().sub('c', 's', 'm', 1000, '2024-01-10T23:00:00Z', '2024-02-10').build();
    const a = computeReport(d, DEFAULT_SETTINGS, { asOf: t('2024-01-10') });
    const b = computeReport(d, DEFAULT_SETTINGS, { asOf: t('2024-01-10T08:00:00Z') });
    expect(b).toEqual(a);
    expect(a.customers[0].mrr).toBe(1000);
  });

  it('later lines, cancellations and movements are not in the report', () => {
    const d = new DataBuilder()
      .sub('c', 's', 'm', 1000, '2024-01-01', '2024-02-01')
      .sub('c', 's', 'm', 3000, '2024-02-01', '2024-03-01')
      .cancel('s', '2024-02-15')
      .build();
    const r = run(d, { asOf: '2024-01-31' });
    expect(moves(r)).toEqual([['2024-01-01', 's', 'new_biz', 1000]]);
    expect(sub(r, 's')).toMatchObject({ status: 'active', mrr: 1000, paid_through: '2024-02-01' });
  });
});

describe('customers: statuses and figures (section 5)', () => {
  it('Lead: no invoices, only one-time items, or only $0 lines', () => {
    const d = new DataBuilder()
      .customer('none')
      .oneTime('once', 5000, '2024-01-05')
      .sub('zero', 'z', 'm', 0, '2024-01-01', '2024-03-01')
      .build();
    const r = run(d, { asOf: '2024-01-31' });
    expect(r.customers.map((c) => [c.external_id, c.status, c.subscriptions])).toEqual([
      ['none', 'Lead', 0],
      ['once', 'Lead', 0],
      ['zero', 'Lead', 1],
    ]);
    expect(r.series.at(-1)!.customers).toBe(0);
  });

  it('a subscription set counts once; quantity sums over active and past-due subscriptions', () => {
    const d = new DataBuilder()
      .sub('c', 'base', 'm', 1000, '2024-01-01', '2024-03-01', { set: 'bundle', quantity: 2 })
      .sub('c', 'addon', 'm', 500, '2024-01-01', '2024-02-01', { set: 'bundle', quantity: 3 })
      .sub('c', 'other', 'm', 700, '2024-01-01', '2024-03-01', { quantity: 4 })
      .sub('c', 'gone', 'm', 900, '2024-01-01', '2024-03-01', { set: 'old', quantity: 5 })
      .cancel('gone', '2024-01-15')
      .build();
    const r = run(d, { asOf: '2024-02-10' });
    // bundle (base + past-due addon) counts once, other once; gone is cancelled
    expect(cust(r, 'c')).toMatchObject({ status: 'Past due', mrr: 2200, subscriptions: 2, quantity: 9 });
    expect(r.series.at(-1)).toMatchObject({ mrr: 2200, customers: 1, subscriptions: 2, quantity: 9 });
    expect(sub(r, 'addon')).toMatchObject({ set_external_id: 'bundle', status: 'past_due' });
  });

  it('Active when one subscription is active and none past due; Cancelled when all are cancelled', () => {
    const d = new DataBuilder()
      .sub('c', 'a', 'm', 1000, '2024-01-01', '2024-03-01')
      .sub('c', 'b', 'm', 1000, '2024-01-01', '2024-03-01')
      .cancel('a', '2024-01-10')
      .build();
    expect(cust(run(d, { asOf: '2024-01-20' }), 'c').status).toBe('Active');
    d.cancellations.push({ row: 9, customerExternalId: null, subscriptionExternalId: 'b', cancelledAt: t('2024-01-25') });
    expect(cust(run(d, { asOf: '2024-01-30' }), 'c')).toMatchObject({ status: 'Cancelled', mrr: 0, subscriptions: 0 });
  });

  it('subscriber_since is the first new business, not a reactivation', () => {
    const d = new DataBuilder()
      .sub('c', 'a', 'm', 1000, '2024-01-05', '2024-02-05')
      .cancel('a', '2024-01-20')
      .sub('c', 'b', 'm', 1000, '2024-03-01', '2024-04-01')
      .build();
    expect(cust(run(d, { asOf: '2024-03-10' }), 'c').subscriber_since).toBe('2024-01-05');
  });
});

describe('proration types end to end (sections 2 and 3)', () => {
  const base = () => new DataBuilder().sub('c', 's', 'm', 3100, '2024-03-01', '2024-04-01', { quantity: 2 });

  it('differential upgrade: 16 of 31 days, +1000 → +1938 MRR, quantity added', () => {
    const d = base().prorated('c', 's', 'm', 1000, '2024-03-16', '2024-04-01', { quantity: 1 }).build();
    const r = run(d, { asOf: '2024-03-20' });
    expect(sub(r, 's')).toMatchObject({ mrr: 5038, quantity: 3 });
    expect(moves(r).at(-1)).toEqual(['2024-03-16', 's', 'expansion', 1938]);
  });

  it('full: the prorated line is the whole new MRR', () => {
    const d = base().prorated('c', 's', 'm', 2000, '2024-03-16', '2024-04-01', { quantity: 5, prorationType: 'full' }).build();
    expect(sub(run(d, { asOf: '2024-03-20' }), 's')).toMatchObject({ mrr: 3875, quantity: 5 }); // 2000 × 31/16
  });

  it('differential_mrr: adds MRR, sets quantity', () => {
    const d = base()
      .prorated('c', 's', 'm', -800, '2024-03-16', '2024-04-01', { quantity: 1, prorationType: 'differential_mrr' })
      .build();
    const r = run(d, { asOf: '2024-03-20' });
    expect(sub(r, 's')).toMatchObject({ mrr: 1550, quantity: 1 }); // 3100 − 1550
    expect(moves(r).at(-1)).toEqual(['2024-03-16', 's', 'contraction', -1550]);
  });

  it('a prorated line ending Mar 31 (not Apr 1) on a monthly plan: full period Feb 29 → Mar 31', () => {
    const d = new DataBuilder()
      .sub('c', 's', 'm', 3100, '2024-03-01', '2024-03-31')
      .prorated('c', 's', 'm', 1500, '2024-03-16', '2024-03-31')
      .build();
    expect(sub(run(d, { asOf: '2024-03-20' }), 's').mrr).toBe(3100 + 3100);
  });

  it('event_order reaches the timeline: the ordered step first, the unordered one last, one movement', () => {
    const d = new DataBuilder()
      .sub('c', 's', 'm', 1000, '2024-01-01', '2024-02-01')
      .prorated('c', 's', 'm', 500, '2024-02-01', '2024-03-01', { prorationType: 'full' })
      .sub('c', 's', 'm', 2000, '2024-02-01', '2024-03-01', { eventOrder: 1 })
      .build();
    // order 1: renewal to 2000; then (missing order) full → 500
    const r = run(d, { asOf: '2024-02-10' });
    expect(sub(r, 's').mrr).toBe(500);
    expect(moves(r).at(-1)).toEqual(['2024-02-01', 's', 'contraction', -500]);
    // with the orders swapped, the renewal comes last and wins
    const e = new DataBuilder()
      .sub('c', 's', 'm', 1000, '2024-01-01', '2024-02-01')
      .prorated('c', 's', 'm', 500, '2024-02-01', '2024-03-01', { prorationType: 'full', eventOrder: 1 })
      .sub('c', 's', 'm', 2000, '2024-02-01', '2024-03-01', { eventOrder: 2 })
      .build();
    expect(sub(run(e, { asOf: '2024-02-10' }), 's').mrr).toBe(2000);
  });

  it('leap year: a monthly renewal Jan 31 → Feb 29 and a yearly plan from Feb 29', () => {
    const d = new DataBuilder()
      .sub('c', 'm1', 'm', 1000, '2024-01-31', '2024-02-29')
      .sub('c', 'y1', 'y', 120000, '2024-02-29', '2025-02-28')
      .prorated('c', 'y1', 'y', 12000, '2024-08-29', '2025-02-28')
      .build();
    const r = run(d, { asOf: '2024-09-01' });
    expect(sub(r, 'm1')).toMatchObject({ mrr: 1000, status: 'past_due', paid_through: '2024-02-29' });
    // 12000 × 366 days (Feb 28 2024 → Feb 28 2025) / 183 days / 12 = 2000
    expect(sub(r, 'y1').mrr).toBe(10000 + 2000);
  });

  it('a day plan normalises by 12/365 months per day', () => {
    const d = new DataBuilder().sub('c', 'w', '7d', 700, '2024-02-26', '2024-03-04').build();
    expect(sub(run(d, { asOf: '2024-02-28' }), 'w').mrr).toBe(3042);
  });
});
