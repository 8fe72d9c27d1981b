/**
 * The Settings tab (DATA.md: key / value rows of METRICS.md section 9): written from the
 * settings in document properties (Extensions → Mogul → Settings), which stay the source of
 * truth. Create template tabs adds the tab or its missing keys and never overwrites a value;
 * saving the settings rewrites the values of the keys the tab has.
 */
import { normaliseHeader, SETTING_HELP, SETTING_KEYS, type Settings } from '../../shared/index.ts';
import { ENGINE_LABELS } from './setting-labels.ts';

export const SETTINGS_TAB = 'Settings';
const HEADERS = ['Key', 'Value'];
const CHOICES: Partial<Record<keyof Settings, string[]>> = {
  churn_recognition: ['cancellation', 'service_period_end'],
  transaction_fees: ['ignore', 'deduct'],
};
const TAB_NOTE = 'Mirrors Extensions → Mogul → Settings (stored with the document); change them there: saving rewrites these values.';

function valueCell(settings: Settings, key: keyof Settings): string | number {
  const value = settings[key];
  if (value === null) return '';
  // Text settings go in with an apostrophe, so Sheets keeps them as typed.
  return typeof value === 'number' ? value : `'${value}`;
}

function keyRows(sheet: GoogleAppsScript.Spreadsheet.Sheet): Map<string, number> {
  const rows = new Map<string, number>();
  const last = sheet.getLastRow();
  if (last < 2) return rows;
  sheet.getRange(2, 1, last - 1, 1).getValues().forEach(([k], i) => {
    const key = normaliseHeader(k).trim().replace(/\s+/g, '_');
    if (key && !rows.has(key)) rows.set(key, i + 2);
  });
  return rows;
}

function appendKeys(sheet: GoogleAppsScript.Spreadsheet.Sheet, settings: Settings, keys: (keyof Settings)[]) {
  if (keys.length === 0) return;
  const first = Math.max(sheet.getLastRow(), 1) + 1;
  const last = first + keys.length - 1;
  if (sheet.getMaxRows() < last) sheet.insertRowsAfter(sheet.getMaxRows(), last - sheet.getMaxRows());
  sheet.getRange(first, 1, keys.length, 2).setValues(keys.map((k) => [k, valueCell(settings, k)]));
  // The note names the key as the Settings form does.
  sheet.getRange(first, 1, keys.length, 1).setNotes(keys.map((k) => [`${ENGINE_LABELS[k]}: ${SETTING_HELP[k]}.`]));
  keys.forEach((k, i) => {
    const choices = CHOICES[k];
    if (choices) {
      sheet.getRange(first + i, 2).setDataValidation(
        SpreadsheetApp.newDataValidation().requireValueInList(choices, true).setAllowInvalid(true).build(),
      );
    }
  });
}

/** Adds the tab, or the keys it lacks (values already there are kept). Returns the keys added. */
export function createSettingsTab(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, settings: Settings): { created: boolean; added: string[] } {
  let sheet = ss.getSheetByName(SETTINGS_TAB);
  const created = !sheet;
  if (!sheet) {
    sheet = ss.insertSheet(SETTINGS_TAB);
    sheet.getRange(1, 1, 1, 2).setValues([HEADERS]).setFontWeight('bold');
    sheet.getRange(1, 1).setNote(TAB_NOTE);
    sheet.setFrozenRows(1);
  }
  const present = keyRows(sheet);
  const missing = SETTING_KEYS.filter((k) => !present.has(k));
  appendKeys(sheet, settings, missing);
  return { created, added: missing };
}

/** After the settings are saved: the tab's values follow (the tab is left alone if absent). */
export function refreshSettingsTab(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, settings: Settings): void {
  const sheet = ss.getSheetByName(SETTINGS_TAB);
  if (!sheet) return;
  const present = keyRows(sheet);
  // One cell per key (five at most): other rows of the tab, and their formulas, stay as they are.
  for (const key of SETTING_KEYS) {
    const row = present.get(key);
    if (row !== undefined) sheet.getRange(row, 2).setValue(valueCell(settings, key));
  }
  appendKeys(sheet, settings, SETTING_KEYS.filter((k) => !present.has(k)));
}
