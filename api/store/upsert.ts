/**
 * Bulk upsert of one dataset's records, never row by row. A batch of rows new to the data
 * source (a first import) is COPY'd straight into the table; a batch holding rows already
 * stored (a re-sync) is one INSERT … SELECT … ON CONFLICT DO UPDATE statement. Either way
 * the rows go in the order of their conflict key (store/lock-order.ts), whatever order the
 * batch had: concurrent batches over the same rows then never deadlock.
 */
import type { DatasetName } from '../../shared/index.ts';
import type { Tx } from '../db/client.ts';
import { rowKeys } from './row-key.ts';
import { KEYED_BY_EXTERNAL_ID, recordColumns, tableName, toParam } from './tables.ts';
import { copyText } from './copy-text.ts';
import { keyOrder } from './lock-order.ts';
import { orderedUuids } from './row-ids.ts';
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
  /** Called with the batch's row keys before stored rows are overwritten (never for a first import's COPY). */
  beforeOverwrite?: (keys: readonly string[]) => Promise<void>,
): Promise<number> {
  if (records.length === 0) return 0;
  // Content keys count identical rows in the batch's own order: computed before sorting.
  const contentKeys = dataset !== 'exchange_rates' && !KEYED_BY_EXTERNAL_ID.has(dataset) ? rowKeys(dataset, records) : null;
  const order = keyOrder(contentKeys ?? records.map((r) => conflictKey(dataset, r)));
  records = order.map((i) => records[i]);
  const scalars: ScalarColumn[] = [{ name: 'account_id', type: 'uuid', value: target.accountId }];
  const arrays: ArrayColumn[] = recordColumns(dataset).map((c) =>
    c.type === 'timestamptz'
      ? { name: c.column, type: c.type, epochMs: true, values: records.map((r) => r[c.field] ?? null) }
      : { name: c.column, type: c.type, values: records.map((r) => toParam(c.field, r[c.field])) },
  );
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
      arrays.push({ name: 'key', type: 'text', values: order.map((i) => contentKeys![i]) });
      conflict = '(data_source_id, key)';
      identity = ['account_id', 'data_source_id', 'key'];
    }
  }
  const table = tableName(dataset);
  if (dataset !== 'exchange_rates' && (await copiedAsNew(tx, table, identity, scalars, arrays))) return records.length;
  if (beforeOverwrite) await beforeOverwrite(contentKeys ?? records.map((r) => conflictKey(dataset, r)));
  const updates = arrays.map((a) => a.name).filter((n) => !identity.includes(n)).map((n) => `${n} = excluded.${n}`);
  await insertUnnest(tx, table, scalars, arrays, `ON CONFLICT ${conflict} DO UPDATE SET ${updates.join(', ')}`);
  return records.length;
}

/** The key a row of a dataset stored by external ID (or an exchange rate) conflicts on. */
function conflictKey(dataset: DatasetName, record: Record<string, unknown>): string {
  if (dataset === 'exchange_rates') return `${String(record.currency)}\u0000${String(record.date).padStart(16, '0')}`;
  return String(record.externalId);
}

const UNIQUE_VIOLATION = '23505';

/**
 * COPY (PostgreSQL's bulk path: rows written in groups, not one by one) when the driver can
 * and the batch looks new: its first row is not stored yet. A stored row further in makes
 * the COPY fail on the unique index; it is then undone to a savepoint and false returned.
 */
async function copiedAsNew(
  tx: Tx,
  table: string,
  identity: readonly string[],
  scalars: readonly ScalarColumn[],
  arrays: readonly ArrayColumn[],
): Promise<boolean> {
  if (!tx.copyFrom) return false;
  const first = identity.map((name) => scalars.find((s) => s.name === name)?.value ?? arrays.find((a) => a.name === name)!.values[0]);
  const stored = await tx.query(`SELECT 1 FROM ${table} WHERE ${identity.map((n, i) => `${n} = $${i + 1}`).join(' AND ')} LIMIT 1`, first);
  if (stored.length > 0) return false;
  // Row IDs made here, in increasing order (row-ids.ts): each goes on the primary key's last
  // page. PGlite's gen_random_uuid() would also ask the host for random bytes row by row.
  const ids: ArrayColumn = { name: 'id', type: 'uuid', values: orderedUuids(arrays[0].values.length) };
  const { columns, text } = copyText(scalars, [ids, ...arrays]);
  await tx.query('SAVEPOINT bulk_copy');
  try {
    await tx.copyFrom(table, columns, text);
  } catch (e) {
    if ((e as { code?: string }).code !== UNIQUE_VIOLATION) throw e;
    await tx.query('ROLLBACK TO SAVEPOINT bulk_copy');
    return false;
  }
  await tx.query('RELEASE SAVEPOINT bulk_copy');
  return true;
}
