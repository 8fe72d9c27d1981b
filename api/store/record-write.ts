/**
 * Stored template rows written one object at a time (the /v1 way), with the store's own
 * field → column map (the bulk upsert keys rows by external ID or content; /v1 objects are
 * addressed by ID): positions after what the data source holds, the rows' own IDs back, and
 * in-place updates that keep a row's ID.
 */
import { and, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { DatasetName, DatasetRecords } from '../../shared/index.ts';
import type { Tx } from '../db/client.ts';
import { rowKeys } from './row-key.ts';
import { DATASET_TABLES, isInstantField, KEYED_BY_EXTERNAL_ID, recordColumns, toParam } from './tables.ts';

/**
 * Columns a /v1 write may set beside the record's: bookkeeping (id, key, position) and the
 * /v1-only fields no template column fills (customers' website_url and owner, contacts'
 * custom values). The names are the API's; an undefined one is left as stored.
 */
export interface Extra {
  id?: string;
  key?: string;
  position?: number;
  website_url?: string | null;
  owner?: string | null;
  custom?: unknown;
}

const EXTRA_FIELDS: Record<keyof Extra, string> = { id: 'id', key: 'key', position: 'position', website_url: 'websiteUrl', owner: 'owner', custom: 'custom' };

/** The dataset's table and its columns by field name. */
function tableOf(dataset: DatasetName) {
  const table = DATASET_TABLES[dataset];
  return { table, columns: getTableColumns(table) as Record<string, PgColumn> };
}

const keyField = (dataset: DatasetName) => (KEYED_BY_EXTERNAL_ID.has(dataset) ? 'externalId' : 'key');

/** The first free position (row number) in a data source's rows of a dataset. */
export async function nextPosition(tx: Tx, dataset: DatasetName, dataSourceId: string): Promise<number> {
  const { table, columns } = tableOf(dataset);
  const [row] = await tx.db
    .select({ n: sql<number>`(coalesce(max(${columns.position}), 0) + 1)::int`.mapWith(Number) })
    .from(table)
    .where(eq(columns.dataSourceId, dataSourceId));
  return row?.n ?? 1;
}

/** Stored row IDs by key (external ID or content key) within a data source. */
export async function idsByKey(tx: Tx, dataset: DatasetName, dataSourceId: string, keys: readonly string[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const { table, columns } = tableOf(dataset);
  const key = columns[keyField(dataset)];
  const rows = await tx.db
    .select({ id: columns.id, k: key })
    .from(table)
    .where(and(eq(columns.dataSourceId, dataSourceId), inArray(key, [...keys])));
  return new Map(rows.map((r) => [String(r.k), String(r.id)]));
}

/** The key each record is stored under (the same as upsertRecords computes for the batch). */
export function keysOf(dataset: DatasetName, records: readonly object[]): string[] {
  if (KEYED_BY_EXTERNAL_ID.has(dataset)) return records.map((r) => String((r as { externalId: string }).externalId));
  return rowKeys(dataset, records as Record<string, unknown>[]);
}

/** The record's stored fields and their values, then those of `extra`, keyed by the table's field names. */
function valuesOf<N extends DatasetName>(dataset: N, record: DatasetRecords[N], extra: Extra): Record<string, unknown> {
  const fields = record as unknown as Record<string, unknown>;
  const values: Record<string, unknown> = {};
  for (const { field } of recordColumns(dataset)) {
    const value = fields[field];
    values[field] = typeof value === 'number' && isInstantField(field) ? new Date(value) : toParam(field, value);
  }
  for (const [name, value] of Object.entries(extra)) {
    if (value !== undefined) values[EXTRA_FIELDS[name as keyof Extra]] = value;
  }
  return values;
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
  const { table, columns } = tableOf(dataset);
  const values = { accountId: target.accountId, dataSourceId: target.dataSourceId, ...valuesOf(dataset, record, extra) };
  const rows = await tx.db.insert(table).values(values as never).onConflictDoNothing().returning({ id: columns.id });
  return rows[0] ? String(rows[0].id) : null;
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
  const { table, columns } = tableOf(dataset);
  await tx.db.update(table).set(valuesOf(dataset, record, extra) as never).where(and(eq(columns.accountId, accountId), eq(columns.id, id)));
}
