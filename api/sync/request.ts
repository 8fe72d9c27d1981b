/** The body of POST /sync/{dataset}: rows shaped like the templates, checked before use. */
import {
  DATASET_NAMES, LONE_SURROGATE_MESSAGE, type DatasetName, type Table,
} from '../../shared/index.ts';
import { badRequest, HttpError } from '../http/errors.ts';
import { shownText, textProblem } from '../http/json-body.ts';

export const MAX_ROWS = 5_000;
/** Row numbers are stored as PostgreSQL integers. */
export const MAX_ROW_NUMBER = 2 ** 31 - 1;
export const MAX_BYTES = 5 * 1024 * 1024;

export interface SyncRequest {
  dataset: DatasetName;
  table: Table;
  source: string | null;
  dryRun: boolean;
}

export function datasetFromPath(name: string): DatasetName {
  if (!(DATASET_NAMES as readonly string[]).includes(name)) {
    throw badRequest(`Unknown dataset '${name}'; expected one of ${DATASET_NAMES.join(', ')}`, 'dataset');
  }
  return name as DatasetName;
}

export function tooLarge(what: string): HttpError {
  return new HttpError(413, {
    code: 413,
    message: `${what}: a /sync request carries at most ${MAX_ROWS.toLocaleString('en-US')} rows and 5 MB; send the rest in further requests`,
    param: null,
  });
}

/** The `source` of a request (JSON body or query string): a data source's name, or null for the default. */
export function sourceName(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || textProblem(value) !== null) {
    throw badRequest("'source' must be the data source's name (valid Unicode text without a NUL character)", 'source');
  }
  return value;
}

export function parseSyncBody(dataset: DatasetName, body: Record<string, unknown>): SyncRequest {
  const rows = body.rows;
  if (!Array.isArray(rows)) throw badRequest("'rows' must be an array of objects (column → value)", 'rows');
  if (rows.length > MAX_ROWS) throw tooLarge(`${rows.length.toLocaleString('en-US')} rows`);
  const source = sourceName(body.source);
  if (body.dry_run !== undefined && typeof body.dry_run !== 'boolean') {
    throw badRequest("'dry_run' must be true or false", 'dry_run');
  }
  const headers: string[] = [];
  const seen = new Set<string>();
  const rowNumbers: number[] = [];
  rows.forEach((row, i) => {
    if (row === null || typeof row !== 'object' || Array.isArray(row)) {
      throw badRequest(`rows[${i}] must be an object of column → value`, 'rows');
    }
    for (const key of Object.keys(row)) {
      if (textProblem(key) !== null) {
        const problem = key.includes('\u0000') ? 'contains the NUL character (\\u0000)' : LONE_SURROGATE_MESSAGE;
        throw badRequest(`rows[${i}]: the column name '${shownText(key)}' ${problem}`, 'rows');
      }
      if (key !== 'row' && !seen.has(key)) {
        seen.add(key);
        headers.push(key);
      }
    }
    const n = (row as Record<string, unknown>).row;
    if (n !== undefined && (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_ROW_NUMBER)) {
      throw badRequest(`rows[${i}].row must be the caller's row number (a whole number from 1 to ${MAX_ROW_NUMBER.toLocaleString('en-US')})`, 'rows');
    }
    rowNumbers.push(typeof n === 'number' ? n : i + 2);
  });
  const table: Table = {
    headers,
    rows: rows.map((row) => headers.map((h) => (row as Record<string, unknown>)[h])),
    rowNumbers,
  };
  return { dataset, table, source, dryRun: body.dry_run === true };
}
