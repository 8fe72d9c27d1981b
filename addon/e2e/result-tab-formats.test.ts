// The result tabs as Sheets shows them: date columns hold dates (Date values, a date format,
// the report's day on screen in the sheet's own zone) and the charts are anchored in the grid.
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildAddon } from '../build.mjs';
import { loadAddon, type Addon } from '../testing/harness.ts';
import { fillFromFolder, GOLDEN_DIR, goldenAsOf, reportOf } from './sheet.test-util.ts';

beforeAll(async () => {
  await buildAddon({ dev: true });
});

const CASE = '06-lifecycle';
const DATE_COLUMNS: Record<string, string[]> = {
  MRR: ['Date'],
  'Customer Metrics': ['Subscriber since'],
  Movements: ['Date'],
  Subscriptions: ['Start', 'Paid through', 'Cancelled at'],
};

/** Local mode's result tabs, as of the case's day in the sheet's zone (noon there). */
function computed(timeZone: string): Addon {
  const asOf = goldenAsOf(CASE);
  const offset = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(new Date(`${asOf}T12:00:00Z`)).find((p) => p.type === 'timeZoneName')!.value.replace('GMT', '') || 'Z';
  const addon = loadAddon({ timeZone, now: Date.parse(`${asOf}T12:00:00${offset}`) });
  fillFromFolder(addon, join(GOLDEN_DIR, CASE));
  const out = addon.runFromSidebar('computeLocally') as { headline: { asOf: string } };
  expect(out.headline.asOf).toBe(asOf);
  return addon;
}

/** A column's data cells: values, what the sheet shows, formats. */
function column(addon: Addon, tab: string, header: string) {
  const sheet = addon.spreadsheet.getSheetByName(tab)!;
  const c = (sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] as string[]).indexOf(header) + 1;
  expect(c, `${tab} ${header}`).toBeGreaterThan(0);
  const range = sheet.getRange(2, c, sheet.getLastRow() - 1, 1);
  return {
    values: range.getValues().map((r) => r[0]),
    shown: range.getDisplayValues().map((r) => r[0]),
    formats: range.getNumberFormats().map((r) => r[0]),
  };
}

describe('result tabs', () => {
  for (const timeZone of ['America/Los_Angeles', 'Pacific/Auckland']) {
    test(`date columns are dates Sheets shows as the report's days (${timeZone})`, () => {
      const addon = computed(timeZone);
      const report = reportOf(join(GOLDEN_DIR, CASE), goldenAsOf(CASE));
      const days: Record<string, (string | null)[]> = {
        'MRR Date': report.series.map((e) => e.date),
        'Customer Metrics Subscriber since': report.customers.map((c) => c.subscriber_since),
        'Movements Date': report.movements.map((m) => m.date),
        'Subscriptions Start': report.subscriptions.map((s) => s.started_at),
        'Subscriptions Paid through': report.subscriptions.map((s) => s.paid_through),
        'Subscriptions Cancelled at': report.subscriptions.map((s) => s.cancelled_at),
      };
      for (const [tab, headers] of Object.entries(DATE_COLUMNS)) {
        for (const header of headers) {
          const { values, shown, formats } = column(addon, tab, header);
          const expected = days[`${tab} ${header}`];
          expect(expected.some((d) => d !== null), `${tab} ${header} has days`).toBe(true);
          expect([...shown].sort(), `${tab} ${header}`).toEqual(expected.map((d) => d ?? '').sort());
          values.forEach((v, i) => {
            if (shown[i] === '') return expect(v).toBe('');
            expect(Object.prototype.toString.call(v), `${tab} ${header} row ${i + 2}`).toBe('[object Date]');
            expect(formats[i]).toBe('yyyy-mm-dd');
          });
        }
      }
    });
  }

  test('the MRR charts are anchored beside the series, inside the sheet', () => {
    const addon = computed('Europe/Berlin');
    const sheet = addon.spreadsheet.getSheetByName('MRR')!;
    const charts = sheet.getCharts();
    expect(charts).toHaveLength(2);
    for (const chart of charts) {
      const info = chart.getContainerInfo();
      expect(info.getAnchorColumn()).toBeGreaterThan(sheet.getLastColumn());
      expect(info.getAnchorColumn()).toBeLessThanOrEqual(sheet.getMaxColumns());
      expect(info.getAnchorRow()).toBeLessThanOrEqual(sheet.getMaxRows());
    }
  });
});
