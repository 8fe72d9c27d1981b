// Bad rows (golden 22-validation-errors): Validate (a dry run) and Sync mark each bad cell with
// a note and a highlight, good rows still sync, a fixed cell loses its mark, the user's own
// notes stay.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DATASET_TABS, type RowError } from '../../shared/index.ts';
import { buildAddon } from '../build.mjs';
import { loadAddon, type Addon } from '../testing/harness.ts';
import { startApiServer, type ApiServer } from './api-server.test-util.ts';
import { connect, fillFromFolder, GOLDEN_DIR, goldenAsOf, reportOf, syncToApi, tabRows } from './sheet.test-util.ts';

const CASE = '22-validation-errors';
const DIR = join(GOLDEN_DIR, CASE);
const AS_OF = goldenAsOf(CASE);
const HIGHLIGHT = '#fde0dc';
let api: ApiServer;

beforeAll(async () => {
  await buildAddon({ dev: true });
  api = await startApiServer({ today: AS_OF });
}, 120_000);
afterAll(async () => api?.stop());

function cellOf(addon: Addon, e: Pick<RowError, 'dataset' | 'row' | 'column'>) {
  const sheet = addon.spreadsheet.getSheetByName(DATASET_TABS[e.dataset as keyof typeof DATASET_TABS])!;
  const headers = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0];
  return sheet.getRange(e.row, headers.indexOf(e.column) + 1);
}

/** Every cell with a Mogul mark, as "Tab!A1". */
function markedCells(addon: Addon): string[] {
  const out: string[] = [];
  for (const sheet of addon.spreadsheet.getSheets()) {
    const range = sheet.getDataRange();
    const notes = range.getNotes();
    notes.forEach((row, r) => row.forEach((note, c) => {
      if (note.startsWith('Mogul: ')) out.push(`${sheet.getName()}!${sheet.getRange(r + 1, c + 1).getA1Notation()}`);
    }));
  }
  return out.sort();
}

function expectMarked(addon: Addon, errors: RowError[]) {
  for (const e of errors) {
    const cell = cellOf(addon, e);
    expect(cell.getNote(), `${e.dataset} row ${e.row} ${e.column}`).toMatch(/^Mogul: /);
    expect(cell.getNote()).toContain(e.message);
    expect(cell.getBackground()).toBe(HIGHLIGHT);
  }
  expect(markedCells(addon)).toHaveLength(errors.length);
}

describe('marks on bad cells', () => {
  test('Validate (no API call) and Sync mark each bad cell; good rows sync; a fixed cell is unmarked, user notes stay', () => {
    const addon = loadAddon({ now: Date.parse(`${AS_OF}T15:00:00Z`) });
    fillFromFolder(addon, DIR);
    connect(addon, api);
    const customers = addon.spreadsheet.getSheetByName('Customers')!;
    customers.getRange('A2').setNote('Our best customer');
    const errors = reportOf(DIR, AS_OF).errors;
    expect(errors).toHaveLength(8);

    const summary = addon.runFromSidebar('validateSheet') as { errors: number; tabs: { tab: string; rejected: number }[] };
    expect(addon.urlFetch.calls).toBe(0);
    expect(summary.errors).toBe(errors.length);
    expect(summary.tabs.find((t) => t.tab === 'Invoices')?.rejected).toBe(3);
    expectMarked(addon, errors);
    expect(addon.spreadsheet.getSheetByName('Customer Metrics')).toBeNull(); // a dry run writes no results

    const state = syncToApi(addon, api);
    expect(state.status, state.message).toBe('done');
    const byDataset = Object.fromEntries(state.datasets.map((d) => [d.dataset, d]));
    expect(byDataset.invoices).toMatchObject({ rows: 4, accepted: 1, rejected: 3 });
    expect(byDataset.line_items).toMatchObject({ rows: 4, accepted: 1, rejected: 3 });
    expectMarked(addon, errors);
    expect(tabRows(addon, 'Customer Metrics').map((r) => r.slice(0, 4))).toEqual([['ok', 'Good Co', 'Active', 100]]);
    expect(addon.callCustomFunction('MRR', 'ok')).toBe(100);

    // The user fixes one cell (types a good date) and validates again.
    const fixed = errors.find((e) => e.column === 'Invoiced date')!;
    cellOf(addon, fixed).setValue('2024-01-02');
    const again = addon.runFromSidebar('validateSheet') as { errors: number };
    expect(again.errors).toBe(errors.length - 1);
    expect(cellOf(addon, fixed).getNote()).toBe('');
    expect(cellOf(addon, fixed).getBackground()).toBe('#ffffff');
    expectMarked(addon, errors.filter((e) => e !== fixed));
    expect(customers.getRange('A2').getNote()).toBe('Our best customer');
    expect(addon.urlFetch.calls).toBe(state.datasets.length + 1); // validating sent nothing

    // Syncing again sends the fixed row; the marks follow the API's answer.
    const resync = syncToApi(addon, api);
    expect(resync.datasets.find((d) => d.dataset === 'invoices')).toMatchObject({ accepted: 2, rejected: 2 });
    expect(cellOf(addon, fixed).getNote()).toBe('');
    expectMarked(addon, errors.filter((e) => e !== fixed));
    expect(customers.getRange('A2').getNote()).toBe('Our best customer');
  });
});
