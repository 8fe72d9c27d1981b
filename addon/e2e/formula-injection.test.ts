// Text from the data that Sheets would read as something else (=, +, -, @ formulas; numbers,
// booleans, dates with leading zeros or look-alikes) arrives in the result tabs as the same text,
// and the API stores it verbatim.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DATASET_FILES, DATASET_TABS, TEMPLATE_HEADERS, type DatasetName } from '../../shared/index.ts';
import { buildAddon } from '../build.mjs';
import { loadAddon } from '../testing/harness.ts';
import { startApiServer, type ApiServer } from './api-server.test-util.ts';
import { actualTabs, expectedTabs, reportOf, syncToApi, typeRows } from './sheet.test-util.ts';

const AS_OF = '2024-03-31';
const CUSTOMERS: [name: string, id: string, subscription: string][] = [
  ['=HYPERLINK("http://evil.example","click")', '=cust', '=sub'],
  ['+1 (555) 0100', '+cust', '+sub'],
  ['-minus Co', '-cust', '-sub'],
  ['@at Co', '@cust', '@sub'],
  ['TRUE', '007', '0005'],
  ['12%', '2024-01-01', '1e3'],
];
const PLAN = '=plan';

/** The data as CSV rows of each dataset, headers first (template order, unused columns blank). */
function datasets(): Partial<Record<DatasetName, string[][]>> {
  const row = (dataset: DatasetName, cells: Record<string, string>) => TEMPLATE_HEADERS[dataset].map((h) => cells[h] ?? '');
  const table = (dataset: DatasetName, rows: Record<string, string>[]) => [[...TEMPLATE_HEADERS[dataset]], ...rows.map((r) => row(dataset, r))];
  return {
    customers: table('customers', CUSTOMERS.map(([name, id]) => ({ Name: name, 'External ID': id }))),
    plans: table('plans', [{ Name: '=Plan name', 'Interval count': '1', 'Interval unit': 'month', 'Plan ID': PLAN }]),
    invoices: table('invoices', CUSTOMERS.map(([, id], i) => ({
      'Customer external ID': id, 'Invoice external ID': `-inv${i}`, 'Invoiced date': '2024-01-01', Currency: 'USD',
    }))),
    line_items: table('line_items', CUSTOMERS.map(([, , sub], i) => ({
      'Invoice external ID': `-inv${i}`, 'Subscription external ID': sub, Type: 'Subscription', 'Amount in cents': String(1000 * (i + 1)),
      Plan: PLAN, 'Service period start': '2024-01-01', 'Service period end': '2024-02-01', Quantity: '1', Proration: 'FALSE',
      Description: '@SUM(A1:A9)',
    }))),
  };
}

let api: ApiServer;
let folder: string;
beforeAll(async () => {
  await buildAddon({ dev: true });
  api = await startApiServer({ today: AS_OF });
  folder = mkdtempSync(join(tmpdir(), 'mogul-e2e-injection-'));
  for (const [dataset, rows] of Object.entries(datasets())) {
    writeFileSync(join(folder, DATASET_FILES[dataset as DatasetName]), Papa.unparse(rows));
  }
}, 120_000);
afterAll(async () => {
  await api?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('formula injection and look-alike text', () => {
  test('result tabs hold the same text, no formula; the API stores it verbatim; custom functions find the IDs', async () => {
    const addon = loadAddon({ now: Date.parse(`${AS_OF}T15:00:00Z`) });
    // Typed as text (a leading apostrophe), as a user keeps such values as they are.
    const typed = new Set(['Interval count', 'Amount in cents', 'Quantity', 'Proration', 'Invoiced date', 'Service period start', 'Service period end']);
    for (const [dataset, [headers, ...rows]] of Object.entries(datasets())) {
      const text = rows.map((r) => r.map((v, c) => (typed.has(headers[c]) || v === '' ? v : `'${v}`)));
      typeRows(addon, DATASET_TABS[dataset as DatasetName], [headers, ...text]);
    }
    const state = syncToApi(addon, api);
    expect(state.status, state.message).toBe('done');
    expect(state.datasets.every((d) => d.rejected === 0)).toBe(true);

    const report = reportOf(folder, AS_OF);
    expect(report.errors).toEqual([]);
    expect(actualTabs(addon)).toEqual(expectedTabs(report));
    for (const tab of ['MRR', 'Customer Metrics', 'Movements', 'Subscriptions']) {
      const formulas = addon.spreadsheet.getSheetByName(tab)!.getDataRange().getFormulas();
      expect(formulas.flat().filter((f) => f !== ''), tab).toEqual([]);
    }
    const ids = addon.spreadsheet.getSheetByName('Customer Metrics')!.getRange(2, 1, CUSTOMERS.length, 2).getValues();
    expect(ids.map(([id, name]) => [id, name]).sort()).toEqual(CUSTOMERS.map(([name, id]) => [id, name]).sort());

    // The user's own ID cells (text) as the custom functions' argument.
    const own = addon.argOf(`Customers!H2:H${CUSTOMERS.length + 1}`);
    expect(addon.callCustomFunction('MRR', own)).toEqual(CUSTOMERS.map((_, i) => [10 * (i + 1)]));

    const auth = { authorization: `Basic ${Buffer.from(`${api.key}:`).toString('base64')}` };
    const listed = await (await fetch(`${api.url}/v1/customers?per_page=200`, { headers: auth })).json() as { entries: { external_id: string; name: string }[] };
    expect(listed.entries.map((c) => [c.name, c.external_id]).sort()).toEqual(CUSTOMERS.map(([name, id]) => [name, id]).sort());
  });
});
