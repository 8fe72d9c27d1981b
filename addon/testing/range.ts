// Range: a box on a sheet. Reads give matrices in the add-on's realm; writes check shapes.
import { formatA1 } from './a1.ts';
import { readDisplay, readValue, writeFormula, writeValue } from './cell-ops.ts';
import { DEFAULT_BACKGROUND, normalizeColor } from './colors.ts';
import { FakeDataValidation } from './data-validation.ts';
import type { Box, Cell, ClearWhat } from './grid.ts';
import { checkShape, fillBox, readBox, writeBox } from './range-cells.ts';
import type { FakeSheet } from './sheet.ts';
import { FakeTextFinder } from './text-finder.ts';
import { DEFAULT_NUMBER_FORMAT, numberFormatProblem } from './sheet-format.ts';

type Setter<T> = (cell: Cell, value: T) => void;

export class FakeRange {
  constructor(
    readonly sheet: FakeSheet,
    private readonly box: Box,
    private readonly shape?: 'columns' | 'rows',
  ) {}

  private get rt() { return this.sheet.rt; }
  private get tz(): string { return this.sheet.timeZone(); }

  private get cells(): number { return this.box.numRows * this.box.numCols; }

  private read<T>(fn: (cell: Cell | undefined) => T): T[][] {
    this.rt.tick();
    this.sheet.spreadsheet.recalculation.settle(this.sheet);
    this.rt.spendOnCells('read', this.cells);
    return this.rt.out(readBox(this.sheet.grid, this.box, fn));
  }

  private writeAll<T>(method: string, data: unknown, fn: Setter<T>): this {
    this.rt.write(method);
    checkShape(this.rt, data, this.box, method);
    this.rt.spendOnCells('write', this.cells);
    writeBox(this.sheet.grid, this.box, data as T[][], fn);
    this.written();
    return this;
  }

  private fill<T>(method: string, value: T, fn: Setter<T>): this {
    this.rt.write(method);
    this.rt.spendOnCells('write', this.cells);
    fillBox(this.sheet.grid, this.box, value, fn);
    this.written();
    return this;
  }

  /** Formulas written here are watched for recalculation (at once when no script runs). */
  private written(): void {
    const b = this.box;
    this.sheet.spreadsheet.afterWrite(this.sheet, b.row, b.col, b.numRows, b.numCols);
  }

  // Geometry
  getRow(): number { return this.box.row; }
  getColumn(): number { return this.box.col; }
  getNumRows(): number { return this.box.numRows; }
  getNumColumns(): number { return this.box.numCols; }
  getHeight(): number { return this.box.numRows; }
  getWidth(): number { return this.box.numCols; }
  getLastRow(): number { return this.box.row + this.box.numRows - 1; }
  getLastColumn(): number { return this.box.col + this.box.numCols - 1; }
  getSheet(): FakeSheet { return this.sheet; }
  getGridId(): number { return this.sheet.getSheetId(); }
  getA1Notation(): string {
    const b = this.box;
    return formatA1(b.row, b.col, b.numRows, b.numCols, this.shape);
  }
  getCell(row: number, column: number): FakeRange {
    if (row < 1 || column < 1 || row > this.box.numRows || column > this.box.numCols) this.rt.fail('Cell reference out of range');
    return this.sheet.getRange(this.box.row + row - 1, this.box.col + column - 1);
  }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): FakeRange {
    return this.sheet.getRange(this.box.row + rowOffset, this.box.col + columnOffset, numRows ?? this.box.numRows, numColumns ?? this.box.numCols);
  }
  activate(): this { this.sheet.activate(); return this; }
  createTextFinder(findText: string): FakeTextFinder {
    this.rt.tick();
    return new FakeTextFinder(this.rt, String(findText), () => [{ sheet: this.sheet, ...this.box }]);
  }
  isBlank(): boolean { return this.getValues().every((r) => r.every((v) => v === '')); }

  // Values and formulas
  getValues(): unknown[][] { return this.read((c) => readValue(c, this.tz)); }
  getValue(): unknown { return this.getCell(1, 1).getValues()[0][0]; }
  getDisplayValues(): string[][] { return this.read((c) => readDisplay(c, this.tz)); }
  getDisplayValue(): string { return this.getCell(1, 1).getDisplayValues()[0][0]; }
  getFormulas(): string[][] { return this.read((c) => c?.formula ?? ''); }
  getFormula(): string { return this.getCell(1, 1).getFormulas()[0][0]; }
  setValues(values: unknown[][]): this { return this.writeAll('setValues', values, (c, v: unknown) => writeValue(this.rt, c, v, this.tz)); }
  setValue(value: unknown): this { return this.fill('setValue', value, (c, v) => writeValue(this.rt, c, v, this.tz)); }
  setFormulas(formulas: string[][]): this { return this.writeAll('setFormulas', formulas, (c, f: string) => writeFormula(this.rt, c, f, this.tz)); }
  setFormula(formula: string): this { return this.fill('setFormula', formula, (c, f) => writeFormula(this.rt, c, f, this.tz)); }

  // Notes
  getNotes(): string[][] { return this.read((c) => c?.note ?? ''); }
  getNote(): string { return this.getCell(1, 1).getNotes()[0][0]; }
  setNotes(notes: (string | null)[][]): this { return this.writeAll('setNotes', notes, setNote); }
  setNote(note: string | null): this { return this.fill('setNote', note, setNote); }
  clearNote(): this { return this.clearWhat('clearNote', ['notes']); }

  // Formats
  getBackgrounds(): string[][] { return this.read((c) => c?.background ?? DEFAULT_BACKGROUND); }
  getBackground(): string { return this.getCell(1, 1).getBackgrounds()[0][0]; }
  setBackgrounds(colors: (string | null)[][]): this { return this.writeAll('setBackgrounds', colors, setBackground); }
  setBackground(color: string | null): this { return this.fill('setBackground', color, setBackground); }
  getFontWeights(): string[][] { return this.read((c) => c?.fontWeight ?? 'normal'); }
  getFontWeight(): string { return this.getCell(1, 1).getFontWeights()[0][0]; }
  setFontWeights(weights: (string | null)[][]): this { return this.writeAll('setFontWeights', weights, setFontWeight); }
  setFontWeight(weight: string | null): this { return this.fill('setFontWeight', weight, setFontWeight); }
  getNumberFormats(): string[][] { return this.read((c) => c?.numberFormat ?? DEFAULT_NUMBER_FORMAT); }
  getNumberFormat(): string { return this.getCell(1, 1).getNumberFormats()[0][0]; }
  setNumberFormats(formats: string[][]): this {
    if (Array.isArray(formats)) for (const row of formats) if (Array.isArray(row)) row.forEach((f) => checkNumberFormat(this.rt, f));
    return this.writeAll('setNumberFormats', formats, setNumberFormat);
  }
  setNumberFormat(format: string): this {
    checkNumberFormat(this.rt, format);
    return this.fill('setNumberFormat', format, setNumberFormat);
  }
  /** Accepted and ignored: alignment, wrapping, font colour and size are not modelled. */
  setWrap(): this { return this.fill('setWrap', null, () => {}); }
  setHorizontalAlignment(): this { return this.fill('setHorizontalAlignment', null, () => {}); }
  setFontColor(): this { return this.fill('setFontColor', null, () => {}); }
  setFontSize(): this { return this.fill('setFontSize', null, () => {}); }

  // Data validation
  getDataValidations(): (FakeDataValidation | null)[][] { return this.read((c) => c?.validation ?? null); }
  getDataValidation(): FakeDataValidation | null { return this.getCell(1, 1).getDataValidations()[0][0]; }
  setDataValidations(rules: (FakeDataValidation | null)[][]): this {
    return this.writeAll('setDataValidations', rules, (c, r: FakeDataValidation | null) => setValidation(this, c, r));
  }
  setDataValidation(rule: FakeDataValidation | null): this {
    return this.fill('setDataValidation', rule, (c, r) => setValidation(this, c, r));
  }
  clearDataValidations(): this { return this.clearWhat('clearDataValidations', ['validations']); }
  insertCheckboxes(): this {
    return this.setDataValidation(new FakeDataValidation(this.rt, 'CHECKBOX', [], true, null)).setValue(false);
  }

  // Clearing: clear() takes contents and formats, as Apps Script's default does.
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean; validationsOnly?: boolean; commentsOnly?: boolean }): this {
    const what: ClearWhat[] = [];
    if (options?.contentsOnly) what.push('contents');
    if (options?.formatOnly) what.push('formats');
    if (options?.validationsOnly) what.push('validations');
    if (options?.commentsOnly) what.push('notes');
    return this.clearWhat('clear', what.length ? what : ['contents', 'formats']);
  }
  clearContent(): this { return this.clearWhat('clearContent', ['contents']); }
  clearFormat(): this { return this.clearWhat('clearFormat', ['formats']); }
  private clearWhat(method: string, what: ClearWhat[]): this {
    this.rt.write(method);
    this.sheet.grid.clear(this.box, what);
    this.written();
    return this;
  }
}

function setNote(cell: Cell, note: string | null): void {
  if (note === null || note === undefined || note === '') delete cell.note;
  else cell.note = String(note);
}

function setBackground(cell: Cell, color: string | null): void {
  const c = normalizeColor(color);
  if (c === undefined || c === DEFAULT_BACKGROUND) delete cell.background;
  else cell.background = c;
}

function setFontWeight(cell: Cell, weight: string | null): void {
  if (weight === null || weight === undefined || weight === 'normal') delete cell.fontWeight;
  else cell.fontWeight = String(weight);
}

function checkNumberFormat(rt: FakeRange['sheet']['rt'], format: unknown): void {
  if (numberFormatProblem(String(format))) rt.fail(`Invalid number format pattern: ${String(format)}`);
}

function setNumberFormat(cell: Cell, format: string): void {
  cell.numberFormat = String(format);
}

function setValidation(range: FakeRange, cell: Cell, rule: FakeDataValidation | null): void {
  if (rule === null || rule === undefined) delete cell.validation;
  else if (rule instanceof FakeDataValidation) cell.validation = rule;
  else range.sheet.rt.fail('The parameters (Object) don\'t match the method signature for SpreadsheetApp.Range.setDataValidation.');
}
