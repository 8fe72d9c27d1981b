/** POST /v1/customers/merges over a real server on every driver: billing data, attributes, website_url and owner move. */
import { describe, expect, it } from 'vitest';
import { drivers } from '../../testing/databases.test-util.ts';
import { createCustomer, createDataSource, ok, subscribe, syncCustomers, syncRows, useServer } from '../accounts-fixtures.test-util.ts';

for (const driver of drivers()) {
  describe(`/v1/customers/merges (${driver})`, () => {
    const h = useServer(driver);

    it('merges two customers of one data source: 202 {}, MRR and attributes move, from is gone', async () => {
      const { server } = h;
      const ds = await createDataSource(server, 'Merge');
      const into = await createCustomer(server, ds, 'into', { owner: 'into@example.com', attributes: { tags: ['a'], custom: [{ type: 'String', key: 'k', value: 'into' }] } });
      const from = await createCustomer(server, ds, 'from', {
        owner: 'from@example.com', website_url: 'https://from.example',
        attributes: { tags: ['b'], custom: [{ type: 'String', key: 'k', value: 'from' }, { type: 'Integer', key: 'n', value: 1 }] },
      });
      await subscribe(server, 'Merge', 'into', { amount: 1000, sub: 'sub-into' });
      await subscribe(server, 'Merge', 'from', { amount: 300, sub: 'sub-from' });
      await syncRows(server, 'Merge', 'contacts', [{ 'Customer external ID': 'from', Email: 'c@example.com' }]);

      const r = await server.call('POST', '/v1/customers/merges', { from: { customer_uuid: from.uuid }, into: { customer_uuid: into.uuid } });
      expect(r.status).toBe(202);
      expect(r.json).toEqual({});
      const merged = await ok(server, 'GET', `/v1/customers/${into.uuid}`, undefined, 200);
      expect(merged).toMatchObject({ mrr: 1300, status: 'Active', attributes: { tags: ['a', 'b'], custom: { k: 'into', n: 1 } } });
      // website_url and owner: into's own, from's where into has none.
      expect(merged).toMatchObject({ owner: 'into@example.com', website_url: 'https://from.example' });
      expect((await server.call('GET', `/v1/customers/${from.uuid}`)).status).toBe(404);
      const results = await syncCustomers(server);
      expect(results.from).toBeUndefined();
      expect(results.into).toMatchObject({ mrr: 1300, subscriptions: 2 });
      const contacts = await ok(server, 'GET', `/v1/customers/${into.uuid}/contacts`, undefined, 200);
      expect(contacts.entries.map((c: any) => c.email)).toEqual(['c@example.com']);
    });

    it('merges across data sources by external ID, copying the plans the moved lines use', async () => {
      const { server } = h;
      const a = await createDataSource(server, 'Merge A');
      const b = await createDataSource(server, 'Merge B');
      const into = await createCustomer(server, a, 'x-into');
      await createCustomer(server, b, 'x-from');
      await subscribe(server, 'Merge A', 'x-into', { amount: 100, plan: 'basic' });
      await subscribe(server, 'Merge B', 'x-from', { amount: 50, plan: 'extra' });
      await ok(server, 'POST', '/v1/customers/merges', {
        from: { external_id: 'x-from', data_source_uuid: b }, into: { external_id: 'x-into', data_source_uuid: a },
      }, 202);
      expect(await ok(server, 'GET', `/v1/customers/${into.uuid}`, undefined, 200)).toMatchObject({ mrr: 150 });
      const plans = await ok(server, 'GET', `/v1/plans?data_source_uuid=${a}`, undefined, 200);
      expect(plans.plans.map((p: any) => p.external_id).sort()).toEqual(['basic', 'extra']);
      expect((await ok(server, 'GET', `/v1/customers?data_source_uuid=${b}`, undefined, 200)).entries).toEqual([]);
    });

    it('refuses merges that would collide or name no customer (422 naming from or into)', async () => {
      const { server, otherKey } = h;
      const a = await createDataSource(server, 'Clash A');
      const b = await createDataSource(server, 'Clash B');
      const into = await createCustomer(server, a, 'c-into');
      const from = await createCustomer(server, b, 'c-from');
      // The same invoice external ID in both data sources cannot live in one.
      await syncRows(server, 'Clash A', 'invoices', [{ 'Customer external ID': 'c-into', 'Invoice external ID': 'same', 'Invoiced date': '2026-11-01', Currency: 'USD' }]);
      await syncRows(server, 'Clash B', 'invoices', [{ 'Customer external ID': 'c-from', 'Invoice external ID': 'same', 'Invoiced date': '2026-11-01', Currency: 'USD' }]);
      const clash = await server.call('POST', '/v1/customers/merges', { from: { customer_uuid: from.uuid }, into: { customer_uuid: into.uuid } });
      expect(clash.status).toBe(422);
      expect(Object.keys(clash.json.errors)).toEqual(['from']);
      expect((await server.call('GET', `/v1/customers/${from.uuid}`)).status).toBe(200);

      const theirDs = await createDataSource(server, 'Their merge', otherKey);
      const theirs = await createCustomer(server, theirDs, 't', {}, otherKey);
      const cases: [unknown, string][] = [
        [{ into: { customer_uuid: into.uuid } }, 'from'],
        [{ from: { customer_uuid: from.uuid } }, 'into'],
        [{ from: { customer_uuid: theirs.uuid }, into: { customer_uuid: into.uuid } }, 'from'],
        [{ from: { customer_uuid: from.uuid }, into: { external_id: 't', data_source_uuid: theirDs } }, 'into'],
        [{ from: { customer_uuid: from.uuid }, into: { customer_uuid: from.uuid } }, 'into'],
        [{ from: 'cus_x', into: { customer_uuid: into.uuid } }, 'from'],
        [{ from: { name: 'x' }, into: { customer_uuid: into.uuid } }, 'from'],
      ];
      for (const [body, field] of cases) {
        const r = await server.call('POST', '/v1/customers/merges', body);
        expect(r.status, JSON.stringify(body)).toBe(422);
        expect(Object.keys(r.json.errors)).toEqual([field]);
      }
      expect((await ok(server, 'GET', `/v1/customers/${theirs.uuid}`, undefined, 200, otherKey)).external_id).toBe('t');
    });
  });
}
