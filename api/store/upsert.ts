/**
 * Bulk upsert of one dataset's records: one INSERT … SELECT FROM unnest(arrays) … ON
 * CONFLICT DO UPDATE statement per batch, never row by row.
 */
import type { DatasetName } from '../../shared/index.ts';
import type { Tx } from '../db/client.ts';
import { rowKeys } from './row-key.ts';
import { KEYED_BY_EXTERNAL_ID, recordColumns, tableName, toParam } from './tables.ts';
import { insertUnnest, type ArrayColumn, type ScalarColumn } from './unnest.ts';

export interface UpsertTarget {
  accountId: string;
  dataSourceId: string;
}

export async function upsertRecords(
  tx: Tx,
  dataset: DatasetName,
  target: UpsertTarget,
  records: readonly Record<string, unknown>[],
): Promise<number> {
  if (records.length === 0) return 0;
  const scalars: ScalarColumn[] = [{ name: 'account_id', type: 'uuid', value: target.accountId }];
  const arrays: ArrayColumn[] = recordColumns(dataset).map((c) => ({
    name: c.column,
    type: c.type,
    values: records.map((r) => toParam(c.field, r[c.field])),
  }));
  arrays.push({ name: 'position', type: 'integer', values: records.map((r) => r.row) });
  let conflict: string;
  let identity: string[];
  if (dataset === 'exchange_rates') {
    conflict = '(account_id, currency, date)';
    identity = ['account_id', 'currency', 'date'];
  } else {
    scalars.push({ name: 'data_source_id', type: 'uuid', value: target.dataSourceId });
    if (KEYED_BY_EXTERNAL_ID.has(dataset)) {
      conflict = '(data_source_id, external_id)';
      identity = ['account_id', 'data_source_id', 'external_id'];
    } else {
      arrays.push({ name: 'key', type: 'text', values: rowKeys(dataset, records) });
      conflict = '(data_source_id, key)';
      identity = ['account_id', 'data_source_id', 'key'];
    }
  }
  const updates = arrays.map((a) => a.name).filter((n) => !identity.includes(n)).map((n) => `${n} = excluded.${n}`);
  await insertUnnest(tx, tableName(dataset), scalars, arrays, `ON CONFLICT ${conflict} DO UPDATE SET ${updates.join(', ')}`);
  return records.length;
}
