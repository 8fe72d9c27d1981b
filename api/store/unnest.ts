/** INSERT … SELECT FROM unnest(arrays) [ON CONFLICT …]: many rows in one statement. */
import type { Tx } from '../db/client.ts';

export interface ArrayColumn {
  name: string;
  /** Postgres element type, e.g. text, bigint, timestamptz. */
  type: string;
  values: readonly unknown[];
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
  const arraySql = arrays.map((a) => {
    params.push(a.values);
    return `$${params.length}::${a.type}[]`;
  });
  const names = [...scalars.map((s) => s.name), ...arrays.map((a) => a.name)];
  await tx.query(
    `INSERT INTO ${table} (${names.join(', ')}) ` +
      `SELECT ${[...scalarSql, 'u.*'].join(', ')} FROM unnest(${arraySql.join(', ')}) AS u(${arrays.map((a) => a.name).join(', ')}) ` +
      onConflict,
    params,
  );
}
