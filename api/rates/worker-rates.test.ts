/**
 * The Worker's daily cron refreshes the reference rates, in workerd, from a local server in
 * ECB's format (MOGUL_ECB_URL); the five-minute cron does not fetch them. The daily cron is
 * one of api/wrangler.jsonc's. Runs where PostgreSQL is (CI=true or DATABASE_URL), like the
 * other Worker tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../paths.ts';
import { referenceRatesOf, referenceRateUpdate } from '../store/reference-rates.ts';
import { serverTests, testDatabase, type TestDatabase } from '../testing/databases.test-util.ts';
import { startNeonRelay, type Relay } from '../testing/neon-relay.ts';
import { startWorker, type RunningWorker } from '../testing/worker.test-util.ts';
import { ecbXml, startEcbServer, type EcbServer } from './ecb-server.test-util.ts';
import { ECB_SOURCE } from './settings.ts';
import { RATES_CRON } from './worker-cron.ts';

describe('the Worker cron of the reference rates', () => {
  it("is one of api/wrangler.jsonc's cron triggers, beside the five-minute one", () => {
    const config = readFileSync(join(REPO_ROOT, 'api', 'wrangler.jsonc'), 'utf8');
    const crons = /"crons":\s*\[([^\]]*)\]/.exec(config)![1];
    expect([...crons.matchAll(/"([^"]+)"/g)].map((m) => m[1])).toEqual(['*/5 * * * *', RATES_CRON]);
  });
});

describe.runIf(serverTests())('the Worker refreshes the reference rates in workerd', () => {
  let database: TestDatabase;
  let relay: Relay;
  let ecb: EcbServer;
  let worker: RunningWorker;

  beforeAll(async () => {
    database = await testDatabase('pg');
    relay = await startNeonRelay();
    ecb = await startEcbServer(ecbXml({ '2024-01-02': { USD: '1.0956', GBP: '0.86275' }, '2024-01-03': { USD: '1.0919', GBP: '0.8656' } }));
    worker = await startWorker({ DATABASE_URL: database.url!, NEON_WS_PROXY: relay.proxy, MOGUL_ECB_URL: ecb.url, MOGUL_TODAY: '2024-01-20' });
  }, 120_000);
  afterAll(async () => {
    await worker?.close();
    await ecb?.close();
    await relay?.close();
    await database?.drop();
  });

  it('the five-minute cron leaves them alone; the daily one fetches and stores them', async () => {
    await worker.scheduled();
    expect(ecb.requests()).toBe(0);
    await worker.scheduled(RATES_CRON);
    expect(ecb.requests()).toBe(1);
    const { rates, update } = await database.db.read(async (tx) => ({
      rates: await referenceRatesOf(tx, ['GBP', 'USD']),
      update: await referenceRateUpdate(tx, ECB_SOURCE),
    }));
    expect(rates).toEqual([
      { currency: 'GBP', date: '2024-01-02', perEur: '0.86275' },
      { currency: 'GBP', date: '2024-01-03', perEur: '0.8656' },
      { currency: 'USD', date: '2024-01-02', perEur: '1.0956' },
      { currency: 'USD', date: '2024-01-03', perEur: '1.0919' },
    ]);
    expect(update).toMatchObject({ url: ecb.url, latestDate: '2024-01-03', rows: 4 });
  }, 120_000);
});
