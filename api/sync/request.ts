/**
 * The body of POST /sync/{dataset}: rows shaped like the templates, checked with the shared
 * wire schemas (shared/wire/sync-request.ts) before use.
 */
import { SYNC_MAX_BYTES, syncTooLargeMessage, type DatasetName, type Table } from '../../shared/index.ts';
import { SyncDataset, syncRequestProblem, SyncRequestBody, SyncSource } from '../../shared/wire/sync-request.ts';
import { apiError, HttpError } from '../http/errors.ts';

/** The limits live in shared/wire; api/app.ts's body limit reads MAX_BYTES from here. */
export const MAX_BYTES = SYNC_MAX_BYTES;

export interface SyncRequest {
  dataset: DatasetName;
  table: Table;
  source: string | null;
  dryRun: boolean;
}

export function datasetFromPath(name: string): DatasetName {
  const parsed = SyncDataset.safeParse(name);
  if (!parsed.success) throw apiError(400, parsed.error.issues[0].message, 'dataset');
  return parsed.data;
}

export function tooLarge(what: string): HttpError {
  return apiError(413, syncTooLargeMessage(what));
}

/** The `source` of a request (JSON body or query string): a data source's name, or null for the default. */
export function sourceName(value: unknown): string | null {
  const parsed = SyncSource.safeParse(value);
  if (!parsed.success) throw apiError(400, parsed.error.issues[0].message, 'source');
  return parsed.data;
}

export function parseSyncBody(dataset: DatasetName, body: Record<string, unknown>): SyncRequest {
  const parsed = SyncRequestBody.safeParse(body);
  if (!parsed.success) {
    const count = Array.isArray(body.rows) ? body.rows.length : 0;
    const problem = syncRequestProblem(parsed.error, count);
    throw apiError(problem.status, problem.message, problem.param);
  }
  // The rows as sent, not zod's copies: those drop a column named `__proto__`, which the
  // table parser reports as an unknown column like any other.
  const rows = body.rows as Record<string, unknown>[];
  const headers: string[] = [];
  const seen = new Set<string>();
  const rowNumbers: number[] = [];
  rows.forEach((row, i) => {
    for (const key of Object.keys(row)) {
      if (key !== 'row' && !seen.has(key)) {
        seen.add(key);
        headers.push(key);
      }
    }
    rowNumbers.push(typeof row.row === 'number' ? row.row : i + 2);
  });
  const table: Table = { headers, rows: rows.map((row) => headers.map((h) => row[h])), rowNumbers };
  return { dataset, table, source: parsed.data.source, dryRun: parsed.data.dry_run === true };
}
