/**
 * primary_contact through chartmogul-node: a customer created with one has it as its first
 * contact; an update changes that contact (or makes it); a bad field is a 422 naming
 * primary_contact.<field> and stores nothing.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { drivers } from '../../testing/databases.test-util.ts';
import { createDataSource, useServer } from '../accounts-fixtures.test-util.ts';

const ChartMogul = createRequire(import.meta.url)('chartmogul-node');

const ANNA = {
  first_name: 'Anna', last_name: 'Gardner', email: 'anna@example.com', title: 'CFO', phone: '+123456789',
  linked_in: 'https://linkedin.com/example', twitter: 'https://twitter.com/example', notes: 'Heading\nBody\nFooter',
};

for (const driver of drivers()) {
  describe(`customers' primary_contact (${driver})`, () => {
    const h = useServer(driver);
    const config = () => new ChartMogul.Config(h.server.key, h.server.url);

    it('is the first contact of a customer created with it', async () => {
      const ds = await createDataSource(h.server, 'Primary contacts');
      const customer = await ChartMogul.Customer.create(config(), {
        data_source_uuid: ds, external_id: 'pc_1', name: 'Adam Smith', email: 'adam@example.com', primary_contact: ANNA,
      });
      const contacts = await ChartMogul.Customer.contacts(config(), customer.uuid, {});
      expect(contacts.entries).toEqual([{
        uuid: expect.stringMatching(/^con_/), customer_uuid: customer.uuid, customer_external_id: 'pc_1', data_source_uuid: ds,
        external_id: null, position: 1, ...ANNA, custom: {},
      }]);
      expect((await ChartMogul.Contact.all(config(), { email: 'anna@example.com' })).entries.map((c: any) => c.uuid))
        .toEqual([contacts.entries[0].uuid]);

      // A second contact comes after it; an update changes the first, keeping what it does not send.
      await ChartMogul.Customer.createContact(config(), customer.uuid, { first_name: 'Bob' });
      await ChartMogul.Customer.modify(config(), customer.uuid, { primary_contact: { title: 'CEO', custom: [{ key: 'Level', value: 3 }] } });
      const after = (await ChartMogul.Customer.contacts(config(), customer.uuid, {})).entries;
      expect(after.map((c: any) => [c.position, c.first_name, c.title])).toEqual([[1, 'Anna', 'CEO'], [2, 'Bob', null]]);
      expect(after[0]).toMatchObject({ uuid: contacts.entries[0].uuid, email: 'anna@example.com', custom: { Level: 3 } });
    });

    it('is made by an update of a customer without contacts; absent or empty, nothing is made', async () => {
      const ds = await createDataSource(h.server, 'Primary contacts later');
      const plain = await ChartMogul.Customer.create(config(), { data_source_uuid: ds, external_id: 'pc_2', name: 'Plain', primary_contact: {} });
      expect((await ChartMogul.Customer.contacts(config(), plain.uuid, {})).entries).toEqual([]);
      await ChartMogul.Customer.modify(config(), plain.uuid, { name: 'Plain 2' });
      expect((await ChartMogul.Customer.contacts(config(), plain.uuid, {})).entries).toEqual([]);
      await ChartMogul.Customer.modify(config(), plain.uuid, { primary_contact: { email: 'late@example.com' } });
      expect((await ChartMogul.Customer.contacts(config(), plain.uuid, {})).entries)
        .toMatchObject([{ position: 1, email: 'late@example.com', first_name: null, customer_external_id: 'pc_2' }]);
    });

    it('refuses a bad contact field, naming it, and stores nothing', async () => {
      const ds = await createDataSource(h.server, 'Primary contacts refused');
      const bad = async (primary: unknown, field: string) => {
        const r = await h.server.call('POST', '/v1/customers', { data_source_uuid: ds, external_id: 'pc_bad', name: 'Bad', primary_contact: primary });
        expect(r.status, JSON.stringify(r.json)).toBe(422);
        expect(Object.keys(r.json.errors)).toEqual([field]);
      };
      await bad('Anna', 'primary_contact');
      await bad({ first_name: { nested: true } }, 'primary_contact.first_name');
      await bad({ email: 'x'.repeat(256) }, 'primary_contact.email');
      await bad({ first_name: 'Anna', custom: 'not a list' }, 'primary_contact.custom');
      const none = await h.server.call('GET', `/v1/customers?data_source_uuid=${ds}`);
      expect(none.json.entries).toEqual([]);

      const customer = await ChartMogul.Customer.create(config(), { data_source_uuid: ds, external_id: 'pc_3', name: 'Three', primary_contact: { first_name: 'Cy' } });
      await expect(ChartMogul.Customer.modify(config(), customer.uuid, { name: 'Changed', primary_contact: { last_name: 'y'.repeat(256) } }))
        .rejects.toMatchObject({ status: 422 });
      expect((await ChartMogul.Customer.retrieve(config(), customer.uuid)).name).toBe('Three');
    });
  });
}
