// A sheet's cells: sparse rows of cells, 1-based coordinates, grown only by insert*.
import type { CellValue } from './cell-input.ts';
import type { FakeDataValidation } from './data-validation.ts';
import type { Computed } from './recalc.ts';

export interface Cell {
  value?: CellValue;
  formula?: string;
  note?: string;
  background?: string;
  fontWeight?: string;
  numberFormat?: string;
  validation?: FakeDataValidation;
  /** A custom-function formula's last evaluation (recalc.ts). */
  computed?: Computed;
  /** A value spilled here by a table answer of a formula above or to the left. */
  spilled?: CellValue;
}

export interface Box {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

export type ClearWhat = 'contents' | 'formats' | 'notes' | 'validations';

/** Inserts count holes after index `after` (no spread of a huge argument list). */
function spliceIn<T>(list: T[], after: number, count: number): T[] {
  const out = list.slice(0, after);
  out.length = after + count;
  for (let i = after; i < list.length; i++) out[i + count] = list[i];
  return out;
}

const hasContent = (c: Cell | undefined): boolean =>
  c !== undefined && (c.formula !== undefined || c.value !== undefined || c.spilled !== undefined);

/** Every write to any grid takes the next number (so a tab made again never repeats an old one). */
let writes = 0;

export class Grid {
  private rows: (Cell[] | undefined)[] = [];
  /** The last write's number: what built-in formulas over this grid were computed from (recalc.ts). */
  version = ++writes;

  /** After a write of values, formats, notes or rows (not a formula's spill). */
  touch(): void {
    this.version = ++writes;
  }

  constructor(public maxRows: number, public maxCols: number) {}

  /** Every cell made so far, row by row. */
  forEachCell(visit: (cell: Cell, row: number, col: number) => void): void {
    this.rows.forEach((row, r) => row?.forEach((cell, c) => cell && visit(cell, r + 1, c + 1)));
  }

  get(row: number, col: number): Cell | undefined {
    return this.rows[row - 1]?.[col - 1];
  }

  cell(row: number, col: number): Cell {
    const r = (this.rows[row - 1] ??= []);
    return (r[col - 1] ??= {});
  }

  /** The last row / column holding a value or formula (notes and formats do not count). */
  lastRow(): number {
    for (let r = this.rows.length; r >= 1; r--) if (this.rows[r - 1]?.some(hasContent)) return r;
    return 0;
  }

  lastColumn(): number {
    let last = 0;
    for (const row of this.rows) {
      if (!row) continue;
      for (let c = row.length; c > last; c--) if (hasContent(row[c - 1])) { last = c; break; }
    }
    return last;
  }

  insertRows(after: number, count: number): void {
    this.touch();
    if (this.rows.length > after) this.rows = spliceIn(this.rows, after, count);
    this.maxRows += count;
  }

  insertColumns(after: number, count: number): void {
    this.touch();
    this.rows = this.rows.map((row) => (row && row.length > after ? spliceIn(row, after, count) : row));
    this.maxCols += count;
  }

  deleteRows(start: number, count: number): void {
    this.touch();
    this.rows.splice(start - 1, count);
    this.maxRows -= count;
  }

  deleteColumns(start: number, count: number): void {
    this.touch();
    for (const row of this.rows) row?.splice(start - 1, count);
    this.maxCols -= count;
  }

  clear(box: Box, what: readonly ClearWhat[]): void {
    this.touch();
    for (let r = box.row; r < box.row + box.numRows; r++) {
      const row = this.rows[r - 1];
      if (!row) continue;
      for (let c = box.col; c < box.col + box.numCols; c++) {
        const cell = row[c - 1];
        if (!cell) continue;
        if (what.includes('contents')) { delete cell.value; delete cell.formula; }
        if (what.includes('formats')) { delete cell.background; delete cell.fontWeight; delete cell.numberFormat; }
        if (what.includes('notes')) delete cell.note;
        if (what.includes('validations')) delete cell.validation;
      }
    }
  }
}
