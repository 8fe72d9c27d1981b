/** Contacts over a real server on every driver: shapes and status codes as recorded, isolation, /sync rows. */
import { describe, expect, it } from 'vitest';
import { drivers } from '../../testing/databases.test-util.ts';
import { allPages, createCustomer, createDataSource, ok, syncRows, useServer } from '../accounts-fixtures.test-util.ts';

const CONTACT_KEYS = [
  'custom', 'customer_external_id', 'customer_uuid', 'data_source_uuid', 'email', 'external_id', 'first_name', 'last_name',
  'linked_in', 'notes', 'phone', 'position', 'title', 'twitter', 'uuid',
];

for (const driver of drivers()) {
  describe(`/v1/contacts (${driver})`, () => {
    const h = useServer(driver);

    it('creates, retrieves, updates, merges and deletes as recorded', async () => {
      const { server } = h;
      const ds = await createDataSource(server, 'Contacts');
      const customer = await createCustomer(server, ds, 'cus_004');
      const created = await ok(server, 'POST', '/v1/contacts', { customer_uuid: customer.uuid, data_source_uuid: ds, email: 'contact@example.com', external_id: 'contact_external_id_001' }, 201);
      expect(Object.keys(created).sort()).toEqual(CONTACT_KEYS);
      expect(created).toMatchObject({
        uuid: expect.stringMatching(/^con_[0-9a-f-]{36}$/), customer_uuid: customer.uuid, customer_external_id: 'cus_004',
        data_source_uuid: ds, external_id: 'contact_external_id_001', position: 1, first_name: null, email: 'contact@example.com',
        notes: null, custom: {},
      });
      expect(await ok(server, 'GET', `/v1/contacts/${created.uuid}`, undefined, 200)).toEqual(created);
      const second = await ok(server, 'POST', `/v1/customers/${customer.uuid}/contacts`, { email: 'new_contact@example.com', external_id: null }, 201);
      expect(second).toMatchObject({ position: 2, external_id: null, customer_uuid: customer.uuid });

      const updated = await ok(server, 'PATCH', `/v1/contacts/${created.uuid}`, {
        external_id: 'contact_external_id_002', position: 9, first_name: 'Foo', last_name: 'Bar', title: 'CTO', email: 'contact2@example.com',
        phone: '+9876543210', linked_in: 'https://linkedin.com/about', twitter: 'https://twitter.com/about', custom: [{ key: 'Toggle', value: false }],
      }, 200);
      expect(updated).toMatchObject({
        external_id: 'contact_external_id_002', position: 9, first_name: 'Foo', title: 'CTO', email: 'contact2@example.com', custom: { Toggle: false },
      });
      const cleared = await ok(server, 'PATCH', `/v1/contacts/${second.uuid}`, { external_id: null, notes: 'Heading\nBody' }, 200);
      expect(cleared).toMatchObject({ external_id: null, notes: 'Heading\nBody', email: 'new_contact@example.com' });

      const merged = await ok(server, 'POST', `/v1/contacts/${created.uuid}/merge/${second.uuid}`, {}, 200);
      expect(merged).toMatchObject({ uuid: created.uuid, first_name: 'Foo', email: 'contact2@example.com', notes: 'Heading\nBody', custom: { Toggle: false } });
      expect((await server.call('GET', `/v1/contacts/${second.uuid}`)).status).toBe(404);

      const deleted = await server.call('DELETE', `/v1/contacts/${created.uuid}`);
      expect(deleted.status).toBe(200);
      expect(deleted.json).toEqual({});
      expect((await server.call('GET', `/v1/contacts/${created.uuid}`)).status).toBe(404);
    });

    it('stores custom values: sent as [{key, value}] or {key: value}, answered as {key: value}, merged by updates', async () => {
      const { server } = h;
      const ds = await createDataSource(server, 'Contact custom');
      const customer = await createCustomer(server, ds, 'cc');
      const created = await ok(server, 'POST', '/v1/contacts', {
        customer_uuid: customer.uuid, email: 'custom@example.com',
        custom: [{ key: 'MyStringAttribute', value: 'Test' }, { key: 'MyIntegerAttribute', value: 123 }, { key: 'Toggle', value: false }],
      }, 201);
      const custom = { MyStringAttribute: 'Test', MyIntegerAttribute: 123, Toggle: false };
      expect(created.custom).toEqual(custom);
      expect((await ok(server, 'GET', `/v1/contacts/${created.uuid}`, undefined, 200)).custom).toEqual(custom);
      expect((await ok(server, 'GET', `/v1/contacts?customer_uuid=${customer.uuid}`, undefined, 200)).entries.map((c: any) => c.custom)).toEqual([custom]);
      expect((await ok(server, 'GET', `/v1/customers/${customer.uuid}/contacts`, undefined, 200)).entries.map((c: any) => c.custom)).toEqual([custom]);

      // An update merges: given keys change (keeping their type), others stay, new ones are added.
      const updated = await ok(server, 'PATCH', `/v1/contacts/${created.uuid}`, {
        first_name: 'Foo', custom: [{ key: 'Toggle', value: 'true' }, { key: 'Since', type: 'Timestamp', value: '2026-01-02 03:04:05 UTC' }],
      }, 200);
      expect(updated).toMatchObject({ first_name: 'Foo', custom: { ...custom, Toggle: true, Since: '2026-01-02T03:04:05.000Z' } });
      expect((await ok(server, 'PATCH', `/v1/contacts/${created.uuid}`, { title: 'CTO' }, 200)).custom).toEqual(updated.custom);
      const objectForm = await ok(server, 'POST', `/v1/customers/${customer.uuid}/contacts`, { email: 'o@example.com', custom: { Tier: 'gold', MyIntegerAttribute: 7 } }, 201);
      expect(objectForm.custom).toEqual({ Tier: 'gold', MyIntegerAttribute: 7 });

      // A merge keeps both contacts' values, the surviving contact's where both have one.
      const merged = await ok(server, 'POST', `/v1/contacts/${created.uuid}/merge/${objectForm.uuid}`, {}, 200);
      expect(merged.custom).toEqual({ ...updated.custom, Tier: 'gold' });

      const cases: unknown[] = [
        'gold', 5, [{ value: 1 }], [{ key: 'has space', value: 1 }], ['Tier'], [{ key: 'Obj', value: { a: 1 } }],
        [{ key: 'n', type: 'Integer', value: 'many' }], { List: [1, 2] },
      ];
      for (const value of cases) {
        const r = await server.call('POST', '/v1/contacts', { customer_uuid: customer.uuid, custom: value });
        expect(r.status, JSON.stringify(value)).toBe(422);
        expect(Object.keys(r.json.errors)).toEqual(['custom']);
      }
      // A stored value keeps its type: a Boolean does not take a word.
      const wrongType = await server.call('PATCH', `/v1/contacts/${created.uuid}`, { custom: [{ key: 'Toggle', value: 'maybe' }] });
      expect(wrongType.status).toBe(422);
      expect(Object.keys(wrongType.json.errors)).toEqual(['custom']);
      expect((await ok(server, 'GET', `/v1/contacts/${created.uuid}`, undefined, 200)).custom).toEqual(merged.custom);
    });

    it('answers 422 naming the field', async () => {
      const { server } = h;
      const ds = await createDataSource(server, 'Contacts 422');
      const other = await createDataSource(server, 'Contacts 422 other');
      const customer = await createCustomer(server, ds, 'c422');
      const cases: [Record<string, unknown>, string][] = [
        [{ email: 'x@example.com' }, 'customer_uuid'],
        [{ customer_uuid: 'cus_00000000-0000-0000-0000-000000000000' }, 'customer_uuid'],
        [{ customer_uuid: customer.uuid, data_source_uuid: other }, 'data_source_uuid'],
        [{ customer_uuid: customer.uuid, position: 0 }, 'position'],
        [{ customer_uuid: customer.uuid, external_id: 5 }, 'external_id'],
        [{ customer_uuid: customer.uuid, first_name: 'x'.repeat(256) }, 'first_name'],
        [{ customer_uuid: customer.uuid, phone: ['1'] }, 'phone'],
      ];
      for (const [body, field] of cases) {
        const r = await server.call('POST', '/v1/contacts', body);
        expect(r.status, JSON.stringify(body)).toBe(422);
        expect(Object.keys(r.json.errors)).toEqual([field]);
      }
      await ok(server, 'POST', '/v1/contacts', { customer_uuid: customer.uuid, external_id: 'dup' }, 201);
      const twice = await server.call('POST', '/v1/contacts', { customer_uuid: customer.uuid, external_id: 'dup' });
      expect(twice.status).toBe(422);
      expect(Object.keys(twice.json.errors)).toEqual(['external_id']);
      const another = await ok(server, 'POST', '/v1/contacts', { customer_uuid: customer.uuid }, 201);
      const clash = await server.call('PATCH', `/v1/contacts/${another.uuid}`, { external_id: 'dup' });
      expect(clash.status).toBe(422);
      expect(Object.keys(clash.json.errors)).toEqual(['external_id']);
      expect((await server.call('POST', '/v1/contacts', '{')).status).toBe(400);
    });

    it('lists with pagination and filters, /sync contacts included', async () => {
      const { server } = h;
      const ds = await createDataSource(server, 'Contact list');
      const a = await createCustomer(server, ds, 'list-a');
      const b = await createCustomer(server, ds, 'list-b');
      for (let i = 0; i < 3; i++) await ok(server, 'POST', `/v1/customers/${a.uuid}/contacts`, { email: `a${i}@example.com` }, 201);
      await syncRows(server, 'Contact list', 'contacts', [{ 'Customer external ID': 'list-b', 'First name': 'Synced', Email: 'b@example.com' }]);

      const ofA = await allPages(server, `/v1/customers/${a.uuid}/contacts?per_page=2`, server.key);
      expect(ofA.map((c) => [c.email, c.position])).toEqual([['a0@example.com', 1], ['a1@example.com', 2], ['a2@example.com', 3]]);
      const ofB = await ok(server, 'GET', `/v1/contacts?customer_uuid=${b.uuid}`, undefined, 200);
      expect(ofB.entries).toHaveLength(1);
      expect(ofB.entries[0]).toMatchObject({ first_name: 'Synced', customer_uuid: b.uuid, external_id: null });
      expect(Object.keys(ofB)).toEqual(['entries', 'has_more', 'cursor']);
      const all = await allPages(server, `/v1/contacts?per_page=1&data_source_uuid=${ds}`, server.key);
      expect(all).toHaveLength(4);
      expect((await ok(server, 'GET', '/v1/contacts?email=A1%40example.com', undefined, 200)).entries).toHaveLength(1);
    });

    it("answers 404 for unknown contacts and for other accounts' contacts", async () => {
      const { server, otherKey } = h;
      const theirDs = await createDataSource(server, 'Their contacts', otherKey);
      const theirCustomer = await createCustomer(server, theirDs, 'tc', {}, otherKey);
      const theirs = await ok(server, 'POST', '/v1/contacts', { customer_uuid: theirCustomer.uuid, email: 'secret@example.com', external_id: 'secret' }, 201, otherKey);
      const myDs = await createDataSource(server, 'My contacts');
      const mine = await ok(server, 'POST', '/v1/contacts', { customer_uuid: (await createCustomer(server, myDs, 'mc')).uuid }, 201);
      for (const id of [theirs.uuid, 'con_00000000-0000-0000-0000-000000000000', 'x']) {
        for (const [method, path, body] of [
          ['GET', `/v1/contacts/${id}`], ['PATCH', `/v1/contacts/${id}`, { first_name: 'Mine' }], ['DELETE', `/v1/contacts/${id}`],
          ['POST', `/v1/contacts/${mine.uuid}/merge/${id}`, {}], ['POST', `/v1/contacts/${id}/merge/${mine.uuid}`, {}],
        ] as const) {
          const r = await server.call(method, path, body);
          expect(r.status, `${method} ${path}`).toBe(404);
        }
      }
      const r = await server.call('POST', '/v1/contacts', { customer_uuid: theirCustomer.uuid });
      expect(r.status).toBe(422);
      for (const query of ['external_id=secret', 'email=secret%40example.com', `customer_uuid=${theirCustomer.uuid}`, `data_source_uuid=${theirDs}`]) {
        expect((await ok(server, 'GET', `/v1/contacts?${query}`, undefined, 200)).entries, query).toEqual([]);
      }
      expect(await ok(server, 'GET', `/v1/contacts/${theirs.uuid}`, undefined, 200, otherKey)).toEqual(theirs);
    });
  });
}
