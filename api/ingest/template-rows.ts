/**
 * JSON objects of the ChartMogul-compatible API as rows of the templates (DATA.md), parsed by
 * the same shared schemas as /sync and `mogul report`, so every path accepts and rejects the
 * same values. Problems come back as 422 {"errors": {field: message}} naming the JSON field
 * (e.g. `invoices[0].line_items[1].amount_in_cents`).
 *
 * Two wordings, each pinned by its endpoints' tests: the import endpoints (parseRows) name the
 * JSON field in their messages; customers, contacts and plans (parseTemplateRow) answer with
 * /sync's own messages, which name the template column.
 */
import {
  DATASET_SPECS, parseTable, type DatasetName, type DatasetRecords, type RowError, type Table,
} from '../../shared/index.ts';
import { validationFailed } from '../http/errors.ts';
import { instantCell } from '../v1/conventions/time.ts';

/** One JSON field and the template column it fills. */
export interface FieldSpec {
  field: string;
  header: string;
  /** A date-time: Ruby's "… UTC" is accepted. */
  instant?: boolean;
}

export interface RowInput {
  /** Where the object sits in the request, e.g. `invoices[0].line_items[1]`; '' at the top. */
  path: string;
  body: Record<string, unknown>;
  /** Values used instead of the body's (resolved IDs, the parent's external ID, defaults). */
  overrides?: Record<string, unknown>;
  /** Error paths of fields whose value came from elsewhere (the parent's external_id). */
  errorPaths?: Record<string, string>;
}

export const fieldPath = (path: string, field: string) => (path ? `${path}.${field}` : field);

/** Field errors of one request; the first message per field is kept. */
export class FieldErrors {
  readonly errors: Record<string, string> = {};
  add(path: string, message: string): void {
    if (!(path in this.errors)) this.errors[path] = message;
  }
  get any(): boolean {
    return Object.keys(this.errors).length > 0;
  }
  throwIfAny(): void {
    if (this.any) throw validationFailed(this.errors);
  }
}

/** One template column of a single object: its header, the /v1 field it came from, and the value. */
export interface TemplateCell extends FieldSpec {
  value: unknown;
}

export const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The objects of a list field, each checked to be an object. */
export function objectList(value: unknown, path: string, errors: FieldErrors): Record<string, unknown>[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    errors.add(path, `${path} must be a list of objects`);
    return [];
  }
  return value.flatMap((item, i) => {
    if (isObject(item)) return [item];
    errors.add(`${path}[${i}]`, `${path}[${i}] must be an object`);
    return [];
  });
}

/** An object or array: no template cell can hold it. */
const notACell = (value: unknown) => value !== null && typeof value === 'object';

export interface ParsedRows<N extends DatasetName> {
  records: DatasetRecords[N][];
  /** Reports row errors (parse or reference checks) of these rows as field errors. */
  report(rowErrors: readonly RowError[]): void;
  /** The input a record came from. */
  inputOf(record: { row: number }): RowInput;
}

/**
 * Parses inputs as rows `firstRow`, `firstRow + 1`, … of one dataset (row numbers double as
 * the stored position, so later writes sort after earlier ones). With `syncMessages`, the
 * parser's messages are kept as /sync words them, and an object with no values gets the
 * message of each required column /sync would give.
 */
export function parseRows<N extends DatasetName>(
  dataset: N,
  fields: readonly FieldSpec[],
  inputs: readonly RowInput[],
  firstRow: number,
  errors: FieldErrors,
  { syncMessages = false } = {},
): ParsedRows<N> {
  const byRow = new Map<number, RowInput>();
  const rows = inputs.map((input, i) => {
    byRow.set(firstRow + i, input);
    return fields.map((f) => {
      const value = input.overrides && f.field in input.overrides ? input.overrides[f.field] : input.body[f.field];
      if (notACell(value)) {
        errors.add(errorPath(input, f.field), `${f.field} must be a string, number or boolean`);
        return '';
      }
      return f.instant ? instantCell(value) : value;
    });
  });
  const table: Table = { headers: fields.map((f) => f.header), rows, rowNumbers: inputs.map((_, i) => firstRow + i) };
  const parsed = parseTable(DATASET_SPECS[dataset] as never, table);
  const fieldOf = new Map(fields.map((f) => [f.header, f.field]));

  function report(rowErrors: readonly RowError[]): void {
    for (const e of rowErrors) {
      const input = byRow.get(e.row);
      if (!input) continue;
      const field = fieldOf.get(e.column);
      if (field === undefined) {
        errors.add(input.path || 'base', e.message);
        continue;
      }
      const message = !syncMessages && e.message.startsWith(e.column) ? `${field}${e.message.slice(e.column.length)}` : e.message;
      errors.add(errorPath(input, field), message);
    }
  }
  report(parsed.errors);
  // A row with every cell empty is no data to the table parser: here it is a mistake.
  const seen = new Set([...parsed.records.map((r) => (r as { row: number }).row), ...parsed.errors.map((e) => e.row)]);
  for (const [row, input] of byRow) {
    if (seen.has(row)) continue;
    if (!syncMessages) {
      errors.add(input.path || 'base', 'The object has no values');
      continue;
    }
    for (const column of DATASET_SPECS[dataset].columns) {
      const field = fieldOf.get(column.header);
      if (column.required && field !== undefined) errors.add(errorPath(input, field), `${column.header} is required`);
    }
  }
  return {
    records: parsed.records as unknown as DatasetRecords[N][],
    report,
    inputOf: (record) => byRow.get(record.row)!,
  };
}

/**
 * One object of a request body, validated at once: 422 on any problem, in /sync's wording.
 * Values that are objects or arrays are refused before anything else is checked.
 */
export function parseTemplateRow<N extends DatasetName>(dataset: N, cells: readonly TemplateCell[]): DatasetRecords[N] {
  const errors = new FieldErrors();
  for (const c of cells) if (notACell(c.value)) errors.add(c.field, `${c.field} must be a single value, not an object or array`);
  errors.throwIfAny();
  const body = Object.fromEntries(cells.map((c) => [c.field, c.value]));
  const parsed = parseRows(dataset, cells, [{ path: '', body }], 2, errors, { syncMessages: true });
  errors.throwIfAny();
  return parsed.records[0];
}

function errorPath(input: RowInput, field: string): string {
  return input.errorPaths?.[field] ?? fieldPath(input.path, field);
}
