// Local mode: no API URL; "Compute in this sheet" runs the shared engine in the bundle and
// writes the same result tabs as `mogul report` (as of the user's today in the sheet's zone).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildAddon } from '../build.mjs';
import { loadAddon } from '../testing/harness.ts';
import { actualTabs, expectedTabs, fillFromFolder, GOLDEN_DIR, goldenAsOf, reportOf } from './sheet.test-util.ts';

beforeAll(async () => {
  await buildAddon({ dev: true });
});

describe('local mode', () => {
  for (const name of ['06-lifecycle', '20-manual-subscription', '05-cancel-at-period-end']) {
    test(`${name}: computeLocally writes the result tabs of mogul report`, () => {
      const asOf = goldenAsOf(name);
      // 00:30 in Berlin on the as-of day is still the day before in UTC: the as-of is the sheet's day.
      const addon = loadAddon({ timeZone: 'Europe/Berlin', now: Date.parse(`${asOf}T00:30:00+01:00`) });
      fillFromFolder(addon, join(GOLDEN_DIR, name));
      const settings = join(GOLDEN_DIR, name, 'settings.json');
      if (existsSync(settings)) addon.runFromSidebar('saveSettings', { engine: JSON.parse(readFileSync(settings, 'utf8')) });
      const state = addon.runFromSidebar('getSidebarState') as { mode: string };
      expect(state.mode).toBe('local');
      const out = addon.runFromSidebar('computeLocally') as { summary: { errors: number }; headline: { asOf: string; mrr: number } };
      expect(out.summary.errors).toBe(0);
      const report = reportOf(join(GOLDEN_DIR, name), asOf);
      expect(out.headline.asOf).toBe(asOf);
      expect(out.headline.mrr).toBe(report.customers.reduce((s, c) => s + c.mrr, 0));
      expect(actualTabs(addon)).toEqual(expectedTabs(report));
      expect(addon.urlFetch.calls).toBe(0);
      expect(addon.spreadsheet.getSheetByName('MRR')!.getCharts()).toHaveLength(2);
    });
  }

  test('an evening in Los Angeles is the next day in UTC: the as-of still follows the sheet', () => {
    const name = '06-lifecycle';
    const asOf = goldenAsOf(name); // 2024-02-29
    const addon = loadAddon({ timeZone: 'America/Los_Angeles', now: Date.parse(`${asOf}T20:00:00-08:00`) });
    fillFromFolder(addon, join(GOLDEN_DIR, name));
    const out = addon.runFromSidebar('computeLocally') as { headline: { asOf: string } };
    expect(out.headline.asOf).toBe(asOf);
    expect(actualTabs(addon)).toEqual(expectedTabs(reportOf(join(GOLDEN_DIR, name), asOf)));
  });
});
