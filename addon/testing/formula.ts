// Formulas, parsed and evaluated as Sheets would for what the add-on writes and its functions
// need: numbers, "text", TRUE/FALSE, references (A1, A1:B9, B:B, A2:A, 'Sheet'!A1:B2),
// + - * / &, the comparisons = <> < <= > >=, calls of custom functions, and the built-ins of
// builtins.ts (SUM, DATE, FILTER, EXACT, IF, IFNA, IFERROR, INDEX, CHOOSEROWS). Anything else
// is #NAME?.
import { BUILT_INS, compare, SPECIAL_FORMS } from './builtins.ts';
import type { CellValue } from './cell-input.ts';

export type Node =
  | { kind: 'value'; value: CellValue }
  | { kind: 'ref'; sheetName?: string; a1: string }
  | { kind: 'call'; name: string; args: Node[] }
  | { kind: 'negate'; operand: Node }
  | { kind: 'binary'; op: string; left: Node; right: Node };

export type Result = CellValue | CellValue[][];

/** A formula error value (#NAME?, #ERROR!, #VALUE!…) on its way up to the cell. */
export class FormulaError extends Error {
  constructor(readonly code: string, message = code) {
    super(message);
  }
}

const SHEET = String.raw`(?:'((?:[^']|'')+)'|([A-Za-z_][\w.]*))!`;
const CELL = String.raw`\$?[A-Za-z]{1,3}\$?\d+`;
const COLUMN = String.raw`\$?[A-Za-z]{1,3}`;
const REF = new RegExp(String.raw`^(?:${SHEET})?(${CELL}(?::(?:${CELL}|${COLUMN}))?|${COLUMN}:${COLUMN})(?![\w(])`);
const TOKEN = /^(?:\s+|"((?:[^"]|"")*)"|(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\.\d+)|([A-Za-z_][\w.]*)\s*\(|(TRUE|FALSE)\b|(<=|>=|<>|[-+*/&(),;<>=]))/i;

/** Parses the text after '='; null when this small grammar cannot read it. */
export function parseFormula(formula: string): Node | null {
  let rest = formula.replace(/^=/, '');
  const peekRef = () => REF.exec(rest);
  let token: { type: 'str' | 'num' | 'fn' | 'bool' | 'op' | 'ref' | 'end'; text: string; sheet?: string } | null = null;
  const next = () => {
    for (;;) {
      if (rest.length === 0) return (token = { type: 'end', text: '' });
      const ref = peekRef();
      const m = TOKEN.exec(rest);
      if (ref && !(m && m[3] !== undefined)) {
        rest = rest.slice(ref[0].length);
        const sheet = ref[1] !== undefined ? ref[1].replace(/''/g, "'") : ref[2];
        return (token = { type: 'ref', text: ref[3], sheet });
      }
      if (!m) throw new SyntaxError(rest);
      rest = rest.slice(m[0].length);
      if (m[1] !== undefined) return (token = { type: 'str', text: m[1].replace(/""/g, '"') });
      if (m[2] !== undefined) return (token = { type: 'num', text: m[2] });
      if (m[3] !== undefined) return (token = { type: 'fn', text: m[3].toUpperCase() });
      if (m[4] !== undefined) return (token = { type: 'bool', text: m[4].toUpperCase() });
      if (m[5] !== undefined) return (token = { type: 'op', text: m[5] });
    }
  };
  const expect = (text: string) => {
    if (token!.type !== 'op' || token!.text !== text) throw new SyntaxError(`expected ${text}`);
    next();
  };
  const primary = (): Node => {
    const t = token!;
    next();
    switch (t.type) {
      case 'num': return { kind: 'value', value: Number(t.text) };
      case 'str': return { kind: 'value', value: t.text };
      case 'bool': return { kind: 'value', value: t.text === 'TRUE' };
      case 'ref': return { kind: 'ref', sheetName: t.sheet, a1: t.text };
      case 'fn': {
        const args: Node[] = [];
        if (!(token!.type === 'op' && token!.text === ')')) {
          for (;;) {
            args.push(expression());
            if (token!.type === 'op' && (token!.text === ',' || token!.text === ';')) next();
            else break;
          }
        }
        expect(')');
        return { kind: 'call', name: t.text, args };
      }
      case 'op':
        if (t.text === '(') {
          const inner = expression();
          expect(')');
          return inner;
        }
        if (t.text === '-') return { kind: 'negate', operand: primary() };
        if (t.text === '+') return primary();
    }
    throw new SyntaxError(`unexpected ${t.text}`);
  };
  const level = (ops: string[], below: () => Node) => (): Node => {
    let left = below();
    while (token!.type === 'op' && ops.includes(token!.text)) {
      const op = token!.text;
      next();
      left = { kind: 'binary', op, left, right: below() };
    }
    return left;
  };
  const product = level(['*', '/'], primary);
  const sum = level(['+', '-'], product);
  const concat = level(['&'], sum);
  const expression = level(['=', '<>', '<', '<=', '>', '>='], concat);
  try {
    next();
    const node = expression();
    return token!.type === 'end' ? node : null;
  } catch {
    return null;
  }
}

/** The names a formula calls, upper-case. */
export function calledNames(node: Node): string[] {
  switch (node.kind) {
    case 'call': return [node.name, ...node.args.flatMap(calledNames)];
    case 'negate': return calledNames(node.operand);
    case 'binary': return [...calledNames(node.left), ...calledNames(node.right)];
    default: return [];
  }
}

/** The references a formula reads (its arguments, in Sheets' terms). */
export function references(node: Node): { sheetName?: string; a1: string }[] {
  switch (node.kind) {
    case 'ref': return [{ sheetName: node.sheetName, a1: node.a1 }];
    case 'call': return node.args.flatMap(references);
    case 'negate': return references(node.operand);
    case 'binary': return [...references(node.left), ...references(node.right)];
    default: return [];
  }
}

export interface EvalContext {
  /** A Date as Sheets stores it: its serial day number in the spreadsheet's zone. */
  serial(date: Date): number;
  /** A reference's values: one cell's value, or a matrix. */
  read(sheetName: string | undefined, a1: string): Result;
  /** A custom function's answer (throws FormulaError when it fails). */
  callCustom(name: string, args: Result[]): Result;
  isCustom(name: string): boolean;
  /** Midnight of a day in the spreadsheet's zone. */
  date(year: number, month: number, day: number): Date;
}

export const scalar = (v: Result): CellValue => {
  if (!Array.isArray(v)) return v;
  if (v.length === 1 && v[0].length === 1) return v[0][0];
  throw new FormulaError('#VALUE!', 'An array value could not be found.');
};

export const number = (v: Result): number => {
  const s = scalar(v);
  if (s === '' || s === false) return 0;
  if (s === true) return 1;
  const n = typeof s === 'number' ? s : Number(s);
  if (Number.isNaN(n)) throw new FormulaError('#VALUE!');
  return n;
};

const COMPARISONS = ['=', '<>', '<', '<=', '>', '>='];

/** A comparison of two values, or cell by cell when either is a range (as in FILTER's conditions). */
function compareAll(op: string, l: Result, r: Result, ctx: EvalContext): Result {
  const test = (a: CellValue, b: CellValue) => {
    const c = compare(a, b, ctx.serial);
    return op === '=' ? c === 0 : op === '<>' ? c !== 0 : op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
  };
  return elementwise(l, r, test);
}

/** Applies fn cell by cell: a single value goes with every cell of a range; two ranges must have one shape. */
export function elementwise(l: Result, r: Result, fn: (a: CellValue, b: CellValue) => CellValue): Result {
  if (!Array.isArray(l) && !Array.isArray(r)) return fn(l, r);
  const shape = (Array.isArray(l) ? l : r) as CellValue[][];
  const [rows, cols] = [shape.length, shape[0].length];
  if (Array.isArray(l) && Array.isArray(r) && (r.length !== rows || r[0].length !== cols)) {
    throw new FormulaError('#VALUE!', 'Array arguments are of different size.');
  }
  const at = (v: Result, i: number, j: number) => (Array.isArray(v) ? v[i][j] : v);
  return Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => fn(at(l, i, j), at(r, i, j))));
}

export function evaluate(node: Node, ctx: EvalContext): Result {
  switch (node.kind) {
    case 'value': return node.value;
    case 'ref': return ctx.read(node.sheetName, node.a1);
    case 'negate': return -number(evaluate(node.operand, ctx));
    case 'binary': {
      const [l, r] = [evaluate(node.left, ctx), evaluate(node.right, ctx)];
      if (COMPARISONS.includes(node.op)) return compareAll(node.op, l, r, ctx);
      if (node.op === '&') return `${scalar(l)}${scalar(r)}`;
      const [a, b] = [number(l), number(r)];
      if (node.op === '/' && b === 0) throw new FormulaError('#DIV/0!');
      return node.op === '+' ? a + b : node.op === '-' ? a - b : node.op === '*' ? a * b : a / b;
    }
    case 'call': {
      const special = SPECIAL_FORMS[node.name];
      if (special) return special(node.args, (n) => evaluate(n, ctx));
      const args = node.args.map((a) => evaluate(a, ctx));
      const builtIn = BUILT_INS[node.name];
      if (builtIn) return builtIn(args, ctx);
      if (ctx.isCustom(node.name)) return ctx.callCustom(node.name, args);
      throw new FormulaError('#NAME?', `Unknown function: '${node.name}'.`);
    }
  }
}
