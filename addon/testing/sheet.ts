// Sheet: a grid of maxRows x maxColumns that grows only through insert* (and appendRow).
import { parseA1 } from './a1.ts';
import { FakeEmbeddedChart, FakeEmbeddedChartBuilder } from './charts.ts';
import { ConditionalFormats, effectiveBackground } from './conditional-format.ts';
import { Grid, type ClearWhat } from './grid.ts';
import { FakeRange } from './range.ts';
import { FakeTextFinder } from './text-finder.ts';
import type { Runtime } from './runtime.ts';
import type { FakeSpreadsheet } from './spreadsheet.ts';

export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLUMNS = 26;
export const DEFAULT_COLUMN_WIDTH = 100;

export class FakeSheet {
  readonly grid: Grid;
  private frozenRows = 0;
  private frozenColumns = 0;
  private hidden = false;
  private charts: FakeEmbeddedChart[] = [];
  private readonly columnWidths = new Map<number, number>();
  /** Columns passed to autoResizeColumns, for tests. */
  readonly autoResized = new Set<number>();
  readonly conditionalFormats: ConditionalFormats;

  constructor(
    readonly spreadsheet: FakeSpreadsheet,
    private name: string,
    private readonly id: number,
    rows = DEFAULT_ROWS,
    columns = DEFAULT_COLUMNS,
  ) {
    this.grid = new Grid(rows, columns);
    this.conditionalFormats = new ConditionalFormats(spreadsheet.rt, id);
  }

  get rt(): Runtime { return this.spreadsheet.rt; }
  timeZone(): string { return this.spreadsheet.getSpreadsheetTimeZone(); }

  getName(): string { return this.name; }
  getSheetName(): string { return this.name; }
  setName(name: string): this {
    this.rt.write('setName');
    this.spreadsheet.checkNewName(name, this);
    this.name = String(name);
    return this;
  }
  getSheetId(): number { return this.id; }
  getParent(): FakeSpreadsheet { return this.spreadsheet; }
  getIndex(): number { return this.spreadsheet.indexOf(this) + 1; }
  activate(): this { this.spreadsheet.setActiveSheet(this); return this; }
  hideSheet(): this {
    this.rt.write('hideSheet');
    if (this.spreadsheet.getSheets().filter((s) => !s.isSheetHidden()).length <= 1 && !this.hidden) {
      this.rt.fail("You can't hide all the sheets in a document.");
    }
    this.hidden = true;
    return this;
  }
  showSheet(): this { this.rt.write('showSheet'); this.hidden = false; return this; }
  isSheetHidden(): boolean { return this.hidden; }

  // Ranges
  getRange(a1OrRow: string | number, column?: number, numRows?: number, numColumns?: number): FakeRange {
    this.rt.tick();
    if (typeof a1OrRow === 'string' && column === undefined) return this.rangeFromA1(a1OrRow);
    const args = [a1OrRow, column, numRows, numColumns].filter((a) => a !== undefined);
    if (args.some((a) => typeof a !== 'number' || Number.isNaN(a))) {
      const types = args.map((a) => (typeof a === 'string' ? 'String' : typeof a === 'number' ? 'number' : typeof a)).join(',');
      this.rt.fail(`The parameters (${types}) don't match the method signature for SpreadsheetApp.Sheet.getRange.`);
    }
    const [row, col, nr, nc] = [a1OrRow as number, column as number, numRows ?? 1, numColumns ?? 1].map(Math.floor);
    if (row < 1) this.rt.fail('The starting row of the range is too small.');
    if (col < 1) this.rt.fail('The starting column of the range is too small.');
    if (nr < 1) this.rt.fail('The number of rows in the range must be at least 1.');
    if (nc < 1) this.rt.fail('The number of columns in the range must be at least 1.');
    if (row + nr - 1 > this.grid.maxRows || col + nc - 1 > this.grid.maxCols) {
      this.rt.fail('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return new FakeRange(this, { row, col, numRows: nr, numCols: nc });
  }

  private rangeFromA1(a1: string): FakeRange {
    const ref = parseA1(a1);
    if (!ref || (ref.sheetName !== undefined && ref.sheetName !== this.name)) return this.rt.fail('Range not found');
    const row1 = ref.row1 ?? 1;
    const col1 = ref.col1 ?? 1;
    const row2 = ref.row2 ?? this.grid.maxRows;
    const col2 = ref.col2 ?? this.grid.maxCols;
    if (row2 > this.grid.maxRows || col2 > this.grid.maxCols || row1 > row2) this.rt.fail('Range not found');
    const shape = ref.row1 === undefined ? 'columns' : ref.col1 === undefined ? 'rows' : undefined;
    return new FakeRange(this, { row: row1, col: col1, numRows: row2 - row1 + 1, numCols: col2 - col1 + 1 }, shape);
  }

  createTextFinder(findText: string): FakeTextFinder {
    this.rt.tick();
    return new FakeTextFinder(this.rt, String(findText), () => [{ sheet: this, row: 1, col: 1, numRows: this.grid.maxRows, numCols: this.grid.maxCols }]);
  }

  getDataRange(): FakeRange {
    this.spreadsheet.recalculation.settle(this);
    return this.getRange(1, 1, Math.max(1, this.grid.lastRow()), Math.max(1, this.grid.lastColumn()));
  }
  getLastRow(): number { this.rt.tick(); this.spreadsheet.recalculation.settle(this); return this.grid.lastRow(); }
  getLastColumn(): number { this.rt.tick(); this.spreadsheet.recalculation.settle(this); return this.grid.lastColumn(); }
  getMaxRows(): number { return this.grid.maxRows; }
  getMaxColumns(): number { return this.grid.maxCols; }

  // Growing and shrinking
  insertRowsAfter(afterPosition: number, howMany: number): this { return this.insertRows('insertRowsAfter', afterPosition, howMany); }
  insertRowsBefore(beforePosition: number, howMany: number): this { return this.insertRows('insertRowsBefore', beforePosition - 1, howMany); }
  insertRowAfter(afterPosition: number): this { return this.insertRows('insertRowAfter', afterPosition, 1); }
  insertRowBefore(beforePosition: number): this { return this.insertRows('insertRowBefore', beforePosition - 1, 1); }
  insertColumnsAfter(afterPosition: number, howMany: number): this { return this.insertColumns('insertColumnsAfter', afterPosition, howMany); }
  insertColumnsBefore(beforePosition: number, howMany: number): this { return this.insertColumns('insertColumnsBefore', beforePosition - 1, howMany); }
  insertColumnAfter(afterPosition: number): this { return this.insertColumns('insertColumnAfter', afterPosition, 1); }
  insertColumnBefore(beforePosition: number): this { return this.insertColumns('insertColumnBefore', beforePosition - 1, 1); }

  private insertRows(method: string, after: number, count: number): this {
    this.rt.write(method);
    if (!(after >= 0 && after <= this.grid.maxRows)) this.rt.fail('Those rows are out of bounds.');
    if (!(count >= 1)) this.rt.fail('The number of rows to insert must be at least 1.');
    this.spreadsheet.checkCellLimit(count * this.grid.maxCols);
    this.grid.insertRows(after, count);
    return this;
  }

  private insertColumns(method: string, after: number, count: number): this {
    this.rt.write(method);
    if (!(after >= 0 && after <= this.grid.maxCols)) this.rt.fail('Those columns are out of bounds.');
    if (!(count >= 1)) this.rt.fail('The number of columns to insert must be at least 1.');
    this.spreadsheet.checkCellLimit(count * this.grid.maxRows);
    this.grid.insertColumns(after, count);
    return this;
  }

  deleteRows(rowPosition: number, howMany: number): void {
    this.rt.write('deleteRows');
    if (rowPosition < 1 || rowPosition + howMany - 1 > this.grid.maxRows) this.rt.fail('Those rows are out of bounds.');
    if (howMany >= this.grid.maxRows) this.rt.fail('Sorry, it is not possible to delete all non-frozen rows.');
    this.grid.deleteRows(rowPosition, howMany);
  }
  deleteRow(rowPosition: number): this { this.deleteRows(rowPosition, 1); return this; }
  deleteColumns(columnPosition: number, howMany: number): void {
    this.rt.write('deleteColumns');
    if (columnPosition < 1 || columnPosition + howMany - 1 > this.grid.maxCols) this.rt.fail('Those columns are out of bounds.');
    if (howMany >= this.grid.maxCols) this.rt.fail('Sorry, it is not possible to delete all non-frozen columns.');
    this.grid.deleteColumns(columnPosition, howMany);
  }
  deleteColumn(columnPosition: number): this { this.deleteColumns(columnPosition, 1); return this; }

  /** appendRow is the one write that grows the sheet by itself. */
  appendRow(rowContents: unknown[]): this {
    this.rt.write('appendRow');
    if (!Array.isArray(rowContents) || rowContents.length === 0) this.rt.fail('Invalid argument: rowContents');
    const row = this.grid.lastRow() + 1;
    if (row > this.grid.maxRows) this.insertRows('appendRow', this.grid.maxRows, 1);
    if (rowContents.length > this.grid.maxCols) this.insertColumns('appendRow', this.grid.maxCols, rowContents.length - this.grid.maxCols);
    this.getRange(row, 1, 1, rowContents.length).setValues([rowContents]);
    return this;
  }

  // Frozen rows and columns
  setFrozenRows(rows: number): void {
    this.rt.write('setFrozenRows');
    if (!(rows >= 0) || rows >= this.grid.maxRows) this.rt.fail('Sorry, it is not possible to freeze all rows.');
    this.frozenRows = rows;
  }
  getFrozenRows(): number { return this.frozenRows; }
  setFrozenColumns(columns: number): void {
    this.rt.write('setFrozenColumns');
    if (!(columns >= 0) || columns >= this.grid.maxCols) this.rt.fail('Sorry, it is not possible to freeze all columns.');
    this.frozenColumns = columns;
  }
  getFrozenColumns(): number { return this.frozenColumns; }

  // Clearing
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): this {
    const what: ClearWhat[] = [];
    if (options?.contentsOnly) what.push('contents');
    if (options?.formatOnly) what.push('formats');
    return this.clearWhat('clear', what.length ? what : ['contents', 'formats']);
  }
  clearContents(): this { return this.clearWhat('clearContents', ['contents']); }
  clearFormats(): this { return this.clearWhat('clearFormats', ['formats']); }
  clearNotes(): this { return this.clearWhat('clearNotes', ['notes']); }
  private clearWhat(method: string, what: ClearWhat[]): this {
    this.rt.write(method);
    this.grid.clear({ row: 1, col: 1, numRows: this.grid.maxRows, numCols: this.grid.maxCols }, what);
    return this;
  }

  // Charts
  newChart(): FakeEmbeddedChartBuilder { return new FakeEmbeddedChartBuilder(this.rt, this.id); }
  insertChart(chart: FakeEmbeddedChart): void {
    this.rt.write('insertChart');
    if (!(chart instanceof FakeEmbeddedChart)) this.rt.fail('Invalid argument: chart');
    this.checkAnchor(chart);
    this.charts.push(chart);
  }
  /** A chart's anchor cell must be a cell of the sheet (the chart itself may reach past the grid). */
  private checkAnchor(chart: FakeEmbeddedChart): void {
    const { anchorRowPos, anchorColPos } = chart.state.position;
    if (anchorRowPos > this.grid.maxRows || anchorColPos > this.grid.maxCols) {
      this.rt.fail('The coordinates of the range are outside the dimensions of the sheet.');
    }
  }
  getCharts(): FakeEmbeddedChart[] { this.rt.tick(); return this.rt.out([...this.charts]); }
  removeChart(chart: FakeEmbeddedChart): void {
    this.rt.write('removeChart');
    const before = this.charts.length;
    this.charts = this.charts.filter((c) => c.chartId !== chart.chartId);
    if (this.charts.length === before) this.rt.fail('The chart does not exist on this sheet.');
  }
  updateChart(chart: FakeEmbeddedChart): void {
    this.rt.write('updateChart');
    const i = this.charts.findIndex((c) => c.chartId === chart.chartId);
    if (i < 0) this.rt.fail('The chart does not exist on this sheet.');
    this.checkAnchor(chart);
    this.charts[i] = chart;
  }

  // Conditional formatting (rules keep their ranges when rows or columns are inserted: not modelled)
  setConditionalFormatRules(rules: unknown[]): void { this.conditionalFormats.set(rules); }
  getConditionalFormatRules() { return this.conditionalFormats.get(); }
  clearConditionalFormatRules(): void { this.conditionalFormats.clear(); }
  /** Test helper: the colour a conditional format rule gives a cell, or null. */
  conditionalBackground(row: number, column: number): string | null {
    return effectiveBackground(this.conditionalFormats, row, column, (r, c) => this.getRange(r, c).getValue());
  }

  // Column widths
  autoResizeColumns(startColumn: number, numColumns: number): this {
    this.rt.write('autoResizeColumns');
    for (let c = startColumn; c < startColumn + numColumns; c++) this.autoResized.add(c);
    return this;
  }
  autoResizeColumn(column: number): this { return this.autoResizeColumns(column, 1); }
  setColumnWidth(column: number, width: number): this {
    this.rt.write('setColumnWidth');
    this.columnWidths.set(column, width);
    return this;
  }
  setColumnWidths(startColumn: number, numColumns: number, width: number): this {
    for (let c = startColumn; c < startColumn + numColumns; c++) this.setColumnWidth(c, width);
    return this;
  }
  getColumnWidth(column: number): number { return this.columnWidths.get(column) ?? DEFAULT_COLUMN_WIDTH; }
  setTabColor(): this { this.rt.write('setTabColor'); return this; }
}
