/**
 * A generated company cut to its first customers: a template folder of any size between the
 * tiers (XS has 1,600 rows, S 115,000). Keeps the first `customers` rows of customers.csv and
 * every row that belongs to them (contacts, invoices, their line items and transactions,
 * cancellations, events and manual subscriptions of their subscriptions), all plans and
 * exchange rates, and settings.json. Rows keep their order; cells are written back as read.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { writeCompany } from '../generate/write-company.ts';
import { DATASET_FILES, DATASET_NAMES, type DatasetName } from '../../shared/index.ts';
import type { Tier } from '../../shared/generator/index.ts';

type Cells = string[];

function readCsv(path: string): { header: Cells; rows: Cells[] } {
  const parsed = Papa.parse<Cells>(readFileSync(path, 'utf8'), { skipEmptyLines: true });
  const [header, ...rows] = parsed.data;
  return { header, rows };
}

export async function companySubset(
  dir: string,
  options: { tier: Tier; seed: number; endDate: string; customers: number },
): Promise<Partial<Record<DatasetName, number>>> {
  const whole = join(dir, 'whole');
  const out = join(dir, 'subset');
  await writeCompany(whole, { tier: options.tier, seed: options.seed, endDate: options.endDate });
  mkdirSync(out, { recursive: true });

  const customers = new Set<string>();
  const invoices = new Set<string>();
  const subscriptions = new Set<string>();
  /** Keeps a row when `keep` says so, given a reader of its cells by header. */
  const tables = new Map<DatasetName, (cell: (header: string) => string, index: number) => boolean>([
    ['customers', (cell, i) => i < options.customers && !!customers.add(cell('External ID'))],
    ['plans', () => true],
    ['exchange_rates', () => true],
    ['contacts', (cell) => customers.has(cell('Customer external ID'))],
    ['invoices', (cell) => customers.has(cell('Customer external ID')) && !!invoices.add(cell('Invoice external ID'))],
    ['line_items', (cell) => {
      if (!invoices.has(cell('Invoice external ID'))) return false;
      if (cell('Subscription external ID')) subscriptions.add(cell('Subscription external ID'));
      return true;
    }],
    ['transactions', (cell) => invoices.has(cell('Invoice external ID'))],
    ['cancellations', (cell) => subscriptions.has(cell('Subscription external ID'))],
    ['subscription_events', (cell) => customers.has(cell('Customer external ID'))],
    ['manual_subscriptions', (cell) => customers.has(cell('Customer external ID'))],
  ]);
  const unknown = DATASET_NAMES.filter((d) => !tables.has(d));
  if (unknown.length > 0) throw new Error(`companySubset does not know how to cut ${unknown.join(', ')}`);

  const counts: Partial<Record<DatasetName, number>> = {};
  for (const [dataset, keep] of tables) {
    const path = join(whole, DATASET_FILES[dataset]);
    if (!existsSync(path)) continue;
    const { header, rows } = readCsv(path);
    const kept = rows.filter((row, i) => keep((name) => row[header.indexOf(name)] ?? '', i));
    writeFileSync(join(out, DATASET_FILES[dataset]), Papa.unparse([header, ...kept], { newline: '\n' }) + '\n');
    counts[dataset] = kept.length;
  }
  copyFileSync(join(whole, 'settings.json'), join(out, 'settings.json'));
  return counts;
}
