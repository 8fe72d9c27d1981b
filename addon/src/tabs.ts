/**
 * Reading the dataset tabs: header row + data rows with their sheet row numbers. Date cells
 * (Date objects in the spreadsheet's time zone) become that calendar date (or date-time).
 */
import { DATASET_NAMES, DATASET_TABS, type DatasetName, type Table } from '../../shared/index.ts';

export function cellValue(value: unknown, timeZone: string): unknown {
  if (value instanceof Date) return dateText(value, timeZone);
  return value;
}

function dateText(value: Date, timeZone: string): string {
  const text = Utilities.formatDate(value, timeZone, "yyyy-MM-dd'T'HH:mm:ss");
  return text.endsWith('T00:00:00') ? text.slice(0, 10) : text;
}

/**
 * Date cells as text, formatted once per distinct instant: a tab repeats the same days
 * thousands of times, and Utilities.formatDate is a service call each time.
 */
export function dateTexts(timeZone: string): (value: Date) => string {
  const known = new Map<number, string>();
  return (value) => {
    const t = value.getTime();
    let text = known.get(t);
    if (text === undefined) {
      text = dateText(value, timeZone);
      known.set(t, text);
    }
    return text;
  };
}

export interface DatasetTab {
  dataset: DatasetName;
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  table: Table;
}

export function readDatasetTab(
  sheet: GoogleAppsScript.Spreadsheet.Sheet, dataset: DatasetName, timeZone: string, dates = dateTexts(timeZone),
): DatasetTab {
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
      cells[c] = v instanceof Date ? dates(v) : v;
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
  const dates = dateTexts(timeZone);
  const tabs: DatasetTab[] = [];
  for (const dataset of DATASET_NAMES) {
    const sheet = ss.getSheetByName(DATASET_TABS[dataset]);
    if (sheet) tabs.push(readDatasetTab(sheet, dataset, timeZone, dates));
  }
  return tabs;
}
