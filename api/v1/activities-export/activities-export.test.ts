/**
 * POST /v1/activities_export and GET /v1/activities_export/{id}, with ChartMogul's official
 * client against a real server: the export is `pending` at once and `succeeded` later, with a
 * file_url that downloads without the API key a CSV holding exactly what GET /v1/activities
 * lists for the same days and type; bad parameters are 422s naming them; a link expires; and
 * an export a crashed server left unfinished is taken up by the next status read.
 */
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimActivityExport, insertActivityExport } from '../../store/activity-exports.ts';
import type { TestDatabase } from '../../testing/databases.test-util.ts';
import type { TestServer } from '../../testing/server.test-util.ts';
import { closeWorkers, startServerFor, targets, testDatabaseFor } from '../../testing/targets.test-util.ts';
import { ChartMogul, IMPORT, importDone, newDataSource } from '../json-imports/fixture.test-util.ts';
import { ACTIVITY_COLUMNS } from './csv.ts';

const TODAY = '2024-06-15';

for (const target of targets()) {
  describe(`activities export (${target})`, () => {
    let database: TestDatabase;
    let server: TestServer;
    let config: unknown;

    /** Reads the export until it is done. */
    async function exportDone(id: string, cfg = config): Promise<Record<string, any>> {
      for (;;) {
        const answer = await ChartMogul.Metrics.ActivitiesExport.retrieve(cfg, id);
        if (answer.status === 'succeeded' || answer.status === 'failed') return answer;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }

    /** The CSV of a file_url, fetched as a browser would: no API key. */
    async function download(url: string): Promise<{ status: number; type: string | null; rows: string[][] }> {
      const response = await fetch(url);
      const text = await response.text();
      return { status: response.status, type: response.headers.get('content-type'), rows: Papa.parse<string[]>(text.trimEnd()).data };
    }

    /** What GET /v1/activities lists for the query (every page), as CSV rows under ACTIVITY_COLUMNS. */
    async function listed(query: string): Promise<string[][]> {
      const rows: string[][] = [];
      let cursor: string | null = null;
      do {
        const r = await server.call('GET', `/v1/activities?per_page=2${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        expect(r.status).toBe(200);
        for (const a of r.json.entries) rows.push(ACTIVITY_COLUMNS.map((c) => String(a[c])));
        cursor = r.json.has_more ? r.json.cursor : null;
      } while (cursor);
      return rows;
    }

    beforeAll(async () => {
      database = await testDatabaseFor(target);
      server = await startServerFor(target, database, { today: TODAY, rateLimitPerSecond: 1_000 });
      config = Object.assign(new ChartMogul.Config(server.key, server.url), { retries: 0 });
      const ds = await newDataSource(config, 'Billing');
      const created = await ChartMogul.JsonImport.create(config, ds, IMPORT);
      expect((await importDone(config, ds, created.id)).status).toBe('completed');
    }, 120_000);
    afterAll(async () => {
      await server?.close();
      await closeWorkers();
      await database?.drop();
    });

    it('answers pending at once, then succeeded with a file whose CSV is what /v1/activities lists', async () => {
      const created = await ChartMogul.Metrics.ActivitiesExport.create(config, {
        'start-date': '2024-01-01T00:00:00Z', 'end-date': '2024-03-31T00:00:00Z', type: 'new_biz',
      });
      expect(created).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        status: 'pending',
        file_url: null,
        params: { kind: 'activities', params: { activity_type: 'new_biz', start_date: '2024-01-01T00:00:00.000+00:00', end_date: '2024-03-31T00:00:00.000+00:00' } },
        expires_at: null,
        created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/),
      });
      const done = await exportDone(created.id);
      expect(done).toMatchObject({ id: created.id, status: 'succeeded', params: created.params, created_at: created.created_at });
      expect(done.file_url).toMatch(new RegExp(`^${server.url}/exports/activities/${created.id}\\?token=[\\w-]{43}$`));
      // A week to download it, as ChartMogul's link.
      const lifetime = Date.parse(done.expires_at) - Date.parse(done.created_at);
      expect(lifetime).toBeGreaterThan(6.9 * 86_400_000);
      expect(lifetime).toBeLessThan(7.1 * 86_400_000);

      const file = await download(done.file_url);
      expect(file.status).toBe(200);
      expect(file.type).toBe('text/csv; charset=utf-8');
      const [header, ...rows] = file.rows;
      expect(header).toEqual([...ACTIVITY_COLUMNS]);
      const expected = await listed('&start-date=2024-01-01&end-date=2024-03-31&type=new_biz');
      expect(expected.map((r) => r[ACTIVITY_COLUMNS.indexOf('customer-external-id')])).toEqual(['cus_a', 'cus_b']);
      expect(rows).toEqual(expected);
    });

    it('exports every activity when asked for no days or type, and one end-date alone', async () => {
      const all = await exportDone((await ChartMogul.Metrics.ActivitiesExport.create(config, {})).id);
      expect(all.params).toEqual({ kind: 'activities', params: {} });
      const [, ...rows] = (await download(all.file_url)).rows;
      expect(rows).toEqual(await listed(''));
      expect(rows).toHaveLength(4);

      const upTo = await exportDone((await ChartMogul.Metrics.ActivitiesExport.create(config, { 'end-date': '2024-02-05', type: 'expansion' })).id);
      const [, ...expansions] = (await download(upTo.file_url)).rows;
      expect(expansions).toEqual(await listed('&end-date=2024-02-05&type=expansion'));
      expect(expansions).toHaveLength(1);
    });

    it('refuses bad parameters with 422 naming them, and unknown exports with 404', async () => {
      const refused = async (body: Record<string, unknown>) => {
        const r = await server.call('POST', '/v1/activities_export', body);
        expect(r.status).toBe(422);
        return Object.keys(r.json.errors);
      };
      expect(await refused({ type: 'upgrade' })).toEqual(['type']);
      expect(await refused({ 'start-date': '2024-13-01' })).toEqual(['start-date']);
      expect(await refused({ 'end-date': 20240101 })).toEqual(['end-date']);
      expect(await refused({ 'start-date': '2024-03-01', 'end-date': '2024-02-01' })).toEqual(['start-date']);
      await expect(ChartMogul.Metrics.ActivitiesExport.retrieve(config, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ status: 404 });
      await expect(ChartMogul.Metrics.ActivitiesExport.retrieve(config, 'nonsense')).rejects.toMatchObject({ status: 404 });
      // Another account's export is as unknown as none; its file needs the token, not a key.
      const done = await exportDone((await ChartMogul.Metrics.ActivitiesExport.create(config, { type: 'churn' })).id);
      const other = await server.newAccount('other');
      expect((await server.call('GET', `/v1/activities_export/${done.id}`, undefined, other.key)).status).toBe(404);
      const url = new URL(done.file_url);
      expect((await download(`${url.origin}${url.pathname}`)).status).toBe(404);
      expect((await download(`${url.origin}${url.pathname}?token=${'x'.repeat(43)}`)).status).toBe(404);
      expect((await download(`${url.origin}/exports/activities/00000000-0000-4000-8000-000000000000${url.search}`)).status).toBe(404);
      expect((await download(done.file_url)).status).toBe(200);
    });

    it('stops serving the file once it expires', async () => {
      const done = await exportDone((await ChartMogul.Metrics.ActivitiesExport.create(config, { type: 'churn' })).id);
      await database.db.transaction((tx) => tx.query("UPDATE activity_exports SET expires_at = now() - interval '1 second' WHERE id = $1", [done.id]));
      const expired = await ChartMogul.Metrics.ActivitiesExport.retrieve(config, done.id);
      expect(expired).toMatchObject({ status: 'succeeded', file_url: null });
      expect((await download(done.file_url)).status).toBe(404);
    });

    it('takes up an export a crashed server left pending or processing', async () => {
      const params = { activity_type: 'churn', file_token: 'crash-token' };
      const left = await database.db.transaction(async (tx) => {
        const pending = await insertActivityExport(tx, server.accountId, params);
        const processing = await insertActivityExport(tx, server.accountId, params);
        return { pending: pending.id, processing: processing.id };
      });
      await database.db.transaction(async (tx) => {
        expect(await claimActivityExport(tx, left.processing, null)).toBe(true);
        await tx.query("UPDATE activity_exports SET updated_at = now() - interval '1 hour' WHERE id = $1", [left.processing]);
      });
      for (const id of [left.pending, left.processing]) {
        const done = await exportDone(id);
        expect(done.status).toBe('succeeded');
        const [, ...rows] = (await download(done.file_url)).rows;
        expect(rows).toEqual(await listed('&type=churn'));
      }
    });
  });
}
