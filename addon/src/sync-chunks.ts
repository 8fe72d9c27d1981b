/**
 * /sync request bodies, serialised as they are cut: each row becomes JSON once (its UTF-8
 * bytes counted for the size limit), and the body is those texts joined, the same text as
 * JSON.stringify({ rows, source }) without building every row object and serialising it twice.
 */
import { utf8Length } from './utf8.ts';
import type { DatasetTab } from './tabs.ts';

/** A request body already in JSON (apiRequest sends it as it is). */
export class JsonBody {
  constructor(readonly text: string) {}
}

export interface Chunk {
  body: JsonBody;
  /** Rows in the body, the index of the first row after them, and the rows' bytes. */
  rows: number;
  next: number;
  bytes: number;
}

/** Rows of the tab from `from` on, as /sync takes them (column → value, with the sheet's row number). */
export function chunkBody(tab: DatasetTab, from: number, source: string | undefined, maxRows: number, maxBytes: number): Chunk {
  const { headers, rows, rowNumbers } = tab.table;
  const columns: [string, number][] = [];
  headers.forEach((h, c) => {
    if (h !== '') columns.push([String(h), c]);
  });
  const texts: string[] = [];
  let bytes = 0;
  let i = from;
  for (; i < rows.length && texts.length < maxRows; i++) {
    const cells = rows[i];
    const row: Record<string, unknown> = { row: rowNumbers![i] };
    for (const [name, c] of columns) row[name] = cells[c];
    const text = JSON.stringify(row);
    const size = utf8Length(text) + 1;
    if (texts.length > 0 && bytes + size > maxBytes) break;
    texts.push(text);
    bytes += size;
  }
  const tail = source === undefined ? '' : `,"source":${JSON.stringify(source)}`;
  return { body: new JsonBody(`{"rows":[${texts.join(',')}]${tail}}`), rows: texts.length, next: i, bytes };
}
