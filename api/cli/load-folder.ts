/**
 * Reads a folder of template CSVs (and settings.json) into parsed datasets, streaming each
 * file row by row so large folders never hold every raw cell at once.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  DATASET_FILES, DATASET_NAMES, DATASET_SPECS, DEFAULT_SETTINGS, createRowParser, parseSettingsJson,
  type DatasetName, type ParsedColumnDatasets, type ParsedColumns, type ParsedSettings, type ParsedTable, type RowParser, type TableWarning,
} from '../../shared/index.ts';
import { readCsvRows, type CsvReadOptions } from './csv-chunks.ts';
import { fastRowReader, SharedIds, type FastRow, type IdPool } from './csv-fast-rows.ts';
import { RecordTable } from './record-columns.ts';

import { UnusableInputError } from './unusable-input.ts';

export { UnusableInputError };

export interface LoadedFolder {
  parsed: ParsedColumnDatasets;
  settings: ParsedSettings;
  warnings: TableWarning[];
  /** Data rows read per dataset (accepted or not). */
  rowCounts: Partial<Record<DatasetName, number>>;
}

const FILE_TO_DATASET = new Map(DATASET_NAMES.map((n) => [DATASET_FILES[n], n]));

/** The large datasets, kept in columns (record-columns.ts) instead of a row object each. */
const COLUMN_DATASETS = new Set<DatasetName>(['invoices', 'line_items', 'transactions']);

export interface LoadOptions {
  /**
   * Keep no line item or transaction external IDs past their file's unique-key check: the
   * report never shows them (issue 13: 12M IDs at tier L). Transaction lists need them.
   */
  dropRowIds?: boolean;
}

export function loadFolder(dir: string, options: LoadOptions = {}): LoadedFolder {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UnusableInputError(`No such folder: ${dir}`);
  }
  const files = readdirSync(dir);
  let warnings: TableWarning[] = [];
  const parsed: ParsedColumnDatasets = {};
  const rowCounts: Partial<Record<DatasetName, number>> = {};
  let found = 0;
  // Invoice IDs shared by the files that name invoices (read after invoices.csv: files go in name order).
  let invoiceIds = new SharedIds();
  for (const file of files.sort()) {
    if (!file.toLowerCase().endsWith('.csv')) continue;
    const dataset = FILE_TO_DATASET.get(file.toLowerCase());
    if (!dataset) {
      warnings.push({ dataset: 'settings', column: file, message: `${file} is not a template file and was ignored` });
      continue;
    }
    found++;
    const pool: IdPool | undefined = dataset === 'invoices' ? { ids: invoiceIds, fill: 'externalId' }
      : dataset === 'line_items' || dataset === 'transactions' ? { ids: invoiceIds, use: 'invoiceExternalId' } : undefined;
    const columns = !COLUMN_DATASETS.has(dataset) ? undefined
      : options.dropRowIds && dataset !== 'invoices' ? ['externalId'] : [];
    const result = parseCsvFile(join(dir, file), dataset, { pool, columns, chunkBytes: READ_BYTES });
    (parsed as Record<string, unknown>)[dataset] = result.table;
    // Invoice IDs kept as numbers (record-columns.ts) have no strings to share with the files after.
    if (dataset === 'invoices' && result.table.records instanceof RecordTable && !result.table.records.keepsStrings('externalId')) {
      invoiceIds = new SharedIds();
    }
    rowCounts[dataset] = result.rows;
    warnings = warnings.concat(result.table.warnings);
  }
  if (found === 0) {
    throw new UnusableInputError(
      `No template CSV files in ${dir} (expected names such as ${DATASET_FILES.customers}, ${DATASET_FILES.invoices})`,
    );
  }
  const settingsPath = join(dir, 'settings.json');
  let settings: ParsedSettings = { settings: { ...DEFAULT_SETTINGS }, errors: [], warnings: [] };
  if (existsSync(settingsPath)) {
    const text = readText(settingsPath);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      settings.errors.push({
        dataset: 'settings', row: 1, column: 'settings.json', value: '',
        message: `settings.json is not valid JSON (${(e as Error).message}); defaults used`,
      });
    }
    if (json !== undefined) settings = parseSettingsJson(json);
  }
  warnings = warnings.concat(settings.warnings);
  return { parsed, settings, warnings, rowCounts };
}

const SAMPLE_LINES = 2000;

/**
 * Pieces read at a time. Small enough that each piece's text is a young object, collected
 * cheaply as soon as its rows are read; 4 MB pieces go straight to V8's old space, where at tier
 * L (1.7 GB of text) they piled up as garbage between full collections (peaks 600 MB higher).
 */
const READ_BYTES = 64 * 1024;

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0; // reading it will say why
  }
}

/** A template file's text, without a byte-order mark; unreadable is unusable input. */
export function readText(path: string): string {
  try {
    const text = readFileSync(path, 'utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (e) {
    throw new UnusableInputError(`Cannot read ${path}: ${(e as Error).message}`);
  }
}

/**
 * One template file parsed row by row; it is read in bounded pieces, never held as one string.
 * With `columns` its records are kept in columns (record-columns.ts), less the keys it names.
 * Rows of quote-free pieces are read in place (csv-fast-rows.ts) unless `inPlace` is false
 * (every row then comes through Papa and the generic parser); records and errors are the same.
 */
export function parseCsvFile(
  path: string, dataset: DatasetName,
  options: CsvReadOptions & { inPlace?: boolean; pool?: IdPool; columns?: readonly string[] } = {},
) {
  const spec = DATASET_SPECS[dataset];
  let parser: RowParser<unknown> | null = null;
  let fast: FastRow | null = null;
  let delimiter = ',';
  const columns = options.columns ? new RecordTable(spec.blank as (row: number) => { row: number }, options.columns) : null;
  const records: { push(record: never): void } = columns ?? [];
  // The rows to come, guessed from the file's size and its first lines' (room for the columns made once).
  const fileBytes = columns !== null ? fileSize(path) : 0;
  let lineCount = 0;
  let sampleChars = 0;
  let row = 0;
  const onCells = (cells: string[]) => {
    row++;
    if (parser === null) {
      parser = createRowParser(spec as never, cells);
      fast = fastRowReader(parser, spec as never, delimiter, options.pool);
      return;
    }
    const record = parser.parse(cells, row);
    if (record) records.push(record as never);
  };
  try {
    const { inPlace = true, pool: _pool, columns: _columns, ...readOptions } = options;
    readCsvRows(path, onCells, !inPlace ? readOptions : {
      onFormat: (format) => {
        delimiter = format.delimiter;
      },
      onLine: (text, start, end) => {
        if (columns !== null && lineCount < SAMPLE_LINES) {
          sampleChars += end - start + 1;
          if (++lineCount === SAMPLE_LINES) columns.reserve(Math.ceil((fileBytes / sampleChars) * SAMPLE_LINES * 1.02));
        }
        if (fast !== null) {
          const record = fast(text, start, end, row + 1);
          if (record !== undefined) {
            row++;
            records.push(record as never);
            return;
          }
        }
        onCells(text.slice(start, end).split(delimiter));
      },
      ...readOptions,
    });
  } catch (e) {
    if (!(e instanceof Error && 'syscall' in e)) throw e; // only the file system's own errors make it unusable
    throw new UnusableInputError(`Cannot read ${path}: ${(e as Error).message}`);
  }
  const p: RowParser<unknown> = parser ?? createRowParser(spec as never, []);
  // Column datasets have no completing step (only customers' attributes do).
  if (columns === null) p.complete(records as unknown[]);
  const table: ParsedTable<unknown> | ParsedColumns<unknown> = { records: columns?.finish() ?? (records as unknown[]), errors: p.errors, warnings: p.warnings, rejectedKeys: p.rejectedKeys };
  return { table, rows: Math.max(0, row - 1) };
}
