/**
 * One template record written as one row by ID, with the store's own field → column map
 * (the bulk upsert keys rows by external ID or content; /v1 objects are addressed by UUID).
 */
import type { DatasetName, DatasetRecords } from '../../shared/index.ts';
import type { Tx } from '../db/client.ts';
import { recordColumns, tableName, toParam } from '../store/tables.ts';

/** Bookkeeping columns a /v1 write may set, and their types. */
const EXTRA_TYPES = { id: 'uuid', key: 'text', position: 'integer' } as const;
export type Extra = Partial<Record<keyof typeof EXTRA_TYPES, string | number>>;
const extraType = (name: string) => EXTRA_TYPES[name as keyof typeof EXTRA_TYPES];

function values<N extends DatasetName>(dataset: N, record: DatasetRecords[N]) {
  const columns = recordColumns(dataset);
  return {
    columns,
    params: columns.map((c) => toParam(c.field, (record as unknown as Record<string, unknown>)[c.field])),
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
  if (extra.position === undefined) {
    const [last] = await tx.query<{ p: number }>(
      `SELECT COALESCE(max(position), 0) + 1 AS p FROM ${tableName(dataset)} WHERE data_source_id = $1`,
      [target.dataSourceId],
    );
    extra = { ...extra, position: Number(last.p) };
  }
  const { columns, params } = values(dataset, record);
  const names = ['account_id', 'data_source_id', ...columns.map((c) => c.column), ...Object.keys(extra)];
  const types = ['uuid', 'uuid', ...columns.map((c) => c.type), ...Object.keys(extra).map(extraType)];
  const all = [target.accountId, target.dataSourceId, ...params, ...Object.values(extra)];
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO ${tableName(dataset)} (${names.join(', ')}) VALUES (${all.map((_, i) => `$${i + 1}::${types[i]}`).join(', ')})
     ON CONFLICT DO NOTHING RETURNING id`,
    all,
  );
  return rows[0]?.id ?? null;
}

/** Writes the record's fields to the row `id`; `extra` sets bookkeeping columns too. */
export async function updateRecordRow<N extends DatasetName>(
  tx: Tx,
  dataset: N,
  id: string,
  record: DatasetRecords[N],
  extra: Extra = {},
): Promise<void> {
  const { columns, params } = values(dataset, record);
  const sets = columns.map((c, i) => `${c.column} = $${i + 2}::${c.type}`);
  const extras = Object.entries(extra);
  extras.forEach(([name], i) => sets.push(`${name} = $${columns.length + i + 2}::${extraType(name)}`));
  await tx.query(`UPDATE ${tableName(dataset)} SET ${sets.join(', ')} WHERE id = $1`, [id, ...params, ...extras.map(([, v]) => v)]);
}
