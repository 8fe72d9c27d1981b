// Sheets recalculates a custom function only when its formula or its arguments change; the
// Mogul functions read the result tabs, which are not their arguments. After a sync or a local
// computation every Mogul function in the spreadsheet must show the new figures all the same.
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ENTRY_POINTS } from '../entry-points.mjs';
import { loadAddon, type Addon } from '../testing/harness.ts';
import { builtAddonWithApi } from './built-with-api.test-util.ts';
import { fillFromFolder, GOLDEN_DIR, goldenAsOf, syncToApi } from './sheet.test-util.ts';

const CASE = '06-lifecycle';
const AS_OF = goldenAsOf(CASE);
const api = builtAddonWithApi(AS_OF);

/** A user's report sheet: every Mogul function, alone, nested and over ranges. */
const FORMULAS: [string, string][] = [
  ['B1', '=MRR("syn")'],
  ['B2', '=ARR(A10)'],
  ['B3', '=CUSTOMER_STATUS("syn")'],
  ['B4', '=MRR_TOTAL()'],
  ['B5', '=SUM(MRR(A10:A11))'],
  ['B6', '=mrr_total() * 12'],
  ['D1', '=MRR_MOVEMENTS("syn")'],
  ['J1', '=MRR_SERIES(DATE(2023,1,1), DATE(2024,12,31))'],
];

function withReport(): Addon {
  const addon = loadAddon({ now: Date.parse(`${AS_OF}T15:00:00Z`) });
  fillFromFolder(addon, join(GOLDEN_DIR, CASE));
  const report = addon.spreadsheet.insertSheet('Report');
  report.getRange('A10:A11').setValues([['syn'], ['syn']]);
  for (const [a1, formula] of FORMULAS) report.getRange(a1).setFormula(formula);
  return addon;
}

/** What the formula cells show, and what the same formulas entered anew on a sheet of their own show. */
function shownAndFresh(addon: Addon) {
  const shown = addon.spreadsheet.getSheetByName('Report')!.getRange('A1:P20').getValues();
  const probe = addon.spreadsheet.insertSheet('Probe');
  probe.getRange('A10:A11').setValues([['syn'], ['syn']]);
  for (const [a1, formula] of FORMULAS) probe.getRange(a1).setFormula(formula);
  const fresh = probe.getRange('A1:P20').getValues();
  addon.spreadsheet.deleteSheet(probe);
  return { shown, fresh };
}

const value = (addon: Addon, a1: string) => addon.spreadsheet.getSheetByName('Report')!.getRange(a1).getValue();

describe('Mogul functions after a sync or a local computation', () => {
  test('the list of functions refreshed is every @customfunction of the bundle', async () => {
    const { MOGUL_FUNCTIONS } = await import('../src/mogul-functions.ts');
    const custom = ENTRY_POINTS.filter((e) => e.doc?.includes('@customfunction')).map((e) => e.name);
    expect([...MOGUL_FUNCTIONS].sort()).toEqual([...custom].sort());
  });

  test('formulas entered before a sync show its figures, and those of the next sync and of a local computation', () => {
    const addon = withReport();
    expect(value(addon, 'B1')).toBe('#ERROR!'); // no result tabs yet

    expect(syncToApi(addon, api).status).toBe('done');
    let { shown, fresh } = shownAndFresh(addon);
    expect(shown).toEqual(fresh);
    expect(value(addon, 'B1')).toBe(150); // expected.json: syn, 15000 cents
    expect(value(addon, 'B5')).toBe(300);
    expect(value(addon, 'B6')).toBe(1800);
    expect(value(addon, 'D1')).toBe('Date');

    // The price of the last invoice line changes (a line with no external ID is stored anew by
    // its content, so the account now has both lines); the next sync must show it.
    const lineItems = addon.spreadsheet.getSheetByName('Line Items')!;
    lineItems.getRange('F5').setValue(30000);
    expect(syncToApi(addon, api).status).toBe('done');
    ({ shown, fresh } = shownAndFresh(addon));
    expect(shown).toEqual(fresh);
    expect(value(addon, 'B1')).toBe(450);
    expect(value(addon, 'B2')).toBe(5400);
    expect(value(addon, 'B6')).toBe(5400);

    // Computed in the sheet (its own rows only), with the price changed again.
    lineItems.getRange('F5').setValue(60000);
    addon.runFromSidebar('computeLocally');
    ({ shown, fresh } = shownAndFresh(addon));
    expect(shown).toEqual(fresh);
    expect(value(addon, 'B1')).toBe(600);
    expect(value(addon, 'B4')).toBe(600);
  });
});
