/**
 * The calendar-billed part of a template folder (customers whose external ID starts with `cal_`,
 * see isMonthAligned): their customers, invoices, line items and cancellations, and the plans
 * those lines use. It is the data on which the DuckDB peer and the engine must agree.
 */
import { createReadStream, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { isMonthAligned } from '../../shared/generator/index.ts';
import { DATASET_FILES, type DatasetName } from '../../shared/templates/datasets.ts';
import { CsvFileWriter } from '../generate/csv-write.ts';

export type SubsetCounts = Record<'customers' | 'plans' | 'invoices' | 'line_items' | 'cancellations', number>;

const normalise = (h: string): string => h.trim().toLowerCase();

/**
 * Copies the rows of `dataset` for which `keep` is true into outDir; `keep` gets a cell reader
 * by header name (case-insensitive). Parses in chunks, pausing while the output drains.
 * Returns the number of rows copied.
 */
async function filterDataset(
  srcDir: string,
  outDir: string,
  dataset: DatasetName,
  keep: (cell: (header: string) => string) => boolean,
): Promise<number> {
  const src = join(srcDir, DATASET_FILES[dataset]);
  if (!existsSync(src)) return 0;
  let writer: CsvFileWriter | undefined;
  let index = new Map<string, number>();
  let row: string[] = [];
  const cell = (header: string): string => row[index.get(normalise(header)) ?? -1] ?? '';
  await new Promise<void>((resolve, reject) => {
    const input = createReadStream(src, 'utf8');
    input.on('error', reject);
    Papa.parse<string[]>(input, {
      skipEmptyLines: true,
      chunk(results, parser) {
        let wait: Promise<void> | undefined;
        for (const record of results.data) {
          if (!writer) {
            index = new Map(record.map((h, i) => [normalise(h), i]));
            writer = new CsvFileWriter(join(outDir, DATASET_FILES[dataset]), record);
            continue;
          }
          row = record;
          if (keep(cell)) wait = writer.write(record) ?? wait;
        }
        if (wait) {
          parser.pause();
          wait.then(() => parser.resume(), reject);
        }
      },
      complete: () => resolve(),
      error: reject,
    });
  });
  await writer?.close();
  return writer?.rows ?? 0;
}

/** Writes the calendar-billed subset of the folder srcDir into outDir (same CSV headers). */
export async function writeMonthAlignedSubset(srcDir: string, outDir: string): Promise<SubsetCounts> {
  mkdirSync(outDir, { recursive: true });
  const customers = await filterDataset(srcDir, outDir, 'customers', (c) => isMonthAligned(c('External ID')));
  const invoiceIds = new Set<string>();
  const invoices = await filterDataset(srcDir, outDir, 'invoices', (c) => {
    if (!isMonthAligned(c('Customer external ID'))) return false;
    invoiceIds.add(c('Invoice external ID'));
    return true;
  });
  const planIds = new Set<string>();
  const subscriptionIds = new Set<string>();
  const lineItems = await filterDataset(srcDir, outDir, 'line_items', (c) => {
    if (!invoiceIds.has(c('Invoice external ID'))) return false;
    if (c('Plan')) planIds.add(c('Plan'));
    if (c('Subscription external ID')) subscriptionIds.add(c('Subscription external ID'));
    return true;
  });
  const plans = await filterDataset(srcDir, outDir, 'plans', (c) => planIds.has(c('Plan ID')));
  const cancellations = await filterDataset(srcDir, outDir, 'cancellations', (c) =>
    subscriptionIds.has(c('Subscription external ID')),
  );
  return { customers, plans, invoices, line_items: lineItems, cancellations };
}
