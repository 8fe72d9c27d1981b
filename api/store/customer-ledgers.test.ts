/**
 * /sync/results' revenue and transactions lists on a real server over PGlite: after `mogul
 * import` of golden cases, every page size pages them to exactly what `mogul report --revenue`
 * and the engine's transactionRows say; a write recomputes a customer's ledger and deleting
 * the customer takes it away.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkReferences, createEngineContext, endOfDay, parseDateOnly, transactionRows } from '../../shared/index.ts';
import { apiClient } from '../cli/api-client.ts';
import { GOLDEN_DIR } from '../cli/golden-dir.ts';
import { importFolder } from '../cli/import-command.ts';
import { loadFolder } from '../cli/load-folder.ts';
import { buildFolderReport, parseReportArgs } from '../cli/report-command.ts';
import { testDatabase, type TestDatabase } from '../testing/databases.test-util.ts';
import { startTestServer, type TestServer } from '../testing/server.test-util.ts';

const LISTS = ['customers', 'subscriptions', 'movements', 'revenue', 'transactions'] as const;

/** Every page of /sync/results at one page size, the lists joined; and how many pages it took. */
async function allResults(server: TestServer, perPage: number) {
  const get = async (path: string) => {
    const r = await server.call('GET', path);
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    return r.json;
  };
  let page = await get(`/sync/results?per_page=${perPage}`);
  const out: Record<(typeof LISTS)[number], any[]> = Object.fromEntries(LISTS.map((l) => [l, page[l]])) as never;
  let pages = 1;
  while (page.has_more) {
    page = await get(`/sync/results?per_page=${perPage}&cursor=${page.cursor}`);
    const size = LISTS.reduce((n, l) => n + page[l].length, 0);
    expect(size).toBeLessThanOrEqual(perPage);
    for (const l of LISTS) out[l] = [...out[l], ...page[l]];
    pages++;
  }
  return { ...out, pages };
}

describe('/sync/results revenue and transactions (pglite)', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await testDatabase('pglite');
  }, 60_000);
  afterAll(async () => {
    await database?.drop();
  });

  for (const name of ['02-annual-tax-discount', '13-one-time-and-cash', '18-multi-currency']) {
    it(`${name}: every page size gives mogul report --revenue's schedule and the engine's transactions`, async () => {
      const dir = join(GOLDEN_DIR, name);
      const args: string[] = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')).args;
      const asOf = args[args.indexOf('--as-of') + 1];
      const server = await startTestServer(database.db, { today: asOf, rateLimitPerSecond: 1_000_000 });
      try {
        await importFolder(dir, apiClient(server.url, server.key));
        const { report } = buildFolderReport(parseReportArgs([dir, '--as-of', asOf, '--revenue'], 0));
        const folder = loadFolder(dir);
        const day = parseDateOnly(asOf)!;
        const { data } = checkReferences(folder.parsed, folder.settings.settings, { asOfEnd: endOfDay(day) });
        const transactions = transactionRows(data, createEngineContext(data, folder.settings.settings, day));
        expect(report.revenue!.length).toBeGreaterThan(1);
        for (const perPage of [1, 2, 3, 7, 5000]) {
          const results = await allResults(server, perPage);
          expect(results.revenue, `per_page ${perPage}`).toEqual(report.revenue);
          expect(results.transactions, `per_page ${perPage}`).toEqual(transactions);
          expect(results.customers).toEqual(report.customers);
          const rows = LISTS.reduce((n, l) => n + results[l].length, 0);
          // A page filled exactly may be followed by an empty last one.
          expect(results.pages).toBeLessThanOrEqual(Math.ceil(rows / perPage) + 1);
        }
      } finally {
        await server.close();
      }
    }, 120_000);
  }

  it("25-segment-customers: a customer segment's revenue and transactions are its customers'", async () => {
    const dir = join(GOLDEN_DIR, '25-segment-customers');
    const args: string[] = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')).args;
    const asOf = args[args.indexOf('--as-of') + 1];
    const segment = args[args.indexOf('--segment') + 1];
    const server = await startTestServer(database.db, { today: asOf, rateLimitPerSecond: 1_000_000 });
    try {
      await importFolder(dir, apiClient(server.url, server.key));
      const { report } = buildFolderReport(parseReportArgs([dir, '--as-of', asOf, '--revenue'], 0));
      const { report: narrowed } = buildFolderReport(parseReportArgs([dir, '--as-of', asOf, '--segment', segment], 0));
      const kept = new Set(narrowed.customers.map((c) => c.external_id));
      expect(kept.size).toBeGreaterThan(0);
      expect(kept.size).toBeLessThan(report.customers.length);
      const folder = loadFolder(dir);
      const day = parseDateOnly(asOf)!;
      const { data } = checkReferences(folder.parsed, folder.settings.settings, { asOfEnd: endOfDay(day) });
      const transactions = transactionRows(data, createEngineContext(data, folder.settings.settings, day));
      const lists: Record<'revenue' | 'transactions', unknown[]> = { revenue: [], transactions: [] };
      let page = (await server.call('GET', `/sync/results?per_page=2&segment=${encodeURIComponent(segment)}`)).json;
      for (;;) {
        lists.revenue.push(...page.revenue);
        lists.transactions.push(...page.transactions);
        if (!page.has_more) break;
        page = (await server.call('GET', `/sync/results?per_page=2&segment=${encodeURIComponent(segment)}&cursor=${page.cursor}`)).json;
      }
      expect(lists.revenue).toEqual(report.revenue!.filter((e) => kept.has(e.customer_external_id)));
      expect(lists.transactions).toEqual(transactions.filter((t) => kept.has(t.customer_external_id)));
    } finally {
      await server.close();
    }
  }, 60_000);

  it("a write recomputes the customer's ledger; deleting the customer takes it away", async () => {
    const server = await startTestServer(database.db, { today: '2024-03-31', rateLimitPerSecond: 1_000_000 });
    try {
      const sync = async (dataset: string, rows: Record<string, unknown>[]) => {
        const r = await server.call('POST', `/sync/${dataset}`, { rows, source: 'Shop' });
        expect(r.json.errors).toEqual([]);
      };
      await sync('customers', [{ Name: 'A', 'External ID': 'a' }, { Name: 'B', 'External ID': 'b' }]);
      await sync('plans', [{ Name: 'Monthly', 'Interval count': 1, 'Interval unit': 'month', 'Plan ID': 'm' }]);
      await sync('invoices', [
        { 'Customer external ID': 'a', 'Invoice external ID': 'i-a', 'Invoiced date': '2024-01-16', Currency: 'USD' },
        { 'Customer external ID': 'b', 'Invoice external ID': 'i-b', 'Invoiced date': '2024-02-01', Currency: 'USD' },
      ]);
      await sync('line_items', [
        { 'Invoice external ID': 'i-a', 'Subscription external ID': 's-a', Type: 'Subscription', 'Amount in cents': 6000, Plan: 'm', 'Service period start': '2024-01-16', 'Service period end': '2024-03-16', Proration: false },
        { 'Invoice external ID': 'i-b', 'Subscription external ID': 's-b', Type: 'Subscription', 'Amount in cents': 2900, Plan: 'm', 'Service period start': '2024-02-01', 'Service period end': '2024-03-01', Proration: false },
      ]);
      let results = await allResults(server, 2);
      expect(results.revenue).toEqual([
        { customer_external_id: 'a', month: '2024-01', amount: 1600 },
        { customer_external_id: 'a', month: '2024-02', amount: 2900 },
        { customer_external_id: 'a', month: '2024-03', amount: 1500 },
        { customer_external_id: 'b', month: '2024-02', amount: 2900 },
      ]);
      expect(results.transactions).toEqual([]);

      await sync('transactions', [
        { 'Invoice external ID': 'i-b', Type: 'payment', Result: 'failed', Date: '2024-02-01T08:00:00Z' },
        { 'Invoice external ID': 'i-b', 'External ID': 'tr-1', Type: 'payment', Result: 'successful', Date: '2024-02-02' },
      ]);
      results = await allResults(server, 2);
      expect(results.transactions).toEqual([
        { customer_external_id: 'b', invoice_external_id: 'i-b', external_id: null, date: '2024-02-01', at: '2024-02-01T08:00:00.000Z', type: 'payment', result: 'failed', amount: 2900 },
        { customer_external_id: 'b', invoice_external_id: 'i-b', external_id: 'tr-1', date: '2024-02-02', at: '2024-02-02T00:00:00.000Z', type: 'payment', result: 'successful', amount: 2900 },
      ]);

      const a = (await server.call('GET', '/v1/customers?external_id=a')).json.entries[0].uuid;
      expect((await server.call('DELETE', `/v1/customers/${a}`)).status).toBe(204);
      results = await allResults(server, 2);
      expect(results.revenue).toEqual([{ customer_external_id: 'b', month: '2024-02', amount: 2900 }]);
    } finally {
      await server.close();
    }
  }, 60_000);

  it('a cursor the API never gave out is a 400 naming it', async () => {
    const server = await startTestServer(database.db, { rateLimitPerSecond: 1_000_000 });
    try {
      for (const cursor of [Buffer.from('5.0').toString('base64url'), 'nonsense']) {
        const r = await server.call('GET', `/sync/results?cursor=${cursor}`);
        expect(r.status).toBe(400);
        expect(JSON.stringify(r.json)).toContain('cursor');
      }
    } finally {
      await server.close();
    }
  });
});
