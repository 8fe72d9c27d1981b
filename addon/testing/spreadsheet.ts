// Spreadsheet: its sheets (Sheet1 at first), the active sheet, time zone, toasts, the 10M-cell limit.
import { parseA1 } from './a1.ts';
import type { FakeRange } from './range.ts';
import { Recalculation } from './recalc.ts';
import { FakeTextFinder } from './text-finder.ts';
import type { Runtime } from './runtime.ts';
import { DEFAULT_COLUMNS, DEFAULT_ROWS, FakeSheet } from './sheet.ts';
import { validTimeZone } from './tz.ts';

export const MAX_CELLS = 10_000_000;
export const MAX_SHEET_NAME = 100;

export interface SpreadsheetOptions {
  id?: string;
  name?: string;
  /** Default 'Europe/Berlin': not UTC, so time-zone mistakes show. */
  timeZone?: string;
}

export interface Toast {
  message: string;
  title: string;
  timeoutSeconds: number;
}

export class FakeSpreadsheet {
  private sheets: FakeSheet[] = [];
  private active: FakeSheet;
  private name: string;
  private timeZone: string;
  private nextSheetId = 0;
  readonly id: string;
  readonly toasts: Toast[] = [];
  /** Custom-function cells; the harness connects it to the script (recalculation.host). */
  readonly recalculation = new Recalculation(this);

  constructor(readonly rt: Runtime, options: SpreadsheetOptions = {}) {
    this.id = options.id ?? '1MoGuLFakeSpreadsheetId0000000000000000000';
    this.name = options.name ?? 'Untitled spreadsheet';
    this.timeZone = options.timeZone ?? 'Europe/Berlin';
    this.active = this.addSheet('Sheet1', 0);
  }

  private addSheet(name: string, index: number, rows = DEFAULT_ROWS, columns = DEFAULT_COLUMNS): FakeSheet {
    const id = this.nextSheetId === 0 ? 0 : 1_000_000_000 + ((this.nextSheetId * 48_271) % 999_999_937);
    this.nextSheetId++;
    const sheet = new FakeSheet(this, name, id, rows, columns);
    this.sheets.splice(index, 0, sheet);
    return sheet;
  }

  getId(): string { return this.id; }
  getName(): string { return this.name; }
  rename(name: string): void { this.rt.write('rename'); this.name = String(name); }
  getUrl(): string { return `https://docs.google.com/spreadsheets/d/${this.id}/edit`; }
  getSpreadsheetTimeZone(): string { return this.timeZone; }
  setSpreadsheetTimeZone(timeZone: string): void { this.rt.write('setSpreadsheetTimeZone'); this.timeZone = validTimeZone(timeZone); }
  getSpreadsheetLocale(): string { return 'en_US'; }

  getSheets(): FakeSheet[] { this.rt.tick(); return this.rt.out([...this.sheets]); }
  getNumSheets(): number { return this.sheets.length; }
  indexOf(sheet: FakeSheet): number { return this.sheets.indexOf(sheet); }
  getSheetByName(name: string): FakeSheet | null { this.rt.tick(); return this.sheets.find((s) => s.getName() === name) ?? null; }
  getSheetById(id: number): FakeSheet | null { return this.sheets.find((s) => s.getSheetId() === id) ?? null; }

  getActiveSheet(): FakeSheet { return this.active; }
  setActiveSheet(sheet: FakeSheet): FakeSheet {
    this.rt.write('setActiveSheet');
    if (!this.sheets.includes(sheet)) this.rt.fail('Invalid argument: sheet');
    this.active = sheet;
    return sheet;
  }
  getActiveRange(): FakeRange { return this.active.getRange('A1'); }

  /** insertSheet(), (name), (index), (name, index): the new sheet becomes the active one. */
  insertSheet(nameOrIndex?: string | number, index?: number): FakeSheet {
    this.rt.write('insertSheet');
    const name = typeof nameOrIndex === 'string' ? nameOrIndex : this.defaultSheetName();
    const at = typeof nameOrIndex === 'number' ? nameOrIndex : index ?? this.sheets.length;
    if (!(at >= 0 && at <= this.sheets.length)) this.rt.fail('Invalid argument: sheetIndex');
    this.checkNewName(name);
    this.checkCellLimit(DEFAULT_ROWS * DEFAULT_COLUMNS);
    this.active = this.addSheet(name, at);
    return this.active;
  }

  deleteSheet(sheet: FakeSheet): void {
    this.rt.write('deleteSheet');
    if (!this.sheets.includes(sheet)) this.rt.fail('Invalid argument: sheet');
    if (this.sheets.length === 1) this.rt.fail("You can't remove all the sheets in a document.");
    this.sheets = this.sheets.filter((s) => s !== sheet);
    if (this.active === sheet) this.active = this.sheets[0];
  }

  /** 'Sheet name'!A1:B2 on any sheet. */
  getRange(a1: string): FakeRange {
    const ref = parseA1(a1);
    const sheet = ref?.sheetName === undefined ? this.active : this.getSheetByName(ref.sheetName);
    if (!ref || !sheet) this.rt.fail('Range not found');
    return sheet.getRange(ref.sheetName === undefined ? a1 : a1.slice(a1.lastIndexOf('!') + 1));
  }
  getRangeByName(): null { return null; }

  createTextFinder(findText: string): FakeTextFinder {
    this.rt.tick();
    return new FakeTextFinder(this.rt, String(findText), () =>
      this.sheets.map((sheet) => ({ sheet, row: 1, col: 1, numRows: sheet.grid.maxRows, numCols: sheet.grid.maxCols })));
  }

  toast(message: string, title = '', timeoutSeconds = 5): void {
    this.rt.write('toast');
    this.toasts.push({ message: String(message), title: String(title), timeoutSeconds });
  }

  /** After a script or a test wrote cells: formulas there are watched; outside a script, recalculated now. */
  afterWrite(sheet: FakeSheet, row: number, col: number, numRows: number, numCols: number): void {
    this.recalculation.noteWrite(sheet, row, col, numRows, numCols);
    if (!this.rt.execution) this.recalculation.run();
  }

  totalCells(): number {
    return this.sheets.reduce((n, s) => n + s.getMaxRows() * s.getMaxColumns(), 0);
  }

  checkCellLimit(extra: number): void {
    if (this.totalCells() + extra > MAX_CELLS) {
      this.rt.fail(`This action would increase the number of cells in the workbook above the limit of ${MAX_CELLS} cells.`);
    }
  }

  /** Sheet names are unique regardless of case, at most 100 characters, never empty. */
  checkNewName(name: string, self?: FakeSheet): void {
    const n = String(name);
    if (n.trim() === '' || n.length > MAX_SHEET_NAME) this.rt.fail('Invalid argument: name');
    if (this.sheets.some((s) => s !== self && s.getName().toLowerCase() === n.toLowerCase())) {
      this.rt.fail(`A sheet with the name "${n}" already exists. Please enter another name.`);
    }
  }

  private defaultSheetName(): string {
    for (let i = this.sheets.length + 1; ; i++) {
      const name = `Sheet${i}`;
      if (!this.sheets.some((s) => s.getName().toLowerCase() === name.toLowerCase())) return name;
    }
  }
}
