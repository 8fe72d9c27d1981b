/** Test helper: a template folder's CSV as objects keyed by header ([] when the file is missing). */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { DATASET_FILES, type DatasetName } from '../../shared/templates/datasets.ts';

export function readTemplateRows(dir: string, dataset: DatasetName): Record<string, string>[] {
  const path = join(dir, DATASET_FILES[dataset]);
  if (!existsSync(path)) return [];
  return Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true }).data;
}
