// One cell's value as scripts read and write it (see cell-input.ts for the parsing rules).
import { evaluateFormula, MAX_CELL_CHARS, parseInput, type CellValue } from './cell-input.ts';
import type { Cell } from './grid.ts';
import { computedValue } from './recalc.ts';
import type { Runtime } from './runtime.ts';
import { DEFAULT_NUMBER_FORMAT, displayValue, isDateFormat } from './sheet-format.ts';
import { zonedParts, zonedToUtc } from './tz.ts';

const DAY_MS = 86400000;
const SERIAL_EPOCH = Date.UTC(1899, 11, 30);

/** A serial day number shown as a date in the zone (cells with a date format hold dates). */
function serialToDate(serial: number, timeZone: string): Date {
  const wall = new Date(SERIAL_EPOCH + Math.round(serial * DAY_MS));
  return new Date(zonedToUtc(wall.getUTCFullYear(), wall.getUTCMonth() + 1, wall.getUTCDate(), wall.getUTCHours(), wall.getUTCMinutes(), wall.getUTCSeconds(), timeZone));
}

/** The serial day number Sheets stores for an instant: days since 1899-12-30 on the zone's wall clock. */
function dateToSerial(date: Date, timeZone: string): number {
  const p = zonedParts(date.getTime(), timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond);
  return (wall - SERIAL_EPOCH) / DAY_MS;
}

/**
 * getValues: '' for empty, the evaluated placeholder for a formula, a Date for a date cell.
 * Sheets stores a date as its serial number: a cell whose format is not a date format (set by a
 * script, or cleared) reads back as that number.
 */
export function readValue(cell: Cell | undefined, timeZone: string): CellValue {
  if (!cell) return '';
  if (cell.formula !== undefined) return computedValue(cell) ?? evaluateFormula(cell.formula);
  const v = cell.value;
  if (v === undefined) return cell.spilled ?? '';
  if (typeof v === 'number' && cell.numberFormat && isDateFormat(cell.numberFormat)) return serialToDate(v, timeZone);
  if (v instanceof Date) return cell.numberFormat && isDateFormat(cell.numberFormat) ? new Date(v.getTime()) : dateToSerial(v, timeZone);
  return v;
}

export function readDisplay(cell: Cell | undefined, timeZone: string): string {
  return displayValue(readValue(cell, timeZone), cell?.numberFormat, timeZone);
}

export function writeValue(rt: Runtime, cell: Cell, input: unknown, timeZone: string): void {
  const parsed = parseInput(input, cell.numberFormat, timeZone);
  const text = parsed.formula ?? (typeof parsed.value === 'string' ? parsed.value : '');
  if (text.length > MAX_CELL_CHARS) {
    rt.fail(`Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`);
  }
  delete cell.value;
  delete cell.formula;
  delete cell.spilled;
  if (parsed.value !== undefined) cell.value = parsed.value;
  if (parsed.formula !== undefined) cell.formula = parsed.formula;
  if (parsed.autoFormat && (!cell.numberFormat || cell.numberFormat === DEFAULT_NUMBER_FORMAT)) cell.numberFormat = parsed.autoFormat;
}

export function writeFormula(rt: Runtime, cell: Cell, formula: unknown, timeZone: string): void {
  const f = formula === null || formula === undefined ? '' : String(formula);
  if (!f.startsWith('=')) return writeValue(rt, cell, f, timeZone);
  if (f.length > MAX_CELL_CHARS) rt.fail(`Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`);
  delete cell.value;
  delete cell.spilled;
  cell.formula = f;
}
