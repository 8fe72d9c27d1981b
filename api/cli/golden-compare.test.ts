/** DATA.md "Golden cases": what the comparison reports for series keys of section 13 and for cohorts. */
import { describe, expect, it } from 'vitest';
import type { Report } from '../../shared/index.ts';
import { compareToExpected } from './golden-compare.ts';

const period = (period: number, customers: number, mrr: number) => ({
  period, date: `2024-0${period + 1}-28`, customers, mrr, customer_retention: 100, mrr_retention: (mrr / 1000) * 100,
});

const report = {
  movements: [], customers: [], subscriptions: [], errors: [],
  series: [{ date: '2024-01-31', net_mrr_retention: 81.578, quick_ratio: null, avg_sales_cycle_days: 44.33 }],
  cohorts: [
    { cohort: '2024-01-01', size: 2, mrr_start: 1000, periods: [period(0, 2, 1000), period(1, 2, 1100)] },
    { cohort: '2024-02-01', size: 1, mrr_start: 500, periods: [period(0, 1, 500)] },
  ],
} as unknown as Report;

describe('compareToExpected', () => {
  it('compares retention and ratios to 2 decimals, the sales cycle to 1, null as null', () => {
    expect(compareToExpected(report, {
      series: [{ date: '2024-01-31', net_mrr_retention: 81.58, quick_ratio: null, avg_sales_cycle_days: 44.3 }],
    })).toEqual([]);
    expect(compareToExpected(report, {
      series: [{ date: '2024-01-31', net_mrr_retention: 81.57, quick_ratio: 0, avg_sales_cycle_days: 44.4 }],
    })).toEqual([
      'series 2024-01-31.net_mrr_retention: expected 81.57, got 81.578',
      'series 2024-01-31.quick_ratio: expected 0, got null',
      'series 2024-01-31.avg_sales_cycle_days: expected 44.4, got 44.33',
    ]);
  });

  it('compares the cohorts and periods it lists, by cohort and by period', () => {
    expect(compareToExpected(report, {
      cohorts: [{ cohort: '2024-01-01', size: 2, periods: [{ period: 1, mrr: 1100, mrr_retention: 110 }] }],
    })).toEqual([]);
    expect(compareToExpected(report, {
      cohorts: [
        { cohort: '2024-01-01', mrr_start: 900, periods: [{ period: 1, customers: 1 }, { period: 2, customers: 1 }] },
        { cohort: '2024-03-01', size: 1 },
      ],
    })).toEqual([
      'cohorts 2024-01-01.mrr_start: expected 900, got 1000',
      'cohorts 2024-01-01.periods 1.customers: expected 1, got 2',
      'cohorts 2024-01-01.periods: no entry with period 2',
      'cohorts: no entry with cohort "2024-03-01"',
    ]);
  });
});
