/**
 * ChartMogul's own Node client (chartmogul-node), pointed at our server by its base URL only,
 * drives the data source, customer, attribute, contact and plan endpoints: every call
 * resolves with the objects it expects, and mistakes reject with the status the client reports.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { drivers } from '../testing/databases.test-util.ts';
import { subscribe, useServer } from './accounts-fixtures.test-util.ts';

const ChartMogul = createRequire(import.meta.url)('chartmogul-node');

for (const driver of drivers()) {
  describe(`chartmogul-node against /v1 data sources, customers, contacts, plans (${driver})`, () => {
    const h = useServer(driver);
    const config = () => new ChartMogul.Config(h.server.key, h.server.url);

    it('manages data sources and plans', async () => {
      const ds = await ChartMogul.DataSource.create(config(), { name: 'Node DS' });
      expect(ds).toMatchObject({ name: 'Node DS', uuid: expect.stringMatching(/^ds_/) });
      expect((await ChartMogul.DataSource.all(config())).data_sources.map((d: any) => d.uuid)).toContain(ds.uuid);
      expect((await ChartMogul.DataSource.retrieve(config(), ds.uuid)).name).toBe('Node DS');
      await expect(ChartMogul.DataSource.create(config(), { name: null })).rejects.toMatchObject({ status: 422 });

      const plan = await ChartMogul.Plan.create(config(), { data_source_uuid: ds.uuid, name: 'Gold', interval_count: 1, interval_unit: 'month', external_id: 'gold' });
      expect(plan.uuid).toMatch(/^pl_/);
      expect((await ChartMogul.Plan.retrieve(config(), plan.uuid)).external_id).toBe('gold');
      expect((await ChartMogul.Plan.modify(config(), plan.uuid, { name: 'Gold 2' })).name).toBe('Gold 2');
      const plans = await ChartMogul.Plan.all(config(), { data_source_uuid: ds.uuid, per_page: 1 });
      expect(plans).toMatchObject({ plans: [{ uuid: plan.uuid }], has_more: false });
      await ChartMogul.Plan.destroy(config(), plan.uuid);
      await expect(ChartMogul.Plan.retrieve(config(), plan.uuid)).rejects.toMatchObject({ status: 404 });

      await ChartMogul.DataSource.destroy(config(), ds.uuid);
      await expect(ChartMogul.DataSource.retrieve(config(), ds.uuid)).rejects.toMatchObject({ status: 404 });
    });

    it('manages customers, their attributes, contacts and merges', async () => {
      const ds = await ChartMogul.DataSource.create(config(), { name: 'Node customers' });
      const customer = await ChartMogul.Customer.create(config(), {
        data_source_uuid: ds.uuid, external_id: 'node_001', name: 'Adam Smith', email: 'adam@example.com', country: 'US', city: 'New York',
        lead_created_at: '2016-10-01T00:00:00.000Z',
      });
      expect(customer).toMatchObject({ uuid: expect.stringMatching(/^cus_/), status: 'New Lead', address: { country: 'United States' } });
      await subscribe(h.server, 'Node customers', 'node_001', { amount: 3000 });
      expect(await ChartMogul.Customer.retrieve(config(), customer.uuid)).toMatchObject({ mrr: 3000, status: 'Active' });
      expect((await ChartMogul.Customer.all(config(), { data_source_uuid: ds.uuid, per_page: 1 })).entries).toHaveLength(1);
      expect((await ChartMogul.Customer.search(config(), { email: 'adam@example.com' })).entries[0].uuid).toBe(customer.uuid);
      await expect(ChartMogul.Customer.search(config(), { email: 'nobody@example.com' })).rejects.toMatchObject({ status: 404 });
      expect((await ChartMogul.Customer.modify(config(), customer.uuid, { name: 'Adam S.' })).name).toBe('Adam S.');
      await expect(ChartMogul.Customer.create(config(), { data_source_uuid: ds.uuid, name: 'No ID' })).rejects.toMatchObject({ status: 422 });

      expect(await ChartMogul.Tag.add(config(), customer.uuid, { tags: ['vip', 'beta'] })).toEqual({ tags: ['vip', 'beta'] });
      expect(await ChartMogul.Tag.remove(config(), customer.uuid, { tags: ['beta'] })).toEqual({ tags: ['vip'] });
      const byEmail = await ChartMogul.Tag.add(config(), { email: 'adam@example.com', tags: ['emailed'] });
      expect(byEmail.entries[0].attributes.tags).toEqual(['vip', 'emailed']);
      expect(await ChartMogul.CustomAttribute.add(config(), customer.uuid, { custom: [{ type: 'String', key: 'channel', value: 'Facebook' }] }))
        .toEqual({ custom: { channel: 'Facebook' } });
      expect(await ChartMogul.CustomAttribute.update(config(), customer.uuid, { custom: { channel: 'Twitter' } })).toEqual({ custom: { channel: 'Twitter' } });
      await ChartMogul.CustomAttribute.remove(config(), customer.uuid, { custom: ['channel'] });
      expect(await ChartMogul.Customer.attributes(config(), customer.uuid)).toEqual({ tags: ['vip', 'emailed'], stripe: {}, custom: {} });

      const contact = await ChartMogul.Customer.createContact(config(), customer.uuid, { first_name: 'Adam', email: 'adam@example.com' });
      expect(contact).toMatchObject({ uuid: expect.stringMatching(/^con_/), customer_uuid: customer.uuid });
      const second = await ChartMogul.Contact.create(config(), { customer_uuid: customer.uuid, data_source_uuid: ds.uuid, last_name: 'Smith' });
      expect((await ChartMogul.Customer.contacts(config(), customer.uuid, {})).entries).toHaveLength(2);
      expect((await ChartMogul.Contact.modify(config(), contact.uuid, { title: 'CEO' })).title).toBe('CEO');
      expect(await ChartMogul.Contact.merge(config(), contact.uuid, second.uuid)).toMatchObject({ first_name: 'Adam', last_name: 'Smith' });
      expect((await ChartMogul.Contact.all(config(), { customer_uuid: customer.uuid })).entries).toHaveLength(1);
      expect((await ChartMogul.Contact.retrieve(config(), contact.uuid)).title).toBe('CEO');
      await ChartMogul.Contact.destroy(config(), contact.uuid);

      const other = await ChartMogul.Customer.create(config(), { data_source_uuid: ds.uuid, external_id: 'node_002', name: 'Other' });
      await ChartMogul.Customer.merge(config(), { from: { customer_uuid: other.uuid }, into: { customer_uuid: customer.uuid } });
      await expect(ChartMogul.Customer.retrieve(config(), other.uuid)).rejects.toMatchObject({ status: 404 });
      await ChartMogul.Customer.destroy(config(), customer.uuid);
      await expect(ChartMogul.Customer.retrieve(config(), customer.uuid)).rejects.toMatchObject({ status: 404 });
    });
  });
}
