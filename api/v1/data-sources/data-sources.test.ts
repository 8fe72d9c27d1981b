/** /v1/data_sources over a real server on every driver: shapes as recorded, 404/422, isolation, cascade. */
import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { customers as customerTable, invoices, lineItems, plans } from '../../db/schema.ts';
import { drivers } from '../../testing/databases.test-util.ts';
import { createCustomer, createDataSource, ok, subscribe, syncCustomers, useServer } from '../accounts-fixtures.test-util.ts';

const NOT_FOUND = { error: 'Data source not found' };

for (const driver of drivers()) {
  describe(`/v1/data_sources (${driver})`, () => {
    const h = useServer(driver);

    it('creates, lists, retrieves and deletes as recorded', async () => {
      const { server } = h;
      const created = await ok(server, 'POST', '/v1/data_sources', { name: 'Test Data Source' }, 201);
      expect(Object.keys(created).sort()).toEqual(['created_at', 'name', 'status', 'system', 'uuid']);
      expect(created.uuid).toMatch(/^ds_[0-9a-f-]{36}$/);
      expect(created).toMatchObject({ name: 'Test Data Source', system: 'Import API', status: 'never_imported' });
      expect(created.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

      const list = await ok(server, 'GET', '/v1/data_sources', undefined, 200);
      expect(Object.keys(list)).toEqual(['data_sources']);
      expect(list.data_sources).toEqual([created]);
      expect(await ok(server, 'GET', `/v1/data_sources/${created.uuid}`, undefined, 200)).toEqual(created);

      const flags = '?with_auto_churn_subscription_setting=true&with_invoice_handling_setting=true&with_processing_status=true';
      const detailed = await ok(server, 'GET', `/v1/data_sources/${created.uuid}${flags}`, undefined, 200);
      expect(detailed.processing_status).toEqual({ processed: 0, failed: 0, pending: 0 });
      expect(detailed.auto_churn_subscription_setting).toEqual({ enabled: false, interval: null });
      expect(Object.keys(detailed.invoice_handling_setting)).toEqual(['manual', 'automatic']);

      const deleted = await server.call('DELETE', `/v1/data_sources/${created.uuid}`);
      expect(deleted.status).toBe(204);
      expect(await ok(server, 'GET', '/v1/data_sources', undefined, 200)).toEqual({ data_sources: [] });
    });

    it('answers 422 naming name when it is missing, null, blank, not text or taken', async () => {
      const { server } = h;
      const required = { errors: { name: 'A name is required for each data source.' } };
      for (const body of [{}, { name: null }, { name: '  ' }]) {
        const r = await server.call('POST', '/v1/data_sources', body);
        expect(r.status).toBe(422);
        expect(r.json).toEqual(required);
      }
      const wrongType = await server.call('POST', '/v1/data_sources', { name: { x: 1 } });
      expect(wrongType.status).toBe(422);
      expect(Object.keys(wrongType.json.errors)).toEqual(['name']);
      await createDataSource(server, 'Twice');
      const taken = await server.call('POST', '/v1/data_sources', { name: 'Twice' });
      expect(taken.status).toBe(422);
      expect(Object.keys(taken.json.errors)).toEqual(['name']);
      const nul = await server.call('POST', '/v1/data_sources', { name: 'a\u0000b' });
      expect(nul.status).toBe(422);
      expect(Object.keys(nul.json.errors)).toEqual(['name']);
      expect(Object.keys((await ok(server, 'GET', '/v1/data_sources?name=a%00b', undefined, 422)).errors)).toEqual(['name']);
      const malformed = await server.call('POST', '/v1/data_sources', '{"name":');
      expect(malformed.status).toBe(400);
    });

    it('filters the list by name and system', async () => {
      const { server } = h;
      const ds = await createDataSource(server, 'Filter me');
      const byName = await ok(server, 'GET', '/v1/data_sources?name=Filter%20me', undefined, 200);
      expect(byName.data_sources.map((d: any) => d.uuid)).toEqual([ds]);
      const bySystem = await ok(server, 'GET', '/v1/data_sources?system=Stripe', undefined, 200);
      expect(bySystem.data_sources).toEqual([]);
    });

    it('answers 404 as recorded for unknown, malformed and other accounts\' data sources', async () => {
      const { server, otherKey } = h;
      const theirs = await createDataSource(server, 'Theirs', otherKey);
      for (const id of ['1234-a-uuid-that-doesnt-exist', 'ds_00000000-0000-0000-0000-000000000000', theirs]) {
        for (const method of ['GET', 'DELETE']) {
          const r = await server.call(method, `/v1/data_sources/${id}`);
          expect(r.status, `${method} ${id}`).toBe(404);
          expect(r.json).toEqual(NOT_FOUND);
        }
      }
      const mine = await ok(server, 'GET', '/v1/data_sources', undefined, 200);
      expect(mine.data_sources.map((d: any) => d.uuid)).not.toContain(theirs);
      // Still there for its owner.
      await ok(server, 'GET', `/v1/data_sources/${theirs}`, undefined, 200, otherKey);
    });

    it('deleting a data source deletes its data and the derived figures', async () => {
      const { server } = h;
      const ds = await createDataSource(server, 'Doomed');
      const kept = await createDataSource(server, 'Kept');
      await createCustomer(server, ds, 'doomed-1');
      await createCustomer(server, kept, 'kept-1');
      await subscribe(server, 'Doomed', 'doomed-1', { amount: 5000 });
      await subscribe(server, 'Kept', 'kept-1', { amount: 700 });
      expect((await syncCustomers(server))['doomed-1'].mrr).toBe(5000);
      const status = await ok(server, 'GET', `/v1/data_sources/${ds}?with_processing_status=true`, undefined, 200);
      expect(status.status).toBe('idle');
      expect(status.processing_status.processed).toBe(3); // customer, plan, invoice

      expect((await server.call('DELETE', `/v1/data_sources/${ds}`)).status).toBe(204);
      const customers = await syncCustomers(server);
      expect(customers['doomed-1']).toBeUndefined();
      expect(customers['kept-1'].mrr).toBe(700);
      const results = (await server.call('GET', '/sync/results')).json;
      expect(results.movements.every((m: any) => m.customer_external_id !== 'doomed-1')).toBe(true);
      expect(results.series.at(-1).mrr).toBe(700);
      const listed = await ok(server, 'GET', '/v1/customers', undefined, 200);
      expect(listed.entries.map((c: any) => c.external_id)).toEqual(['kept-1']);
      expect((await server.call('GET', `/v1/data_sources/${ds}`)).status).toBe(404);
      // The bulk tables have no foreign keys: their rows are deleted too, not left behind.
      const id = ds.slice('ds_'.length);
      const left = await h.database.db.read(async (tx) => {
        let n = 0;
        for (const table of [invoices, lineItems, customerTable, plans]) {
          n += (await tx.db.select({ n: count() }).from(table).where(eq(table.dataSourceId, id)))[0].n;
        }
        return n;
      });
      expect(left).toBe(0);
    });
  });
}
