/**
 * Writes a generated company as a template folder: one CSV per dataset that has rows, plus
 * settings.json with the default settings.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateCompany, type GenerateOptions } from '../../shared/generator/index.ts';
import { DATASET_FILES, DATASET_NAMES, TEMPLATE_HEADERS, type DatasetName } from '../../shared/templates/datasets.ts';
import { DEFAULT_SETTINGS } from '../../shared/templates/settings.ts';
import { CsvFileWriter } from './csv-write.ts';

export type RowCounts = Partial<Record<DatasetName, number>>;

export interface WriteCompanyOptions extends GenerateOptions {
  /** Called about every 100,000 rows with the counts so far. */
  onProgress?: (counts: RowCounts) => void;
}

/**
 * Streams generateCompany(options) into `dir` (created if missing). A `<dataset>.csv` left from an
 * earlier run for a dataset that now has no rows is removed. Returns the data rows per dataset.
 */
export async function writeCompany(dir: string, options: WriteCompanyOptions): Promise<RowCounts> {
  mkdirSync(dir, { recursive: true });
  const writers = new Map<DatasetName, CsvFileWriter>();
  let total = 0;
  for (const { dataset, row } of generateCompany(options)) {
    let writer = writers.get(dataset);
    if (!writer) {
      writer = new CsvFileWriter(join(dir, DATASET_FILES[dataset]), TEMPLATE_HEADERS[dataset]);
      writers.set(dataset, writer);
    }
    const wait = writer.write(row);
    if (wait) await wait;
    if (++total % 100_000 === 0 && options.onProgress) options.onProgress(countsOf(writers));
  }
  await Promise.all([...writers.values()].map((w) => w.close()));
  for (const name of DATASET_NAMES) {
    if (!writers.has(name)) rmSync(join(dir, DATASET_FILES[name]), { force: true });
  }
  writeFileSync(join(dir, 'settings.json'), JSON.stringify(DEFAULT_SETTINGS, null, 2) + '\n');
  return countsOf(writers);
}

function countsOf(writers: Map<DatasetName, CsvFileWriter>): RowCounts {
  const counts: RowCounts = {};
  for (const name of DATASET_NAMES) {
    const w = writers.get(name);
    if (w) counts[name] = w.rows;
  }
  return counts;
}
