/**
 * POST /sync/{dataset} with `Content-Type: text/csv`: the template's header row, then data
 * rows, exactly as in the CSV file (what `mogul import` sends, so neither side turns each row
 * into a JSON object). `source`, `dry_run` and `first_row` (the file's row number of the
 * first data row; default 2, the header being row 1) come in the query string.
 */
import Papa from 'papaparse';
import type { z } from 'zod';
import { SYNC_MAX_ROW_NUMBER, SYNC_MAX_ROWS, type DatasetName, type Table } from '../../shared/index.ts';
import { SyncCsvQuery } from '../../shared/wire/sync-request.ts';
import { badRequest } from '../http/errors.ts';
import { tooLarge, type SyncRequest } from './request.ts';

export function isCsv(contentType: string | undefined): boolean {
  return /^\s*text\/csv\b/i.test(contentType ?? '');
}

type QueryParams = z.output<typeof SyncCsvQuery>;

/** One parameter of the query string, checked with its shared schema (a 400 naming it when bad). */
function queryParam<K extends keyof QueryParams & string>(query: Record<string, string | undefined>, name: K): QueryParams[K] {
  const schema: z.ZodType<unknown> = SyncCsvQuery.shape[name];
  const parsed = schema.safeParse(query[name]);
  if (!parsed.success) throw badRequest(parsed.error.issues[0].message, String(name));
  return parsed.data as QueryParams[K];
}

export function parseCsvSyncBody(dataset: DatasetName, text: string, query: Record<string, string | undefined>): SyncRequest {
  const source = queryParam(query, 'source');
  const firstRow = queryParam(query, 'first_row');
  const parsed = Papa.parse<string[]>(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, { skipEmptyLines: false });
  const bad = parsed.errors.find((e) => e.type === 'Quotes');
  if (bad) throw badRequest(`CSV body, row ${firstRow + (bad.row ?? 1) - 1}: ${bad.message}`);
  const records = parsed.data;
  // The line break ending the last row leaves an empty record behind it.
  if (records.length > 1 && records.at(-1)!.length === 1 && records.at(-1)![0] === '') records.pop();
  const [headers, ...rows] = records;
  if (!headers) throw badRequest('A CSV body starts with the header row of the template');
  if (rows.length > SYNC_MAX_ROWS) throw tooLarge(`${rows.length.toLocaleString('en-US')} rows`);
  if (firstRow + rows.length - 1 > SYNC_MAX_ROW_NUMBER) {
    throw badRequest(`'first_row' ${firstRow} puts the last of ${rows.length} rows past row ${SYNC_MAX_ROW_NUMBER.toLocaleString('en-US')}, the highest row number`, 'first_row');
  }
  const table: Table = { headers, rows, rowNumbers: rows.map((_, i) => firstRow + i) };
  return { dataset, table, source, dryRun: queryParam(query, 'dry_run') };
}
