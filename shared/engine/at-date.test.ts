/** customerAt and totalMrrAt: a day before as-of, read from the report's rows, against the report as of that day. */
import { describe, expect, it } from 'vitest';
import type { Settings } from '../templates/settings.ts';
import { DAY_MS, formatDate } from '../time.ts';
import { customerAt, totalMrrAt, type CustomerRows } from './at-date.ts';
import { DataBuilder, run, t, type ReportResult } from './test-builders.test-util.ts';

function rowsOf(r: ReportResult): Map<string, CustomerRows> {
  const rows = new Map<string, CustomerRows>(r.customers.map((c) => [c.external_id, { customer: c, subscriptions: [], movements: [] }]));
  for (const s of r.subscriptions) (rows.get(s.customer_external_id)!.subscriptions as unknown[]).push(s);
  for (const m of r.movements) (rows.get(m.customer_external_id)!.movements as unknown[]).push(m);
  return rows;
}

const days = (from: string, to: string) => {
  const out: string[] = [];
  for (let d = t(from); d <= t(to); d += DAY_MS) out.push(formatDate(d));
  return out;
};

/** Every day from `from` to as-of: each customer at that day by its rows equals the report as of that day. */
function expectEveryDayAgrees(data: ReturnType<DataBuilder['build']>, from: string, asOf: string, over: Partial<Settings> = {}) {
  const report = run(data, { asOf, ...over });
  const rows = rowsOf(report);
  const seen = new Set<string>();
  for (const day of days(from, asOf)) {
    const then = run(data, { asOf: day, ...over });
    for (const c of then.customers) {
      const at = customerAt(rows.get(c.external_id)!, report.as_of, day);
      expect(at, `${c.external_id} at ${day}`).toEqual({ status: c.status, mrr: c.mrr });
      seen.add(c.status);
    }
    expect(totalMrrAt({ ...report, customers: rows.values() }, report.as_of, day), `total at ${day}`)
      .toBe(then.customers.reduce((sum, c) => sum + c.mrr, 0));
  }
  return seen;
}

describe('customerAt: as the report as of that day would say', () => {
  it('a renewal missed: Past due from the paid-through date until auto-churn cancels it', () => {
    const data = new DataBuilder()
      .sub('late', 's1', 'm', 1000, '2024-01-01', '2024-02-01')
      .sub('late', 's1', 'm', 1000, '2024-02-01', '2024-03-01')
      .sub('paid', 's2', 'm', 2500, '2024-01-15', '2024-02-15')
      .sub('paid', 's2', 'm', 2500, '2024-02-15', '2024-03-15')
      .sub('paid', 's2', 'm', 2500, '2024-03-15', '2024-04-15')
      .build();
    const seen = expectEveryDayAgrees(data, '2023-12-30', '2024-03-20', { auto_churn: 10 });
    expect(seen).toEqual(new Set(['Lead', 'Active', 'Past due', 'Cancelled']));
    const rows = rowsOf(run(data, { asOf: '2024-03-20', auto_churn: 10 })).get('late')!;
    expect(customerAt(rows, '2024-03-20', '2024-02-29').status).toBe('Active');
    expect(customerAt(rows, '2024-03-20', '2024-03-01').status).toBe('Past due');
    expect(customerAt(rows, '2024-03-20', '2024-03-10').status).toBe('Past due');
    expect(customerAt(rows, '2024-03-20', '2024-03-11')).toEqual({ status: 'Cancelled', mrr: 0 });
  });

  it('still past due at as-of: every day before agrees, and as-of is the customer row', () => {
    const data = new DataBuilder().sub('c', 's', 'm', 1000, '2024-01-01', '2024-02-01').build();
    expectEveryDayAgrees(data, '2024-01-01', '2024-02-20');
    const r = run(data, { asOf: '2024-02-20' });
    expect(customerAt(rowsOf(r).get('c')!, '2024-02-20', '2024-02-20')).toEqual({ status: 'Past due', mrr: 1000 });
    expect(customerAt(rowsOf(r).get('c')!, '2024-02-20', '2099-01-01')).toEqual({ status: 'Past due', mrr: 1000 });
  });

  it('cancellations, expansion, churn and reactivation, under both churn recognitions', () => {
    const data = new DataBuilder()
      .sub('c', 'a', 'm', 1000, '2024-01-05', '2024-02-05')
      .sub('c', 'b', 'm', 500, '2024-01-20', '2024-02-20')
      .cancel('a', '2024-01-25')
      .cancel('b', '2024-02-10')
      .sub('c', 'a', 'm', 1200, '2024-03-01', '2024-04-01')
      .customer('lead')
      .build();
    for (const churn_recognition of ['cancellation', 'service_period_end'] as const) {
      const seen = expectEveryDayAgrees(data, '2024-01-01', '2024-03-10', { churn_recognition });
      expect(seen).toContain('Cancelled');
    }
  });

  it('manual subscriptions are never past due', () => {
    const data = new DataBuilder()
      .manual('m', 'ms', 'subscription_start', '2024-01-10', { plan: 'm', amount: 3000 })
      .manual('m', 'ms', 'subscription_cancelled', '2024-02-10')
      .build();
    const seen = expectEveryDayAgrees(data, '2024-01-01', '2024-02-20');
    expect(seen).toEqual(new Set(['Lead', 'Active', 'Cancelled']));
  });

  it('a Lead before any movement; unknown rows give a Lead with no MRR', () => {
    const none: CustomerRows = { customer: { status: 'Lead', mrr: 0 }, subscriptions: [], movements: [] };
    expect(customerAt(none, '2024-01-31', '2024-01-01')).toEqual({ status: 'Lead', mrr: 0 });
    const rows: CustomerRows = {
      customer: { status: 'Active', mrr: 700 },
      subscriptions: [{ paid_through: '2024-03-01', cancelled_at: null }],
      movements: [{ date: '2024-02-01', type: 'new_biz', customer_mrr_after: 700 }],
    };
    expect(customerAt(rows, '2024-02-15', '2024-01-31')).toEqual({ status: 'Lead', mrr: 0 });
    expect(customerAt(rows, '2024-02-15', '2024-02-01')).toEqual({ status: 'Active', mrr: 700 });
  });

  it('a cancelled day is not past due; a contraction to zero keeps the customer Active', () => {
    const rows: CustomerRows = {
      customer: { status: 'Cancelled', mrr: 0 },
      subscriptions: [{ paid_through: '2024-02-01', cancelled_at: '2024-02-05' }, { paid_through: '2024-02-01', cancelled_at: null }],
      movements: [
        { date: '2024-01-01', type: 'new_biz', customer_mrr_after: 900 },
        { date: '2024-01-10', type: 'contraction', customer_mrr_after: 0 },
        { date: '2024-02-05', type: 'churn', customer_mrr_after: 0 },
      ],
    };
    expect(customerAt(rows, '2024-03-01', '2024-01-20')).toEqual({ status: 'Active', mrr: 0 });
    // The second subscription is past its paid-through date and never cancelled.
    expect(customerAt(rows, '2024-03-01', '2024-02-01')).toEqual({ status: 'Past due', mrr: 0 });
    const [, , churn] = rows.movements;
    const one: CustomerRows = { ...rows, subscriptions: [rows.subscriptions[0]], movements: [rows.movements[0], churn] };
    expect(customerAt(one, '2024-03-01', '2024-02-04').status).toBe('Past due');
    expect(customerAt(one, '2024-03-01', '2024-02-05')).toEqual({ status: 'Cancelled', mrr: 0 });
  });

  it('a late renewal before the last paid-through date is what the rows cannot show (documented)', () => {
    const data = new DataBuilder()
      .sub('c', 's', 'm', 1000, '2024-01-01', '2024-02-01')
      .sub('c', 's', 'm', 1000, '2024-02-10', '2024-03-10')
      .build();
    const rows = rowsOf(run(data, { asOf: '2024-03-01' })).get('c')!;
    expect(run(data, { asOf: '2024-02-05' }).customers[0].status).toBe('Past due');
    expect(customerAt(rows, '2024-03-01', '2024-02-05').status).toBe('Active');
  });
});

describe('totalMrrAt', () => {
  it('counts exchange-rate changes through the series entry on or before the day', () => {
    const series = [{ date: '2024-01-31', mrr: 1010 }, { date: '2024-02-29', mrr: 2000 }];
    const movements = [{ date: '2024-01-10', amount: 1000 }, { date: '2024-02-03', amount: 500 }, { date: '2024-02-20', amount: 490 }];
    const customers: CustomerRows[] = [{
      customer: { status: 'Active', mrr: 2000 }, subscriptions: [],
      movements: [{ date: '2024-01-10', type: 'new_biz', customer_mrr_after: 1000 }, { date: '2024-02-03', type: 'expansion', customer_mrr_after: 1500 }],
    }];
    const report = { series, movements, customers };
    expect(totalMrrAt(report, '2024-02-29', '2024-02-10')).toBe(1510);
    expect(totalMrrAt(report, '2024-02-29', '2024-01-31')).toBe(1010);
    // Before the first entry: the customers' MRR after their movements.
    expect(totalMrrAt(report, '2024-02-29', '2024-01-20')).toBe(1000);
    expect(totalMrrAt(report, '2024-02-29', '2024-03-05')).toBe(2000);
  });
});
