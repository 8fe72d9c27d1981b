/**
 * Many rows in one statement: INSERT … SELECT FROM a set of rows passed as ONE parameter
 * (a JSON array expanded by json_to_recordset), so the driver sends one string instead of
 * escaping every element of every column array.
 */
import type { Tx } from '../db/client.ts';

export interface ArrayColumn {
  name: string;
  /** Postgres element type, e.g. text, bigint, timestamptz. */
  type: string;
  values: readonly unknown[];
  /** A timestamptz column given as epoch milliseconds (no Date or ISO string per value). */
  epochMs?: boolean;
}

export interface ScalarColumn {
  name: string;
  type: string;
  value: unknown;
}

export async function insertUnnest(
  tx: Tx,
  table: string,
  scalars: readonly ScalarColumn[],
  arrays: readonly ArrayColumn[],
  onConflict = '',
): Promise<void> {
  if (arrays.length === 0 || arrays[0].values.length === 0) return;
  const params: unknown[] = [];
  const scalarSql = scalars.map((s) => {
    params.push(s.value);
    return `$${params.length}::${s.type}`;
  });
  // Column i of row r is rows[r][i]: arrays of arrays stringify fastest.
  const count = arrays[0].values.length;
  const rows = new Array(count);
  for (let r = 0; r < count; r++) {
    const row = new Array(arrays.length);
    for (let i = 0; i < arrays.length; i++) row[i] = arrays[i].values[r];
    rows[r] = row;
  }
  params.push(JSON.stringify(rows));
  const json = `$${params.length}::jsonb`;
  // float8 seconds carry whole milliseconds exactly: to_timestamp rounds to the microsecond.
  const picks = arrays.map((a, i) => (a.epochMs ? `to_timestamp((r->>${i})::float8 / 1000)` : `(r->>${i})::${a.type}`));
  const names = [...scalars.map((s) => s.name), ...arrays.map((a) => a.name)];
  await tx.query(
    `INSERT INTO ${table} (${names.join(', ')}) ` +
      `SELECT ${[...scalarSql, ...picks].join(', ')} FROM jsonb_array_elements(${json}) AS r ` +
      onConflict,
    params,
  );
}
