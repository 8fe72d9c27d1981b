/**
 * GET /v1/customers/{uuid}/profile on a real server over PGlite: for golden cases imported with
 * `mogul import`, every customer's profile says what `mogul report --revenue` and the engine say
 * of that customer (header figures, movements, revenue schedule, transactions, MRR by month);
 * unknown customers and other accounts' are 404.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  analyse, buildBuckets, buildSeries, checkReferences, createEngineContext, defaultSeriesStart, endOfDay, formatDate,
  parseDateOnly,
} from '../../../../shared/index.ts';
import { transactionRows } from '../../../../shared/engine/transactions.ts';
import { apiClient } from '../../../cli/api-client.ts';
import { GOLDEN_DIR } from '../../../cli/golden-dir.ts';
import { importFolder } from '../../../cli/import-command.ts';
import { loadFolder } from '../../../cli/load-folder.ts';
import { buildFolderReport, parseReportArgs } from '../../../cli/report-command.ts';
import { testDatabase, type TestDatabase } from '../../../testing/databases.test-util.ts';
import { startTestServer, type TestServer } from '../../../testing/server.test-util.ts';
import { CustomerProfile } from './schemas.ts';

const CASES = ['02-annual-tax-discount', '06-lifecycle', '13-one-time-and-cash', '18-multi-currency', '25-segment-customers'];
const STATUS: Record<string, string> = { Lead: 'New Lead', Active: 'Active', 'Past due': 'Past Due', Cancelled: 'Cancelled' };
const instant = (t: number) => new Date(t).toISOString().replace(/\.\d{3}Z$/, '+00:00');

function asOfOf(dir: string): string {
  const args: string[] = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')).args ?? [];
  return args[args.indexOf('--as-of') + 1];
}

/** The folder's report with its revenue schedule, and the engine's own view of each customer. */
function engineView(dir: string, asOf: string) {
  const day = parseDateOnly(asOf)!;
  const { report } = buildFolderReport(parseReportArgs([dir, '--as-of', asOf, '--revenue'], 0));
  const folder = loadFolder(dir);
  const settings = folder.settings.settings;
  const { data } = checkReferences(folder.parsed, settings, { asOfEnd: endOfDay(day) });
  const analysis = analyse(data, settings, day);
  const transactions = transactionRows(data, createEngineContext(data, settings, day));
  return { day, report, data, analysis, transactions };
}

async function uuidOf(server: TestServer, externalId: string): Promise<string> {
  const r = await server.call('GET', `/v1/customers?external_id=${encodeURIComponent(externalId)}`);
  expect(r.json.entries).toHaveLength(1);
  return r.json.entries[0].uuid;
}

describe('GET /v1/customers/{uuid}/profile (pglite)', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await testDatabase('pglite');
  }, 60_000);
  afterAll(async () => {
    await database?.drop();
  });

  for (const name of CASES) {
    it(`every customer of ${name} as mogul report --revenue and the engine say`, async () => {
      const dir = join(GOLDEN_DIR, name);
      const asOf = asOfOf(dir);
      const server = await startTestServer(database.db, { today: asOf, rateLimitPerSecond: 1_000_000 });
      try {
        await importFolder(dir, apiClient(server.url, server.key));
        const { day, report, data, analysis, transactions } = engineView(dir, asOf);
        expect(report.customers.length).toBeGreaterThan(0);
        const seen = { revenue: 0, transactions: 0, movements: 0 };
        for (const row of report.customers) {
          const uuid = await uuidOf(server, row.external_id);
          const r = await server.call('GET', `/v1/customers/${uuid}/profile`);
          expect(r.status, JSON.stringify(r.json)).toBe(200);
          const p: CustomerProfile = r.json;
          const where = `${name} ${row.external_id}`;

          expect(p['as-of'], where).toBe(asOf);
          expect(p.currency).toBe(report.currency);
          expect(p.header, where).toMatchObject({
            status: STATUS[row.status], mrr: row.mrr, arr: row.arr, 'net-payments': row.net_payments,
            subscriptions: row.subscriptions, quantity: row.quantity,
          });
          expect(p.header['subscriber-since']?.slice(0, 10) ?? null, where).toBe(row.subscriber_since);
          const customer = data.customers.find((c) => c.externalId === row.external_id)!;
          expect(p.details, where).toMatchObject({
            uuid, 'external-id': row.external_id, name: customer.name, email: customer.email ?? '', country: customer.country,
            'lead-created-at': customer.leadCreatedAt === null ? null : instant(customer.leadCreatedAt),
            'free-trial-started-at': customer.freeTrialStartedAt === null ? null : instant(customer.freeTrialStartedAt),
          });
          // Tags and Attribute: columns as the folder's parser read them, the attributes as ChartMogul types them.
          expect(p.attributes, where).toEqual({
            tags: [...customer.tags],
            custom: Object.fromEntries(Object.entries(customer.attributes).map(([k, v]) => [k, v.type === 'date' ? new Date(v.value).toISOString() : v.value])),
          });

          const movements = report.movements.filter((m) => m.customer_external_id === row.external_id);
          expect(p.movements.map((m) => [m.date, m.type, m['activity-mrr-movement'], m['activity-mrr']]), where)
            .toEqual(movements.map((m) => [m.at.replace(/\.\d{3}Z$/, '+00:00'), m.type, m.amount, m.customer_mrr_after]));
          expect(p.subscriptions.map((s) => s.external_id).sort(), where)
            .toEqual(report.subscriptions.filter((s) => s.customer_external_id === row.external_id).map((s) => s.external_id).sort());

          expect(p['revenue-schedule'], where).toEqual(
            report.revenue!.filter((e) => e.customer_external_id === row.external_id).map((e) => ({ month: e.month, amount: e.amount })),
          );
          expect(p.transactions, where).toEqual(transactions.filter((t) => t.customer_external_id === row.external_id).map((t) => ({
            date: t.at.replace(/\.\d{3}Z$/, '+00:00'), 'external-id': t.external_id, 'invoice-external-id': t.invoice_external_id,
            type: t.type, result: t.result, amount: t.amount,
          })));

          // The engine's series of this customer alone, built from its analysis rather than from what the API stored.
          const mine = analysis.customers.find((c) => c.customerId === row.external_id)!;
          const series = buildSeries({
            buckets: buildBuckets(defaultSeriesStart(mine.movements, day), day, 'month'),
            customerStates: [mine.states], movements: mine.movements, fx: mine.fx, cash: mine.cash,
            leads: [{ customerId: row.external_id, leadCreatedAt: customer.leadCreatedAt, freeTrialStartedAt: customer.freeTrialStartedAt }],
          });
          expect(p['mrr-series'].map((e) => [e.date, e.mrr, e['mrr-new-business'], e['mrr-churn']]), where)
            .toEqual(series.map((e) => [e.date, e.mrr, e.new_biz, e.churn]));
          expect(p['mrr-series'].at(-1)!.date).toBe(formatDate(day));
          expect(p['mrr-series'].at(-1)!.mrr, where).toBe(row.mrr);
          seen.revenue += p['revenue-schedule'].length;
          seen.transactions += p.transactions.length;
          seen.movements += p.movements.length;
        }
        // The comparisons above were over something.
        expect(seen.revenue).toBeGreaterThan(0);
        expect(seen.movements).toBeGreaterThan(0);
        expect(seen.transactions > 0).toBe(transactions.length > 0);
      } finally {
        await server.close();
      }
    }, 60_000);
  }

  it("answers 404 for an unknown customer, an ID that is none, and another account's customer", async () => {
    const server = await startTestServer(database.db, { rateLimitPerSecond: 1_000_000 });
    try {
      const other = await server.newAccount('Other');
      const ds = (await server.call('POST', '/v1/data_sources', { name: 'Theirs' }, other.key)).json.uuid;
      const theirs = (await server.call('POST', '/v1/customers', { data_source_uuid: ds, external_id: 'x', name: 'X' }, other.key)).json.uuid;
      expect((await server.call('GET', `/v1/customers/${theirs}/profile`, undefined, other.key)).status).toBe(200);
      for (const id of [theirs, 'cus_00000000-0000-0000-0000-000000000000', 'not-an-id']) {
        const r = await server.call('GET', `/v1/customers/${id}/profile`);
        expect(r.status, id).toBe(404);
        expect(r.json).toMatchObject({ code: 404 });
      }
    } finally {
      await server.close();
    }
  });

  it('a lead with nothing yet: its details and attributes, a Lead header, empty lists', async () => {
    const server = await startTestServer(database.db, { rateLimitPerSecond: 1_000_000 });
    try {
      const ds = (await server.call('POST', '/v1/data_sources', { name: 'Leads' })).json.uuid;
      const made = (await server.call('POST', '/v1/customers', {
        data_source_uuid: ds, external_id: 'lead-1', name: 'Lead One', country: 'DE', lead_created_at: '2026-10-01T09:30:00Z',
        attributes: { tags: ['warm'], custom: [{ type: 'Integer', key: 'Seats', value: 5 }] },
      })).json;
      const p: CustomerProfile = (await server.call('GET', `/v1/customers/${made.uuid}/profile`)).json;
      expect(p.header).toEqual({
        status: 'New Lead', mrr: 0, arr: 0, 'net-payments': 0, 'subscriber-since': null, 'customer-since': null, subscriptions: 0, quantity: 0,
      });
      expect(p.details).toMatchObject({
        name: 'Lead One', email: '', company: '', country: 'DE', 'country-name': 'Germany', 'lead-created-at': '2026-10-01T09:30:00+00:00',
        'data-source-uuid': ds, 'data-source-name': 'Leads', 'billing-system-type': 'Import API',
      });
      expect(p.attributes).toEqual({ tags: ['warm'], custom: { Seats: 5 } });
      expect(p.subscriptions).toEqual([]);
      expect(p.movements).toEqual([]);
      expect(p['revenue-schedule']).toEqual([]);
      expect(p.transactions).toEqual([]);
      expect(p['mrr-series'].map((e) => [e.date, e.mrr])).toEqual([['2026-11-21', 0]]);
    } finally {
      await server.close();
    }
  });
});
