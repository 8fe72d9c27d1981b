// A larger sheet: 12,000 invoices and 12,000 line items whose descriptions are multi-byte text.
// Every /sync request stays under 5 MB (UTF-8 bytes) and 5,000 rows, and the results agree
// with `mogul report` on the same data.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DATASET_FILES, DATASET_TABS, TEMPLATE_HEADERS, type DatasetName } from '../../shared/index.ts';
import { buildAddon } from '../build.mjs';
import { loadAddon, type Addon } from '../testing/harness.ts';
import { startApiServer, type ApiServer } from './api-server.test-util.ts';
import { actualTabs, expectedTabs, reportOf, syncToApi, typeRows } from './sheet.test-util.ts';

const AS_OF = '2024-01-15';
const CUSTOMERS = 100;
const SUBSCRIPTIONS = 10; // per customer, each invoiced on its own
const MONTHS = 12;
const FIVE_MB = 5 * 1024 * 1024;

function datasets(): Partial<Record<DatasetName, string[][]>> {
  const table = (dataset: DatasetName, rows: Record<string, string>[]) =>
    [[...TEMPLATE_HEADERS[dataset]], ...rows.map((r) => TEMPLATE_HEADERS[dataset].map((h) => r[h] ?? ''))];
  const customers: Record<string, string>[] = [];
  const invoices: Record<string, string>[] = [];
  const lines: Record<string, string>[] = [];
  const month = (m: number) => `${2023 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`;
  for (let c = 0; c < CUSTOMERS; c++) {
    const customer = `c${String(c).padStart(3, '0')}`;
    customers.push({ Name: `Kunde ${c} GmbH`, 'External ID': customer, Country: 'DE' });
    for (let s = 0; s < SUBSCRIPTIONS; s++) {
      for (let m = 0; m < MONTHS; m++) {
        const invoice = `inv-${customer}-${s}-${m}`;
        invoices.push({ 'Customer external ID': customer, 'Invoice external ID': invoice, 'Invoiced date': month(m), Currency: 'EUR' });
        lines.push({
          'Invoice external ID': invoice, 'Subscription external ID': `sub-${customer}-${s}`, Type: 'Subscription',
          'Amount in cents': String(1000 + 100 * s), Plan: 'monthly', 'Service period start': month(m), 'Service period end': month(m + 1),
          Quantity: '1', Proration: 'FALSE', Description: `Gebühr für ${'€'.repeat(240)}`,
        });
      }
    }
  }
  return {
    customers: table('customers', customers),
    plans: table('plans', [{ Name: 'Monatlich', 'Interval count': '1', 'Interval unit': 'month', 'Plan ID': 'monthly' }]),
    invoices: table('invoices', invoices),
    line_items: table('line_items', lines),
    exchange_rates: table('exchange_rates', [{ Date: '2023-01-01', Currency: 'EUR', Rate: '1.1' }]),
  };
}

let api: ApiServer;
let folder: string;
const data = datasets();
beforeAll(async () => {
  await buildAddon({ dev: true });
  api = await startApiServer({ today: AS_OF });
  folder = mkdtempSync(join(tmpdir(), 'mogul-e2e-large-'));
  for (const [dataset, rows] of Object.entries(data)) writeFileSync(join(folder, DATASET_FILES[dataset as DatasetName]), Papa.unparse(rows));
}, 120_000);
afterAll(async () => {
  await api?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

/** Rows and UTF-8 bytes of every /sync request the add-on sends (UrlFetchApp wrapped in its realm). */
function watchSyncRequests(addon: Addon): { path: string; rows: number; bytes: number }[] {
  const seen: { path: string; rows: number; bytes: number }[] = [];
  const urlFetch = addon.context.UrlFetchApp as { fetch: (url: string, params?: { payload?: string }) => unknown };
  const fetch = urlFetch.fetch.bind(urlFetch);
  urlFetch.fetch = (url, params) => {
    const path = new URL(url).pathname;
    if (path.startsWith('/sync/') && params?.payload) {
      seen.push({ path, rows: JSON.parse(params.payload).rows.length, bytes: Buffer.byteLength(params.payload) });
    }
    return fetch(url, params);
  };
  return seen;
}

describe('a larger sheet', () => {
  test('12,000 invoices and line items: requests under 5 MB and 5,000 rows; results as mogul report', () => {
    const addon = loadAddon({ now: Date.parse(`${AS_OF}T15:00:00Z`) });
    for (const [dataset, rows] of Object.entries(data)) typeRows(addon, DATASET_TABS[dataset as DatasetName], rows);
    const requests = watchSyncRequests(addon);
    const state = syncToApi(addon, api);
    expect(state.status, state.message).toBe('done');
    expect(state.datasets.find((d) => d.dataset === 'line_items')).toMatchObject({ rows: 12_000, sent: 12_000, accepted: 12_000 });

    expect(addon.urlFetch.maxRequestBytes).toBeLessThan(FIVE_MB);
    expect(Math.max(...requests.map((r) => r.bytes))).toBe(addon.urlFetch.maxRequestBytes);
    expect(requests.every((r) => r.rows <= 5_000)).toBe(true);
    // Invoices are small rows: cut at 5,000. Line items are heavy: cut by size, below 5,000 rows.
    expect(requests.filter((r) => r.path === '/sync/invoices').map((r) => r.rows)).toEqual([5_000, 5_000, 2_000]);
    const lineChunks = requests.filter((r) => r.path === '/sync/line_items');
    expect(lineChunks.length).toBeGreaterThan(3);
    expect(lineChunks.reduce((n, r) => n + r.rows, 0)).toBe(12_000);
    expect(lineChunks[0].rows).toBeLessThan(5_000);

    const report = reportOf(folder, AS_OF);
    expect(actualTabs(addon)).toEqual(expectedTabs(report));

    // A 10,000-row range (the Invoices tab's customer column) in one custom-function call.
    const mrr = new Map(report.customers.map((c) => [c.external_id, c.mrr / 100]));
    const ids = addon.argOf('Invoices!A2:A10001') as string[][];
    const fetches = addon.urlFetch.calls;
    expect(addon.callCustomFunction('MRR', ids)).toEqual(ids.map(([id]) => [mrr.get(id)]));
    expect(addon.urlFetch.calls).toBe(fetches);
  }, 60_000);
});
