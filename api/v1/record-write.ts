/**
 * Stored template rows written one object at a time (the /v1 way): positions after what the
 * data source holds, the rows' own IDs back, and in-place updates that keep a row's ID.
 */
import type { DatasetName } from '../../shared/index.ts';
import type { Tx } from '../db/client.ts';
import { rowKeys } from '../store/row-key.ts';
import { KEYED_BY_EXTERNAL_ID, recordColumns, tableName, toParam } from '../store/tables.ts';

const keyColumn = (dataset: DatasetName) => (KEYED_BY_EXTERNAL_ID.has(dataset) ? 'external_id' : 'key');

/** The first free position (row number) in a data source's rows of a dataset. */
export async function nextPosition(tx: Tx, dataset: DatasetName, dataSourceId: string): Promise<number> {
  const rows = await tx.query<{ n: number }>(
    `SELECT (COALESCE(MAX(position), 0) + 1)::int AS n FROM ${tableName(dataset)} WHERE data_source_id = $1`,
    [dataSourceId],
  );
  return Number(rows[0]?.n ?? 1);
}

/** Stored row IDs by key (external ID or content key) within a data source. */
export async function idsByKey(tx: Tx, dataset: DatasetName, dataSourceId: string, keys: readonly string[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const column = keyColumn(dataset);
  const rows = await tx.query<{ id: string; k: string }>(
    `SELECT id, ${column} AS k FROM ${tableName(dataset)} WHERE data_source_id = $1 AND ${column} = ANY($2::text[])`,
    [dataSourceId, keys],
  );
  return new Map(rows.map((r) => [r.k, r.id]));
}

/** The key each record is stored under (the same as upsertRecords computes for the batch). */
export function keysOf(dataset: DatasetName, records: readonly object[]): string[] {
  if (KEYED_BY_EXTERNAL_ID.has(dataset)) return records.map((r) => String((r as { externalId: string }).externalId));
  return rowKeys(dataset, records as Record<string, unknown>[]);
}

/** Rewrites one stored row (found by its ID within the account) from a record, keeping its ID. */
export async function updateRecord(tx: Tx, dataset: DatasetName, accountId: string, id: string, record: object): Promise<void> {
  const columns = recordColumns(dataset);
  const values = record as Record<string, unknown>;
  const params: unknown[] = [accountId, id];
  const sets = columns.map((c) => {
    params.push(toParam(c.field, values[c.field]));
    return `${c.column} = $${params.length}::${c.type}`;
  });
  if (!KEYED_BY_EXTERNAL_ID.has(dataset)) {
    params.push(keysOf(dataset, [record])[0]);
    sets.push(`key = $${params.length}`);
  }
  await tx.query(`UPDATE ${tableName(dataset)} SET ${sets.join(', ')} WHERE account_id = $1 AND id = $2`, params);
}
