/**
 * Stored template rows written one object at a time (the /v1 way), with the store's own
 * field → column map (the bulk upsert keys rows by external ID or content; /v1 objects are
 * addressed by ID): positions after what the data source holds, the rows' own IDs back, and
 * in-place updates that keep a row's ID.
 */
import type { DatasetName, DatasetRecords } from '../../shared/index.ts';
import type { Tx } from '../db/client.ts';
import { rowKeys } from './row-key.ts';
import { KEYED_BY_EXTERNAL_ID, recordColumns, tableName, toParam } from './tables.ts';

/**
 * Columns a /v1 write may set beside the record's, and their types: bookkeeping (id, key,
 * position) and the /v1-only fields no template column fills (customers' website_url and
 * owner, contacts' custom as JSON text).
 */
const EXTRA_TYPES = { id: 'uuid', key: 'text', position: 'integer', website_url: 'text', owner: 'text', custom: 'jsonb' } as const;
export type Extra = Partial<Record<keyof typeof EXTRA_TYPES, string | number | null>>;
const extraType = (name: string) => EXTRA_TYPES[name as keyof typeof EXTRA_TYPES];

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

/** The record's stored columns and their values, then those of `extra` (an undefined one is left as stored). */
function columnsOf<N extends DatasetName>(dataset: N, record: DatasetRecords[N], extra: Extra) {
  const values = record as unknown as Record<string, unknown>;
  const columns = recordColumns(dataset);
  const extras = Object.entries(extra).filter(([, v]) => v !== undefined);
  return {
    names: [...columns.map((c) => c.column), ...extras.map(([name]) => name)],
    types: [...columns.map((c) => c.type), ...extras.map(([name]) => extraType(name))],
    params: [...columns.map((c) => toParam(c.field, values[c.field])), ...extras.map(([, v]) => v)],
  };
}

/**
 * Inserts the record into the data source; `extra` sets bookkeeping columns (id, key,
 * position). Without a position the row goes after the data source's others, as if appended
 * to its template. Null when a row with the same identity is there already (also one a
 * concurrent /sync wrote): the caller's 422.
 */
export async function insertRecordRow<N extends DatasetName>(
  tx: Tx,
  dataset: N,
  target: { accountId: string; dataSourceId: string },
  record: DatasetRecords[N],
  extra: Extra = {},
): Promise<string | null> {
  if (extra.position === undefined) extra = { ...extra, position: await nextPosition(tx, dataset, target.dataSourceId) };
  const { names, types, params } = columnsOf(dataset, record, extra);
  const all = [target.accountId, target.dataSourceId, ...params];
  const casts = ['uuid', 'uuid', ...types].map((type, i) => `$${i + 1}::${type}`);
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO ${tableName(dataset)} (account_id, data_source_id, ${names.join(', ')}) VALUES (${casts.join(', ')})
     ON CONFLICT DO NOTHING RETURNING id`,
    all,
  );
  return rows[0]?.id ?? null;
}

/**
 * Rewrites the account's row `id` from the record, keeping its ID; `extra` sets bookkeeping
 * columns too. The key is not recomputed: a row keyed by content passes its new one.
 */
export async function updateRecordRow<N extends DatasetName>(
  tx: Tx,
  dataset: N,
  accountId: string,
  id: string,
  record: DatasetRecords[N],
  extra: Extra = {},
): Promise<void> {
  const { names, types, params } = columnsOf(dataset, record, extra);
  const sets = names.map((name, i) => `${name} = $${i + 3}::${types[i]}`);
  await tx.query(`UPDATE ${tableName(dataset)} SET ${sets.join(', ')} WHERE account_id = $1 AND id = $2`, [accountId, id, ...params]);
}
