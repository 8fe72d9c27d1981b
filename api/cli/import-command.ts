/**
 * `mogul import <dir> --api URL --key KEY [--source NAME] [--dry-run]`: pushes a folder of
 * template CSVs through /sync in dependency order, in batches of at most 5,000 rows and
 * under 5 MB, with a progress line and a summary; then waits until the server has computed
 * the figures (a Worker does that in slices, answering 503 with Retry-After meanwhile).
 * Exit 1 when any row was rejected.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DATASET_FILES, DEPENDENCY_ORDER, type DatasetName, type SyncAnswer, type SyncResultsPage,
} from '../../shared/index.ts';
import { TextBody, apiClient, ApiRequestError, type ApiClient } from './api-client.ts';
import { csvBatches } from './csv-batches.ts';
import { money } from './format.ts';
import { UnusableInputError } from './load-folder.ts';
import { commandArgs, UsageError } from './usage.ts';

export const IMPORT_USAGE = 'Usage: mogul import <dir> --api URL --key KEY [--source NAME] [--dry-run]';

export interface ImportSummary {
  datasets: { dataset: DatasetName; rows: number; accepted: number; rejected: number }[];
  errors: { dataset: DatasetName; row: number; column: string; value: string; message: string }[];
}

/** Requests in flight at once: the server works on one while the next is parsed and sent. */
const IN_FLIGHT = 3;

/** Runs work on every item the source yields, at most `limit` at a time; rejects on the first failure. */
async function inParallel<T>(source: AsyncIterator<T>, limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const worker = async () => {
    for (let next = await source.next(); !next.done; next = await source.next()) await work(next.value);
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

export async function importFolder(
  dir: string,
  client: ApiClient,
  options: { source?: string; dryRun?: boolean; progress?: (line: string) => void } = {},
): Promise<ImportSummary> {
  if (!existsSync(dir)) throw new UnusableInputError(`No such folder: ${dir}`);
  const summary: ImportSummary = { datasets: [], errors: [] };
  const settingsPath = join(dir, 'settings.json');
  if (existsSync(settingsPath) && !options.dryRun) {
    let settings: unknown;
    try {
      settings = JSON.parse(readFileSync(settingsPath, 'utf8'));
    } catch (e) {
      throw new UnusableInputError(`settings.json is not valid JSON: ${(e as Error).message}`);
    }
    await client.request('PATCH', '/v1/account', { settings });
  }
  let found = 0;
  for (const dataset of DEPENDENCY_ORDER) {
    const path = join(dir, DATASET_FILES[dataset]);
    if (!existsSync(path)) continue;
    found++;
    const entry = { dataset, rows: 0, accepted: 0, rejected: 0 };
    let sent = 0;
    // Batches of one dataset are independent: a few are in flight at once. A dataset's
    // children are only sent once all of its own batches are answered.
    const source = csvBatches(path);
    const common = { dry_run: String(options.dryRun ?? false), ...(options.source === undefined ? {} : { source: options.source }) };
    await inParallel(source, IN_FLIGHT, async (batch) => {
      entry.rows += batch.rows;
      const query = new URLSearchParams({ ...common, first_row: String(batch.firstRow) });
      const answer = await client.request<SyncAnswer>('POST', `/sync/${dataset}?${query}`, new TextBody(batch.body, 'text/csv; charset=utf-8'));
      sent += batch.rows;
      entry.accepted += answer.accepted;
      entry.rejected += answer.errors.length === 0 ? 0 : new Set(answer.errors.map((e) => e.row)).size;
      for (const e of answer.errors) summary.errors.push({ dataset, ...e });
      options.progress?.(`${dataset}: ${sent.toLocaleString('en-US')} rows sent (${Math.floor(batch.fileRead * 100)}% of the file), ` +
        `${entry.accepted.toLocaleString('en-US')} accepted, ${entry.rejected.toLocaleString('en-US')} rejected`);
    });
    summary.datasets.push(entry);
  }
  if (found === 0) throw new UnusableInputError(`No template CSV files in ${dir}`);
  // Batches answer in any order: errors are listed by dataset, then row.
  const rank = (d: DatasetName) => DEPENDENCY_ORDER.indexOf(d);
  summary.errors.sort((a, b) => rank(a.dataset) - rank(b.dataset) || a.row - b.row);
  return summary;
}

export async function importCommand(argv: string[]): Promise<number> {
  const { values, positionals } = commandArgs(argv, {
    api: { type: 'string' }, key: { type: 'string' }, source: { type: 'string' }, 'dry-run': { type: 'boolean' },
  }, IMPORT_USAGE);
  const key = values.key ?? process.env.MOGUL_API_KEY;
  if (positionals.length !== 1 || !values.api || !key) throw new UsageError(IMPORT_USAGE);
  const tty = process.stderr.isTTY;
  const progress = (line: string) => process.stderr.write(tty ? `\r\x1b[K${line}` : `${line}\n`);
  let summary: ImportSummary;
  /** The first page of /sync/results: the whole series comes on it. */
  let figures: SyncResultsPage | null = null;
  const client = apiClient(values.api, key, { onWait: (message) => progress(message) });
  try {
    summary = await importFolder(positionals[0], client, { source: values.source, dryRun: values['dry-run'], progress });
    if (!values['dry-run']) {
      progress('Computing figures…');
      figures = await client.request<SyncResultsPage>('GET', '/sync/results?per_page=1');
    }
  } catch (e) {
    if (e instanceof ApiRequestError) {
      if (tty) process.stderr.write('\n');
      process.stderr.write(`mogul import: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (tty) process.stderr.write('\n');
  for (const d of summary.datasets) {
    console.log(`${d.dataset.padEnd(22)} ${String(d.rows).padStart(9)} rows  ${String(d.accepted).padStart(9)} accepted  ${String(d.rejected).padStart(7)} rejected`);
  }
  const now = figures?.series?.at(-1);
  if (figures && now) {
    console.log(`\nFigures computed as of ${figures.as_of}: MRR ${money(now.mrr, figures.currency)}, ${now.customers.toLocaleString('en-US')} customers`);
  }
  if (summary.errors.length > 0) {
    console.log(`\n${summary.errors.length} problem(s); those rows were not stored:`);
    for (const e of summary.errors.slice(0, 50)) console.log(`  ${e.dataset} row ${e.row}, ${e.column}: ${e.message}`);
    if (summary.errors.length > 50) console.log(`  … and ${summary.errors.length - 50} more`);
    return 1;
  }
  console.log(values['dry-run'] ? '\nDry run: every row would be accepted; nothing was stored.' : '\nEvery row was accepted.');
  return 0;
}
