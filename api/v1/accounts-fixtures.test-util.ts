/**
 * Fixtures for the data source, customer, contact and plan tests: a real server over a test
 * database per driver, a second account to prove isolation, and billing data sent through
 * /sync into a data source made with /v1 (so /v1 writes meet /sync writes).
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { testDatabase, type DriverName, type TestDatabase } from '../testing/databases.test-util.ts';
import { startTestServer, type TestServer } from '../testing/server.test-util.ts';

export interface Harness {
  server: TestServer;
  database: TestDatabase;
  /** Key of a second account of the same server. */
  otherKey: string;
}

/** Starts a server (today 2026-11-21) before the describe block's tests and stops it after. */
export function useServer(driver: DriverName): Harness {
  const h = {} as Harness;
  beforeAll(async () => {
    h.database = await testDatabase(driver);
    // These tests send many requests a second; the rate limit has tests of its own.
    h.server = await startTestServer(h.database.db, { rateLimitPerSecond: 1_000_000 });
    h.otherKey = (await h.server.newAccount('Other')).key;
  }, 60_000);
  afterAll(async () => {
    await h.server?.close();
    await h.database?.drop();
  });
  return h;
}

/** POST that must succeed with `status`; returns the JSON. */
export async function ok(server: TestServer, method: string, path: string, body: unknown, status: number, key?: string): Promise<any> {
  const r = await server.call(method, path, body, key);
  expect(r.status, `${method} ${path}: ${JSON.stringify(r.json)}`).toBe(status);
  return r.json;
}

export async function createDataSource(server: TestServer, name: string, key?: string): Promise<string> {
  return (await ok(server, 'POST', '/v1/data_sources', { name }, 201, key)).uuid;
}

export async function createCustomer(server: TestServer, ds: string, externalId: string, extra: Record<string, unknown> = {}, key?: string): Promise<any> {
  return ok(server, 'POST', '/v1/customers', { data_source_uuid: ds, external_id: externalId, name: `Customer ${externalId}`, ...extra }, 201, key);
}

/** Rows into a data source (by name) through /sync; every row must be accepted. */
export async function syncRows(server: TestServer, source: string, dataset: string, rows: Record<string, unknown>[], key?: string): Promise<void> {
  const r = await server.call('POST', `/sync/${dataset}`, { rows, source }, key);
  expect(r.status).toBe(200);
  expect(r.json.errors, JSON.stringify(r.json.errors)).toEqual([]);
}

/**
 * A monthly subscription of `amount` cents on plan `plan` (created when missing) for a
 * customer of the data source, invoiced for the month around today: MRR = amount.
 */
export async function subscribe(server: TestServer, source: string, customer: string, opts: { plan?: string; amount?: number; sub?: string; interval?: number } = {}, key?: string): Promise<void> {
  const plan = opts.plan ?? 'monthly';
  await syncRows(server, source, 'plans', [{ Name: `Plan ${plan}`, 'Interval count': opts.interval ?? 1, 'Interval unit': 'month', 'Plan ID': plan }], key);
  const invoice = `inv-${customer}-${opts.sub ?? plan}`;
  await syncRows(server, source, 'invoices', [{ 'Customer external ID': customer, 'Invoice external ID': invoice, 'Invoiced date': '2026-11-01', Currency: 'USD' }], key);
  await syncRows(server, source, 'line_items', [{
    'Invoice external ID': invoice, 'Subscription external ID': opts.sub ?? `sub-${customer}`, Type: 'Subscription',
    'Amount in cents': opts.amount ?? 1200, Plan: plan, 'Service period start': '2026-11-01', 'Service period end': '2026-12-01', Proration: false,
  }], key);
}

/** The customers of /sync/results by external ID. */
export async function syncCustomers(server: TestServer, key?: string): Promise<Record<string, any>> {
  const r = await server.call('GET', '/sync/results', undefined, key);
  expect(r.status).toBe(200);
  return Object.fromEntries(r.json.customers.map((c: any) => [c.external_id, c]));
}

/** Every page of a /v1 list, following cursors. */
export async function allPages(server: TestServer, path: string, key: string, listKey = 'entries'): Promise<any[]> {
  const out: any[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 100; i++) {
    const sep = path.includes('?') ? '&' : '?';
    const page: any = await ok(server, 'GET', cursor ? `${path}${sep}cursor=${cursor}` : path, undefined, 200, key);
    out.push(...page[listKey]);
    expect(page.has_more).toBe(page.cursor !== null);
    if (!page.has_more) return out;
    cursor = page.cursor;
  }
  throw new Error('too many pages');
}
