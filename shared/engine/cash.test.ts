/** Cash flow keys of METRICS.md section 6 and net_payments of section 5. */
import { describe, expect, it } from 'vitest';
import { cashEvents, netPayments } from './cash.ts';
import { cust, DataBuilder, engineContext, run, settings, t } from './test-builders.test-util.ts';

describe('cash events', () => {
  const data = () =>
    new DataBuilder()
      .rate('2024-01-01', 'EUR', '1.5')
      .rate('2024-03-01', 'EUR', '2')
      .sub('c', 's', 'm', 3000, '2024-01-01', '2024-02-01', { invoice: 'i1', tax: 500 })
      .oneTime('c', 1000, '2024-01-01', { invoice: 'i1' })
      .transaction('i1', '2024-01-02') // total 4000, tax included
      .transaction('i1', '2024-01-20', { type: 'refund', amount: 1500 })
      .transaction('i1', '2024-01-01', { result: 'failed' })
      .transaction('i1', '2024-01-03', { type: 'refund', result: 'failed', amount: 10 })
      .oneTime('e', 1000, '2024-02-10', { invoice: 'eur', currency: 'EUR' })
      .transaction('eur', '2024-03-02') // converted at the rate on the transaction date
      .transaction('eur', '2024-04-02', { amount: 100 }) // after as-of
      .build();

  it('payments default to the invoice total; one-time share; failed attempts carry no amount', () => {
    const d = data();
    const events = cashEvents(d, engineContext(d, settings(), t('2024-03-31')));
    expect(events.map((e) => [e.customerId, e.kind, e.amount, e.nonRecurring])).toEqual([
      ['c', 'payment', 4000, 1000],
      ['c', 'refund', 1500, 0],
      ['c', 'failed', 0, 0],
      ['c', 'failed', 0, 0],
      ['e', 'payment', 2000, 2000],
    ]);
    expect(Object.fromEntries(netPayments(events))).toEqual({ c: 2500, e: 2000 });
  });

  it('series cash keys and net_payments through the report', () => {
    const r = run(data(), { asOf: '2024-03-31', start: '2024-01-01' });
    expect(r.series.map((e) => [e.date, e.gross_cash_flow, e.refunds, e.net_cash_flow, e.non_recurring_cash_flow, e.failed_transactions])).toEqual([
      ['2024-01-31', 4000, 1500, 2500, 1000, 1],
      ['2024-02-29', 0, 0, 0, 0, 0],
      ['2024-03-31', 2000, 0, 2000, 2000, 0],
    ]);
    expect(cust(r, 'c').net_payments).toBe(2500);
    expect(cust(r, 'e')).toMatchObject({ net_payments: 2000, status: 'Lead' });
  });

  it('a partial payment carries its share of one-time lines', () => {
    const d = new DataBuilder()
      .sub('c', 's', 'm', 3000, '2024-01-01', '2024-02-01', { invoice: 'i1' })
      .oneTime('c', 1000, '2024-01-01', { invoice: 'i1' })
      .transaction('i1', '2024-01-02', { amount: 1000 })
      .build();
    expect(run(d, { asOf: '2024-01-31' }).series[0]).toMatchObject({ gross_cash_flow: 1000, non_recurring_cash_flow: 250 });
  });
});
