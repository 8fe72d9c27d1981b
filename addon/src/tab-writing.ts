/**
 * What every result tab's writer shares: text from the data kept as text, money and days as
 * cells, and a block of rows written with one setValues.
 */

/**
 * Text from the data, written as that text: Sheets parses what a script writes like typing, so
 * '=x' / '+x' / '-x' / '@x' would become formulas and '007', 'TRUE', '12%', '2024-01-01' numbers,
 * booleans or dates. A leading apostrophe keeps any of them text (and is not part of the value).
 */
export function safeText(value: string | null): string {
  if (value === null || value === '') return '';
  return `'${value}`;
}

export const units = (cents: number) => cents / 100;
export const MONEY = '#,##0.00';
export const DATE = 'yyyy-mm-dd';
/** What Sheets reports for a cell with no format of its own. */
export const AUTOMATIC = '0.###############';

/**
 * A report day (YYYY-MM-DD) as the Date of its midnight in the spreadsheet's zone, which Sheets
 * stores as that day (a text would be parsed by the sheet's locale). One service call per day.
 */
export function dayCells(timeZone: string): (day: string | null) => Date | null {
  const known = new Map<string, Date>();
  return (day) => {
    if (day === null || day === '') return null;
    let date = known.get(day);
    if (!date) known.set(day, (date = Utilities.parseDate(day, timeZone, 'yyyy-MM-dd')));
    return date;
  };
}

export type Day = (day: string | null) => Date | null;

export interface Block {
  headers: string[];
  rows: (string | number | Date | null)[][];
  formats?: (string | null)[];
}

export function ensureSize(sheet: GoogleAppsScript.Spreadsheet.Sheet, rows: number, columns: number) {
  if (sheet.getMaxRows() < rows) sheet.insertRowsAfter(sheet.getMaxRows(), rows - sheet.getMaxRows());
  if (sheet.getMaxColumns() < columns) sheet.insertColumnsAfter(sheet.getMaxColumns(), columns - sheet.getMaxColumns());
}

export function writeBlock(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, tab: string, block: Block, note: string) {
  const sheet = ss.getSheetByName(tab) ?? ss.insertSheet(tab);
  sheet.clearContents();
  const rows = block.rows.length + 1;
  const columns = block.headers.length;
  ensureSize(sheet, rows, columns);
  const values = [block.headers, ...block.rows.map((r) => r.map((v) => (v === null ? '' : v)))];
  sheet.getRange(1, 1, rows, columns).setValues(values);
  if (block.formats && block.rows.length > 0) {
    const formats = block.rows.map(() => block.formats!.map((f) => f ?? AUTOMATIC));
    sheet.getRange(2, 1, block.rows.length, columns).setNumberFormats(formats);
  }
  sheet.getRange(1, 1, 1, columns).setFontWeight('bold');
  sheet.setFrozenRows(1);
  sheet.getRange(1, 1).setNote(note);
  return sheet;
}


/** One result tab to write: its size in cells (values), and the write. */
export interface TabWrite {
  tab: string;
  cells: number;
  /** What the write reads first, in the same execution: its size in cells, and the read. */
  read?: { cells: number; run(): void };
  write(): void;
}
