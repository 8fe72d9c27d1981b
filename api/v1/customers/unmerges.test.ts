/**
 * POST /v1/customers/unmerges through chartmogul-node's Customer.unmerge, on every driver: the
 * merged customer comes back with its cus_ UUID, its row, tags and custom attributes as they
 * were; its billing rows and contacts go back to its data source (also across data sources);
 * what the merge gave the other customer leaves it unless changed since; subscription
 * connections follow the rows or are dropped; both are recomputed. Mistakes are 422s naming the
 * field, unknown customers 404s.
 */
import { createRequire } from 'node:module';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { subscriptionConnections } from '../../db/schema.ts';
import { drivers } from '../../testing/databases.test-util.ts';
import { createCustomer, createDataSource, ok, subscribe, syncCustomers, syncRows, useServer } from '../accounts-fixtures.test-util.ts';

const ChartMogul = createRequire(import.meta.url)('chartmogul-node');

for (const driver of drivers()) {
  describe(`/v1/customers/unmerges (${driver})`, () => {
    const h = useServer(driver);
    const config = () => new ChartMogul.Config(h.server.key, h.server.url);
    const links = () => h.database.db.read((tx) => tx.db.select().from(subscriptionConnections)
      .where(eq(subscriptionConnections.accountId, h.server.accountId)));

    it('gives the merged customer back, as it was, with its rows; the other keeps what it had and gained since', async () => {
      const { server } = h;
      const ds = await createDataSource(server, 'Unmerge');
      const into = await createCustomer(server, ds, 'u-into', {
        owner: 'into@example.com', attributes: { tags: ['a'], custom: [{ type: 'String', key: 'k', value: 'into' }] },
      });
      const from = await createCustomer(server, ds, 'u-from', {
        website_url: 'https://from.example', company: 'From Inc',
        attributes: {
          tags: ['b', 'a'],
          custom: [{ type: 'String', key: 'k', value: 'from' }, { type: 'Integer', key: 'n', value: 1 }, { type: 'Integer', key: 'm', value: 2 }],
        },
      });
      await subscribe(server, 'Unmerge', 'u-into', { amount: 1000, sub: 'sub-into' });
      await subscribe(server, 'Unmerge', 'u-from', { amount: 300, sub: 'sub-from' });
      await syncRows(server, 'Unmerge', 'contacts', [{ 'Customer external ID': 'u-from', Email: 'c@example.com' }]);

      await ChartMogul.Customer.merge(config(), { from: { customer_uuid: from.uuid }, into: { customer_uuid: into.uuid } });
      expect(await ChartMogul.Customer.retrieve(config(), into.uuid)).toMatchObject({
        mrr: 1300, attributes: { tags: ['a', 'b'], custom: { k: 'into', n: 1, m: 2 } }, website_url: 'https://from.example',
      });
      // Changes after the merge stay with the customer merged into.
      await ChartMogul.Tag.add(config(), into.uuid, { tags: ['later'] });
      await ChartMogul.CustomAttribute.update(config(), into.uuid, { custom: { m: 5 } });
      await ok(server, 'POST', `/v1/customers/${into.uuid}/connect_subscriptions`, {
        subscriptions: [{ external_id: 'sub-into', data_source_uuid: ds }, { external_id: 'sub-from', data_source_uuid: ds }],
      }, 202);
      expect(await links()).toHaveLength(1);

      expect(await ChartMogul.Customer.unmerge(config(), {
        customer_uuid: into.uuid, data_source_uuid: ds, external_id: 'u-from', move_to_new_customer: ['notes'],
      })).toEqual({});

      const back = await ChartMogul.Customer.retrieve(config(), from.uuid);
      expect(back).toMatchObject({
        uuid: from.uuid, id: from.id, external_id: 'u-from', data_source_uuid: ds, company: 'From Inc', website_url: 'https://from.example',
        mrr: 300, status: 'Active', attributes: { tags: ['b', 'a'], custom: { k: 'from', n: 1, m: 2 } },
      });
      expect(await ChartMogul.Customer.retrieve(config(), into.uuid)).toMatchObject({
        mrr: 1000, status: 'Active', owner: 'into@example.com', attributes: { tags: ['a', 'later'], custom: { k: 'into', m: 5 } },
      });
      expect((await ChartMogul.Customer.contacts(config(), from.uuid, {})).entries.map((c: any) => c.email)).toEqual(['c@example.com']);
      expect((await ChartMogul.Customer.contacts(config(), into.uuid, {})).entries).toEqual([]);
      // The link joined a subscription that went back with one that stayed: it is gone.
      expect(await links()).toEqual([]);
      const results = await syncCustomers(server);
      expect(results['u-from']).toMatchObject({ mrr: 300, subscriptions: 1 });
      expect(results['u-into']).toMatchObject({ mrr: 1000, subscriptions: 1 });

      // Undone once: a second unmerge names nothing merged.
      const again = await server.call('POST', '/v1/customers/unmerges', { customer_uuid: into.uuid, data_source_uuid: ds, external_id: 'u-from' });
      expect(again.status).toBe(422);
      expect(Object.keys(again.json.errors)).toEqual(['external_id']);
    });

    it('moves the rows back across data sources, with the connections of subscriptions that go back together', async () => {
      const { server } = h;
      const a = await createDataSource(server, 'Unmerge A');
      const b = await createDataSource(server, 'Unmerge B');
      const into = await createCustomer(server, a, 'x-into');
      const from = await createCustomer(server, b, 'x-from');
      await subscribe(server, 'Unmerge A', 'x-into', { amount: 100, plan: 'basic' });
      await syncRows(server, 'Unmerge B', 'plans', [{ Name: 'Extra', 'Interval count': 1, 'Interval unit': 'month', 'Plan ID': 'extra' }]);
      await syncRows(server, 'Unmerge B', 'invoices', [
        { 'Customer external ID': 'x-from', 'Invoice external ID': 'inv-old', 'Invoiced date': '2026-10-01', Currency: 'USD' },
        { 'Customer external ID': 'x-from', 'Invoice external ID': 'inv-new', 'Invoiced date': '2026-11-01', Currency: 'USD' },
      ]);
      await syncRows(server, 'Unmerge B', 'line_items', [
        { 'Invoice external ID': 'inv-old', 'Subscription external ID': 'sub-old', Type: 'Subscription', 'Amount in cents': 50, Plan: 'extra', 'Service period start': '2026-10-01', 'Service period end': '2026-11-01', Proration: false },
        { 'Invoice external ID': 'inv-new', 'Subscription external ID': 'sub-new', Type: 'Subscription', 'Amount in cents': 60, Plan: 'extra', 'Service period start': '2026-11-01', 'Service period end': '2026-12-01', Proration: false },
      ]);
      await ok(server, 'POST', `/v1/customers/${from.uuid}/connect_subscriptions`, {
        subscriptions: [{ external_id: 'sub-old', data_source_uuid: b }, { external_id: 'sub-new', data_source_uuid: b }],
      }, 202);

      await ChartMogul.Customer.merge(config(), { from: { external_id: 'x-from', data_source_uuid: b }, into: { external_id: 'x-into', data_source_uuid: a } });
      expect(await ChartMogul.Customer.retrieve(config(), into.uuid)).toMatchObject({ mrr: 160 });
      expect((await links()).map((l) => [l.customerId, l.dataSourceId])).toEqual([[into.uuid.slice(4), a.slice(3)]]);

      await ChartMogul.Customer.unmerge(config(), { customer_uuid: into.uuid, data_source_uuid: b, external_id: 'x-from' });
      expect(await ChartMogul.Customer.retrieve(config(), from.uuid)).toMatchObject({ data_source_uuid: b, mrr: 60 });
      expect(await ChartMogul.Customer.retrieve(config(), into.uuid)).toMatchObject({ mrr: 100 });
      const invoices = await ChartMogul.Invoice.all(config(), from.uuid, {});
      expect(invoices.invoices.map((i: any) => i.external_id).sort()).toEqual(['inv-new', 'inv-old']);
      expect((await ChartMogul.Invoice.all(config(), into.uuid, {})).invoices.map((i: any) => i.external_id)).toEqual(['inv-x-into-basic']);
      // Both went back together: their link went with them.
      expect((await links()).map((l) => [l.customerId, l.dataSourceId, l.subscriptionExternalId, l.connectedToExternalId]))
        .toEqual([[from.uuid.slice(4), b.slice(3), 'sub-new', 'sub-old']]);
      // No churn at the switch: still one history.
      const activities = await ChartMogul.Metrics.Customer.activities(config(), from.uuid, {});
      expect(activities.entries.map((e: any) => e.type)).toEqual(['new_biz', 'expansion']);
    });

    it('refuses what names nothing merged or cannot be undone (422 naming the field, 404 for unknown customers)', async () => {
      const { server, otherKey } = h;
      const a = await createDataSource(server, 'Refuse A');
      const b = await createDataSource(server, 'Refuse B');
      const into = await createCustomer(server, a, 'r-into');
      await createCustomer(server, b, 'r-from');
      await subscribe(server, 'Refuse B', 'r-from', { amount: 70 });
      await ok(server, 'POST', '/v1/customers/merges', { from: { external_id: 'r-from', data_source_uuid: b }, into: { customer_uuid: into.uuid } }, 202);
      const unmerge = (body: unknown, key?: string) => server.call('POST', '/v1/customers/unmerges', body, key);
      const refused = async (body: unknown, status: number, fields?: string[]) => {
        const r = await unmerge(body);
        expect(r.status, JSON.stringify(r.json)).toBe(status);
        if (fields) expect(Object.keys(r.json.errors).sort()).toEqual(fields);
      };
      await refused({}, 422, ['customer_uuid', 'data_source_uuid', 'external_id']);
      await refused({ customer_uuid: into.uuid, data_source_uuid: b, external_id: 'r-from', move_to_new_customer: ['tasks', 'spaceships'] }, 422, ['move_to_new_customer']);
      await refused({ customer_uuid: into.uuid, data_source_uuid: b, external_id: 'r-from', move_to_new_customer: 'notes' }, 422, ['move_to_new_customer']);
      await refused({ customer_uuid: 'cus_00000000-0000-0000-0000-000000000000', data_source_uuid: b, external_id: 'r-from' }, 404);
      await refused({ customer_uuid: into.uuid, data_source_uuid: 'ds_00000000-0000-0000-0000-000000000000', external_id: 'r-from' }, 422, ['data_source_uuid']);
      await refused({ customer_uuid: into.uuid, data_source_uuid: a, external_id: 'r-into' }, 422, ['external_id']);
      await expect(ChartMogul.Customer.unmerge(config(), { customer_uuid: 'cus_nope', data_source_uuid: b, external_id: 'r-from' }))
        .rejects.toMatchObject({ status: 404 });
      expect((await unmerge({ customer_uuid: into.uuid, data_source_uuid: b, external_id: 'r-from' }, otherKey)).status).toBe(404);

      // A new customer took the external ID in the meantime: nothing is undone.
      await createCustomer(server, b, 'r-from');
      await refused({ customer_uuid: into.uuid, data_source_uuid: b, external_id: 'r-from' }, 422, ['external_id']);
      expect(await ok(server, 'GET', `/v1/customers/${into.uuid}`, undefined, 200)).toMatchObject({ mrr: 70 });
    });
  });
}
