// Reading and writing a box of cells: the matrix shape rules and messages of Range.set*s.
import type { Box, Cell, Grid } from './grid.ts';
import type { Runtime } from './runtime.ts';

function typeName(v: unknown): string {
  if (Array.isArray(v)) return Array.isArray(v[0]) ? 'Object[][]' : `${typeof v[0] === 'number' ? 'number' : 'Object'}[]`;
  return v === null ? 'null' : typeof v === 'object' ? 'Object' : typeof v;
}

/** Throws Apps Script's messages when the data is not a matrix of the range's shape. */
export function checkShape(rt: Runtime, data: unknown, box: Box, method: string): asserts data is unknown[][] {
  if (!Array.isArray(data) || !data.every((row) => Array.isArray(row))) {
    rt.fail(`The parameters (${typeName(data)}) don't match the method signature for SpreadsheetApp.Range.${method}.`);
  }
  if (data.length !== box.numRows) {
    rt.fail(`The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${box.numRows}.`);
  }
  for (const row of data as unknown[][]) {
    if (row.length !== box.numCols) {
      rt.fail(`The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${box.numCols}.`);
    }
  }
}

/** The box's cells as a matrix, `read` seeing undefined for a cell never touched. */
export function readBox<T>(grid: Grid, box: Box, read: (cell: Cell | undefined) => T): T[][] {
  const out: T[][] = new Array(box.numRows);
  for (let i = 0; i < box.numRows; i++) {
    const row: T[] = new Array(box.numCols);
    for (let j = 0; j < box.numCols; j++) row[j] = read(grid.get(box.row + i, box.col + j));
    out[i] = row;
  }
  return out;
}

/** Writes a checked matrix cell by cell. */
export function writeBox<T>(grid: Grid, box: Box, data: T[][], write: (cell: Cell, value: T) => void): void {
  grid.touch();
  for (let i = 0; i < box.numRows; i++) {
    const row = data[i];
    for (let j = 0; j < box.numCols; j++) write(grid.cell(box.row + i, box.col + j), row[j]);
  }
}

/** Writes one value into every cell of the box. */
export function fillBox<T>(grid: Grid, box: Box, value: T, write: (cell: Cell, value: T) => void): void {
  grid.touch();
  for (let i = 0; i < box.numRows; i++) for (let j = 0; j < box.numCols; j++) write(grid.cell(box.row + i, box.col + j), value);
}
