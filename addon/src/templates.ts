/**
 * Extensions → Mogul → Create template tabs: every dataset tab with its headers, notes,
 * dropdowns and date validation, a frozen header and one example row, then the Settings tab,
 * all as the datasets' specs (shared/templates/specs) state them. A tab that exists is never
 * erased: only its missing columns (Settings: keys) are added.
 */
import {
  boolean, columnNote, columnOptions, DATASET_NAMES, DATASET_SPECS, DATASET_TABS, instant, normaliseHeader,
  TEMPLATE_HEADERS, type ColumnSpec, type CreatedTabs, type DatasetName,
} from '../../shared/index.ts';
import { readSettings } from './settings.ts';
import { createSettingsTab, SETTINGS_TAB } from './settings-tab.ts';

function column(dataset: DatasetName, header: string): ColumnSpec<never> {
  return DATASET_SPECS[dataset].columns.find((c) => c.header === header)! as ColumnSpec<never>;
}

function validationFor(dataset: DatasetName, header: string): GoogleAppsScript.Spreadsheet.DataValidation | null {
  const spec = column(dataset, header);
  const options = columnOptions(spec);
  if (options) return SpreadsheetApp.newDataValidation().requireValueInList([...options], true).setAllowInvalid(true).build();
  if (spec.parse === boolean) {
    return SpreadsheetApp.newDataValidation().requireValueInList(['TRUE', 'FALSE'], true).setAllowInvalid(true).build();
  }
  if (spec.parse === instant) {
    return SpreadsheetApp.newDataValidation().requireDate().setAllowInvalid(true).setHelpText(columnNote(spec)).build();
  }
  return null;
}

const VALIDATED_ROWS = 1000;

function decorateColumns(sheet: GoogleAppsScript.Spreadsheet.Sheet, dataset: DatasetName, headers: string[], firstColumn: number) {
  if (headers.length === 0) return;
  sheet.getRange(1, firstColumn, 1, headers.length).setNotes([headers.map((h) => columnNote(column(dataset, h)))]);
  sheet.getRange(1, firstColumn, 1, headers.length).setFontWeight('bold');
  if (sheet.getMaxRows() < VALIDATED_ROWS + 1) sheet.insertRowsAfter(sheet.getMaxRows(), VALIDATED_ROWS + 1 - sheet.getMaxRows());
  headers.forEach((h, i) => {
    const rule = validationFor(dataset, h);
    if (rule) sheet.getRange(2, firstColumn + i, VALIDATED_ROWS, 1).setDataValidation(rule);
  });
}

export type TemplateResult = Omit<CreatedTabs, 'message'>;

export function createTemplateTabs(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): TemplateResult {
  const result: TemplateResult = { created: [], extended: [] };
  for (const dataset of DATASET_NAMES) {
    const name = DATASET_TABS[dataset];
    const headers = [...TEMPLATE_HEADERS[dataset]];
    let sheet = ss.getSheetByName(name);
    if (!sheet) {
      sheet = ss.insertSheet(name);
      if (sheet.getMaxColumns() < headers.length) sheet.insertColumnsAfter(sheet.getMaxColumns(), headers.length - sheet.getMaxColumns());
      sheet.getRange(1, 1, 1, headers.length).setValues([headers]);
      sheet.getRange(2, 1, 1, headers.length).setValues([headers.map((h) => column(dataset, h).example ?? '')]);
      sheet.setFrozenRows(1);
      decorateColumns(sheet, dataset, headers, 1);
      result.created.push(name);
      continue;
    }
    const lastColumn = Math.max(sheet.getLastColumn(), 0);
    const present = new Set(
      lastColumn === 0 ? [] : sheet.getRange(1, 1, 1, lastColumn).getValues()[0].map((h) => normaliseHeader(h)),
    );
    const missing = headers.filter((h) => !present.has(normaliseHeader(h)));
    if (missing.length === 0) continue;
    const first = lastColumn + 1;
    if (sheet.getMaxColumns() < lastColumn + missing.length) {
      sheet.insertColumnsAfter(sheet.getMaxColumns(), lastColumn + missing.length - sheet.getMaxColumns());
    }
    sheet.getRange(1, first, 1, missing.length).setValues([missing]);
    if (sheet.getFrozenRows() === 0) sheet.setFrozenRows(1);
    decorateColumns(sheet, dataset, missing, first);
    result.extended.push({ tab: name, columns: missing });
  }
  const settings = createSettingsTab(ss, readSettings().engine);
  if (settings.created) result.created.push(SETTINGS_TAB);
  else if (settings.added.length > 0) result.extended.push({ tab: SETTINGS_TAB, columns: settings.added });
  return result;
}
