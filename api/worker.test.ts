/**
 * The Worker (api/worker.ts) in workerd on Neon's driver, beyond what the shared API tests
 * run on it: a request never recomputes more than one bounded slice of customers (a read
 * that finds more answers 503 with Retry-After and how many are left, and the figures that
 * finally come equal `mogul report`), the cron trigger catches up in the background, the
 * MOGUL_API_KEY secret makes the default account (an empty one is refused), and a missing
 * DATABASE_URL says what to do.
 * Runs where PostgreSQL is (CI=true or DATABASE_URL), like the other server tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from './cli/api-client.ts';
import { importFolder } from './cli/import-command.ts';
import { buildFolderReport, parseReportArgs } from './cli/report-command.ts';
import { writeCompany } from './generate/write-company.ts';
import { serverTests, testDatabase, type TestDatabase } from './testing/databases.test-util.ts';
import { startNeonRelay, type Relay } from './testing/neon-relay.ts';
import { startWorker, type RunningWorker } from './testing/worker.test-util.ts';
import { createAccount } from './store/accounts.ts';

const AS_OF = '2026-10-31';
const SLICE = 7;

describe.runIf(serverTests())('the Worker in workerd', () => {
  let database: TestDatabase;
  let relay: Relay;
  let folder: string;
  const workers: RunningWorker[] = [];

  /** A Worker on the test database that recomputes one slice of SLICE customers a request. */
  async function worker(extra: Record<string, string> = {}) {
    const w = await startWorker({
      DATABASE_URL: database.url!, NEON_WS_PROXY: relay.proxy, MOGUL_TODAY: AS_OF, MOGUL_RATE_LIMIT: '1000',
      MOGUL_RECOMPUTE_SLICE: String(SLICE), MOGUL_RECOMPUTE_BUDGET_MS: '0', ...extra,
    });
    workers.push(w);
    return w;
  }

  const basic = (key: string) => ({ authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` });

  beforeAll(async () => {
    database = await testDatabase('pg');
    relay = await startNeonRelay();
    folder = mkdtempSync(join(tmpdir(), 'mogul-worker-'));
    await writeCompany(folder, { tier: 'XS', seed: 1, endDate: AS_OF });
  }, 120_000);
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await relay?.close();
    await database?.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('recomputes at most one slice a request, answers 503 with Retry-After until done, then equals mogul report', async () => {
    const w = await worker();
    const { key } = await database.db.transaction((tx) => createAccount(tx, 'Sliced'));
    const summary = await importFolder(folder, apiClient(w.url, key));
    expect(summary.errors).toEqual([]);
    const { report } = buildFolderReport(parseReportArgs([folder, '--as-of', AS_OF], 0));
    const total = report.customers.length;
    expect(total).toBeGreaterThan(3 * SLICE);

    const pending: number[] = [];
    for (;;) {
      const response = await fetch(`${w.url}/sync/results?per_page=1`, { headers: basic(key) });
      const body = (await response.json()) as any;
      if (response.status === 200) break;
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('1');
      expect(body.message).toMatch(/still computing figures/);
      pending.push(body.pending_customers);
      expect(pending.length).toBeLessThan(total);
    }
    // Every request did one slice: the count left falls by exactly SLICE each time.
    expect(pending[0]).toBe(total - SLICE);
    for (let i = 1; i < pending.length; i++) expect(pending[i - 1] - pending[i]).toBe(SLICE);
    expect(pending.at(-1)).toBeLessThanOrEqual(SLICE);

    // Mogul's own client waits out the 503s by itself; here the figures are ready.
    const client = apiClient(w.url, key);
    let page = await client.request<any>('GET', '/sync/results?per_page=5000');
    const results = { ...page };
    while (page.has_more) {
      page = await client.request<any>('GET', `/sync/results?per_page=5000&cursor=${page.cursor}`);
      for (const list of ['customers', 'subscriptions', 'movements']) results[list] = [...results[list], ...page[list]];
    }
    expect(results.customers).toEqual(report.customers);
    expect(results.subscriptions).toEqual(report.subscriptions);
    expect(results.movements).toEqual(report.movements);
    expect(results.series).toEqual(report.series);
  }, 180_000);

  it("Mogul's client waits out the 503s and gets the figures", async () => {
    const w = await worker();
    const { key } = await database.db.transaction((tx) => createAccount(tx, 'Waiting'));
    await importFolder(folder, apiClient(w.url, key));
    const waits: string[] = [];
    const client = apiClient(w.url, key, { onWait: (message) => waits.push(message), sleep: async () => {} });
    const metrics = await client.request<any>('GET', `/v1/metrics/mrr?start-date=2026-01-01&end-date=${AS_OF}&interval=month`);
    expect(waits.length).toBeGreaterThan(1);
    expect(waits[0]).toMatch(/customers to go/);
    const { report } = buildFolderReport(parseReportArgs([folder, '--as-of', AS_OF], 0));
    const octoberMrr = report.series.find((e) => e.date === AS_OF)!.mrr;
    expect(metrics.entries.at(-1)).toMatchObject({ date: AS_OF, mrr: octoberMrr });
  }, 180_000);

  it('the cron trigger catches up in the background, so the next read answers at once', async () => {
    const w = await worker();
    const { key } = await database.db.transaction((tx) => createAccount(tx, 'Cron'));
    await importFolder(folder, apiClient(w.url, key));
    const first = await fetch(`${w.url}/sync/results?per_page=1`, { headers: basic(key) });
    expect(first.status).toBe(503);
    const left = ((await first.json()) as any).pending_customers as number;
    // One slice an account per run with a budget of 0; enough runs to finish.
    for (let run = 0; run < Math.ceil(left / SLICE); run++) await w.scheduled();
    const after = await fetch(`${w.url}/sync/results?per_page=1`, { headers: basic(key) });
    expect(after.status).toBe(200);
  }, 180_000);

  it('makes the default account from the MOGUL_API_KEY secret', async () => {
    const w = await worker({ MOGUL_API_KEY: 'a-deployment-secret-key' });
    const ping = await fetch(`${w.url}/v1/ping`, { headers: basic('a-deployment-secret-key') });
    expect(ping.status).toBe(200);
    expect((await ping.json()) as unknown).toEqual({ data: 'pong!' });
    const wrong = await fetch(`${w.url}/v1/ping`, { headers: basic('not-the-key') });
    expect(wrong.status).toBe(401);
  });

  it('refuses an empty or blank MOGUL_API_KEY secret, saying how to unset it', async () => {
    for (const key of ['', '  ']) {
      const w = await worker({ MOGUL_API_KEY: key });
      const response = await fetch(`${w.url}/v1/ping`, { headers: basic(key) });
      expect(response.status).toBe(500);
      expect(((await response.json()) as any).message).toMatch(/^MOGUL_API_KEY is set but (empty|blank): .*wrangler secret delete MOGUL_API_KEY/);
    }
  });

  it('without DATABASE_URL says which secret to set', async () => {
    const w = await worker({ DATABASE_URL: '' });
    const response = await fetch(`${w.url}/v1/ping`);
    expect(response.status).toBe(500);
    expect(((await response.json()) as any).message).toMatch(/wrangler secret put DATABASE_URL/);
  });
});
