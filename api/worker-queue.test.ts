/**
 * The Worker in workerd with the recompute queue (Cloudflare Queues, run by Miniflare): an
 * import's writes send plans, the Worker's queue() handler takes the slices, and the figures
 * are ready before any read asks: the first read answers 200 at once, equal to mogul report,
 * although each request may recompute only one slice. Runs where PostgreSQL is (CI=true).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from './cli/api-client.ts';
import { importFolder } from './cli/import-command.ts';
import { buildFolderReport, parseReportArgs } from './cli/report-command.ts';
import { writeCompany } from './generate/write-company.ts';
import { createAccount } from './store/accounts.ts';
import { countDirty } from './store/dirty.ts';
import { serverTests, testDatabase, type TestDatabase } from './testing/databases.test-util.ts';
import { startNeonRelay, type Relay } from './testing/neon-relay.ts';
import { httpCaller } from './testing/server.test-util.ts';
import { startWorker, type RunningWorker } from './testing/worker.test-util.ts';

const AS_OF = '2026-10-31';

describe.runIf(serverTests())('the Worker with its recompute queue', () => {
  let database: TestDatabase;
  let relay: Relay;
  let folder: string;
  let worker: RunningWorker | null = null;

  beforeAll(async () => {
    database = await testDatabase('pg');
    relay = await startNeonRelay();
    folder = mkdtempSync(join(tmpdir(), 'mogul-worker-queue-'));
    await writeCompany(folder, { tier: 'XS', seed: 2, endDate: AS_OF });
  }, 120_000);
  afterAll(async () => {
    await worker?.close();
    await relay?.close();
    await database?.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('consumes the queue: every marked customer recomputed without a read, then the first read is ready', async () => {
    worker = await startWorker({
      DATABASE_URL: database.url!, NEON_WS_PROXY: relay.proxy, MOGUL_TODAY: AS_OF, MOGUL_RATE_LIMIT: '1000',
      MOGUL_RECOMPUTE_SLICE: '7', MOGUL_RECOMPUTE_BUDGET_MS: '0',
    }, { queue: true });
    const { key, id } = await database.db.transaction((tx) => createAccount(tx, 'Queued'));
    const summary = await importFolder(folder, apiClient(worker.url, key));
    expect(summary.errors).toEqual([]);
    const end = Date.now() + 120_000;
    while ((await database.db.read((tx) => countDirty(tx, id))) > 0) {
      if (Date.now() > end) throw new Error('the queue never recomputed every customer');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // With a slice of 7 and no budget, a read that found marks would answer 503: this one finds none.
    const r = await httpCaller(worker.url, key)('GET', '/sync/results?per_page=5000');
    expect(r.status).toBe(200);
    const { report } = buildFolderReport(parseReportArgs([folder, '--as-of', AS_OF], 0));
    expect(r.json.customers.length).toBeGreaterThan(3 * 7);
    for (const list of ['customers', 'subscriptions', 'movements', 'series'] as const) expect(r.json[list]).toEqual(report[list]);
  }, 240_000);
});
