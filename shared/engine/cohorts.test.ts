/** METRICS.md section 12: cohort tables on hand-computed data, through the report and directly. */
import { describe, expect, it } from 'vitest';
import { buildCohorts, type Cohort } from './cohorts.ts';
import { intervalFirstDay } from './intervals.ts';
import { DataBuilder, run, t } from './test-builders.test-util.ts';
import type { CustomerState, Movement } from './types.ts';

/** [cohort, size, mrr_start, [period, date, customers, mrr, customer %, mrr %][]] */
const compact = (cohorts: Cohort[]) =>
  cohorts.map((c) => [
    c.cohort, c.size, c.mrr_start,
    c.periods.map((p) => [p.period, p.date, p.customers, p.mrr, p.customer_retention, p.mrr_retention]),
  ]);

/**
 * A: 1000 from Jan 10, 1500 from Mar 10. B: 2000 from Jan 20, cancelled Feb 15, back at 500 on
 * Apr 2 (reactivation: still the January cohort). C: 3000 from Feb 5. D: only $0 lines (no cohort).
 */
function scenario() {
  const b = new DataBuilder().customer('D');
  b.sub('A', 'a1', 'm', 1000, '2024-01-10', '2024-02-10').sub('A', 'a1', 'm', 1000, '2024-02-10', '2024-03-10')
    .sub('A', 'a1', 'm', 1500, '2024-03-10', '2024-04-10').sub('A', 'a1', 'm', 1500, '2024-04-10', '2024-05-10');
  b.sub('B', 'b1', 'm', 2000, '2024-01-20', '2024-02-20').cancel('b1', '2024-02-15')
    .sub('B', 'b2', 'm', 500, '2024-04-02', '2024-05-02');
  b.sub('C', 'c1', 'm', 3000, '2024-02-05', '2024-03-05').sub('C', 'c1', 'm', 3000, '2024-03-05', '2024-04-05')
    .sub('C', 'c1', 'm', 3000, '2024-04-05', '2024-05-05');
  b.sub('D', 'd1', 'm', 0, '2024-01-01', '2024-02-01');
  return b.build();
}

describe('cohorts in the report', () => {
  it('monthly by default: every cohort up to as-of whatever the series start, the last period clipped', () => {
    const r = run(scenario(), { asOf: '2024-04-15', start: '2024-03-01' });
    expect(compact(r.cohorts)).toEqual([
      ['2024-01-01', 2, 3000, [
        [0, '2024-01-31', 2, 3000, 100, 100],
        [1, '2024-02-29', 1, 1000, 50, 33.33],
        [2, '2024-03-31', 1, 1500, 50, 50],
        [3, '2024-04-15', 2, 2000, 100, 66.67], // B reactivated: net retention counts it
      ]],
      ['2024-02-01', 1, 3000, [
        [0, '2024-02-29', 1, 3000, 100, 100],
        [1, '2024-03-31', 1, 3000, 100, 100],
        [2, '2024-04-15', 1, 3000, 100, 100],
      ]],
    ]);
  });

  it('quarterly and yearly', () => {
    expect(compact(run(scenario(), { asOf: '2024-04-15', cohortInterval: 'quarter' }).cohorts)).toEqual([
      // B gone at the end of Q1 (A 1500 + C 3000), back by April 15 at 500
      ['2024-01-01', 3, 4500, [[0, '2024-03-31', 2, 4500, 66.67, 100], [1, '2024-04-15', 3, 5000, 100, 111.11]]],
    ]);
    expect(compact(run(scenario(), { asOf: '2024-04-15', cohortInterval: 'year' }).cohorts)).toEqual([
      ['2024-01-01', 3, 5000, [[0, '2024-04-15', 3, 5000, 100, 100]]],
    ]);
  });

  it('weekly: Monday-first cohorts; the cohort of the as-of week has its one clipped period', () => {
    const r = run(scenario(), { asOf: '2024-02-07', cohortInterval: 'week' });
    expect(compact(r.cohorts).map(([cohort, size, start, periods]) => [cohort, size, start, (periods as unknown[]).length]))
      .toEqual([
        ['2024-01-08', 1, 1000, 5], // A on Wednesday Jan 10: weeks ending Jan 14, 21, 28, Feb 4, 7
        ['2024-01-15', 1, 2000, 4], // B on Saturday Jan 20
        ['2024-02-05', 1, 3000, 1], // C on Monday Feb 5
      ]);
    expect(r.cohorts[2].periods[0].date).toBe('2024-02-07');
    expect(r.cohorts[1].periods.map((p) => [p.date, p.customers, p.mrr])).toEqual([
      ['2024-01-21', 1, 2000], ['2024-01-28', 1, 2000], ['2024-02-04', 1, 2000], ['2024-02-07', 1, 2000],
    ]);
  });

  it('nothing after as-of counts, and a customer without new business is in no cohort', () => {
    const r = run(scenario(), { asOf: '2024-01-15' });
    expect(compact(r.cohorts)).toEqual([['2024-01-01', 1, 1000, [[0, '2024-01-15', 1, 1000, 100, 100]]]]);
    expect(run(new DataBuilder().customer('lead').build(), { asOf: '2024-01-15' }).cohorts).toEqual([]);
  });
});

describe('buildCohorts directly', () => {
  const state = (at: string, mrr: number, counted = mrr > 0): CustomerState => ({
    t: t(at), mrr, counted, subscriptions: 1, quantity: 1,
  });
  const newBiz = (at: string, customerId: string, amount: number): Movement => ({
    t: t(at), customerId, subscriptionId: `${customerId}-s`, type: 'new_biz', amount, customerMrrAfter: amount,
  });

  it('places a customer by its first new_biz; mrr retention is 0 when the cohort starts with no MRR', () => {
    const cohorts = buildCohorts({
      customers: [
        // new business then churned within its first month: mrr_start 0
        { customerId: 'gone', states: [state('2024-01-05', 100), state('2024-01-20', 0)] },
        // a past-due customer with MRR still counts; two new_biz movements, the earliest places it
        { customerId: 'two', states: [state('2024-02-03', 50), state('2024-03-03', 70, true)] },
        // only entered the segment (no new_biz among the movements): in no cohort
        { customerId: 'entered', states: [state('2024-01-07', 400)] },
      ],
      movements: [newBiz('2024-01-05', 'gone', 100), newBiz('2024-03-03', 'two', 20), newBiz('2024-02-03', 'two', 50)],
      end: t('2024-03-10T15:00:00Z'),
    });
    expect(compact(cohorts)).toEqual([
      ['2024-01-01', 1, 0, [
        [0, '2024-01-31', 0, 0, 0, 0], [1, '2024-02-29', 0, 0, 0, 0], [2, '2024-03-10', 0, 0, 0, 0],
      ]],
      ['2024-02-01', 1, 50, [[0, '2024-02-29', 1, 50, 100, 100], [1, '2024-03-10', 1, 70, 100, 140]]],
    ]);
  });

  it('start keeps the cohorts whose interval ends on or after it; new business after the end is ignored', () => {
    const customers = [
      { customerId: 'a', states: [state('2024-01-05', 100)] },
      { customerId: 'b', states: [state('2024-02-05', 200)] },
      { customerId: 'c', states: [state('2024-04-05', 300)] },
    ];
    const movements = [newBiz('2024-01-05', 'a', 100), newBiz('2024-02-05', 'b', 200), newBiz('2024-04-05', 'c', 300)];
    const cohorts = buildCohorts({ customers, movements, end: t('2024-03-31'), start: t('2024-02-29') });
    expect(compact(cohorts)).toEqual([
      ['2024-02-01', 1, 200, [[0, '2024-02-29', 1, 200, 100, 100], [1, '2024-03-31', 1, 200, 100, 100]]],
    ]);
    expect(buildCohorts({ customers, movements, end: t('2024-03-31'), start: t('2024-04-01') })).toEqual([]);
  });

  it('interval first days', () => {
    expect([
      intervalFirstDay(t('2024-02-07T10:00:00Z'), 'week'), intervalFirstDay(t('2024-02-04'), 'week'),
      intervalFirstDay(t('2024-05-31'), 'month'), intervalFirstDay(t('2024-06-30'), 'quarter'),
      intervalFirstDay(t('2024-12-31'), 'year'),
    ]).toEqual([t('2024-02-05'), t('2024-01-29'), t('2024-05-01'), t('2024-04-01'), t('2024-01-01')]);
  });
});
