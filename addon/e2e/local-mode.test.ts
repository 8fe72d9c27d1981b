// Local mode: no API URL; "Compute in this sheet" runs the shared engine in the bundle and
// writes the same result tabs as `mogul report` (as of the user's today in the sheet's zone).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildAddon } from '../build.mjs';
import { loadAddon } from '../testing/harness.ts';
import {
  actualCohorts, actualTabs, expectedCohorts, expectedTabs, fillFromFolder, GOLDEN_DIR, goldenAsOf, goldenSegment, reportOf,
} from './sheet.test-util.ts';

/** The cases of issue 11 (cohorts, retention, segments, conversion): their Segment is the add-on's setting. */
const ANALYSIS_CASES = ['23-cohorts-monthly', '24-retention-quick-ratio', '25-segment-customers', '26-segment-plan-entry-exit', '27-trial-conversion'];

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

  for (const name of ANALYSIS_CASES) {
    test(`${name}: computeLocally writes the result tabs and the Cohorts tab of mogul report`, () => {
      const dir = join(GOLDEN_DIR, name);
      const asOf = goldenAsOf(name);
      const segment = goldenSegment(name);
      const addon = loadAddon({ timeZone: 'Europe/Berlin', now: Date.parse(`${asOf}T00:30:00+01:00`) });
      fillFromFolder(addon, dir);
      if (segment) {
        const saved = addon.runFromSidebar('saveSettings', { segment }) as { errors: string[] };
        expect(saved.errors).toEqual([]);
      }
      const out = addon.runFromSidebar('computeLocally') as { summary: { errors: number } };
      expect(out.summary.errors).toBe(0);
      const whole = reportOf(dir, asOf);
      const narrowed = segment ? reportOf(dir, asOf, segment) : whole;
      expect(actualTabs(addon)).toEqual(expectedTabs(whole, narrowed));
      expect(actualCohorts(addon, asOf)).toEqual(expectedCohorts(narrowed));
      // The cohorts the case lists by hand (its NOTES.md), as the tab shows them.
      const listed = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')).cohorts as { cohort: string }[] | undefined;
      for (const c of listed ?? []) {
        expect(actualCohorts(addon, asOf).find((a) => a.cohort === c.cohort)).toEqual(expectedCohorts({ cohorts: [c] } as never)[0]);
      }
      const shows = segment ? `Segment: ${segment}.` : 'Whole business (no segment).';
      for (const tab of ['MRR', 'Movements', 'Cohorts']) expect(addon.spreadsheet.getSheetByName(tab)!.getRange('A1').getNote()).toContain(shows);
      expect(addon.urlFetch.calls).toBe(0);
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
