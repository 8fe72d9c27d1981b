/**
 * POST /v1/data_sources/{ds}/json_imports and its status, with ChartMogul's official client
 * against a real server: the answer comes `queued` before the rows are imported; the status
 * reaches `completed`; the data is then what the single-object endpoints make of the same
 * objects sent one by one; bad rows are named by row and field while the good ones are
 * stored; and an import a crashed server left `queued` or `processing` is taken up again and
 * completes once, nothing doubled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attemptJob } from '../../jobs/attempt.ts';
import { resumeJobs } from '../../jobs/resume.ts';
import { SeriesInputsCache } from '../../derived/series-inputs.ts';
import { parseDateOnly } from '../../../shared/index.ts';
import type { AppContext } from '../../context.ts';
import { claimJsonImport, insertJsonImport } from '../../store/json-imports.ts';
import type { TestDatabase } from '../../testing/databases.test-util.ts';
import type { TestServer } from '../../testing/server.test-util.ts';
import { closeWorkers, startServerFor, targets, testDatabaseFor } from '../../testing/targets.test-util.ts';
import { uuidOf } from '../conventions/ids.ts';
import { jsonImportJob } from './job.ts';
import { ChartMogul, IMPORT, importDone, importOneByOne, newDataSource, type ImportData } from './fixture.test-util.ts';

const TODAY = '2024-06-15';

/** What an account's /v1 answers show of its data, IDs of ours replaced (they differ between accounts). */
async function everything(server: TestServer, key: string): Promise<unknown> {
  const get = async (path: string) => {
    const r = await server.call('GET', path, undefined, key);
    expect(r.status, path).toBe(200);
    return r.json;
  };
  // Rows written in one transaction share their creation time: lists ordered by it are sorted here.
  const byExternalId = (list: { external_id: string }[]) => [...list].sort((a, b) => a.external_id.localeCompare(b.external_id));
  const customers = await get('/v1/customers?per_page=200');
  const plans = await get('/v1/plans?per_page=200');
  const answers = {
    customers: { ...customers, entries: byExternalId(customers.entries) },
    plans: { ...plans, plans: byExternalId(plans.plans) },
    invoices: await get('/v1/invoices?per_page=200'),
    events: await get('/v1/subscription_events?per_page=200'),
    activities: await get('/v1/activities?per_page=200'),
    metrics: await get('/v1/metrics/all?start-date=2024-01-01&end-date=2024-06-30&interval=month'),
  };
  return withoutIds(answers);
}

const OUR_ID = /^((ds|cus|pl|inv|li|tr|sub|con|se)_)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function withoutIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIds);
  if (value === null || typeof value !== 'object') return typeof value === 'string' && OUR_ID.test(value) ? '<id>' : value;
  return Object.fromEntries(Object.entries(value)
    // Integer IDs (subscription events) are made from row IDs; cursors and the events' page keys are
    // positions of their own; and the events carry the time they were written.
    .filter(([k, v]) => !(k === 'id' && typeof v === 'number') && !['cursor', 'meta', 'created_at', 'updated_at'].includes(k))
    .map(([k, v]) => [k, withoutIds(v)]));
}

for (const target of targets()) {
  describe(`JSON imports (${target})`, () => {
    let database: TestDatabase;
    let server: TestServer;
    let config: unknown;
    let ds: string;
    const configOf = (key: string) => Object.assign(new ChartMogul.Config(key, server.url), { retries: 0 });
    /** The context a server of this database has (for the jobs a test drives itself). */
    const context = (): AppContext => ({ db: database.db, today: () => parseDateOnly(TODAY)!, inputs: new SeriesInputsCache(database.db) });

    beforeAll(async () => {
      database = await testDatabaseFor(target);
      server = await startServerFor(target, database, { today: TODAY, rateLimitPerSecond: 1_000 });
      config = configOf(server.key);
      ds = await newDataSource(config, 'Bulk');
    }, 120_000);
    afterAll(async () => {
      await server?.close();
      await closeWorkers();
      await database?.drop();
    });

    it('answers queued at once, then imports: the status reaches completed with every customer imported', async () => {
      const created = await ChartMogul.JsonImport.create(config, ds, IMPORT);
      expect(created).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/), data_source_uuid: ds, status: 'queued', external_id: 'batch_2024_06',
        status_details: {}, created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/), updated_at: expect.any(String),
      });
      const done = await importDone(config, ds, created.id);
      expect(done.seen.at(-1)).toBe('completed');
      expect(done.seen.every((s) => ['queued', 'processing', 'completed'].includes(s))).toBe(true);
      const imported = { status: 'imported' };
      expect(done.status_details).toEqual({
        plans: imported,
        cus_a: { status: 'imported', customers: imported, invoices: imported, line_items: imported, transactions: imported, subscription_events: imported },
        cus_b: { status: 'imported', customers: imported, invoices: imported, line_items: imported, transactions: imported },
        cus_c: { status: 'imported', customers: imported, subscription_events: imported },
      });
      // The status is also found by the external_id it was sent with, as ChartMogul's docs track it.
      expect((await ChartMogul.JsonImport.retrieve(config, ds, 'batch_2024_06')).id).toBe(created.id);

      const customers = await ChartMogul.Customer.all(config, { data_source_uuid: ds });
      expect(customers.entries.map((c: { external_id: string }) => c.external_id).sort()).toEqual(['cus_a', 'cus_b', 'cus_c']);
      const invoices = await ChartMogul.Invoice.all(config, { data_source_uuid: ds });
      expect(invoices.invoices.map((i: Record<string, unknown>) => [i.external_id, i.collection_method, (i.line_items as unknown[]).length]))
        .toEqual([['inv_a1', 'automatic', 2], ['inv_a2', null, 1], ['inv_b1', 'manual', 1]]);
      const activities = await ChartMogul.Metrics.Activity.all(config, {});
      expect(activities.entries.map((a: Record<string, unknown>) => [a.date, a.type, a['activity-mrr-movement'], a['customer-external-id']])).toEqual([
        ['2024-01-05T00:00:00+00:00', 'new_biz', 5000, 'cus_a'],
        ['2024-02-05T00:00:00+00:00', 'expansion', 2000, 'cus_a'],
        ['2024-03-01T00:00:00+00:00', 'new_biz', 8333, 'cus_b'],
        ['2024-03-05T00:00:00+00:00', 'churn', -7000, 'cus_a'],
      ]);
    });

    it('stores the same as the single-object endpoints given the same objects one by one', async () => {
      const bulk = await server.newAccount('bulk');
      const single = await server.newAccount('one by one');
      const bulkDs = await newDataSource(configOf(bulk.key), 'Billing');
      const created = await ChartMogul.JsonImport.create(configOf(bulk.key), bulkDs, IMPORT);
      expect((await importDone(configOf(bulk.key), bulkDs, created.id)).status).toBe('completed');
      await importOneByOne(configOf(single.key), await newDataSource(configOf(single.key), 'Billing'), IMPORT);
      expect(await everything(server, bulk.key)).toEqual(await everything(server, single.key));
    });

    it('names the rows left out by row and field, and stores the others', async () => {
      const { key } = await server.newAccount('rows with errors');
      const cfg = configOf(key);
      const source = await newDataSource(cfg, 'Errors');
      const data: ImportData = {
        customers: [...IMPORT.customers!, { name: 'No external ID' }],
        plans: IMPORT.plans,
        invoices: [
          ...IMPORT.invoices!,
          { external_id: 'inv_bad', customer_external_id: 'cus_a', date: '2024-04-05', currency: 'XYZ' },
          { external_id: 'inv_how', customer_external_id: 'cus_b', date: '2024-04-05', currency: 'USD', collection_method: 'cheque' },
        ],
        line_items: [
          ...IMPORT.line_items!,
          { invoice_external_id: 'inv_b1', type: 'subscription', subscription_external_id: 'sub_x', plan_external_id: 'no_such_plan', service_period_start: '2024-03-01', service_period_end: '2024-04-01', amount_in_cents: 100 },
        ],
        transactions: [...IMPORT.transactions!, { invoice_external_id: 'inv_none', type: 'payment', result: 'successful', date: '2024-03-02' }],
        subscription_events: IMPORT.subscription_events,
      };
      const created = await ChartMogul.JsonImport.create(cfg, source, data);
      expect(created.external_id).toBeNull();
      const done = await importDone(cfg, source, created.id);
      expect(done.status).toBe('completed');
      const details = done.status_details;
      expect(details.plans).toEqual({ status: 'imported' });
      expect(details.cus_c).toEqual({ status: 'imported', customers: { status: 'imported' }, subscription_events: { status: 'imported' } });
      expect(details.cus_a.status).toBe('failed');
      expect(details.cus_a.invoices).toEqual({
        status: 'failed',
        errors: [{ row: 'invoices[3]', field: 'currency', message: expect.stringContaining('XYZ'), external_id: 'inv_bad' }],
      });
      expect(details.cus_b.invoices).toEqual({
        status: 'failed',
        errors: [{ row: 'invoices[4]', field: 'collection_method', message: 'collection_method must be automatic or manual (or null)', external_id: 'inv_how' }],
      });
      expect(details.cus_a.line_items).toEqual({ status: 'imported' });
      expect(details.cus_a.subscription_events).toEqual({ status: 'imported' });
      expect(details.cus_b.line_items).toEqual({
        status: 'failed',
        errors: [{ row: 'line_items[4]', field: 'plan_external_id', message: expect.stringContaining('no_such_plan') }],
      });
      expect(details['(unknown customer)']).toEqual({
        status: 'failed',
        customers: { status: 'failed', errors: [{ row: 'customers[3]', field: 'external_id', message: expect.any(String) }] },
        transactions: { status: 'failed', errors: [{ row: 'transactions[3]', field: 'invoice_external_id', message: expect.stringContaining('inv_none') }] },
      });
      // The good rows are stored: the same data as the import without the bad rows.
      const invoices = await ChartMogul.Invoice.all(cfg, { data_source_uuid: source });
      expect(invoices.invoices.map((i: { external_id: string }) => i.external_id)).toEqual(['inv_a1', 'inv_a2', 'inv_b1']);
      expect((await ChartMogul.Customer.all(cfg, { data_source_uuid: source })).entries).toHaveLength(3);
    });

    it('fails an import none of whose rows can be stored', async () => {
      const created = await ChartMogul.JsonImport.create(config, ds, { plans: [{ external_id: 'p', name: 'P', interval_count: 0, interval_unit: 'month' }] });
      const done = await importDone(config, ds, created.id);
      expect(done.status).toBe('failed');
      expect(done.status_details).toEqual({
        plans: { status: 'failed', errors: [{ row: 'plans[0]', field: 'interval_count', message: expect.any(String), external_id: 'p' }] },
      });
    });

    it('refuses what is no import: 404 for an unknown data source or import, 422 naming the field', async () => {
      await expect(ChartMogul.JsonImport.create(config, 'ds_00000000-0000-4000-8000-000000000000', IMPORT)).rejects.toMatchObject({ status: 404 });
      await expect(ChartMogul.JsonImport.create(config, 'nonsense', IMPORT)).rejects.toMatchObject({ status: 404 });
      await expect(ChartMogul.JsonImport.retrieve(config, ds, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ status: 404 });
      await expect(ChartMogul.JsonImport.retrieve(config, 'ds_00000000-0000-4000-8000-000000000000', 'batch_2024_06')).rejects.toMatchObject({ status: 404 });
      const refused = async (body: unknown) => {
        const r = await server.call('POST', `/v1/data_sources/${ds}/json_imports`, body);
        expect(r.status).toBe(422);
        return r.json.errors;
      };
      expect(await refused({ customers: 'cus_a' })).toEqual({ customers: 'customers must be a list of objects' });
      expect(await refused({ invoices: [{ external_id: 'x' }, 7] })).toEqual({ 'invoices[1]': 'invoices[1] must be an object' });
      expect(Object.keys(await refused({}))).toEqual(['body']);
      expect(Object.keys(await refused({ external_id: { a: 1 }, plans: IMPORT.plans }))).toEqual(['external_id']);
      // An external_id names one import of the data source.
      expect(await refused({ external_id: 'batch_2024_06', plans: IMPORT.plans })).toEqual({
        external_id: "An import with external_id 'batch_2024_06' already exists in this data source",
      });
      // Another account's data source is as unknown as none.
      const other = await server.newAccount('other');
      expect((await server.call('POST', `/v1/data_sources/${ds}/json_imports`, IMPORT, other.key)).status).toBe(404);
    });

    it('takes up an import a crashed server left queued or processing, and completes it once, nothing doubled', async () => {
      const { id: accountId, key } = await server.newAccount('crash');
      const cfg = configOf(key);
      const source = await newDataSource(cfg, 'Crash');
      const dataSourceId = uuidOf('ds_', source)!;
      // Imported once, normally.
      const first = await ChartMogul.JsonImport.create(cfg, source, { ...IMPORT, external_id: 'first' });
      expect((await importDone(cfg, source, first.id)).status).toBe('completed');
      const before = await everything(server, key);

      // The same rows again, left as a server that died would: one never started, one claimed
      // and cut off in its work (its transaction rolled back), an hour ago.
      const { external_id: _e, ...lists } = IMPORT;
      const left = await database.db.transaction(async (tx) => {
        const queued = await insertJsonImport(tx, { accountId, dataSourceId, externalId: 'queued', payload: lists });
        const processing = await insertJsonImport(tx, { accountId, dataSourceId, externalId: 'processing', payload: lists });
        return { queued: queued.id, processing: processing.id };
      });
      await database.db.transaction(async (tx) => {
        expect(await claimJsonImport(tx, left.processing, null)).toBe(true);
        await tx.query("UPDATE json_imports SET updated_at = now() - interval '1 hour' WHERE id = $1", [left.processing]);
      });
      // A status read takes each up (their processes are gone).
      expect((await importDone(cfg, source, left.queued)).status).toBe('completed');
      expect((await importDone(cfg, source, left.processing)).status).toBe('completed');
      expect(await everything(server, key)).toEqual(before);

      // Attempts racing for one import (a start-up and a status read at once): one does the work.
      const raced = await database.db.transaction((tx) => insertJsonImport(tx, { accountId, dataSourceId, externalId: 'raced', payload: lists }));
      const ctx = context();
      const outcomes = await Promise.all([attemptJob(ctx, { kind: jsonImportJob, id: raced.id }, null), attemptJob(ctx, { kind: jsonImportJob, id: raced.id }, null)]);
      expect(outcomes.sort()).toEqual(['done', 'skipped']);
      expect((await importDone(cfg, source, raced.id)).status).toBe('completed');
      // A finished import is not taken up again.
      expect(await attemptJob(ctx, { kind: jsonImportJob, id: raced.id }, null)).toBe('skipped');

      // At start-up every unfinished job is started again.
      const atStart = await database.db.transaction((tx) => insertJsonImport(tx, { accountId, dataSourceId, externalId: 'at start', payload: lists }));
      expect(await resumeJobs(ctx)).toBeGreaterThanOrEqual(1);
      expect((await importDone(cfg, source, atStart.id)).status).toBe('completed');
      expect(await everything(server, key)).toEqual(before);
    }, 120_000); // five imports, each with its recompute: through the Neon relay on a loaded 2-core machine this outlasts the default

    it('fails an import its job broke off on (a fault of ours) instead of trying it forever', async () => {
      const { id: accountId, key } = await server.newAccount('fault');
      const cfg = configOf(key);
      const source = await newDataSource(cfg, 'Fault');
      // A request no POST would have accepted: the job trips over it.
      const broken = await database.db.transaction((tx) => insertJsonImport(tx, {
        accountId, dataSourceId: uuidOf('ds_', source)!, externalId: 'broken', payload: { customers: 'not a list' },
      }));
      await expect(attemptJob(context(), { kind: jsonImportJob, id: broken.id }, null)).rejects.toThrow();
      const answer = await ChartMogul.JsonImport.retrieve(cfg, source, 'broken');
      expect(answer).toMatchObject({ status: 'failed', status_details: { error: 'The job stopped on an internal error' } });
      expect((await ChartMogul.Customer.all(cfg, { data_source_uuid: source })).entries).toEqual([]);
    });
  });
}
