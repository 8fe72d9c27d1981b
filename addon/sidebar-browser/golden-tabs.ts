// Fills the template tabs of a loaded add-on with a golden case's CSVs, written as a user
// pasting them would: strings that Sheets types (numbers, dates, TRUE/FALSE) as it parses input.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { DATASET_FILES, DATASET_NAMES, DATASET_TABS } from '../../shared/index.ts';
import type { Addon } from '../testing/harness.ts';

/** The repository's golden cases (shared/golden). */
export const GOLDEN = join(import.meta.dirname, '..', '..', 'shared', 'golden');

export function fillFromGolden(addon: Addon, folder: string): void {
  addon.call('createTemplateTabs');
  for (const dataset of DATASET_NAMES) {
    const sheet = addon.spreadsheet.getSheetByName(DATASET_TABS[dataset]);
    if (!sheet) throw new Error(`createTemplateTabs made no ${DATASET_TABS[dataset]} tab`);
    const last = sheet.getLastRow();
    if (last > 1) sheet.getRange(2, 1, last - 1, sheet.getMaxColumns()).clearContent(); // the example row
    const file = join(folder, DATASET_FILES[dataset]);
    if (!existsSync(file)) continue;
    const rows = Papa.parse<string[]>(readFileSync(file, 'utf8'), { skipEmptyLines: true }).data;
    if (rows.length <= 1) continue;
    if (sheet.getMaxRows() < rows.length) sheet.insertRowsAfter(sheet.getMaxRows(), rows.length - sheet.getMaxRows());
    sheet.getRange(1, 1, rows.length, rows[0].length).setValues(rows);
  }
}
