// The Segment setting and the series functions' segment argument, in local mode: a bad segment
// is refused with the parser's message; a good one narrows the MRR, Movements and Cohorts tabs
// (and says so), while Customer Metrics, Subscriptions and the Customer tab stay whole; the
// functions answer any segment as `mogul report --segment` does, with no server.
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Report } from '../../shared/index.ts';
import { buildAddon } from '../build.mjs';
import { loadAddon, type Addon } from '../testing/harness.ts';
import { expectedProfile, readCustomerTab } from './profile.test-util.ts';
import { actualTabs, expectedTabs, fillFromFolder, GOLDEN_DIR, goldenAsOf, plainTable, reportOf, typeRows } from './sheet.test-util.ts';

beforeAll(async () => {
  await buildAddon({ dev: true });
}, 120_000);

const money = (cents: number) => cents / 100;
const PRO = "plan~ANY~'pro'";
const CASE = '26-segment-plan-entry-exit';

function sheet(name: string, segment?: string): { addon: Addon; dir: string; asOf: string } {
  const dir = join(GOLDEN_DIR, name);
  const asOf = goldenAsOf(name);
  const addon = loadAddon({ timeZone: 'Europe/Berlin', now: Date.parse(`${asOf}T12:00:00Z`) });
  fillFromFolder(addon, dir);
  if (segment) expect((addon.runFromSidebar('saveSettings', { segment }) as { errors: string[] }).errors).toEqual([]);
  addon.runFromSidebar('computeLocally');
  return { addon, dir, asOf };
}

const cf = (addon: Addon, fn: string, ...args: unknown[]) => plainTable(addon.callCustomFunction(fn, ...args), addon.spreadsheet.getSpreadsheetTimeZone());

/** A series function's answers at each entry date of a report, given the dates typed in a tab. */
function atEachDate(addon: Addon, report: Report, fn: string, segment?: string) {
  typeRows(addon, 'Dates', report.series.map((e) => [e.date]));
  return cf(addon, fn, addon.argOf(`Dates!A1:A${report.series.length}`), ...(segment === undefined ? [] : [segment]));
}

describe('the Segment setting', () => {
  test('a bad segment is refused with the parser\'s message; a good one is kept; empty clears it', () => {
    const addon = loadAddon();
    const save = (segment: string) => addon.runFromSidebar('saveSettings', { segment }) as { errors: string[]; settings: { segment: string } };
    const field = save("region~ANY~'US'~AND~colour~EQ~'red'");
    expect(field.errors).toHaveLength(1);
    expect(field.errors[0]).toMatch(/^Segment: .*colour/);
    expect(field.settings.segment).toBe('');
    const operator = save("region~LIKE~'US'");
    expect(operator.errors[0]).toMatch(/^Segment: .*LIKE/);
    const good = save(` ${PRO} `);
    expect(good.errors).toEqual([]);
    expect(good.settings.segment).toBe(PRO);
    expect(save("plan~ANY~'basic").errors[0]).toMatch(/^Segment: /);
    expect((addon.runFromSidebar('getSettings') as { segment: string }).segment).toBe(PRO); // the bad one left it as it was
    expect(save('').settings.segment).toBe('');
  });

  test(`${CASE}: the segment narrows MRR, Movements and Cohorts; the other tabs and the Customer tab stay whole`, () => {
    const { addon, dir, asOf } = sheet(CASE, PRO);
    const whole = reportOf(dir, asOf);
    const narrowed = reportOf(dir, asOf, PRO);
    expect(narrowed.movements).not.toEqual(whole.movements);
    expect(actualTabs(addon)).toEqual(expectedTabs(whole, narrowed));
    for (const tab of ['MRR', 'Movements', 'Cohorts']) expect(addon.spreadsheet.getSheetByName(tab)!.getRange('A1').getNote()).toContain(`Segment: ${PRO}.`);
    expect(addon.spreadsheet.getSheetByName('Customer Metrics')!.getRange('A1').getNote()).not.toContain('Segment');
    // The Customer tab shows the whole customer: its movements come from the hidden tab of all of them.
    for (const c of whole.customers) {
      addon.spreadsheet.getSheetByName('Customer')!.getRange('B1').setValue(c.external_id);
      expect(readCustomerTab(addon)).toEqual(expectedProfile(dir, asOf, c.external_id));
    }
    // So do the customer functions.
    for (const c of whole.customers) {
      expect(cf(addon, 'MRR_MOVEMENTS', c.external_id)).toEqual([
        ['Date', 'Subscription', 'Type', 'Amount', 'MRR after'],
        ...whole.movements.filter((m) => m.customer_external_id === c.external_id)
          .map((m) => [m.date, m.subscription_external_id, m.type, money(m.amount), money(m.customer_mrr_after)]),
      ]);
    }
    // Cleared: the tabs are whole again and the hidden copy of all movements goes.
    addon.runFromSidebar('saveSettings', { segment: '' });
    addon.runFromSidebar('computeLocally');
    expect(actualTabs(addon)).toEqual(expectedTabs(whole));
    expect(addon.spreadsheet.getSheetByName('Profile Movements')).toBeNull();
    expect(addon.spreadsheet.getSheetByName('MRR')!.getRange('A1').getNote()).toContain('Whole business (no segment).');
  });
});

describe('series functions with a segment', () => {
  test(`${CASE}: without a segment argument they answer for the tabs' segment`, () => {
    const { addon, dir, asOf } = sheet(CASE, PRO);
    const narrowed = reportOf(dir, asOf, PRO);
    expect(atEachDate(addon, narrowed, 'MRR_TOTAL')).toEqual(narrowed.series.map((e) => [money(e.mrr)]));
    expect(atEachDate(addon, narrowed, 'NRR')).toEqual(narrowed.series.map((e) => [e.net_mrr_retention]));
    expect(cf(addon, 'MRR_TOTAL')).toBe(money(narrowed.series[narrowed.series.length - 1].mrr));
  });

  for (const [name, segment] of [
    [CASE, PRO],
    [CASE, "plan~NONE~'pro'"],
    ['25-segment-customers', "region~ANY~'US','CA'~AND~tags~ANY~'vip'~AND~custom.Seats~GTE~10"],
    ['25-segment-customers', "custom.seats~LT~50"],
  ] as const) {
    test(`${name}: a segment argument (${segment}) answers as mogul report --segment, with no server`, () => {
      const { addon, dir, asOf } = sheet(name);
      const narrowed = reportOf(dir, asOf, segment);
      expect(atEachDate(addon, narrowed, 'MRR_TOTAL', segment)).toEqual(narrowed.series.map((e) => [money(e.mrr)]));
      expect(atEachDate(addon, narrowed, 'NRR', segment)).toEqual(narrowed.series.map((e) => [e.net_mrr_retention]));
      expect(atEachDate(addon, narrowed, 'GRR', segment)).toEqual(narrowed.series.map((e) => [e.gross_mrr_retention]));
      expect(atEachDate(addon, narrowed, 'QUICK_RATIO', segment)).toEqual(narrowed.series.map((e) => [e.quick_ratio ?? '']));
      const first = narrowed.series[0].date;
      const last = narrowed.series[narrowed.series.length - 1].date;
      expect(cf(addon, 'MRR_SERIES', first, last, segment)).toEqual([
        ['Date', 'MRR', 'New business', 'Expansion', 'Contraction', 'Churn', 'Reactivation'],
        ...narrowed.series.map((e) => [e.date, money(e.mrr), money(e.new_biz), money(e.expansion), money(e.contraction), money(e.churn), money(e.reactivation)]),
      ]);
      const table = cf(addon, 'COHORT', 'month', 'mrr', segment) as unknown[][];
      expect(table.slice(1).map((r) => [r[0], r[1]])).toEqual(narrowed.cohorts.map((c) => [c.cohort, money(c.mrr_start)]));
      // The tabs still show the whole business, and the functions without the argument too.
      expect(cf(addon, 'MRR_TOTAL')).toBe(money(reportOf(dir, asOf).customers.reduce((s, c) => s + c.mrr, 0)));
      expect(addon.urlFetch.calls).toBe(0);
    });
  }

  test('a bad segment argument is an error naming what is wrong', () => {
    const { addon } = sheet(CASE);
    expect(() => addon.callCustomFunction('NRR', '', "plan~MAYBE~'pro'")).toThrow(/Segment: .*MAYBE/);
  });

  test('a cell with a segment argument follows the next computation (its figures are kept per sync)', () => {
    const { addon, dir, asOf } = sheet(CASE);
    const view = addon.spreadsheet.insertSheet('View');
    view.getRange('A1').setFormula(`=MRR_TOTAL("", "${PRO.replace(/"/g, '""')}")`);
    const before = money(reportOf(dir, asOf, PRO).series.at(-1)!.mrr);
    expect(view.getRange('A1').getValue()).toBe(before);
    // A new pro customer typed in: the cell keeps the last computation's figure until the next one.
    typeRows(addon, 'Customers', [['Newcomer', '', '', '', '', '', '', 'late']], addon.spreadsheet.getSheetByName('Customers')!.getLastRow() + 1);
    typeRows(addon, 'Invoices', [['late', 'LT1', '2024-03-20', '', 'USD']], addon.spreadsheet.getSheetByName('Invoices')!.getLastRow() + 1);
    typeRows(addon, 'Line Items', [['LT1', '', 'lates', '', 'Subscription', '7000', 'pro', '2024-03-20', '2024-04-20', '1', 'FALSE']],
      addon.spreadsheet.getSheetByName('Line Items')!.getLastRow() + 1);
    addon.callCustomFunction('MRR_TOTAL', '', PRO); // a call in between reads the cache of this computation
    expect(view.getRange('A1').getValue()).toBe(before);
    addon.clock.advance(60_000);
    addon.runFromSidebar('computeLocally');
    expect(view.getRange('A1').getValue()).toBe(before + 70);
  });
});
