/**
 * Rows in PostgreSQL's COPY text format: one line per row, columns separated by tabs, NULL
 * as \N, and backslash, tab, newline and carriage return escaped inside values.
 */
import type { ArrayColumn, ScalarColumn } from './unnest.ts';

const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const text = typeof value === 'string' ? value : String(value);
  return SPECIAL.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : text;
}

/** Epoch milliseconds as ISO instants, each distinct one formatted once: a batch repeats the same days. */
function copyInstants(values: readonly unknown[]): string[] {
  const seen = new Map<number, string>();
  return values.map((value) => {
    if (value === null || value === undefined) return '\\N';
    const ms = value as number;
    let text = seen.get(ms);
    if (text === undefined) seen.set(ms, (text = new Date(ms).toISOString()));
    return text;
  });
}

/** The COPY text of the rows (scalars repeated on every row) and its column list, in order. */
export function copyText(scalars: readonly ScalarColumn[], arrays: readonly ArrayColumn[]): { columns: string[]; text: string } {
  const columns = [...scalars.map((s) => s.name), ...arrays.map((a) => a.name)];
  const count = arrays.length === 0 ? 0 : arrays[0].values.length;
  if (count === 0) return { columns, text: '' };
  // Column by column, then joined row by row: far cheaper than growing each line a value at a time.
  const cells = arrays.map((a) => (a.epochMs ? copyInstants(a.values) : a.values.map(copyValue)));
  const prefix = scalars.map((s) => `${copyValue(s.value)}\t`).join('');
  const row = new Array<string>(cells.length);
  const lines = new Array<string>(count);
  for (let r = 0; r < count; r++) {
    for (let i = 0; i < cells.length; i++) row[i] = cells[i][r];
    lines[r] = prefix + row.join('\t');
  }
  return { columns, text: `${lines.join('\n')}\n` };
}

const UNESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** A text cell of COPY text output with its backslash sequences undone (`\N`, NULL, is the caller's). */
export function unescapeCopyText(text: string): string {
  return text.includes('\\') ? text.replace(/\\(.)/g, (_, c: string) => UNESCAPES[c] ?? c) : text;
}
