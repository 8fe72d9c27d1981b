/**
 * Reading the dataset tabs: header row + data rows with their sheet row numbers. Date cells
 * (Date objects in the spreadsheet's time zone) become that calendar date (or date-time).
 */
import { DATASET_NAMES, DATASET_TABS, type DatasetName, type Table } from '../../shared/index.ts';

export function cellValue(value: unknown, timeZone: string): unknown {
  if (value instanceof Date) {
    const text = Utilities.formatDate(value, timeZone, "yyyy-MM-dd'T'HH:mm:ss");
    return text.endsWith('T00:00:00') ? text.slice(0, 10) : text;
  }
  return value;
}

export interface DatasetTab {
  dataset: DatasetName;
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  table: Table;
}

export function readDatasetTab(sheet: GoogleAppsScript.Spreadsheet.Sheet, dataset: DatasetName, timeZone: string): DatasetTab {
  const values = sheet.getDataRange().getValues();
  const headers = values.length > 0 ? values[0].map((h) => String(h)) : [];
  const rows: unknown[][] = [];
  const rowNumbers: number[] = [];
  for (let r = 1; r < values.length; r++) {
    const row = values[r];
    let blank = true;
    const cells = new Array(row.length);
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (v !== '' && v !== null) blank = false;
      cells[c] = v instanceof Date ? cellValue(v, timeZone) : v;
    }
    if (blank) continue;
    rows.push(cells);
    rowNumbers.push(r + 1);
  }
  return { dataset, sheet, table: { headers, rows, rowNumbers } };
}

/** Every dataset tab the spreadsheet has, in template order. */
export function readDatasetTabs(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): DatasetTab[] {
  const timeZone = ss.getSpreadsheetTimeZone();
  const tabs: DatasetTab[] = [];
  for (const dataset of DATASET_NAMES) {
    const sheet = ss.getSheetByName(DATASET_TABS[dataset]);
    if (sheet) tabs.push(readDatasetTab(sheet, dataset, timeZone));
  }
  return tabs;
}
