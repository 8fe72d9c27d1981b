// =NRR, =GRR, =QUICK_RATIO, =COHORT and the series functions' segment argument, in local mode:
// what they answer must be what `mogul report` says for the same day, interval and segment.
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildFolderReport, parseReportArgs } from '../../api/cli/report-command.ts';
import type { Report } from '../../shared/index.ts';
import { buildAddon } from '../build.mjs';
import { loadAddon, type Addon } from '../testing/harness.ts';
import { fillFromFolder, GOLDEN_DIR, goldenAsOf, plainTable, reportOf, typeRows } from './sheet.test-util.ts';

beforeAll(async () => {
  await buildAddon({ dev: true });
}, 120_000);

const money = (cents: number) => cents / 100;

function computed(name: string): { addon: Addon; dir: string; asOf: string } {
  const dir = join(GOLDEN_DIR, name);
  const asOf = goldenAsOf(name);
  const addon = loadAddon({ timeZone: 'America/Los_Angeles', now: Date.parse(`${asOf}T20:00:00Z`) });
  fillFromFolder(addon, dir);
  addon.runFromSidebar('computeLocally');
  return { addon, dir, asOf };
}

const cf = (addon: Addon, fn: string, ...args: unknown[]) => plainTable(addon.callCustomFunction(fn, ...args), addon.spreadsheet.getSpreadsheetTimeZone());

/** The cohort table COHORT answers for a report's cohorts. */
function cohortTable(report: Report, measure: 'customers' | 'mrr', period: string) {
  const periods = Math.max(0, ...report.cohorts.map((c) => c.periods.length));
  return [
    ['Cohort', measure === 'mrr' ? 'MRR at start' : 'Customers', ...Array.from({ length: periods }, (_, k) => `${period} ${k}`)],
    ...report.cohorts.map((c) => [
      c.cohort, measure === 'mrr' ? money(c.mrr_start) : c.size,
      ...Array.from({ length: periods }, (_, k) => {
        const p = c.periods[k];
        return p === undefined ? '' : measure === 'mrr' ? p.mrr_retention : p.customer_retention;
      }),
    ]),
  ];
}

describe('retention functions', () => {
  for (const name of ['24-retention-quick-ratio', '23-cohorts-monthly', '27-trial-conversion']) {
    test(`${name}: NRR, GRR and QUICK_RATIO of each month, one date or a range`, () => {
      const { addon, dir, asOf } = computed(name);
      const report = reportOf(dir, asOf);
      typeRows(addon, 'Dates', report.series.map((e) => [e.date]));
      const range = addon.argOf(`Dates!A1:A${report.series.length}`);
      expect(cf(addon, 'NRR', range)).toEqual(report.series.map((e) => [e.net_mrr_retention]));
      expect(cf(addon, 'GRR', range)).toEqual(report.series.map((e) => [e.gross_mrr_retention]));
      expect(cf(addon, 'QUICK_RATIO', range)).toEqual(report.series.map((e) => [e.quick_ratio ?? '']));
      // A day inside a month answers for that month; no date, for the as-of month.
      const last = report.series[report.series.length - 1];
      expect(cf(addon, 'NRR')).toBe(last.net_mrr_retention);
      typeRows(addon, 'Dates', [[`${report.series[0].date.slice(0, 8)}15`]], 1);
      expect(cf(addon, 'GRR', addon.argOf('Dates!A1'))).toBe(report.series[0].gross_mrr_retention);
      typeRows(addon, 'Dates', [['2999-01-01']], 1);
      expect(cf(addon, 'NRR', addon.argOf('Dates!A1'))).toBe(`No figures for 2999-01-01: the last sync is as of ${asOf}`);
      expect(addon.urlFetch.calls).toBe(0);
    });
  }
});

describe('COHORT', () => {
  test('23-cohorts-monthly: the Cohorts tab as a table, by customers or MRR; other intervals from the engine', () => {
    const { addon, dir, asOf } = computed('23-cohorts-monthly');
    expect(cf(addon, 'COHORT')).toEqual(cohortTable(reportOf(dir, asOf), 'customers', 'Month'));
    expect(cf(addon, 'COHORT', 'month', 'mrr')).toEqual(cohortTable(reportOf(dir, asOf), 'mrr', 'Month'));
    for (const [interval, period] of [['quarter', 'Quarter'], ['week', 'Week'], ['year', 'Year']] as const) {
      const report = buildFolderReport(parseReportArgs([dir, '--as-of', asOf, '--cohort-interval', interval], 0)).report;
      expect(cf(addon, 'COHORT', interval, 'mrr'), interval).toEqual(cohortTable(report, 'mrr', period));
    }
    expect(() => addon.callCustomFunction('COHORT', 'fortnight')).toThrow("Interval must be week, month, quarter, year; got 'fortnight'");
    expect(() => addon.callCustomFunction('COHORT', 'month', 'arpa')).toThrow("Measure must be customers or mrr; got 'arpa'");
    expect(addon.urlFetch.calls).toBe(0);
  });
});
