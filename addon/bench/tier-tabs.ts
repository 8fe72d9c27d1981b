// A generated company (template CSVs of `npm run generate`) as the add-on's template tabs.
//
// A spreadsheet holds at most 10 million cells, and tier M does not fit: its 1.9M rows are
// about 21M cells at the template's column counts (line items alone: 663k x 22). So the tabs
// get a uniform sample of its customers (every k-th, whatever the fraction comes to) with all
// their rows in every dataset, as many as fit with room left for the result tabs. (In Sheets a
// tab's whole grid counts, filled or not: the tabs are trimmed to their template columns.)
//
// Values go in as a user pasting the CSV would type them: setValues with the CSV text, which
// the fake (like Sheets) stores as numbers, booleans, dates in the spreadsheet's zone or text.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { DATASET_FILES, DATASET_NAMES, DATASET_TABS, TEMPLATE_HEADERS, type DatasetName } from '../../shared/index.ts';
import type { Addon } from '../testing/harness.ts';
import { MAX_CELLS } from '../testing/spreadsheet.ts';

export interface LoadedTabs {
  /** Data rows written, all tabs. */
  rows: number;
  rowsByDataset: Partial<Record<DatasetName, number>>;
  customers: number;
  /** Customers of the company, and the share of them in the tabs. */
  companyCustomers: number;
  fraction: number;
  /** Cells of every sheet's grid after loading. */
  cells: number;
}

type Csv = { headers: string[]; rows: string[][] };

function readCsv(dir: string, dataset: DatasetName): Csv | null {
  const path = join(dir, DATASET_FILES[dataset]);
  if (!existsSync(path)) return null;
  const data = Papa.parse<string[]>(readFileSync(path, 'utf8'), { skipEmptyLines: true }).data;
  return { headers: data[0] ?? [], rows: data.slice(1) };
}

/** The rows of each dataset that belong to the chosen customers (plans and rates: all). */
function sample(company: Partial<Record<DatasetName, Csv>>, keep: (customerIndex: number) => boolean) {
  const col = (csv: Csv, header: string) => csv.headers.indexOf(header);
  const out: Partial<Record<DatasetName, string[][]>> = {};
  const customers = company.customers!;
  const idCol = col(customers, 'External ID');
  const chosen = new Set<string>();
  out.customers = customers.rows.filter((r, i) => keep(i) && (chosen.add(r[idCol]), true));
  const invoices = company.invoices;
  const chosenInvoices = new Set<string>();
  if (invoices) {
    const [c, inv] = [col(invoices, 'Customer external ID'), col(invoices, 'Invoice external ID')];
    out.invoices = invoices.rows.filter((r) => chosen.has(r[c]) && (chosenInvoices.add(r[inv]), true));
  }
  const chosenSubscriptions = new Set<string>();
  if (company.line_items) {
    const [inv, sub] = [col(company.line_items, 'Invoice external ID'), col(company.line_items, 'Subscription external ID')];
    out.line_items = company.line_items.rows.filter((r) => chosenInvoices.has(r[inv]) && (r[sub] && chosenSubscriptions.add(r[sub]), true));
  }
  if (company.transactions) {
    const inv = col(company.transactions, 'Invoice external ID');
    out.transactions = company.transactions.rows.filter((r) => chosenInvoices.has(r[inv]));
  }
  for (const dataset of ['contacts', 'cancellations', 'subscription_events', 'manual_subscriptions'] as const) {
    const csv = company[dataset];
    if (!csv) continue;
    const [c, sub] = [col(csv, 'Customer external ID'), col(csv, 'Subscription external ID')];
    out[dataset] = csv.rows.filter((r) => (c >= 0 && chosen.has(r[c])) || (sub >= 0 && chosenSubscriptions.has(r[sub])));
  }
  for (const dataset of ['plans', 'exchange_rates'] as const) if (company[dataset]) out[dataset] = company[dataset]!.rows;
  return out;
}

const cellsOf = (rows: Partial<Record<DatasetName, string[][]>>) =>
  DATASET_NAMES.reduce((n, d) => n + ((rows[d]?.length ?? 0) + 1) * TEMPLATE_HEADERS[d].length, 0);

/**
 * Room for the result tabs per customer: they are 26 columns wide (a new sheet's width), with
 * a row per customer, per subscription and per movement (tier M: 1.3 and 6 per customer).
 */
const RESULT_CELLS_PER_CUSTOMER = 26 * 9;
const START = TEMPLATE_HEADERS.line_items.indexOf('Service period start');
const END = TEMPLATE_HEADERS.line_items.indexOf('Service period end');
/** Calendar months a line's service period touches (a one-time line: its invoice's month). */
function monthsOf(line: string[]): number {
  const [start, end] = [line[START], line[END]];
  if (!start || !end) return 1;
  const month = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7));
  return month(end) - month(start) + 1;
}

/**
 * The Customer tab's hidden tabs, as wide as their columns: a customer's details (11), a row of
 * 3 per customer and month of revenue (at most one per month each line touches) and of 6 per
 * transaction.
 */
const profileCells = (rows: Partial<Record<DatasetName, string[][]>>) =>
  11 * (rows.customers?.length ?? 0) + 3 * (rows.line_items ?? []).reduce((n, line) => n + monthsOf(line), 0) +
  6 * (rows.transactions?.length ?? 0);
/** Sheet1, Settings, MRR and the empty tabs' 1,000-row grids. */
const FIXED_CELLS = 200_000;

/**
 * Creates the template tabs and fills them with the largest uniform customer sample of the
 * company in `dir` that leaves room for the result tabs within Sheets' 10M cells.
 */
export function loadTierTabs(addon: Addon, dir: string): LoadedTabs {
  const company: Partial<Record<DatasetName, Csv>> = {};
  for (const dataset of DATASET_NAMES) company[dataset] = readCsv(dir, dataset) ?? undefined;
  const total = company.customers!.rows.length;
  const needs = (rows: Partial<Record<DatasetName, string[][]>>) =>
    cellsOf(rows) + RESULT_CELLS_PER_CUSTOMER * (rows.customers?.length ?? 0) + profileCells(rows) + FIXED_CELLS;
  let fraction = 1;
  let rows = sample(company, () => true);
  while (needs(rows) > MAX_CELLS) {
    fraction *= Math.min(0.98, MAX_CELLS / needs(rows));
    const f = fraction;
    rows = sample(company, (i) => Math.floor((i + 1) * f) > Math.floor(i * f));
  }

  addon.call('createTemplateTabs');
  const rowsByDataset: Partial<Record<DatasetName, number>> = {};
  for (const dataset of DATASET_NAMES) {
    const sheet = addon.spreadsheet.getSheetByName(DATASET_TABS[dataset])!;
    const csv = company[dataset];
    const data = rows[dataset] ?? [];
    const width = TEMPLATE_HEADERS[dataset].length;
    // A new tab is 26 columns wide: keep the template's, so more rows fit.
    if (sheet.getMaxColumns() > width) sheet.deleteColumns(width + 1, sheet.getMaxColumns() - width);
    const last = sheet.getLastRow();
    if (last > 1) sheet.getRange(2, 1, last - 1, width).clearContent(); // the example row
    if (!csv || data.length === 0) continue;
    if (csv.headers.length !== width || csv.headers.some((h, i) => h !== TEMPLATE_HEADERS[dataset][i])) {
      throw new Error(`${DATASET_FILES[dataset]}: columns differ from the template's`);
    }
    if (sheet.getMaxRows() < data.length + 1) sheet.insertRowsAfter(sheet.getMaxRows(), data.length + 1 - sheet.getMaxRows());
    if (sheet.getMaxRows() > data.length + 1 && data.length + 1 > 1000) {
      sheet.deleteRows(data.length + 2, sheet.getMaxRows() - data.length - 1);
    }
    // In blocks, as a paste of a big CSV would go.
    for (let from = 0; from < data.length; from += 50_000) {
      const block = data.slice(from, from + 50_000);
      sheet.getRange(from + 2, 1, block.length, width).setValues(block);
    }
    rowsByDataset[dataset] = data.length;
  }
  return {
    rows: Object.values(rowsByDataset).reduce((a, b) => a + b, 0),
    rowsByDataset,
    customers: rowsByDataset.customers ?? 0,
    companyCustomers: total,
    fraction: (rowsByDataset.customers ?? 0) / total,
    cells: addon.spreadsheet.totalCells(),
  };
}
