// The Cohorts tab's colours: a colour scale per retention block (conditional formatting, one
// rule over each block's cells, not a colour written per cell), red at 0 %, yellow at 50 %,
// green at 100 % and above; the count blocks stay plain.
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildAddon } from '../build.mjs';
import { loadAddon } from '../testing/harness.ts';
import { fillFromFolder, GOLDEN_DIR, goldenAsOf, reportOf } from './sheet.test-util.ts';

beforeAll(async () => {
  await buildAddon({ dev: true });
}, 120_000);

describe('the Cohorts tab', () => {
  test('23-cohorts-monthly: one colour scale per retention block, over its cells only', () => {
    const name = '23-cohorts-monthly';
    const asOf = goldenAsOf(name);
    const addon = loadAddon({ timeZone: 'Pacific/Auckland', now: Date.parse(`${asOf}T03:00:00Z`) });
    fillFromFolder(addon, join(GOLDEN_DIR, name));
    addon.runFromSidebar('computeLocally');
    const sheet = addon.spreadsheet.getSheetByName('Cohorts')!;
    const cohorts = reportOf(join(GOLDEN_DIR, name), asOf).cohorts;
    const periods = Math.max(...cohorts.map((c) => c.periods.length));
    const rules = sheet.getConditionalFormatRules();
    const values = sheet.getDataRange().getValues();
    const top = (title: string) => values.findIndex((r) => r[0] === title) + 1;
    const body = (title: string) => sheet.getRange(top(title) + 2, 3, cohorts.length, periods).getA1Notation();
    expect(rules.map((r) => r.getRanges().map((x) => x.getA1Notation()))).toEqual([[body('Customer retention')], [body('MRR retention')]]);
    for (const rule of rules) {
      const g = rule.getGradientCondition();
      expect([g.getMinType(), g.getMinValue(), g.getMidValue(), g.getMaxValue()]).toEqual(['NUMBER', '0', '50', '100']);
    }
    // Cohort 2024-01, period 1: half the customers stayed (yellow), a third of the MRR (between red and yellow).
    const january = top('Customer retention') + 2;
    expect(sheet.getRange(january, 3).getValue()).toBe(100);
    expect(sheet.conditionalBackground(january, 3)).toBe('#57bb8a');
    expect(sheet.getRange(january, 4).getValue()).toBe(50);
    expect(sheet.conditionalBackground(january, 4)).toBe('#ffd666');
    const mrrJanuary = top('MRR retention') + 2;
    expect(sheet.getRange(mrrJanuary, 4).getValue()).toBe(33.33);
    expect(sheet.conditionalBackground(mrrJanuary, 4)).toMatch(/^#f[0-9a-f]{5}$/);
    expect(sheet.getRange(mrrJanuary, 4).getDisplayValue()).toBe('33.3%');
    // No colour is written into the cells themselves, and the periods after as-of stay blank.
    expect(sheet.getDataRange().getBackgrounds().flat().every((b) => b === '#ffffff')).toBe(true);
    expect(sheet.getRange(january + 2, 3 + 2).getValue()).toBe('');
    expect(sheet.conditionalBackground(top('Active customers') + 2, 3)).toBeNull();
    expect(sheet.getRange('A1').getNote()).toContain('Whole business (no segment).');
  });
});
