/** METRICS.md section 8: subscription events, retractions and the committed-MRR forecast. */
import { describe, expect, it } from 'vitest';
import { retractedEvents } from './events.ts';
import { DataBuilder, moves, run, sub, t } from './test-builders.test-util.ts';

const base = () =>
  new DataBuilder()
    .sub('c', 's', 'm', 1000, '2024-01-01', '2024-02-01')
    .sub('c', 's', 'm', 1000, '2024-02-01', '2024-03-01')
    .sub('c', 's', 'm', 1000, '2024-03-01', '2024-04-01');

describe('subscription events in history', () => {
  it('subscription_cancelled is a cancellation at its effective date', () => {
    const d = base()
      .event('c', 'subscription_cancelled', { subscription: 's', id: 'e1', date: '2024-02-01', effective: '2024-02-10' })
      .build();
    const r = run(d, { asOf: '2024-02-20' });
    expect(moves(r).at(-1)).toEqual(['2024-02-10', 's', 'churn', -1000]);
    expect(sub(r, 's')).toMatchObject({ status: 'cancelled', cancelled_at: '2024-02-10' });
    // honours churn_recognition
    const spe = run(d, { asOf: '2024-03-20', churn_recognition: 'service_period_end' });
    expect(sub(spe, 's')).toMatchObject({ status: 'cancelled', cancelled_at: '2024-03-01' });
  });

  it('a subscription_cancelled counts from its effective date, even when recorded after as-of (section 6)', () => {
    const d = base()
      .event('c', 'subscription_cancelled', { subscription: 's', date: '2024-02-25', effective: '2024-02-10' })
      .build();
    expect(sub(run(d, { asOf: '2024-02-20' }), 's').status).toBe('cancelled');
    expect(sub(run(d, { asOf: '2024-02-20' }), 's').cancelled_at).toBe('2024-02-10');
    expect(sub(run(d, { asOf: '2024-02-09' }), 's').status).toBe('active');
  });

  it('subscription_event_retracted takes a cancellation back', () => {
    const d = base()
      .event('c', 'subscription_cancelled', { subscription: 's', id: 'e1', date: '2024-02-01', effective: '2024-02-10' })
      .event('c', 'subscription_event_retracted', { subscription: 's', id: 'e2', retracts: 'e1', date: '2024-02-12', effective: '2024-02-12' })
      .build();
    expect(sub(run(d, { asOf: '2024-02-20' }), 's').status).toBe('active');
    // The retraction is known now, so no report shows the cancellation, not even one as of a
    // day before the retraction was recorded (section 6).
    expect(sub(run(d, { asOf: '2024-02-11' }), 's').status).toBe('active');
  });

  it('subscription_start and subscription_updated change no metric', () => {
    const plain = run(base().build(), { asOf: '2024-03-15', start: '2024-01-01' });
    const d = base()
      .event('c', 'subscription_start', { subscription: 's', date: '2024-01-01', effective: '2024-01-01', plan: 'm', amount: 99999 })
      .event('c', 'subscription_updated', { subscription: 's', date: '2024-02-15', effective: '2024-02-15', plan: 'y', amount: 5 })
      .build();
    const r = run(d, { asOf: '2024-03-15', start: '2024-01-01' });
    expect(r.movements).toEqual(plain.movements);
    expect(r.series).toEqual(plain.series);
    expect(r.forecast).toEqual([]);
  });
});

describe('retractions', () => {
  it('by id, and scheduled_*_retracted taking back the latest earlier scheduled event of its kind', () => {
    const d = new DataBuilder()
      .event('c', 'subscription_update_scheduled', { subscription: 's', id: 'u1', date: '2024-01-01', effective: '2024-06-01', plan: 'm', amount: 1 })
      .event('c', 'subscription_update_scheduled', { subscription: 's', id: 'u2', date: '2024-01-02', effective: '2024-07-01', plan: 'm', amount: 2 })
      .event('c', 'subscription_update_scheduled', { subscription: 'other', id: 'u3', date: '2024-01-03', effective: '2024-07-01', plan: 'm', amount: 3 })
      .event('c', 'scheduled_subscription_update_retracted', { subscription: 's', id: 'r1', date: '2024-01-04', effective: '2024-01-04' })
      .event('c', 'subscription_cancellation_scheduled', { subscription: 's', id: 'k1', date: '2024-01-05', effective: '2024-08-01' })
      .event('c', 'subscription_event_retracted', { subscription: 's', id: 'r2', retracts: 'k1', date: '2024-01-06', effective: '2024-01-06' })
      .event('c', 'scheduled_subscription_start_retracted', { subscription: 's', id: 'r3', date: '2024-01-07', effective: '2024-01-07' })
      .build();
    expect([...retractedEvents(d.subscriptionEvents)].map((e) => e.externalId).sort()).toEqual(['k1', 'u2']);
  });

  it('a second scheduled_*_retracted takes back the next latest', () => {
    const d = new DataBuilder()
      .event('c', 'subscription_cancellation_scheduled', { subscription: 's', id: 'k1', date: '2024-01-01', effective: '2024-06-01' })
      .event('c', 'subscription_cancellation_scheduled', { subscription: 's', id: 'k2', date: '2024-01-02', effective: '2024-07-01' })
      .event('c', 'scheduled_subscription_cancellation_retracted', { subscription: 's', date: '2024-01-03', effective: '2024-01-03' })
      .event('c', 'scheduled_subscription_cancellation_retracted', { subscription: 's', date: '2024-01-04', effective: '2024-01-04' })
      .build();
    expect([...retractedEvents(d.subscriptionEvents)].map((e) => e.externalId).sort()).toEqual(['k1', 'k2']);
  });
});

describe('committed MRR forecast', () => {
  it('scheduled update, new start and cancellation after as-of; cmrr continues the MRR at as-of', () => {
    const d = base()
      .sub('c', 'x', 'm', 400, '2024-03-01', '2024-04-01')
      .event('c', 'subscription_update_scheduled', { subscription: 's', date: '2024-03-10', effective: '2024-04-15', plan: 'y', amount: 24000, quantity: 2 })
      .event('c', 'subscription_start_scheduled', { subscription: 'n', date: '2024-03-10', effective: '2024-05-01', plan: 'm', amount: 700 })
      .event('c', 'subscription_cancellation_scheduled', { subscription: 'x', date: '2024-03-10', effective: '2024-05-20' })
      .build();
    const r = run(d, { asOf: '2024-03-31', start: '2024-01-01' });
    expect(r.series.at(-1)).toMatchObject({ date: '2024-03-31', mrr: 1400, cmrr: 1400 });
    expect(r.forecast).toEqual([
      {
        date: '2024-04-30', cmrr: 2400, committed_new_biz: 0, committed_expansion: 1000, committed_contraction: 0,
        committed_churn: 0, committed_reactivation: 0, committed_fx_impact: 0,
      },
      {
        date: '2024-05-20', cmrr: 2700, committed_new_biz: 0, committed_expansion: 700, committed_contraction: -400,
        committed_churn: 0, committed_reactivation: 0, committed_fx_impact: 0,
      },
    ]);
    // the forecast never leaks into history
    expect(r.movements.every((m) => m.date <= '2024-03-31')).toBe(true);
    expect(sub(r, 's').mrr).toBe(1000);
    expect(r.subscriptions.map((s) => s.external_id)).toEqual(['s', 'x']);
  });

  it('a foreign-currency scheduled price converts at the latest rate known at as-of', () => {
    const d = new DataBuilder()
      .rate('2024-01-01', 'EUR', '1.1')
      .rate('2024-03-15', 'EUR', '1.25')
      .sub('c', 'e', 'm', 10000, '2024-03-01', '2024-04-01', { currency: 'EUR' })
      .event('c', 'subscription_update_scheduled', {
        subscription: 'e', date: '2024-03-20', effective: '2024-04-01', plan: 'm', currency: 'EUR', amount: 12000,
      })
      .build();
    const r = run(d, { asOf: '2024-03-31', start: '2024-03-01' });
    expect(r.series.at(-1)!.mrr).toBe(11000);
    // 12000 EUR × 1.25 = 15000; the committed expansion is 2000 EUR at 1.25
    expect(r.forecast).toEqual([
      {
        date: '2024-04-01', cmrr: 15000, committed_new_biz: 0, committed_expansion: 2500, committed_contraction: 0,
        committed_churn: 0, committed_reactivation: 0,
        // the 10000 EUR already billed re-priced from 1.1 to 1.25: 11000 + 2500 + 1500 = 15000
        committed_fx_impact: 1500,
      },
    ]);
  });

  it('a scheduled cancellation of every subscription is committed churn', () => {
    const d = base()
      .event('c', 'subscription_cancellation_scheduled', { subscription: 's', date: '2024-03-10', effective: '2024-04-01' })
      .build();
    const r = run(d, { asOf: '2024-03-31', start: '2024-01-01', interval: 'day' });
    expect(r.forecast).toEqual([
      {
        date: '2024-04-01', cmrr: 0, committed_new_biz: 0, committed_expansion: 0, committed_contraction: 0,
        committed_churn: -1000, committed_reactivation: 0, committed_fx_impact: 0,
      },
    ]);
  });

  it('retracted scheduled events and events effective by as-of are not committed; recorded after as-of are', () => {
    const d = base()
      .event('c', 'subscription_update_scheduled', { subscription: 's', id: 'u', date: '2024-03-10', effective: '2024-04-15', plan: 'm', amount: 5000 })
      .event('c', 'scheduled_subscription_update_retracted', { subscription: 's', date: '2024-03-11', effective: '2024-03-11' })
      .event('c', 'subscription_update_scheduled', { subscription: 's', date: '2024-03-09', effective: '2024-03-20', plan: 'm', amount: 7000 })
      .event('c', 'subscription_cancellation_scheduled', { subscription: 's', date: '2024-04-02', effective: '2024-05-01' })
      .build();
    const r = run(d, { asOf: '2024-03-31', start: '2024-01-01' });
    // The cancellation recorded after as-of is known today, so it is committed (section 6).
    expect(r.forecast.map((e) => [e.date, e.cmrr, e.committed_churn])).toEqual([
      ['2024-04-30', 1000, 0],
      ['2024-05-01', 0, -1000],
    ]);
    expect(r.forecast.every((e) => e.committed_expansion === 0 && e.committed_contraction === 0)).toBe(true);
    expect(sub(r, 's').mrr).toBe(1000);
  });

  it('scheduled events of one subscription at one instant apply in event_order (missing last), then row order', () => {
    const at = (first: number | undefined, second: number | undefined) => base()
      .event('c', 'subscription_update_scheduled', { subscription: 's', date: '2024-03-10', effective: '2024-04-15', plan: 'm', amount: 3000, order: first })
      .event('c', 'subscription_update_scheduled', { subscription: 's', date: '2024-03-10', effective: '2024-04-15', plan: 'm', amount: 2000, order: second })
      .build();
    const cmrr = (d: ReturnType<typeof at>) => run(d, { asOf: '2024-03-31', start: '2024-01-01' }).forecast.map((e) => [e.date, e.cmrr]);
    // Row order alone: the later row is the last change.
    expect(cmrr(at(undefined, undefined))).toEqual([['2024-04-15', 2000]]);
    expect(cmrr(at(2, 1))).toEqual([['2024-04-15', 3000]]);
    expect(cmrr(at(1, 2))).toEqual([['2024-04-15', 2000]]);
    expect(cmrr(at(5, undefined))).toEqual([['2024-04-15', 2000]]);
    expect(cmrr(at(undefined, 5))).toEqual([['2024-04-15', 3000]]);
    // An update and a cancellation at one instant: the one ordered last stands.
    const cancelFirst = base()
      .event('c', 'subscription_update_scheduled', { subscription: 's', date: '2024-03-10', effective: '2024-04-15', plan: 'm', amount: 3000, order: 2 })
      .event('c', 'subscription_cancellation_scheduled', { subscription: 's', date: '2024-03-10', effective: '2024-04-15', order: 1 })
      .build();
    expect(cmrr(cancelFirst)).toEqual([['2024-04-15', 3000]]);
  });

  it('a scheduled start for a new customer is committed new business', () => {
    const d = base()
      .event('k', 'subscription_start_scheduled', { subscription: 'n', date: '2024-03-10', effective: '2024-04-10', plan: 'y', amount: 12000 })
      .build();
    const r = run(d, { asOf: '2024-03-31', start: '2024-01-01' });
    expect(r.forecast).toEqual([
      {
        date: '2024-04-10', cmrr: 2000, committed_new_biz: 1000, committed_expansion: 0, committed_contraction: 0,
        committed_churn: 0, committed_reactivation: 0, committed_fx_impact: 0,
      },
    ]);
    expect(r.customers.find((c) => c.external_id === 'k')).toMatchObject({ status: 'Lead', mrr: 0 });
  });
});
