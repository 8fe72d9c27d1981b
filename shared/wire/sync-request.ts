/**
 * What a client sends to POST /sync/{dataset}: the zod schemas of the path, the JSON body and
 * (for a CSV body) the query string, within the limits of sync-limits.ts. `syncRequestProblem`
 * turns what a schema refused into the API's answer: the first problem, its status and the
 * field it names.
 */
import { z } from 'zod';
import { DATASET_NAMES } from '../templates/datasets.ts';
import { escapeLoneSurrogates, hasLoneSurrogate, LONE_SURROGATE_MESSAGE } from '../unicode.ts';
import { SYNC_MAX_ROW_NUMBER, SYNC_MAX_ROWS, syncTooLargeMessage } from './sync-limits.ts';

const int = (n: number) => n.toLocaleString('en-US');

/** Text PostgreSQL and UTF-8 can store: no NUL character, no lone UTF-16 surrogate. */
const storable = (text: string) => !text.includes('\u0000') && !hasLoneSurrogate(text);

export const SyncDataset = z.enum(DATASET_NAMES, {
  error: (issue) => `Unknown dataset '${String(issue.input)}'; expected one of ${DATASET_NAMES.join(', ')}`,
});

export const SyncPathParams = z.object({ dataset: SyncDataset });

const SOURCE_MESSAGE = "'source' must be the data source's name (valid Unicode text without a NUL character)";

/** A data source's name; absent or null for the account's default source. */
export const SyncSource = z
  .string({ error: SOURCE_MESSAGE })
  .refine(storable, SOURCE_MESSAGE)
  .nullish()
  .transform((name) => name ?? null);

/** The caller's row number, shown in errors (default: the row's position + 2, the header being row 1). */
export const SyncRowNumber = z.int().min(1).max(SYNC_MAX_ROW_NUMBER);

/** What is wrong with one row; the message names the row (`rows[3]…`) before it. */
const ROW_NOT_OBJECT = 'must be an object of column → value';
const ROW_NUMBER = `must be the caller's row number (a whole number from 1 to ${int(SYNC_MAX_ROW_NUMBER)})`;

/**
 * One template row: column (the template's header) → cell value, and `row`, the caller's row
 * number. Column names must be storable text; a cell value of any type is the dataset
 * parser's to judge, and a bad one is an error of its row, not of the request.
 */
export const SyncRow = z
  .record(z.string(), z.unknown(), { error: ROW_NOT_OBJECT })
  .superRefine((row, ctx) => {
    for (const key of Object.keys(row)) {
      if (storable(key)) continue;
      const problem = key.includes('\u0000') ? 'contains the NUL character (\\u0000)' : LONE_SURROGATE_MESSAGE;
      ctx.addIssue({ code: 'custom', message: problem, params: { columnName: key } });
      return;
    }
    if (row.row !== undefined && !SyncRowNumber.safeParse(row.row).success) {
      ctx.addIssue({ code: 'custom', message: ROW_NUMBER, path: ['row'] });
    }
  });

export const SyncRequestBody = z.object({
  rows: z
    .array(SyncRow, { error: "'rows' must be an array of objects (column → value)" })
    .max(SYNC_MAX_ROWS, 'too many rows'),
  source: SyncSource,
  dry_run: z.boolean({ error: "'dry_run' must be true or false" }).optional(),
});

export type SyncRequestBody = z.input<typeof SyncRequestBody>;

const flag = (name: string) =>
  z.enum(['true', 'false'], { error: `'${name}' must be true or false` }).optional().transform((v) => v === 'true');

/** POST /sync/{dataset} with `Content-Type: text/csv`: the rest of the request in the query string. */
export const SyncCsvQuery = z.object({
  source: SyncSource,
  dry_run: flag('dry_run'),
  /** The file's row number of the first data row (the header is row 1). */
  first_row: z
    .string()
    .optional()
    .transform((v) => (v === undefined ? 2 : Number(v)))
    .pipe(
      z.number().refine(
        (n) => Number.isInteger(n) && n >= 2 && n <= SYNC_MAX_ROW_NUMBER,
        `'first_row' must be the file's row number of the first data row (2 to ${int(SYNC_MAX_ROW_NUMBER)}; the header is row 1)`,
      ),
    ),
});

export type SyncCsvQuery = z.input<typeof SyncCsvQuery>;

/** A refused request as the API answers it. */
export interface SyncRequestProblem {
  status: 400 | 413;
  message: string;
  /** The field named: `rows`, `source`, `dry_run`, `first_row`, `dataset`. */
  param: string | null;
}

/** Text for a message, with each NUL and lone surrogate written as `\uXXXX`. */
const shown = (text: string) => escapeLoneSurrogates(text.replace(/\u0000/g, '\\u0000'));

/**
 * The problem the API reports of a refused request: the request's own fields (in the
 * schema's order) before any row's, rows in order. `rowCount` words the 413.
 */
export function syncRequestProblem(error: z.ZodError, rowCount = 0): SyncRequestProblem {
  const issues = error.issues;
  const issue = issues.find((i) => i.path.length === 1) ?? issues[0];
  const [field, index, sub] = issue.path;
  if (field === 'rows' && issue.code === 'too_big') {
    return { status: 413, message: syncTooLargeMessage(`${int(rowCount)} rows`), param: null };
  }
  if (index === undefined) return { status: 400, message: issue.message, param: field === undefined ? null : String(field) };
  const columnName = issue.code === 'custom' ? (issue.params?.columnName as string | undefined) : undefined;
  const row = `rows[${String(index)}]`;
  const message =
    columnName !== undefined ? `${row}: the column name '${shown(columnName)}' ${issue.message}`
    : sub === 'row' ? `${row}.row ${issue.message}`
    : `${row} ${issue.message}`;
  return { status: 400, message, param: 'rows' };
}
