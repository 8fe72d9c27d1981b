/**
 * Recompute on pg-boss (PostgreSQL; runs with CI=true): `mogul serve` sends a plan after each
 * write and its in-process worker recomputes every marked customer before any read asks, with
 * the figures of the inline recompute; and with `mogul worker` processes, one killed while it
 * holds a slice's marks, the job is retried on the other worker: every customer computed
 * exactly once, nothing left marked, the figures again those of the inline recompute.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../cli/api-client.ts';
import { importFolder } from '../cli/import-command.ts';
import { buildFolderReport, parseReportArgs } from '../cli/report-command.ts';
import { parseDateOnly } from '../../shared/index.ts';
import { writeCompany } from '../generate/write-company.ts';
import { startServer } from '../server.ts';
import { countDirty, markAccountDirty } from '../store/dirty.ts';
import { serverTests, testDatabase, type TestDatabase } from '../testing/databases.test-util.ts';
import { buildCliOnce, mogul, type MogulProcess } from '../testing/mogul-process.test-util.ts';
import { httpCaller, startTestServer } from '../testing/server.test-util.ts';
import { startPgBossQueue } from './pg-boss-queue.ts';

const AS_OF = '2026-10-31';
const SLICE = 5;
const KEY = 'queue-test-key';

async function until(what: string, done: () => Promise<boolean>, ms = 90_000, context: () => string = () => ''): Promise<void> {
  const end = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${context()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.runIf(serverTests())('recompute on pg-boss', () => {
  let folder: string;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'mogul-queue-'));
    await writeCompany(folder, { tier: 'XS', seed: 3, endDate: AS_OF });
    buildCliOnce();
  }, 180_000);
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  /** /sync/results in full, read through `call`. */
  async function results(call: ReturnType<typeof httpCaller>) {
    const r = await call('GET', '/sync/results?per_page=5000');
    expect(r.status).toBe(200);
    return r.json;
  }

  /** The figures again, every customer marked and recomputed inline by the read. */
  async function inline(database: TestDatabase, accountId: string, call: ReturnType<typeof httpCaller>) {
    await database.db.transaction((tx) => markAccountDirty(tx, accountId));
    return results(call);
  }

  describe('mogul serve on PostgreSQL', () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await testDatabase('pg');
    }, 60_000);
    afterAll(() => database?.drop());

    it('recomputes what writes marked on its queue worker, with the figures of the inline recompute', async () => {
      const server = await startServer(
        { PORT: '0', DATABASE_URL: database.url, DB_DRIVER: 'pg', MOGUL_TODAY: AS_OF, MOGUL_API_KEY: KEY, MOGUL_QUEUE_SLICE: String(SLICE) },
        { queue: true, log: () => {}, rateLimitPerSecond: 1000 },
      );
      try {
        const summary = await importFolder(folder, apiClient(server.url, KEY));
        expect(summary.errors).toEqual([]);
        const [{ account_id: accountId }] = await server.db.read((tx) => tx.query<{ account_id: string }>('SELECT account_id FROM data_sources'));
        // No read has asked: the queue's worker recomputes every marked customer.
        await until('the queue to recompute every customer', async () => (await server.db.read((tx) => countDirty(tx, accountId))) === 0);
        const call = httpCaller(server.url, KEY);
        const queued = await results(call);
        const { report } = buildFolderReport(parseReportArgs([folder, '--as-of', AS_OF], 0));
        expect(queued.customers.length).toBe(report.customers.length);
        const again = await inline(database, accountId, call);
        for (const list of ['customers', 'subscriptions', 'movements', 'series'] as const) {
          expect(queued[list]).toEqual(again[list]);
          expect(queued[list]).toEqual(report[list]);
        }
      } finally {
        await server.close();
      }
    }, 180_000);
  });

  describe('mogul worker processes', () => {
    let database: TestDatabase;
    const workers: MogulProcess[] = [];
    beforeAll(async () => {
      database = await testDatabase('pg');
    }, 60_000);
    afterAll(async () => {
      await Promise.all(workers.map((w) => w.kill('SIGKILL')));
      await database?.drop();
    });

    const worker = (extra: Record<string, string> = {}) => {
      const w = mogul(['worker'], {
        DATABASE_URL: database.url!, MOGUL_TODAY: AS_OF, MOGUL_QUEUE_SLICE: String(SLICE),
        // No sweep: its plan would wait for the held slice, and the other worker's slices behind it.
        MOGUL_QUEUE_EXPIRE_SECONDS: '30', MOGUL_LOG_SLICES: '1', MOGUL_QUEUE_SWEEP: 'off', ...extra,
      });
      workers.push(w);
      return w;
    };

    /** The customers each committed slice of a worker recomputed, from its log. */
    const computed = (w: MogulProcess) => w.output().split('\n').filter((l) => l.startsWith('recomputed '))
      .flatMap((l) => (JSON.parse(l.slice('recomputed '.length)) as { customers: { customerExternalId: string }[] }).customers)
      .map((c) => c.customerExternalId);

    it('a worker killed mid-job: the job completes on another worker, every customer computed once', async () => {
      // Written through a server without a queue: the marks wait for the workers.
      const server = await startTestServer(database.db, { today: AS_OF, rateLimitPerSecond: 1000 });
      try {
        const summary = await importFolder(folder, apiClient(server.url, server.key));
        expect(summary.errors).toEqual([]);
        const { report } = buildFolderReport(parseReportArgs([folder, '--as-of', AS_OF], 0));
        const marked = await database.db.read((tx) => countDirty(tx, server.accountId));
        expect(marked).toBeGreaterThan(0);

        // The first worker holds the marks of its first slice (and would for ten minutes).
        const first = worker({ MOGUL_TEST_HOLD_SLICE: '600000' });
        await until('the first worker to start', async () => first.output().includes('taking recompute jobs'));
        const producer = await startPgBossQueue({ DATABASE_URL: database.url }, {
          db: database.db, today: () => parseDateOnly(AS_OF)!, consume: false, log: () => {},
        });
        producer.queue.kick(server.accountId);
        await until('the first worker to hold a slice', async () => first.output().includes('holding its marks'));
        // Its job expires 30 s after it started: the second worker does the rest before that.
        const second = worker();
        await until('the second worker to run out of free marks', async () => computed(second).length >= report.customers.length - SLICE, 60_000,
          () => `\nfirst: ${first.output()}\nsecond: ${second.output()}`);
        expect(await database.db.read((tx) => countDirty(tx, server.accountId))).toBe(SLICE);
        expect(first.output().match(/holding its marks/g)).toHaveLength(1);
        expect(await first.kill('SIGKILL')).toBe('SIGKILL');

        // The dead worker's transaction gave its marks back; pg-boss retries its job once expired.
        // (A slice's log line comes after its commit, and pg-boss completes the job after that:
        // all three waited for.)
        const retried = () => database.db.read((tx) => tx.query<{ state: string; retry_count: number }>(
          "SELECT state, retry_count FROM pgboss.job WHERE name = 'mogul-recompute-slice' AND retry_count > 0"));
        await until('the killed job to complete elsewhere', async () =>
          (await database.db.read((tx) => countDirty(tx, server.accountId))) === 0 && computed(second).length >= report.customers.length &&
          (await retried()).every((job) => job.state !== 'active'));
        await producer.stop();
        expect(computed(first)).toEqual([]);
        const done = computed(second);
        expect(done.length).toBe(report.customers.length);
        expect(new Set(done).size).toBe(done.length);
        expect(await retried()).toEqual([{ state: 'completed', retry_count: 1 }]);

        const queued = await results(server.call);
        const again = await inline(database, server.accountId, server.call);
        for (const list of ['customers', 'subscriptions', 'movements', 'series'] as const) {
          expect(queued[list]).toEqual(again[list]);
          expect(queued[list]).toEqual(report[list]);
        }
        await second.kill('SIGTERM');
      } finally {
        await server.close();
      }
    }, 240_000);
  });
});
