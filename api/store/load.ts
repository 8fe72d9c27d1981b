/** Stored rows back as template records (the shape the shared validator and engine take). */
import { DATASET_SPECS, parseDecimal, type DatasetName, type DatasetRecords } from '../../shared/index.ts';
import type { Tx } from '../db/client.ts';
import { recordColumns, tableName } from './tables.ts';

export interface LoadFilter {
  accountId: string;
  /** Omitted for exchange rates (account-wide). */
  dataSourceId?: string;
  /** Only rows whose column is one of values (e.g. customer_external_id IN …). */
  column?: string;
  values?: readonly string[];
  /** Extra SQL condition on the table (no parameters), e.g. "status = 'active'". */
  where?: string;
  /** Leaves out rows whose `key` is one of these (rows a batch is about to replace). */
  exceptKeys?: readonly string[];
  /** Only the first row per value of `column` in the order `by` (SQL), e.g. a subscription's earliest line. */
  firstPer?: { column: string; by: string };
}

function fromColumn(type: string, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'timestamptz' || type === 'bigint') return Number(value);
  return value;
}

/** Instants come back as epoch milliseconds (a float8 the driver reads as a number): no Date parsing per row. */
function selectColumn(c: { column: string; field: string; type: string }): string {
  return c.type === 'timestamptz'
    ? `(extract(epoch from ${c.column}) * 1000)::float8 AS "${c.field}"`
    : `${c.column} AS "${c.field}"`;
}

export async function loadRecords<N extends DatasetName>(
  tx: Tx,
  dataset: N,
  filter: LoadFilter,
): Promise<DatasetRecords[N][]> {
  const columns = recordColumns(dataset);
  const params: unknown[] = [filter.accountId];
  const conditions = ['account_id = $1'];
  if (filter.dataSourceId && dataset !== 'exchange_rates') {
    params.push(filter.dataSourceId);
    conditions.push(`data_source_id = $${params.length}`);
  }
  if (filter.column && filter.values) {
    if (filter.values.length === 0) return [];
    params.push(filter.values);
    conditions.push(`${filter.column} = ANY($${params.length}::text[])`);
  }
  if (filter.where) conditions.push(filter.where);
  if (filter.exceptKeys && filter.exceptKeys.length > 0) {
    params.push(filter.exceptKeys);
    conditions.push(`key <> ALL($${params.length}::text[])`);
  }
  const first = filter.firstPer;
  const rows = await tx.query<Record<string, unknown>>(
    `SELECT ${first ? `DISTINCT ON (${first.column}) ` : ''}position, ${columns.map(selectColumn).join(', ')} ` +
      `FROM ${tableName(dataset)} WHERE ${conditions.join(' AND ')} ` +
      `ORDER BY ${first ? `${first.column}, ${first.by}` : `position, ${columns[0].column}`}`,
    params,
  );
  const spec = DATASET_SPECS[dataset];
  return rows.map((row) => {
    const record = spec.blank(Number(row.position)) as unknown as Record<string, unknown>;
    for (const c of columns) {
      record[c.field] = c.field === 'rate' ? parseDecimal(String(row[c.field])) : fromColumn(c.type, row[c.field]);
    }
    return record as unknown as DatasetRecords[N];
  });
}
