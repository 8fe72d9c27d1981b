// Custom functions in cells, recalculated as Sheets does: a cell calling a custom function is
// evaluated when its formula is entered or changed, or when the values of one of the ranges it
// passes as arguments change. Not when other data the function reads changes (a custom function
// reading the result tabs keeps its old answer), and not when the same formula is set again.
// A formula of built-ins only (builtins.ts: FILTER, EXACT, IFNA…) is evaluated when entered and
// again whenever a tab it references was written to (Sheets tracks every cell; the fake, whole
// tabs, which gives the same answers). Sheets computes those on its servers, apart from the
// script's time; the fake computes them when its tab is next read (settle), so a script that
// writes such formulas and never reads them back spends nothing on them.
// Sheets applies a script's changes when the script calls SpreadsheetApp.flush() or ends; so
// does this: a formula cleared and set again with no flush between is the same formula.
// Writes outside an execution (a test typing as a user) recalculate at once.
// A table answer spills into the cells below and to the right; into cells that hold data it
// does not (#REF!).
import { parseA1 } from './a1.ts';
import type { CellValue } from './cell-input.ts';
import { readValue } from './cell-ops.ts';
import { isBuiltIn } from './builtins.ts';
import { calledNames, evaluate, FormulaError, parseFormula, references, type Node, type Result } from './formula.ts';
import type { Cell } from './grid.ts';
import type { FakeSheet } from './sheet.ts';
import type { FakeSpreadsheet } from './spreadsheet.ts';
import { zonedParts, zonedToUtc } from './tz.ts';

const DAY_MS = 86400000;
const SERIAL_EPOCH = Date.UTC(1899, 11, 30);

/** How the spreadsheet reaches the script's functions (the harness runs each call as an execution). */
export interface CustomFunctionHost {
  has(name: string): boolean;
  call(name: string, args: Result[]): Result;
}

export interface Computed {
  /** The formula and its arguments' values when it was evaluated. */
  formula: string;
  args: string;
  value: Result;
  /** Cells its table answer spilled into, [row, col]. */
  spill: [number, number][];
}

const topLeft = (v: Result): CellValue => (Array.isArray(v) ? (v[0]?.[0] ?? '') : v);

/** What getValues gives for a formula cell: its computed value once evaluated, else null. */
export function computedValue(cell: Cell): CellValue | null {
  return cell.computed && cell.computed.formula === cell.formula ? topLeft(cell.computed.value) : null;
}

export class Recalculation {
  host: CustomFunctionHost | null = null;
  /** Formula cells, and cells whose formula went since they were computed. */
  private readonly cells = new Map<Cell, FakeSheet>();
  private running = false;
  /** Sheets whose built-in formulas are being brought up to date (a formula may read another sheet's). */
  private readonly settling = new Set<FakeSheet>();

  constructor(private readonly spreadsheet: FakeSpreadsheet) {}

  /** After a write: the box's formula cells are watched. */
  noteWrite(sheet: FakeSheet, row: number, col: number, numRows: number, numCols: number): void {
    for (let r = row; r < row + numRows; r++) {
      for (let c = col; c < col + numCols; c++) {
        const cell = sheet.grid.get(r, c);
        if (cell && (cell.formula !== undefined || cell.computed)) this.cells.set(cell, sheet);
      }
    }
  }

  /** Applies pending changes: evaluates every custom-function cell whose formula or arguments changed. */
  run(): void {
    if (this.running || this.cells.size === 0) return;
    this.running = true;
    try {
      for (const [sheet, cells] of this.bySheet()) {
        sheet.grid.forEachCell((cell, row, col) => {
          if (cells.has(cell)) this.update(sheet, cell, row, col, false);
        });
      }
    } finally {
      this.running = false;
    }
  }

  /** Before a sheet is read: its built-in formulas are evaluated where a tab they reference changed. */
  settle(sheet: FakeSheet): void {
    if (this.settling.has(sheet) || this.cells.size === 0) return;
    const cells = this.bySheet().get(sheet);
    if (!cells) return;
    this.settling.add(sheet);
    try {
      sheet.grid.forEachCell((cell, row, col) => {
        if (cells.has(cell)) this.update(sheet, cell, row, col, true);
      });
    } finally {
      this.settling.delete(sheet);
    }
  }

  private bySheet(): Map<FakeSheet, Set<Cell>> {
    const out = new Map<FakeSheet, Set<Cell>>();
    for (const [cell, sheet] of this.cells) {
      if (this.spreadsheet.indexOf(sheet) < 0) {
        this.cells.delete(cell);
        continue;
      }
      if (!out.has(sheet)) out.set(sheet, new Set());
      out.get(sheet)!.add(cell);
    }
    return out;
  }

  /** Brings one formula cell up to date; built-in formulas only when `builtIns` (a read is coming). */
  private update(sheet: FakeSheet, cell: Cell, row: number, col: number, builtIns: boolean): void {
    const node = cell.formula === undefined ? null : parseFormula(cell.formula);
    const names = node === null ? [] : calledNames(node);
    const custom = this.host !== null && names.some((n) => this.host!.has(n));
    const builtIn = !custom && names.length > 0 && names.every(isBuiltIn);
    if (builtIn && !builtIns) return;
    if (custom && builtIns) return;
    if (node === null || (!custom && !builtIn)) {
      if (cell.computed) this.unspill(sheet, cell.computed);
      delete cell.computed;
      if (cell.formula === undefined) this.cells.delete(cell);
      return;
    }
    const args = custom ? this.snapshot(sheet, node) : this.versions(sheet, node);
    if (cell.computed && cell.computed.formula === cell.formula && cell.computed.args === args) return;
    if (cell.computed) this.unspill(sheet, cell.computed);
    const value = this.evaluate(sheet, node);
    cell.computed = { formula: cell.formula!, args, value, spill: [] };
    this.spill(sheet, cell, row, col);
  }

  /** The values of the ranges a formula reads, as text to compare. */
  private snapshot(sheet: FakeSheet, node: Node): string {
    return JSON.stringify(references(node).map((ref) => {
      try {
        return this.read(sheet, ref.sheetName, ref.a1);
      } catch {
        return '#REF!';
      }
    }));
  }

  /** Which writes the tabs a formula references have seen, as text to compare. */
  private versions(sheet: FakeSheet, node: Node): string {
    const tabs = new Set(references(node).map((ref) => ref.sheetName));
    return JSON.stringify([...tabs].map((name) => {
      const target = name === undefined ? sheet : this.spreadsheet.getSheetByName(name);
      return target ? target.grid.version : '#REF!';
    }));
  }

  private read(sheet: FakeSheet, sheetName: string | undefined, a1: string): Result {
    const target = sheetName === undefined ? sheet : this.spreadsheet.getSheetByName(sheetName);
    const ref = parseA1(a1);
    if (!target || !ref) throw new FormulaError('#REF!');
    if (target !== sheet) this.settle(target);
    const tz = this.spreadsheet.getSpreadsheetTimeZone();
    const [r1, c1] = [ref.row1 ?? 1, ref.col1 ?? 1];
    const [r2, c2] = [Math.min(ref.row2 ?? target.grid.maxRows, target.grid.maxRows), Math.min(ref.col2 ?? target.grid.maxCols, target.grid.maxCols)];
    const rows: CellValue[][] = [];
    for (let r = r1; r <= r2; r++) {
      const row: CellValue[] = [];
      for (let c = c1; c <= c2; c++) row.push(readValue(target.grid.get(r, c), tz));
      rows.push(row);
    }
    return rows.length === 1 && rows[0].length === 1 ? rows[0][0] : rows;
  }

  private evaluate(sheet: FakeSheet, node: Node): Result {
    const host = this.host;
    const tz = this.spreadsheet.getSpreadsheetTimeZone();
    try {
      return evaluate(node, {
        serial: (date) => {
          const p = zonedParts(date.getTime(), tz);
          return (Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond) - SERIAL_EPOCH) / DAY_MS;
        },
        read: (name, a1) => this.read(sheet, name, a1),
        isCustom: (name) => host !== null && host.has(name),
        callCustom: (name, args) => {
          try {
            return host!.call(name, args);
          } catch (e) {
            throw new FormulaError('#ERROR!', (e as Error).message);
          }
        },
        date: (y, m, d) => new Date(zonedToUtc(y, m, d, 0, 0, 0, this.spreadsheet.getSpreadsheetTimeZone())),
      });
    } catch (e) {
      if (e instanceof FormulaError) return e.code;
      throw e;
    }
  }

  /** A table answer goes into the cells below and right of the formula, if they are free and exist. */
  private spill(sheet: FakeSheet, cell: Cell, row: number, col: number): void {
    const computed = cell.computed!;
    const value = computed.value;
    if (!Array.isArray(value)) return;
    const width = Math.max(...value.map((r) => r.length));
    const fits = row + value.length - 1 <= sheet.grid.maxRows && col + width - 1 <= sheet.grid.maxCols;
    const blocked = !fits || value.some((r, i) => r.some((_, j) => {
      if (i === 0 && j === 0) return false;
      const other = sheet.grid.get(row + i, col + j);
      return other !== undefined && (other.value !== undefined || other.formula !== undefined || other.spilled !== undefined);
    }));
    if (blocked) {
      computed.value = '#REF!';
      return;
    }
    value.forEach((r, i) => r.forEach((v, j) => {
      if (i === 0 && j === 0) return;
      sheet.grid.cell(row + i, col + j).spilled = v ?? '';
      computed.spill.push([row + i, col + j]);
    }));
  }

  private unspill(sheet: FakeSheet, computed: Computed): void {
    for (const [r, c] of computed.spill) {
      const other = sheet.grid.get(r, c);
      if (other) delete other.spilled;
    }
    computed.spill = [];
  }
}
