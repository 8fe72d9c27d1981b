// The Sheets built-in functions the fake evaluates (formula.ts parses, recalc.ts decides when),
// with Sheets' rules for what the add-on's formulas use: FILTER keeps the rows whose conditions
// all hold and is #N/A when none does; EXACT compares as text, case-sensitively; comparisons
// order numbers (dates are numbers) before text before booleans, text without case, and an
// empty cell equals 0, "" and FALSE. IF, IFNA and IFERROR take their arguments unevaluated
// (an error in a branch not taken, or caught, is no error).
import type { CellValue } from './cell-input.ts';
import { elementwise, FormulaError, number, scalar, type EvalContext, type Node, type Result } from './formula.ts';
import { isDate } from './realm.ts';

type Matrix = CellValue[][];
const matrix = (v: Result): Matrix => (Array.isArray(v) ? v : [[v]]);

const rank = (v: CellValue): number => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);

/** Negative, 0 or positive as Sheets orders a against b. */
export function compare(a: CellValue, b: CellValue, serial: (d: Date) => number): number {
  let x: CellValue = isDate(a) ? serial(a) : a;
  let y: CellValue = isDate(b) ? serial(b) : b;
  const blank = (other: CellValue) => (typeof other === 'number' ? 0 : typeof other === 'boolean' ? false : '');
  if (x === '') x = blank(y);
  if (y === '') y = blank(x);
  if (rank(x) !== rank(y)) return rank(x) - rank(y);
  if (typeof x === 'string') {
    const [p, q] = [x.toLowerCase(), (y as string).toLowerCase()];
    return p < q ? -1 : p > q ? 1 : 0;
  }
  return x < y ? -1 : x > y ? 1 : 0;
}

const truthy = (v: CellValue): boolean => v === true || (typeof v === 'number' && v !== 0);

/** A value as text, as EXACT and & see it. */
function text(v: CellValue, serial: (d: Date) => number): string {
  if (isDate(v)) return String(serial(v));
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

function arity(name: string, args: unknown[], min: number, max: number): void {
  if (args.length < min || args.length > max) {
    const expected = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `between ${min} and ${max}`;
    throw new FormulaError('#N/A', `Wrong number of arguments to ${name}. Expected ${expected} arguments, but got ${args.length} arguments.`);
  }
}

function filter(args: Result[]): Result {
  arity('FILTER', args, 2, Infinity);
  const range = matrix(args[0]);
  const conditions = args.slice(1).map(matrix);
  const [rows, cols] = [range.length, range[0].length];
  const byRows = conditions.every((c) => c.length === rows && c[0].length === 1);
  const byColumns = !byRows && conditions.every((c) => c.length === 1 && c[0].length === cols);
  if (!byRows && !byColumns) {
    const bad = conditions.find((c) => !(c.length === rows && c[0].length === 1))!;
    throw new FormulaError('#VALUE!', `FILTER has mismatched range sizes. Expected row count: ${rows}. column count: 1. Actual row count: ${bad.length}, column count: ${bad[0].length}.`);
  }
  let out: Matrix;
  if (byRows) {
    out = range.filter((_, i) => conditions.every((c) => truthy(c[i][0])));
  } else {
    const keep = range[0].map((_, j) => conditions.every((c) => truthy(c[0][j])));
    out = range.map((row) => row.filter((_, j) => keep[j]));
    if (out[0].length === 0) out = [];
  }
  if (out.length === 0) throw new FormulaError('#N/A', 'No matches are found in FILTER evaluation.');
  return out;
}

function index(args: Result[]): Result {
  arity('INDEX', args, 1, 3);
  const m = matrix(args[0]);
  const row = args.length > 1 ? number(args[1]) : 0;
  const col = args.length > 2 ? number(args[2]) : m[0].length === 1 ? 1 : 0;
  if (row < 0 || row > m.length || col < 0 || col > m[0].length) throw new FormulaError('#REF!', 'Row/column index out of range.');
  const rows = row === 0 ? m : [m[row - 1]];
  const out = rows.map((r) => (col === 0 ? [...r] : [r[col - 1]]));
  return out.length === 1 && out[0].length === 1 ? out[0][0] : out;
}

function chooseRows(args: Result[]): Result {
  arity('CHOOSEROWS', args, 2, Infinity);
  const m = matrix(args[0]);
  return args.slice(1).map((a, k) => {
    const n = Math.trunc(number(a));
    const i = n > 0 ? n - 1 : m.length + n;
    if (n === 0 || i < 0 || i >= m.length) {
      throw new FormulaError('#VALUE!', `CHOOSEROWS parameter ${k + 2} value is ${n}. Valid values are between 1 and ${m.length} inclusive, or between -${m.length} and -1 inclusive.`);
    }
    return [...m[i]];
  });
}

export const BUILT_INS: Record<string, (args: Result[], ctx: EvalContext) => Result> = {
  SUM: (args) => args.flatMap((a) => (Array.isArray(a) ? a.flat() : [a])).reduce<number>((t, v) => t + (typeof v === 'number' ? v : 0), 0),
  DATE: (args, ctx) => {
    if (args.length !== 3) throw new FormulaError('#N/A', 'Wrong number of arguments to DATE.');
    return ctx.date(number(args[0]), number(args[1]), number(args[2]));
  },
  FILTER: (args) => filter(args),
  EXACT: (args, ctx) => {
    arity('EXACT', args, 2, 2);
    return elementwise(args[0], args[1], (a, b) => text(a, ctx.serial) === text(b, ctx.serial));
  },
  INDEX: (args) => index(args),
  CHOOSEROWS: (args) => chooseRows(args),
};

/** Functions that decide which of their arguments to evaluate. */
export const SPECIAL_FORMS: Record<string, (args: Node[], evaluate: (node: Node) => Result) => Result> = {
  IF: (args, evaluate) => {
    arity('IF', args, 2, 3);
    if (truthy(scalar(evaluate(args[0])))) return evaluate(args[1]);
    return args.length > 2 ? evaluate(args[2]) : false;
  },
  IFNA: (args, evaluate) => {
    arity('IFNA', args, 2, 2);
    try {
      return evaluate(args[0]);
    } catch (e) {
      if (e instanceof FormulaError && e.code === '#N/A') return evaluate(args[1]);
      throw e;
    }
  },
  IFERROR: (args, evaluate) => {
    arity('IFERROR', args, 1, 2);
    try {
      return evaluate(args[0]);
    } catch (e) {
      if (e instanceof FormulaError) return args.length > 1 ? evaluate(args[1]) : '';
      throw e;
    }
  },
};

/** Whether the fake can evaluate a call of this name without the script. */
export const isBuiltIn = (name: string): boolean => name in BUILT_INS || name in SPECIAL_FORMS;
