/**
 * One pass over every dataset: cells, rows, uniqueness, then cross-dataset references.
 * All errors come back together; valid rows are kept.
 */
import { DATASET_NAMES, type DatasetName } from './datasets.ts';
import { checkReferences, type ParsedDatasets, type ReferenceCheck, type ReferenceOptions } from './references.ts';
import type { Settings } from './settings.ts';
import { DATASET_SPECS } from './specs/index.ts';
import { parseTable, type Table, type TableWarning } from './table.ts';

export type TemplateTables = { [N in DatasetName]?: Table };

export interface Validated extends ReferenceCheck {
  warnings: TableWarning[];
}

export function validateTables(tables: TemplateTables, settings: Settings, options: ReferenceOptions = {}): Validated {
  const parsed: ParsedDatasets = {};
  let warnings: TableWarning[] = [];
  for (const name of DATASET_NAMES) {
    const table = tables[name];
    if (!table) continue;
    const result = parseTable(DATASET_SPECS[name] as never, table);
    (parsed as Record<string, unknown>)[name] = result;
    warnings = warnings.concat(result.warnings);
  }
  return { ...checkReferences(parsed, settings, options), warnings };
}
