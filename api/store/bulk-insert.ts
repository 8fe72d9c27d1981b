/**
 * Many new rows into a table in one go: COPY FROM STDIN where the driver can (PostgreSQL's
 * bulk path; on PGlite one blob instead of a JSON parameter parsed twice), else one INSERT …
 * SELECT over a JSON array (store/unnest.ts). JSON columns are given as JSON text.
 */
import type { Tx } from '../db/client.ts';
import { copyText } from './copy-text.ts';
import { insertUnnest, type ArrayColumn, type ScalarColumn } from './unnest.ts';

export async function bulkInsert(tx: Tx, table: string, scalars: readonly ScalarColumn[], arrays: readonly ArrayColumn[]): Promise<void> {
  if (arrays.length === 0 || arrays[0].values.length === 0) return;
  if (!tx.copyFrom) return insertUnnest(tx, table, scalars, arrays);
  const { columns, text } = copyText(scalars, arrays);
  await tx.copyFrom(table, columns, text);
}
