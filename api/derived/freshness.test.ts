/**
 * Catching up recompute within limits (RecomputeLimits), on every driver: with a slice size
 * and a budget that allows one slice a request, each read recomputes exactly one slice and
 * answers 503 with Retry-After and the customers to go; the figures at the end are exactly
 * those of the unbounded recompute (the Node server's default) and of `mogul report`. A
 * settings change answers at once and leaves the work to the reads.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../cli/api-client.ts';
import { importFolder } from '../cli/import-command.ts';
import { buildFolderReport, parseReportArgs } from '../cli/report-command.ts';
import { writeCompany } from '../generate/write-company.ts';
import { drivers, testDatabase, type TestDatabase } from '../testing/databases.test-util.ts';
import { startTestServer, type TestServer } from '../testing/server.test-util.ts';

const AS_OF = '2026-10-31';
const SLICE = 6;

let folder: string;
beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'mogul-catch-up-'));
  await writeCompany(folder, { tier: 'XS', seed: 1, endDate: AS_OF });
}, 60_000);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Reads until the figures are ready; answers the pending counts of the 503s on the way. */
async function readUntilReady(server: TestServer): Promise<number[]> {
  const pending: number[] = [];
  for (let i = 0; i < 1_000; i++) {
    const r = await server.call('GET', '/sync/results?per_page=1');
    if (r.status === 200) return pending;
    expect(r.status).toBe(503);
    expect(r.headers.get('retry-after')).toBe('1');
    pending.push(r.json.pending_customers);
  }
  throw new Error('never ready');
}

async function allResults(server: TestServer) {
  const r = await server.call('GET', '/sync/results?per_page=5000');
  expect(r.status).toBe(200);
  expect(r.json.has_more).toBe(false);
  return r.json;
}

for (const driver of drivers()) {
  describe(`recompute within limits (${driver})`, () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await testDatabase(driver);
    }, 60_000);
    afterAll(() => database?.drop());

    it('one slice a read, 503 until done, then the same figures as the unbounded recompute and mogul report', async () => {
      const bounded = await startTestServer(database.db, { today: AS_OF, recompute: { sliceCustomers: SLICE, requestBudgetMs: 0 } });
      const unbounded = await startTestServer(database.db, { today: AS_OF });
      try {
        await importFolder(folder, apiClient(bounded.url, bounded.key));
        await importFolder(folder, apiClient(unbounded.url, unbounded.key));
        const { report } = buildFolderReport(parseReportArgs([folder, '--as-of', AS_OF], 0));
        const total = report.customers.length;

        const pending = await readUntilReady(bounded);
        expect(pending[0]).toBe(total - SLICE);
        for (let i = 1; i < pending.length; i++) expect(pending[i - 1] - pending[i]).toBe(SLICE);
        expect(pending.length).toBe(Math.ceil(total / SLICE) - 1);
        expect(await readUntilReady(unbounded)).toEqual([]);

        const a = await allResults(bounded);
        const b = await allResults(unbounded);
        for (const list of ['customers', 'subscriptions', 'movements', 'series'] as const) {
          expect(a[list]).toEqual(b[list]);
          expect(a[list]).toEqual(report[list]);
        }
      } finally {
        await bounded.close();
        await unbounded.close();
      }
    }, 120_000);

    it('a settings change answers at once; the reads after it catch up to the new figures', async () => {
      const server = await startTestServer(database.db, { today: AS_OF, recompute: { sliceCustomers: SLICE, requestBudgetMs: 0 } });
      try {
        await importFolder(folder, apiClient(server.url, server.key));
        await readUntilReady(server);
        const patched = await server.call('PATCH', '/v1/account', { settings: { churn_recognition: 'service_period_end' } });
        expect(patched.status).toBe(200);
        const pending = await readUntilReady(server);
        expect(pending.length).toBeGreaterThan(0);
        // The same folder with the new setting in its settings.json, through mogul report.
        const other = mkdtempSync(join(tmpdir(), 'mogul-catch-up-settings-'));
        try {
          cpSync(folder, other, { recursive: true });
          const path = join(other, 'settings.json');
          writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync(path, 'utf8')), churn_recognition: 'service_period_end' }));
          const { report } = buildFolderReport(parseReportArgs([other, '--as-of', AS_OF], 0));
          const before = buildFolderReport(parseReportArgs([folder, '--as-of', AS_OF], 0)).report;
          expect(report.movements).not.toEqual(before.movements); // the setting matters for this company
          const after = await allResults(server);
          expect(after.movements).toEqual(report.movements);
          expect(after.customers).toEqual(report.customers);
        } finally {
          rmSync(other, { recursive: true, force: true });
        }
      } finally {
        await server.close();
      }
    }, 120_000);
  });
}
