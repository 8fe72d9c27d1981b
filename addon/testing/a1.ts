// A1 notation: A1, A1:C10, B:B, 2:2, A2:C (open end), $A$1, 'Sheet name'!A1:B2.
export const MAX_COLUMNS = 18278; // ZZZ

export function columnLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** A parsed reference; an undefined bound is open (whole column / whole row / to the end). */
export interface A1Ref {
  sheetName?: string;
  row1?: number;
  col1?: number;
  row2?: number;
  col2?: number;
}

const CELL = /^\$?([A-Za-z]{0,3})\$?(\d*)$/;

interface Part {
  col?: number;
  row?: number;
}

function part(text: string): Part | null {
  const m = CELL.exec(text);
  if (!m || (m[1] === '' && m[2] === '')) return null;
  const col = m[1] ? columnNumber(m[1]) : undefined;
  const row = m[2] ? Number(m[2]) : undefined;
  if (row === 0 || (col !== undefined && col > MAX_COLUMNS)) return null;
  return { col, row };
}

function splitSheet(text: string): { sheetName?: string; ref: string } | null {
  const bang = text.lastIndexOf('!');
  if (bang < 0) return { ref: text };
  let name = text.slice(0, bang);
  if (name.startsWith("'")) {
    if (!name.endsWith("'") || name.length < 2) return null;
    name = name.slice(1, -1).replace(/''/g, "'");
  }
  return name ? { sheetName: name, ref: text.slice(bang + 1) } : null;
}

/** Parses A1 notation; null when it is not a reference Sheets would accept. */
export function parseA1(text: string): A1Ref | null {
  const split = splitSheet(text.trim());
  if (!split) return null;
  const [a, b, extra] = split.ref.split(':');
  if (extra !== undefined || a === undefined) return null;
  const p = part(a);
  if (!p) return null;
  const base = split.sheetName === undefined ? {} : { sheetName: split.sheetName };
  if (b === undefined) {
    // A single cell needs both a column and a row.
    if (p.col === undefined || p.row === undefined) return null;
    return { ...base, row1: p.row, col1: p.col, row2: p.row, col2: p.col };
  }
  const q = part(b);
  if (!q) return null;
  // Whole rows (2:5) need rows only; whole columns (B:D) columns only; A2:C needs both columns.
  if (p.col === undefined && (q.col !== undefined || p.row === undefined || q.row === undefined)) return null;
  if (q.col === undefined && p.col !== undefined) return null;
  const rows = [p.row, q.row].filter((r): r is number => r !== undefined);
  const cols = [p.col, q.col].filter((c): c is number => c !== undefined);
  const ref: A1Ref = { ...base };
  if (cols.length === 2) [ref.col1, ref.col2] = [Math.min(...cols), Math.max(...cols)];
  if (rows.length === 2) [ref.row1, ref.row2] = [Math.min(...rows), Math.max(...rows)];
  else if (rows.length === 1) ref.row1 = rows[0]; // A2:C -> from row 2 to the end
  return ref;
}

/** "A1" for one cell, else "A1:C10"; whole columns "B:C", whole rows "2:3". */
export function formatA1(row: number, col: number, numRows: number, numCols: number, shape?: 'columns' | 'rows'): string {
  const c1 = columnLetters(col);
  const c2 = columnLetters(col + numCols - 1);
  if (shape === 'columns') return `${c1}:${c2}`;
  if (shape === 'rows') return `${row}:${row + numRows - 1}`;
  if (numRows === 1 && numCols === 1) return `${c1}${row}`;
  return `${c1}${row}:${c2}${row + numRows - 1}`;
}

/** A sheet name as Sheets writes it in a reference: quoted unless it is a plain word. */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}
