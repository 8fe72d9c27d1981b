/** METRICS.md section 4: movements, smart grouping and exchange-rate impact. */
import { describe, expect, it } from 'vitest';
import { endOfDay } from '../time.ts';
import { customerMovements } from './movements.ts';
import { cancellationsBySubscription, invoicedSubscriptions } from './subscriptions.ts';
import { cust, DataBuilder, engineContext, entry, moves, run, settings, sub, t } from './test-builders.test-util.ts';
import type { BillingData } from '../templates/references.ts';
import type { Settings } from '../templates/settings.ts';

/** Movements and fx impacts of one customer straight from the engine stages. */
function engine(data: BillingData, asOf: string, over: Partial<Settings> = {}) {
  const s = settings(over);
  const asOfEnd = endOfDay(t(asOf));
  const ctx = engineContext(data, s, t(asOf));
  const subs = invoicedSubscriptions(data, cancellationsBySubscription(data, new Set(), asOfEnd), ctx);
  return customerMovements('c', subs.filter((x) => x.customerId === 'c'), s.sac_window_minutes);
}

describe('new business, expansion, contraction, churn, reactivation (unmerged events)', () => {
  it('classifies a simple lifecycle; contraction and churn are negative; customer_mrr_after', () => {
    const d = new DataBuilder()
      .sub('c', 'a', 'm', 1000, '2024-01-01', '2024-02-01')
      .sub('c', 'a', 'm', 1500, '2024-02-01', '2024-03-01')
      .sub('c', 'a', 'm', 1200, '2024-03-01', '2024-04-01')
      .cancel('a', '2024-03-20')
      .sub('c', 'b', 'm', 800, '2024-05-01', '2024-06-01')
      .build();
    const r = run(d, { asOf: '2024-05-10' });
    expect(moves(r)).toEqual([
      ['2024-01-01', 'a', 'new_biz', 1000],
      ['2024-02-01', 'a', 'expansion', 500],
      ['2024-03-01', 'a', 'contraction', -300],
      ['2024-03-20', 'a', 'churn', -1200],
      ['2024-05-01', 'b', 'reactivation', 800],
    ]);
    expect(r.movements.map((m) => m.customer_mrr_after)).toEqual([1000, 1500, 1200, 0, 800]);
    expect(cust(r, 'c').subscriber_since).toBe('2024-01-01');
  });

  it('a renewal at the same price is no movement (zero deltas are dropped)', () => {
    const d = new DataBuilder()
      .sub('c', 'a', 'm', 1000, '2024-01-01', '2024-02-01')
      .sub('c', 'a', 'm', 1000, '2024-02-01', '2024-03-01', { quantity: 5 })
      .build();
    expect(moves(run(d, { asOf: '2024-02-10' }))).toEqual([['2024-01-01', 'a', 'new_biz', 1000]]);
  });

  it('two steps of one subscription at one instant make one movement (net of the instant)', () => {
    const d = new DataBuilder()
      .sub('c', 'a', 'm', 1000, '2024-01-01', '2024-02-01')
      .sub('c', 'a', 'm', 3000, '2024-02-01', '2024-03-01', { eventOrder: 1 })
      .prorated('c', 'a', 'm', -500, '2024-02-01', '2024-03-01', { eventOrder: 2, quantity: -1 })
      .build();
    const r = run(d, { asOf: '2024-02-10', sac_window_minutes: 0 });
    expect(moves(r)).toEqual([
      ['2024-01-01', 'a', 'new_biz', 1000],
      ['2024-02-01', 'a', 'expansion', 1500],
    ]);
  });

  it('steps that net to nothing at one instant are netted before smart grouping: they open no cluster', () => {
    const h = (hours: number) => t('2024-02-01') + hours * 3_600_000;
    const d = new DataBuilder()
      .sub('c', 'a', 'm', 1000, '2024-01-01', '2024-02-01')
      .sub('c', 'b', 'm', 600, '2024-01-01', '2024-03-01')
      // 10:00: a renews at 3000 and a full proration brings it back to 1000 at the same instant
      // (986 × 696 h / 686 h = 1000.4 → 1000).
      .sub('c', 'a', 'm', 3000, h(10), '2024-03-01', { eventOrder: 1 })
      .prorated('c', 'a', 'm', 986, h(10), '2024-03-01', { eventOrder: 2, prorationType: 'full' })
      .cancel('b', h(10 + 50 / 60))
      .cancel('a', h(11 + 20 / 60))
      .build();
    // The cluster opens at 10:50 and absorbs 11:20: the customer goes from 1600 to 0, one churn
    // per subscription. Had 10:00 opened it (ending 11:00), b would be a contraction at 10:50.
    const r = run(d, { asOf: '2024-02-10', sac_window_minutes: 60 });
    expect(r.movements.map((m) => [m.at, m.subscription_external_id, m.type, m.amount])).toEqual([
      ['2024-01-01T00:00:00.000Z', 'a', 'new_biz', 1000],
      ['2024-01-01T00:00:00.000Z', 'b', 'new_biz', 600],
      ['2024-02-01T11:20:00.000Z', 'a', 'churn', -1000],
      ['2024-02-01T11:20:00.000Z', 'b', 'churn', -600],
    ]);
  });

  it('a renewal and a cancellation at the same instant: one churn of the old MRR', () => {
    const d = new DataBuilder()
      .sub('c', 'a', 'm', 1000, '2024-01-01', '2024-02-01')
      .sub('c', 'a', 'm', 2000, '2024-02-01', '2024-03-01')
      .cancel('a', '2024-02-01')
      .build();
    expect(moves(run(d, { asOf: '2024-02-10', sac_window_minutes: 0 }))).toEqual([
      ['2024-01-01', 'a', 'new_biz', 1000],
      ['2024-02-01', 'a', 'churn', -1000],
    ]);
  });

  it('one event with several subscriptions: one movement each, classified by its own sign', () => {
    const d = new DataBuilder()
      .sub('c', 'a', 'm', 1000, '2024-01-01', '2024-02-01')
      .sub('c', 'b', 'm', 1000, '2024-01-01', '2024-02-01')
      .sub('c', 'a', 'm', 1600, '2024-02-01', '2024-03-01')
      .sub('c', 'b', 'm', 400, '2024-02-01', '2024-03-01')
      .build();
    const r = run(d, { asOf: '2024-02-10', sac_window_minutes: 0 });
    expect(moves(r)).toEqual([
      ['2024-01-01', 'a', 'new_biz', 1000],
      ['2024-01-01', 'b', 'new_biz', 1000],
      ['2024-02-01', 'a', 'expansion', 600],
      ['2024-02-01', 'b', 'contraction', -600],
    ]);
    expect(r.movements.at(-1)!.customer_mrr_after).toBe(2000);
  });

  it('reactivation needs MRR > 0 before: a customer whose first line was $0 gets new business', () => {
    const d = new DataBuilder()
      .sub('c', 'free', 'm', 0, '2024-01-01', '2024-02-01')
      .sub('c', 'paid', 'm', 900, '2024-03-01', '2024-04-01')
      .build();
    expect(moves(run(d, { asOf: '2024-03-10' }))).toEqual([['2024-03-01', 'paid', 'new_biz', 900]]);
  });

  it('a $0 active subscription keeps the customer: contraction, not churn; the customer stays Active', () => {
    const d = new DataBuilder()
      .sub('c', 'paid', 'm', 1000, '2024-01-01', '2024-02-01')
      .sub('c', 'free', 'm', 0, '2024-01-01', '2024-03-01')
      .cancel('paid', '2024-01-20')
      .build();
    const r = run(d, { asOf: '2024-01-25' });
    expect(moves(r)).toEqual([
      ['2024-01-01', 'paid', 'new_biz', 1000],
      ['2024-01-20', 'paid', 'contraction', -1000],
    ]);
    expect(cust(r, 'c')).toMatchObject({ status: 'Active', mrr: 0, subscriptions: 1 });
    expect(r.series.at(-1)!.customers).toBe(1);
    // the free subscription then ends: no movement, the customer is Cancelled
    d.cancellations.push({ row: 9, customerExternalId: null, subscriptionExternalId: 'free', cancelledAt: t('2024-02-10') });
    const later = run(d, { asOf: '2024-02-15' });
    expect(moves(later)).toHaveLength(2);
    expect(cust(later, 'c').status).toBe('Cancelled');
    expect(entry(later, '2024-02-15').customers).toBe(0);
  });

  it('a prorated credit that brings MRR to 0 on a still-active subscription is contraction; the next renewal reactivates', () => {
    const d = new DataBuilder()
      .sub('c', 'a', 'm', 1000, '2024-01-01', '2024-02-01')
      .prorated('c', 'a', 'm', -800, '2024-01-10', '2024-02-01')
      .sub('c', 'a', 'm', 500, '2024-02-01', '2024-03-01')
      .build();
    // -800 × 31/22 = -1127.27 → -1127, clamped: MRR 0
    expect(moves(run(d, { asOf: '2024-02-10' }))).toEqual([
      ['2024-01-01', 'a', 'new_biz', 1000],
      ['2024-01-10', 'a', 'contraction', -1000],
      ['2024-02-01', 'a', 'reactivation', 500],
    ]);
  });

  it('a differential downgrade with a negative line: contraction by the prorated credit', () => {
    const d = new DataBuilder()
      .sub('c', 'a', 'm', 3100, '2024-01-01', '2024-02-01', { quantity: 3 })
      .prorated('c', 'a', 'm', -1600, '2024-01-16', '2024-02-01', { quantity: -1 })
      .build();
    const r = run(d, { asOf: '2024-01-20' });
    // -1600 × 31 / 16 = -3100: the whole MRR, clamped at 0 → contraction -3100, still active
    expect(moves(r).at(-1)).toEqual(['2024-01-16', 'a', 'contraction', -3100]);
    expect(sub(r, 'a')).toMatchObject({ mrr: 0, quantity: 2, status: 'active' });
  });
});

describe('smart grouping', () => {
  const twoStarts = (gapMinutes: number) => {
    const a = t('2024-01-10T10:00:00Z');
    const b = a + gapMinutes * 60_000;
    return new DataBuilder()
      .sub('c', 'base', 'm', 10000, a, t('2024-02-10T10:00:00Z'))
      .sub('c', 'addon', 'm', 5000, b, t('2024-02-10T10:00:00Z'), { prorated: true })
      .build();
  };

  it('on (60 min): subscriptions started within the window are all new business, dated at the first event', () => {
    const r = run(twoStarts(30), { asOf: '2024-01-20' });
    expect(r.movements.map((m) => [m.at, m.subscription_external_id, m.type])).toEqual([
      ['2024-01-10T10:00:00.000Z', 'addon', 'new_biz'],
      ['2024-01-10T10:00:00.000Z', 'base', 'new_biz'],
    ]);
    // addon: 5000 × 31 days / (31 days − 30 min)
    expect(r.movements.map((m) => m.amount).reduce((a, b) => a + b)).toBe(r.series.at(-1)!.mrr);
    // movements of one event accumulate: the last one carries the customer's MRR after the event
    expect(r.movements.map((m) => m.customer_mrr_after)).toEqual([5003, 15003]);
    expect(entry(r, '2024-01-20').asp).toBe(r.series.at(-1)!.mrr); // one customer with new business
  });

  it('off (0): the second one is expansion', () => {
    const r = run(twoStarts(30), { asOf: '2024-01-20', sac_window_minutes: 0 });
    expect(r.movements.map((m) => [m.at, m.subscription_external_id, m.type])).toEqual([
      ['2024-01-10T10:00:00.000Z', 'base', 'new_biz'],
      ['2024-01-10T10:30:00.000Z', 'addon', 'expansion'],
    ]);
  });

  it('the window is half-open: an event exactly at start + window is not absorbed', () => {
    expect(run(twoStarts(60), { asOf: '2024-01-20' }).movements.map((m) => m.type)).toEqual(['new_biz', 'expansion']);
    expect(run(twoStarts(59), { asOf: '2024-01-20' }).movements.map((m) => m.type)).toEqual(['new_biz', 'new_biz']);
    expect(run(twoStarts(90), { asOf: '2024-01-20', sac_window_minutes: 120 }).movements.map((m) => m.type)).toEqual([
      'new_biz', 'new_biz',
    ]);
  });

  it('a cluster is measured from its first event (no chaining)', () => {
    const d = new DataBuilder()
      .sub('c', 'a', 'm', 100, '2024-01-10T10:00:00Z', '2024-02-10')
      .sub('c', 'b', 'm', 200, '2024-01-10T10:50:00Z', '2024-02-10')
      .sub('c', 'x', 'm', 400, '2024-01-10T11:30:00Z', '2024-02-10')
      .build();
    expect(moves(run(d, { asOf: '2024-01-20' }))).toEqual([
      ['2024-01-10T10:00:00.000Z', 'a', 'new_biz', 100],
      ['2024-01-10T10:00:00.000Z', 'b', 'new_biz', 200],
      ['2024-01-10T11:30:00.000Z', 'x', 'expansion', 400],
    ]);
  });

  it('Decision: a cluster never spans midnight UTC', () => {
    const d = new DataBuilder()
      .sub('c', 'a', 'm', 100, '2024-01-10T23:40:00Z', '2024-02-10')
      .sub('c', 'b', 'm', 200, '2024-01-11T00:10:00Z', '2024-02-10')
      .build();
    expect(moves(run(d, { asOf: '2024-01-20' }))).toEqual([
      ['2024-01-10T23:40:00.000Z', 'a', 'new_biz', 100],
      ['2024-01-11T00:10:00.000Z', 'b', 'expansion', 200],
    ]);
    const daily = run(d, { asOf: '2024-01-11', start: '2024-01-10', interval: 'day' });
    expect(daily.series.map((e) => [e.date, e.mrr, e.new_biz, e.expansion])).toEqual([
      ['2024-01-10', 100, 100, 0],
      ['2024-01-11', 300, 0, 200],
    ]);
  });

  it('churn clusters are dated at the last event', () => {
    const d = new DataBuilder()
      .sub('c', 'base', 'm', 10000, '2024-01-01', '2024-03-01')
      .sub('c', 'addon', 'm', 5000, '2024-01-01', '2024-03-01')
      .cancel('addon', '2024-02-20T09:00:00Z')
      .cancel('base', '2024-02-20T09:20:00Z')
      .build();
    expect(moves(run(d, { asOf: '2024-02-25' })).slice(2)).toEqual([
      ['2024-02-20T09:20:00.000Z', 'addon', 'churn', -5000],
      ['2024-02-20T09:20:00.000Z', 'base', 'churn', -10000],
    ]);
    // without grouping, the first is a contraction
    expect(moves(run(d, { asOf: '2024-02-25', sac_window_minutes: 0 })).slice(2)).toEqual([
      ['2024-02-20T09:00:00.000Z', 'addon', 'contraction', -5000],
      ['2024-02-20T09:20:00.000Z', 'base', 'churn', -10000],
    ]);
  });

  it('a churn cluster nets every subscription’s change (expansion then churn inside the window)', () => {
    const d = new DataBuilder()
      .sub('c', 'a', 'm', 1000, '2024-01-01', '2024-03-01')
      .prorated('c', 'a', 'm', 500, '2024-02-20T09:00:00Z', '2024-03-01')
      .cancel('a', '2024-02-20T09:30:00Z')
      .build();
    expect(moves(run(d, { asOf: '2024-02-25' })).slice(1)).toEqual([['2024-02-20T09:30:00.000Z', 'a', 'churn', -1000]]);
  });

  it('an unmerged cluster classifies each event on its own', () => {
    // B > 0 and A > 0: one subscription cancelled, another upgraded 20 minutes later
    const d = new DataBuilder()
      .sub('c', 'a', 'm', 1000, '2024-01-01', '2024-03-01')
      .sub('c', 'b', 'm', 2000, '2024-01-01', '2024-03-01')
      .cancel('a', '2024-02-10T10:00:00Z')
      .prorated('c', 'b', 'm', 300, '2024-02-10T10:20:00Z', '2024-03-01', { prorationType: 'differential_mrr' })
      .build();
    const got = moves(run(d, { asOf: '2024-02-25' })).slice(2);
    expect(got.map((m) => [m[0], m[1], m[2]])).toEqual([
      ['2024-02-10T10:00:00.000Z', 'a', 'contraction'],
      ['2024-02-10T10:20:00.000Z', 'b', 'expansion'],
    ]);
  });

  it('a start and a cancellation inside one window: B = 0 and A = 0, so new business then churn', () => {
    const d = new DataBuilder()
      .sub('c', 'a', 'm', 1000, '2024-01-10T10:00:00Z', '2024-02-10')
      .cancel('a', '2024-01-10T10:30:00Z')
      .build();
    expect(moves(run(d, { asOf: '2024-01-20' }))).toEqual([
      ['2024-01-10T10:00:00.000Z', 'a', 'new_biz', 1000],
      ['2024-01-10T10:30:00.000Z', 'a', 'churn', -1000],
    ]);
  });

  it('a reactivation cluster: B = 0 after a churn, then two subscriptions within the window', () => {
    const d = new DataBuilder()
      .sub('c', 'a', 'm', 1000, '2024-01-01', '2024-02-01')
      .cancel('a', '2024-01-15')
      .sub('c', 'b', 'm', 300, '2024-03-01T08:00:00Z', '2024-04-01')
      .sub('c', 'x', 'm', 700, '2024-03-01T08:45:00Z', '2024-04-01')
      .build();
    expect(moves(run(d, { asOf: '2024-03-10' })).slice(2)).toEqual([
      ['2024-03-01T08:00:00.000Z', 'b', 'reactivation', 300],
      ['2024-03-01T08:00:00.000Z', 'x', 'reactivation', 700],
    ]);
  });

  it('grouping is per customer', () => {
    const d = new DataBuilder()
      .sub('c', 'a', 'm', 1000, '2024-01-10T10:00:00Z', '2024-02-10')
      .sub('k', 'b', 'm', 500, '2024-01-10T10:10:00Z', '2024-02-10')
      .sub('c', 'x', 'm', 100, '2024-01-10T10:20:00Z', '2024-02-10')
      .build();
    const r = run(d, { asOf: '2024-01-20' });
    expect(r.movements.map((m) => [m.customer_external_id, m.subscription_external_id, m.type])).toEqual([
      ['c', 'a', 'new_biz'],
      ['c', 'x', 'new_biz'],
      ['k', 'b', 'new_biz'],
    ]);
    expect(entry(r, '2024-01-20').asp).toBe(800); // (1100 + 500) / 2 customers
  });
});

describe('zero-delta change points are not events (section 4: "drop zero deltas")', () => {
  it('a $0 subscription starting does not open a cluster', () => {
    const d = new DataBuilder()
      .sub('c', 'free', 'm', 0, '2024-01-10T10:00:00Z', '2024-02-10')
      .sub('c', 'a', 'm', 100, '2024-01-10T10:30:00Z', '2024-02-10')
      .sub('c', 'b', 'm', 200, '2024-01-10T11:10:00Z', '2024-02-10')
      .build();
    // events 10:30 and 11:10 (< 10:30 + 60 min), B = 0, A = 300: new business dated 10:30
    expect(moves(run(d, { asOf: '2024-01-20' }))).toEqual([
      ['2024-01-10T10:30:00.000Z', 'a', 'new_biz', 100],
      ['2024-01-10T10:30:00.000Z', 'b', 'new_biz', 200],
    ]);
  });

  it('a seat-only change does not open a cluster', () => {
    const d = new DataBuilder()
      .sub('c', 'free', 'm', 0, '2024-01-01', '2024-03-01')
      .prorated('c', 'free', 'm', 0, '2024-01-10T10:00:00Z', '2024-03-01', { quantity: 2 })
      .sub('c', 'a', 'm', 100, '2024-01-10T10:40:00Z', '2024-02-10')
      .sub('c', 'b', 'm', 200, '2024-01-10T11:20:00Z', '2024-02-10')
      .build();
    const r = run(d, { asOf: '2024-01-20' });
    expect(moves(r)).toEqual([
      ['2024-01-10T10:40:00.000Z', 'a', 'new_biz', 100],
      ['2024-01-10T10:40:00.000Z', 'b', 'new_biz', 200],
    ]);
    expect(cust(r, 'c')).toMatchObject({ quantity: 5, subscriptions: 3 });
  });

  it('a $0 subscription ending inside the window does not turn a contraction into churn', () => {
    const d = new DataBuilder()
      .sub('c', 'a', 'm', 100, '2024-01-01', '2024-03-01')
      .sub('c', 'free', 'm', 0, '2024-01-01', '2024-03-01')
      .cancel('a', '2024-01-10T10:00:00Z')
      .cancel('free', '2024-01-10T10:20:00Z')
      .build();
    // at 10:00 the $0 subscription is still active: A = 0 with an active subscription left
    const r = run(d, { asOf: '2024-01-20' });
    expect(moves(r)).toEqual([
      ['2024-01-01', 'a', 'new_biz', 100],
      ['2024-01-10T10:00:00.000Z', 'a', 'contraction', -100],
    ]);
    expect(cust(r, 'c').status).toBe('Cancelled');
    // the same whatever the window
    expect(moves(run(d, { asOf: '2024-01-20', sac_window_minutes: 0 }))).toEqual(moves(r));
  });
});

describe('exchange-rate impact', () => {
  const eur = () =>
    new DataBuilder()
      .rate('2024-01-01', 'EUR', '1.1')
      .rate('2024-02-01', 'EUR', '1.2')
      .rate('2024-04-01', 'EUR', '1')
      .sub('c', 'e', 'm', 10000, '2024-01-01', '2024-02-01', { currency: 'EUR' })
      .sub('c', 'e', 'm', 10000, '2024-02-01', '2024-03-01', { currency: 'EUR' })
      .sub('c', 'e', 'm', 15000, '2024-03-01', '2024-04-01', { currency: 'EUR' })
      .sub('c', 'e', 'm', 15000, '2024-04-01', '2024-05-01', { currency: 'EUR' })
      .cancel('e', '2024-04-15');

  it('a renewal at an unchanged price but a new rate is fx impact only', () => {
    const r = run(eur().build(), { asOf: '2024-04-30', start: '2024-01-01' });
    expect(moves(r)).toEqual([
      ['2024-01-01', 'e', 'new_biz', 11000],
      ['2024-03-01', 'e', 'expansion', 6000], // 5000 EUR at 1.2
      ['2024-04-15', 'e', 'churn', -15000], // 15000 EUR at the rate in force on 04-15: 1
    ]);
    expect(r.series.map((e) => [e.date, e.mrr, e.fx_impact])).toEqual([
      ['2024-01-31', 11000, 0],
      ['2024-02-29', 12000, 1000],
      ['2024-03-31', 18000, 0],
      ['2024-04-30', 0, -3000], // renewal 04-01 at rate 1: -3000, then churn at 1: no more
    ]);
  });

  it('the fx list and movements of the engine stage add up to the MRR', () => {
    const res = engine(eur().build(), '2024-04-30');
    expect(res.fx.map((f) => [f.t, f.amount])).toEqual([
      [t('2024-02-01'), 1000],
      [t('2024-04-01'), -3000],
    ]);
    const total = res.movements.reduce((a, m) => a + m.amount, 0) + res.fx.reduce((a, f) => a + f.amount, 0);
    expect(total).toBe(0);
  });

  it('a churn priced at a later rate than the line: the difference is fx impact at the churn', () => {
    const d = new DataBuilder()
      .rate('2024-01-01', 'EUR', '1.1')
      .rate('2024-01-15', 'EUR', '1.3')
      .sub('c', 'e', 'm', 10000, '2024-01-01', '2024-02-01', { currency: 'EUR' })
      .cancel('e', '2024-01-20')
      .build();
    const res = engine(d, '2024-01-31');
    expect(res.movements.map((m) => [m.type, m.amount])).toEqual([
      ['new_biz', 11000],
      ['churn', -13000],
    ]);
    expect(res.fx.map((f) => [f.t, f.amount])).toEqual([[t('2024-01-20'), 2000]]);
  });

  it('an upgrade is priced at the rate in force at the change point', () => {
    const d = new DataBuilder()
      .rate('2024-01-01', 'EUR', '1.1')
      .rate('2024-01-15', 'EUR', '1.5')
      .sub('c', 'e', 'm', 10000, '2024-01-01', '2024-02-01', { currency: 'EUR' })
      .prorated('c', 'e', 'm', 1000, '2024-01-21', '2024-02-01', { currency: 'EUR' })
      .build();
    // own: 1000 × 31/11 = 2818.18 → 2818 EUR; base line: 1000 × 31/11 × 1.5 = 4227.27 → 4227
    const res = engine(d, '2024-01-31');
    expect(res.movements.map((m) => [m.type, m.amount])).toEqual([
      ['new_biz', 11000],
      ['expansion', 4227], // round(2818 × 1.5) = 4227
    ]);
    expect(res.fx).toEqual([]);
  });

  it('a new subscription in another currency: new business equals its MRR, no fx (two roundings)', () => {
    const d = new DataBuilder()
      .rate('2024-01-01', 'EUR', '1.1')
      .sub('c', 'e', 'y', 80000, '2024-01-01', '2025-01-01', { currency: 'EUR' })
      .build();
    // 80000 / 12 = 6666.67 → 6667 EUR cents; × 1.1 = 7333.7 → 7334
    const res = engine(d, '2024-01-31');
    expect(res.movements.map((m) => [m.type, m.amount, m.customerMrrAfter])).toEqual([['new_biz', 7334, 7334]]);
    expect(res.fx).toEqual([]);
  });

  it('an upgrade at a constant rate moves exactly the MRR change', () => {
    const d = new DataBuilder()
      .rate('2024-01-01', 'EUR', '1.0843')
      .sub('c', 'e', 'm', 2999, '2024-01-01', '2024-02-01', { currency: 'EUR' })
      .sub('c', 'e', 'm', 4999, '2024-02-01', '2024-03-01', { currency: 'EUR' })
      .build();
    // 2999 × 1.0843 = 3251.8 → 3252; 4999 × 1.0843 = 5420.4 → 5420. The own-currency change
    // alone would price at 2000 × 1.0843 = 2168.6 → 2169, a cent more than MRR moved; the
    // change of the whole state at the rate in force keeps movements and MRR equal.
    const res = engine(d, '2024-02-10');
    expect(res.movements.map((m) => [m.type, m.amount, m.customerMrrAfter])).toEqual([
      ['new_biz', 3252, 3252],
      ['expansion', 2168, 5420],
    ]);
    expect(res.fx).toEqual([]);
  });

  it('a renewal at the full price after a prorated change moves nothing', () => {
    const d = new DataBuilder()
      .rate('2024-01-01', 'EUR', '1.25')
      .sub('c', 'e', 'm', 1002, '2024-04-01', '2024-05-01', { currency: 'EUR' })
      .prorated('c', 'e', 'm', 501, '2024-04-16', '2024-05-01', { currency: 'EUR' }) // 15 of 30 days: 1002
      .sub('c', 'e', 'm', 2004, '2024-05-01', '2024-06-01', { currency: 'EUR' })
      .build();
    // Lines at one rate add up in EUR cents first: 2004 × 1.25 = 2505 (not 1253 + 1253 = 2506).
    const res = engine(d, '2024-05-10');
    expect(res.movements.map((m) => [m.t, m.type, m.amount, m.customerMrrAfter])).toEqual([
      [t('2024-04-01'), 'new_biz', 1253, 1253],
      [t('2024-04-16'), 'expansion', 1252, 2505],
    ]);
    expect(res.fx).toEqual([]);
    expect(sub(run(d, { asOf: '2024-05-10' }), 'e').mrr).toBe(2505);
  });

  it('after a churn priced at another rate, a restart is a reactivation of its full MRR', () => {
    const d = new DataBuilder()
      .rate('2024-01-01', 'EUR', '1.1')
      .rate('2024-01-20', 'EUR', '1.0843')
      .rate('2024-03-01', 'EUR', '1.3')
      .sub('c', 'e', 'm', 2999, '2024-01-01', '2024-02-01', { currency: 'EUR' })
      .cancel('e', '2024-01-25')
      .sub('c', 'e', 'm', 2999, '2024-03-01', '2024-04-01', { currency: 'EUR' })
      .build();
    const res = engine(d, '2024-03-10');
    expect(res.movements.map((m) => [m.type, m.amount, m.customerMrrAfter])).toEqual([
      ['new_biz', 3299, 3299], // 2999 × 1.1 = 3298.9
      ['churn', -3252, 0], // priced at the rate on 01-25: 2999 × 1.0843 = 3251.8
      ['reactivation', 3899, 3899], // 2999 × 1.3 = 3898.7
    ]);
    expect(res.fx.map((f) => [f.t, f.amount])).toEqual([[t('2024-01-25'), -47]]);
  });

  it('base-currency subscriptions never have fx impact', () => {
    const d = new DataBuilder()
      .rate('2024-01-01', 'EUR', '1.1')
      .rate('2024-02-01', 'EUR', '1.2')
      .sub('c', 'u', 'm', 10000, '2024-01-01', '2024-02-01')
      .sub('c', 'u', 'm', 10000, '2024-02-01', '2024-03-01')
      .build();
    expect(engine(d, '2024-02-10').fx).toEqual([]);
  });

  it('another base currency: USD lines become foreign', () => {
    const d = new DataBuilder()
      .rate('2024-01-01', 'USD', '0.9')
      .sub('c', 'u', 'm', 10000, '2024-01-01', '2024-02-01')
      .build();
    const r = run(d, { asOf: '2024-01-10', base_currency: 'EUR' });
    expect(r.currency).toBe('EUR');
    expect(sub(r, 'u').mrr).toBe(9000);
  });
});
