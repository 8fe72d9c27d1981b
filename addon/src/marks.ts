/**
 * Marks the cells of rejected rows (a note with the message and a highlight) and clears the
 * marks of cells that are fine now. One read and one write of notes and backgrounds per tab;
 * notes and colours the user set are left alone.
 */
import { normaliseHeader } from '../../shared/index.ts';

export const MARK_PREFIX = 'Mogul: ';
export const MARK_COLOUR = '#fde0dc';
const PLAIN = '#ffffff';

export interface CellError {
  row: number;
  column: string;
  message: string;
}

/** Returns how many cells carry a mark afterwards. */
export function markErrors(sheet: GoogleAppsScript.Spreadsheet.Sheet, errors: readonly CellError[]): number {
  const rows = Math.max(sheet.getLastRow(), 1);
  const columns = Math.max(sheet.getLastColumn(), 1);
  const range = sheet.getRange(1, 1, rows, columns);
  const notes = range.getNotes();
  const backgrounds = range.getBackgrounds();
  let changed = false;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      if (notes[r][c].startsWith(MARK_PREFIX)) {
        notes[r][c] = '';
        backgrounds[r][c] = PLAIN;
        changed = true;
      }
    }
  }
  const headerIndex = new Map<string, number>();
  sheet.getRange(1, 1, 1, columns).getValues()[0].forEach((h, c) => headerIndex.set(normaliseHeader(h), c));
  let marked = 0;
  const byCell = new Map<string, string[]>();
  for (const e of errors) {
    const r = e.row - 1;
    const c = headerIndex.get(normaliseHeader(e.column)) ?? 0;
    if (r < 0 || r >= rows) continue;
    const key = `${r}:${c}`;
    byCell.set(key, [...(byCell.get(key) ?? []), e.message]);
  }
  for (const [key, messages] of byCell) {
    const [r, c] = key.split(':').map(Number);
    notes[r][c] = MARK_PREFIX + messages.join('\n');
    backgrounds[r][c] = MARK_COLOUR;
    marked++;
    changed = true;
  }
  if (changed) {
    range.setNotes(notes);
    range.setBackgrounds(backgrounds);
  }
  return marked;
}
