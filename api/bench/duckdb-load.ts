/**
 * The ceiling `mogul report` is measured against (issue 13): DuckDB reading every template CSV
 * of a tier into a table of its own (`read_csv`, every column as text, as a loader that does
 * not yet know the types would), timed in the same run as the report.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { DATASET_FILES } from '../../shared/templates/datasets.ts';

export interface DuckLoadFigures {
  ms: number;
  rows: number;
  files: number;
}

const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** Loads every template CSV in dir into an in-memory DuckDB; the time from the first read to the last table. */
export async function measureDuckDbLoad(dir: string): Promise<DuckLoadFigures> {
  const present = new Set(readdirSync(dir));
  const files = Object.entries(DATASET_FILES).filter(([, file]) => present.has(file));
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    let rows = 0;
    const start = performance.now();
    for (const [table, file] of files) {
      await connection.run(
        `CREATE TABLE ${table} AS SELECT * FROM read_csv(${sqlString(join(dir, file))}, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')`,
      );
    }
    const ms = performance.now() - start;
    for (const [table] of files) {
      const reader = await connection.runAndReadAll(`SELECT count(*) AS n FROM ${table}`);
      rows += Number(reader.getRowObjectsJS()[0].n);
    }
    return { ms, rows, files: files.length };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
