/**
 * Validates the fields of one /v1 object with the shared template parser of its dataset (the
 * one /sync and `mogul report` use), so every face of the API accepts the same values and
 * words its refusals the same way. A refusal is a 422 naming the /v1 field.
 */
import {
  DATASET_SPECS, parseTable, type DatasetName, type DatasetRecords,
} from '../../shared/index.ts';
import { validationFailed } from '../http/errors.ts';

/** One template column of the row: its header, the /v1 field it came from, and the value. */
export interface TemplateCell {
  header: string;
  field: string;
  value: unknown;
}

export function parseTemplateRow<N extends DatasetName>(dataset: N, cells: readonly TemplateCell[]): DatasetRecords[N] {
  const errors: Record<string, string> = {};
  for (const c of cells) {
    if (c.value !== null && typeof c.value === 'object') errors[c.field] = `${c.field} must be a single value, not an object or array`;
  }
  if (Object.keys(errors).length > 0) throw validationFailed(errors);
  const parsed = parseTable(DATASET_SPECS[dataset] as never, {
    headers: cells.map((c) => c.header),
    rows: [cells.map((c) => c.value)],
  });
  const fieldOf = new Map(cells.map((c) => [c.header, c.field]));
  for (const e of parsed.errors) {
    const field = fieldOf.get(e.column) ?? e.column;
    errors[field] ??= e.message;
  }
  if (parsed.records.length === 0 && Object.keys(errors).length === 0) {
    // Every cell empty: the parser skips such a row as blank, so name the required ones here.
    for (const column of DATASET_SPECS[dataset].columns) {
      const field = fieldOf.get(column.header);
      if (column.required && field) errors[field] = `${column.header} is required`;
    }
  }
  if (Object.keys(errors).length > 0) throw validationFailed(errors);
  return parsed.records[0] as DatasetRecords[N];
}
