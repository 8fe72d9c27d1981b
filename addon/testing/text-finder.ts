// TextFinder (spreadsheet, sheet or range .createTextFinder(text)): finds cells by their shown
// text, or by their formula with matchFormulaText(true); a regular expression with
// useRegularExpression(true). Case-insensitive unless matchCase(true). Cells come row by row,
// sheet by sheet, as single-cell ranges.
import { readDisplay } from './cell-ops.ts';
import type { FakeRange } from './range.ts';
import type { Runtime } from './runtime.ts';
import type { FakeSheet } from './sheet.ts';

export interface SearchArea {
  sheet: FakeSheet;
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

export class FakeTextFinder {
  private caseSensitive = false;
  private entireCell = false;
  private formulas = false;
  private regex = false;
  private position = -1;

  constructor(private readonly rt: Runtime, private readonly text: string, private readonly areas: () => SearchArea[]) {
    if (text === '') rt.fail('Invalid argument: findText');
  }

  matchCase(on: boolean): this { this.caseSensitive = Boolean(on); return this; }
  matchEntireCell(on: boolean): this { this.entireCell = Boolean(on); return this; }
  matchFormulaText(on: boolean): this { this.formulas = Boolean(on); return this; }
  useRegularExpression(on: boolean): this { this.regex = Boolean(on); return this; }
  ignoreDiacritics(): this { return this; }
  startFrom(): this { return this; }

  findAll(): FakeRange[] {
    this.rt.tick();
    return this.rt.out(this.matches());
  }

  findNext(): FakeRange | null {
    this.rt.tick();
    const all = this.matches();
    this.position++;
    return this.position < all.length ? all[this.position] : null;
  }

  private pattern(): RegExp {
    const source = this.regex ? this.text : this.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    try {
      return new RegExp(this.entireCell ? `^(?:${source})$` : source, this.caseSensitive ? '' : 'i');
    } catch {
      return this.rt.fail(`Invalid argument: ${this.text}`);
    }
  }

  private matches(): FakeRange[] {
    const pattern = this.pattern();
    const found: FakeRange[] = [];
    for (const area of this.areas()) {
      const tz = area.sheet.timeZone();
      if (!this.formulas) area.sheet.spreadsheet.recalculation.settle(area.sheet);
      area.sheet.grid.forEachCell((cell, r, c) => {
        if (r < area.row || r >= area.row + area.numRows || c < area.col || c >= area.col + area.numCols) return;
        const text = this.formulas && cell.formula !== undefined ? cell.formula : readDisplay(cell, tz);
        if (text !== '' && pattern.test(text)) found.push(area.sheet.getRange(r, c));
      });
    }
    return found;
  }
}
