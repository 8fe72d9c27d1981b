/**
 * /v1/customers over a real server on every driver: the recorded shape (never null for name,
 * email, company, external_id), filters and pagination, search, updates, deletes, 404/422,
 * account isolation, website_url and owner (kept by /sync), and /v1 writes meeting /sync
 * writes both ways.
 */
import { describe, expect, it } from 'vitest';
import { drivers } from '../../testing/databases.test-util.ts';
import {
  allPages, createCustomer, createDataSource, ok, subscribe, syncCustomers, syncRows, useServer,
} from '../accounts-fixtures.test-util.ts';

/** Every key of the recorded customer object that this API fills. */
const CUSTOMER_KEYS = [
  'address', 'arr', 'attributes', 'billing-system-type', 'billing-system-url', 'chartmogul-url', 'city', 'company',
  'country', 'currency', 'currency-sign', 'customer-since', 'data_source_uuid', 'data_source_uuids', 'email',
  'external_id', 'external_ids', 'free_trial_started_at', 'id', 'lead_created_at', 'mrr', 'name', 'owner', 'state',
  'status', 'uuid', 'website_url', 'zip',
];

for (const driver of drivers()) {
  describe(`/v1/customers (${driver})`, () => {
    const h = useServer(driver);

    it('creates a customer as recorded, never null for name, email, company, external_id', async () => {
      const { server } = h;
      const ds = await createDataSource(server, 'Create');
      const created = await ok(server, 'POST', '/v1/customers', {
        external_id: 'cus_007', name: 'New Customer', email: 'new_customer@example.com', city: 'Berlin', country: 'DE',
        data_source_uuid: ds, owner: 'someone@example.com', lead_created_at: '2016-01-01 14:30:00 UTC',
        attributes: { tags: ['vip', 'vip', 'beta'], custom: [{ type: 'Integer', key: 'seats', value: 3 }] },
      }, 201);
      expect(Object.keys(created).sort()).toEqual(CUSTOMER_KEYS);
      expect(created).toMatchObject({
        uuid: expect.stringMatching(/^cus_[0-9a-f-]{36}$/), external_id: 'cus_007', name: 'New Customer',
        email: 'new_customer@example.com', company: '', status: 'New Lead', 'customer-since': null, mrr: 0, arr: 0,
        data_source_uuid: ds, data_source_uuids: [ds], external_ids: ['cus_007'], city: 'Berlin', country: 'DE',
        state: null, zip: null, lead_created_at: '2016-01-01T14:30:00.000Z', free_trial_started_at: null,
        address: { country: 'Germany', state: null, city: 'Berlin', address_zip: null },
        attributes: { tags: ['vip', 'beta'], stripe: {}, clearbit: {}, custom: { seats: 3 } },
        'billing-system-type': 'Import API', currency: 'USD', 'currency-sign': '$', 'billing-system-url': null,
      });
      expect(Number.isInteger(created.id)).toBe(true);
      expect(await ok(server, 'GET', `/v1/customers/${created.uuid}`, undefined, 200)).toEqual(created);

      const bare = await createCustomer(server, ds, 'bare');
      for (const field of ['name', 'email', 'company', 'external_id']) expect(bare[field]).not.toBeNull();
      expect(bare.email).toBe('');
    });

    it('answers 422 naming the field, with the messages /sync gives for the same values', async () => {
      const { server } = h;
      const ds = await createDataSource(server, 'Invalid');
      const base = { data_source_uuid: ds, external_id: 'x1', name: 'X' };
      const bad = await server.call('POST', '/v1/customers', { ...base, lead_created_at: 'yesterday' });
      expect(bad.status).toBe(422);
      const sync = await server.call('POST', '/sync/customers', { rows: [{ Name: 'X', 'External ID': 'x1', 'Lead created at': 'yesterday' }], dry_run: true });
      expect(bad.json).toEqual({ errors: { lead_created_at: sync.json.errors[0].message } });

      const cases: [Record<string, unknown>, string][] = [
        [{ ...base, name: undefined }, 'name'],
        [{ ...base, name: '' }, 'name'],
        [{ ...base, external_id: undefined }, 'external_id'],
        [{ ...base, external_id: 'x'.repeat(256) }, 'external_id'],
        [{ ...base, email: { a: 1 } }, 'email'],
        [{ ...base, data_source_uuid: undefined }, 'data_source_uuid'],
        [{ ...base, data_source_uuid: 'ds_nonsense' }, 'data_source_uuid'],
        [{ ...base, free_trial_started_at: '2016-13-01' }, 'free_trial_started_at'],
        [{ ...base, attributes: 'vip' }, 'attributes'],
        [{ ...base, attributes: { tags: [1] } }, 'attributes.tags'],
        [{ ...base, attributes: { custom: [{ type: 'Integer', key: 'n', value: 'many' }] } }, 'attributes.custom'],
        // Postgres stores no NUL characters: a 422, not a 500.
        [{ ...base, name: 'a\u0000b' }, 'name'],
        [{ ...base, attributes: { tags: ['ok', 'n\u0000'] } }, 'attributes.tags[1]'],
      ];
      for (const [body, field] of cases) {
        const r = await server.call('POST', '/v1/customers', body);
        expect(r.status, JSON.stringify(body)).toBe(422);
        expect(Object.keys(r.json.errors)).toEqual([field]);
      }
      await createCustomer(server, ds, 'x1');
      const twice = await server.call('POST', '/v1/customers', base);
      expect(twice.status).toBe(422);
      expect(twice.json).toEqual({ errors: { external_id: 'The external ID for this customer already exists in our system.' } });
      expect((await server.call('POST', '/v1/customers', '[1,2')).status).toBe(400);
      expect((await server.call('GET', '/v1/customers?per_page=0')).status).toBe(400);
      // A NUL in a query parameter is refused for every route alike (api/http/query-text.ts).
      expect((await ok(server, 'GET', '/v1/customers?external_id=a%00b', undefined, 422)).errors).toEqual({
        external_id: 'external_id must not contain the NUL character (\\u0000)',
      });
      expect(Object.keys((await ok(server, 'GET', '/v1/customers/search?email=a%00b', undefined, 422)).errors)).toEqual(['email']);
    });

    it('pages by cursor through customers stored at one instant: each once, in the order of one page, also after a recompute', async () => {
      const { server } = h;
      // One /sync batch stores every customer in one transaction: one created_at, ties broken by ID.
      const names = Array.from({ length: 9 }, (_, i) => `tie-${i}`);
      await syncRows(server, 'Ties', 'customers', names.map((n) => ({ Name: n, 'External ID': n })));
      const ds = (await ok(server, 'GET', '/v1/data_sources?name=Ties', undefined, 200)).data_sources[0].uuid;
      const list = `/v1/customers?data_source_uuid=${ds}`;
      const whole = (await ok(server, 'GET', `${list}&per_page=200`, undefined, 200)).entries.map((c: any) => c.uuid);
      expect(whole).toHaveLength(9);
      expect((await allPages(server, `${list}&per_page=2`, server.key)).map((c) => c.uuid)).toEqual(whole);
      const first = await ok(server, 'GET', `${list}&per_page=4`, undefined, 200);
      expect(first.total_pages).toBe(3);
      // A write between pages: every customer is recomputed (rows rewritten); the walk goes on after the last one seen.
      await subscribe(server, 'Ties', 'tie-8', { amount: 500 });
      const second = await ok(server, 'GET', `${list}&per_page=4&cursor=${first.cursor}`, undefined, 200);
      const third = await ok(server, 'GET', `${list}&per_page=4&cursor=${second.cursor}`, undefined, 200);
      expect(third).toMatchObject({ has_more: false, cursor: null });
      expect([...first.entries, ...second.entries, ...third.entries].map((c: any) => c.uuid)).toEqual(whole);
    });

    it('pages with per_page and cursor and filters by data source, external ID, status and system', async () => {
      const { server } = h;
      const a = await createDataSource(server, 'List A');
      const b = await createDataSource(server, 'List B');
      for (let i = 0; i < 5; i++) await createCustomer(server, a, `list-${i}`);
      await createCustomer(server, b, 'list-0');
      await subscribe(server, 'List A', 'list-3', { amount: 999 });

      const first = await ok(server, 'GET', `/v1/customers?per_page=2&data_source_uuid=${a}`, undefined, 200);
      expect(first.entries).toHaveLength(2);
      expect(first).toMatchObject({ has_more: true, cursor: expect.any(String) });
      const walked = await allPages(server, `/v1/customers?per_page=2&data_source_uuid=${a}`, server.key);
      expect(walked.map((c) => c.external_id)).toEqual(['list-0', 'list-1', 'list-2', 'list-3', 'list-4']);

      const byExternal = await ok(server, 'GET', '/v1/customers?external_id=list-0', undefined, 200);
      expect(byExternal.entries.map((c: any) => c.data_source_uuid).sort()).toEqual([a, b].sort());
      const active = await ok(server, 'GET', `/v1/customers?status=Active&data_source_uuid=${a}`, undefined, 200);
      expect(active.entries.map((c: any) => [c.external_id, c.status, c.mrr, c.arr])).toEqual([['list-3', 'Active', 999, 11988]]);
      expect(active.entries[0]['customer-since']).toBe('2026-11-01T00:00:00+00:00');
      const leads = await ok(server, 'GET', `/v1/customers?status=New%20Lead&data_source_uuid=${a}`, undefined, 200);
      expect(leads.entries).toHaveLength(4);
      expect(await ok(server, 'GET', `/v1/customers?status=New_Lead&data_source_uuid=${a}`, undefined, 200)).toEqual(leads);
      expect((await ok(server, 'GET', '/v1/customers?status=Working%20Lead', undefined, 200)).entries).toEqual([]);
      expect((await ok(server, 'GET', '/v1/customers?system=Stripe', undefined, 200)).entries).toEqual([]);
      const imported = await ok(server, 'GET', `/v1/customers?system=Import%20API&external_id=list-4`, undefined, 200);
      expect(imported.entries).toHaveLength(1);
      expect((await ok(server, 'GET', '/v1/customers?external_id=unknown', undefined, 200))).toMatchObject({ entries: [], has_more: false, cursor: null, total_pages: 0 });
    });

    it('searches by email (404 as recorded when none match)', async () => {
      const { server } = h;
      const ds = await createDataSource(server, 'Search');
      await createCustomer(server, ds, 's1', { email: 'Gavin@example.com' });
      await createCustomer(server, ds, 's2', { email: 'gavin@example.com' });
      const found = await ok(server, 'GET', '/v1/customers/search?email=gavin%40example.com&per_page=1', undefined, 200);
      expect(found.entries.map((c: any) => c.external_id)).toEqual(['s1']);
      expect(found.has_more).toBe(true);
      expect((await allPages(server, '/v1/customers/search?email=gavin%40example.com&per_page=1', server.key)).length).toBe(2);
      const none = await server.call('GET', '/v1/customers/search?email=no%40email.com');
      expect(none.status).toBe(404);
      expect(none.json).toEqual({ code: 404, message: 'Can\'t find any customers with email: "no@email.com"', param: 'email' });
      const missing = await server.call('GET', '/v1/customers/search');
      expect(missing.status).toBe(422);
      expect(Object.keys(missing.json.errors)).toEqual(['email']);
    });

    it('updates with PATCH and PUT, keeping attributes it is not given', async () => {
      const { server } = h;
      const ds = await createDataSource(server, 'Update');
      const created = await createCustomer(server, ds, 'cus_u', { city: 'Berlin', attributes: { tags: ['keep'], custom: [{ type: 'Boolean', key: 'Toggle', value: false }] } });
      const patched = await ok(server, 'PATCH', `/v1/customers/${created.uuid}`, {
        attributes: { custom: { Toggle: true } }, name: 'Test Customer', email: 'customer_test@example.com', company: 'Curry 42',
        free_trial_started_at: '2016-02-02 22:40:00 UTC', data_source_uuid: ds, external_id: 'cus_u',
      }, 200);
      expect(patched).toMatchObject({
        uuid: created.uuid, name: 'Test Customer', email: 'customer_test@example.com', company: 'Curry 42', city: 'Berlin',
        free_trial_started_at: '2016-02-02T22:40:00.000Z', attributes: { tags: ['keep'], custom: { Toggle: true } },
      });
      const put = await ok(server, 'PUT', `/v1/customers/${created.uuid}`, { attributes: { tags: ['wurst'] }, email: null }, 200);
      expect(put).toMatchObject({ email: '', company: 'Curry 42', attributes: { tags: ['wurst'], custom: { Toggle: true } } });

      for (const [body, field] of [
        [{ name: '' }, 'name'], [{ lead_created_at: 'soon' }, 'lead_created_at'],
        [{ data_source_uuid: 'ds_00000000-0000-0000-0000-000000000000' }, 'data_source_uuid'],
        [{ attributes: { custom: { Toggle: 'maybe' } } }, 'attributes.custom'],
      ] as const) {
        const r = await server.call('PATCH', `/v1/customers/${created.uuid}`, body);
        expect(r.status, JSON.stringify(body)).toBe(422);
        expect(Object.keys(r.json.errors)).toEqual([field]);
      }
      const other = await createCustomer(server, ds, 'cus_taken');
      const clash = await server.call('PATCH', `/v1/customers/${created.uuid}`, { external_id: other.external_id });
      expect(clash.status).toBe(422);
      expect(Object.keys(clash.json.errors)).toEqual(['external_id']);
      expect((await ok(server, 'GET', `/v1/customers/${created.uuid}`, undefined, 200)).name).toBe('Test Customer');
    });

    it('stores website_url and owner: answered by GET, list and search, changed by updates, kept by /sync', async () => {
      const { server } = h;
      const ds = await createDataSource(server, 'Website');
      const created = await createCustomer(server, ds, 'cus_web', {
        email: 'web@example.com', website_url: 'https://chartmogul.com', owner: 'bruno+chartmogultest@chartmogul.com',
      });
      const stored = { website_url: 'https://chartmogul.com', owner: 'bruno+chartmogultest@chartmogul.com' };
      expect(created).toMatchObject(stored);
      expect(await ok(server, 'GET', `/v1/customers/${created.uuid}`, undefined, 200)).toMatchObject(stored);
      expect((await ok(server, 'GET', `/v1/customers?data_source_uuid=${ds}`, undefined, 200)).entries).toMatchObject([stored]);
      expect((await ok(server, 'GET', '/v1/customers/search?email=web%40example.com', undefined, 200)).entries).toMatchObject([stored]);
      // Unset: null, as ChartMogul answers a customer without an owner.
      expect(await createCustomer(server, ds, 'cus_plain')).toMatchObject({ website_url: null, owner: null });

      // Updates change what they are given and keep the rest; null clears.
      const patched = await ok(server, 'PATCH', `/v1/customers/${created.uuid}`, { website_url: 'https://example.co' }, 200);
      expect(patched).toMatchObject({ website_url: 'https://example.co', owner: stored.owner });
      const put = await ok(server, 'PUT', `/v1/customers/${created.uuid}`, { owner: 'owner@chartmogul.com', name: 'Renamed' }, 200);
      expect(put).toMatchObject({ website_url: 'https://example.co', owner: 'owner@chartmogul.com', name: 'Renamed' });
      expect(await ok(server, 'PATCH', `/v1/customers/${created.uuid}`, { owner: null }, 200)).toMatchObject({ owner: null });
      await ok(server, 'PATCH', `/v1/customers/${created.uuid}`, { owner: 'owner@chartmogul.com' }, 200);

      for (const [method, path, body, field] of [
        ['POST', '/v1/customers', { data_source_uuid: ds, external_id: 'bad1', name: 'B', website_url: 42 }, 'website_url'],
        ['POST', '/v1/customers', { data_source_uuid: ds, external_id: 'bad2', name: 'B', owner: { email: 'x@example.com' } }, 'owner'],
        ['POST', '/v1/customers', { data_source_uuid: ds, external_id: 'bad3', name: 'B', website_url: ['https://a.example'] }, 'website_url'],
        ['PATCH', `/v1/customers/${created.uuid}`, { website_url: true }, 'website_url'],
        ['PUT', `/v1/customers/${created.uuid}`, { owner: 7 }, 'owner'],
      ] as const) {
        const r = await server.call(method, path, body);
        expect(r.status, JSON.stringify(body)).toBe(422);
        expect(r.json).toEqual({ errors: { [field]: `${field} must be a string or null` } });
      }
      expect((await ok(server, 'GET', '/v1/customers?external_id=bad1', undefined, 200)).entries).toEqual([]);

      // A later /sync of the customer (its template row has no website or owner) rewrites the
      // template fields only: once alone (INSERT … ON CONFLICT), once after a new row (the
      // batch's COPY meets the stored row and falls back).
      await syncRows(server, 'Website', 'customers', [{ Name: 'Synced', 'External ID': 'cus_web', Email: 'web@example.com' }]);
      expect(await ok(server, 'GET', `/v1/customers/${created.uuid}`, undefined, 200))
        .toMatchObject({ name: 'Synced', website_url: 'https://example.co', owner: 'owner@chartmogul.com' });
      await syncRows(server, 'Website', 'customers', [
        { Name: 'New by sync', 'External ID': 'cus_web_new' },
        { Name: 'Synced again', 'External ID': 'cus_web', Company: 'Web Co' },
      ]);
      expect(await ok(server, 'GET', `/v1/customers/${created.uuid}`, undefined, 200))
        .toMatchObject({ name: 'Synced again', company: 'Web Co', website_url: 'https://example.co', owner: 'owner@chartmogul.com' });
      const synced = await ok(server, 'GET', '/v1/customers?external_id=cus_web_new', undefined, 200);
      expect(synced.entries).toMatchObject([{ name: 'New by sync', website_url: null, owner: null }]);
    });

    it('changing the external ID keeps the billing data with the customer', async () => {
      const { server } = h;
      const ds = await createDataSource(server, 'Rename');
      const created = await createCustomer(server, ds, 'old-id');
      await subscribe(server, 'Rename', 'old-id', { amount: 4200 });
      const renamed = await ok(server, 'PATCH', `/v1/customers/${created.uuid}`, { external_id: 'new-id' }, 200);
      expect(renamed).toMatchObject({ external_id: 'new-id', mrr: 4200, status: 'Active' });
      const results = await syncCustomers(server);
      expect(results['old-id']).toBeUndefined();
      expect(results['new-id'].mrr).toBe(4200);
    });

    it('/v1 writes show in /sync/results and /sync writes show in /v1', async () => {
      const { server } = h;
      const ds = await createDataSource(server, 'Both ways');
      const made = await createCustomer(server, ds, 'v1-made', { name: 'Made by v1' });
      expect((await syncCustomers(server))['v1-made']).toMatchObject({ name: 'Made by v1', status: 'Lead', mrr: 0 });
      await subscribe(server, 'Both ways', 'v1-made', { amount: 2500 });
      expect(await ok(server, 'GET', `/v1/customers/${made.uuid}`, undefined, 200)).toMatchObject({ mrr: 2500, arr: 30000, status: 'Active' });
      await ok(server, 'PATCH', `/v1/customers/${made.uuid}`, { name: 'Renamed by v1' }, 200);
      expect((await syncCustomers(server))['v1-made'].name).toBe('Renamed by v1');

      await syncRows(server, 'Both ways', 'customers', [{ Name: 'Made by sync', 'External ID': 'sync-made', Email: 'sync@example.com' }]);
      const listed = await ok(server, 'GET', `/v1/customers?external_id=sync-made`, undefined, 200);
      expect(listed.entries).toHaveLength(1);
      expect(listed.entries[0]).toMatchObject({ name: 'Made by sync', email: 'sync@example.com', data_source_uuid: ds, status: 'New Lead' });
      // A /sync row for the same customer updates the /v1 customer, not a copy.
      await syncRows(server, 'Both ways', 'customers', [{ Name: 'Synced over', 'External ID': 'v1-made' }]);
      expect(await ok(server, 'GET', `/v1/customers/${made.uuid}`, undefined, 200)).toMatchObject({ name: 'Synced over', mrr: 2500 });
    });

    it('deletes a customer with its billing data', async () => {
      const { server } = h;
      const ds = await createDataSource(server, 'Delete');
      const doomed = await createCustomer(server, ds, 'doomed');
      await subscribe(server, 'Delete', 'doomed', { amount: 800 });
      expect((await syncCustomers(server)).doomed.mrr).toBe(800);
      expect((await server.call('DELETE', `/v1/customers/${doomed.uuid}`)).status).toBe(204);
      expect((await server.call('GET', `/v1/customers/${doomed.uuid}`)).status).toBe(404);
      const results = (await server.call('GET', '/sync/results')).json;
      expect(results.customers.find((c: any) => c.external_id === 'doomed')).toBeUndefined();
      expect(results.subscriptions.find((s: any) => s.customer_external_id === 'doomed')).toBeUndefined();
      // Its invoices went too: a customer made again under the same ID starts clean.
      const again = await createCustomer(server, ds, 'doomed');
      expect(again).toMatchObject({ mrr: 0, status: 'New Lead' });
    });

    it("answers 404 for unknown customers and for other accounts' customers, by ID and by external ID", async () => {
      const { server, otherKey } = h;
      const theirDs = await createDataSource(server, 'Theirs', otherKey);
      const theirs = await createCustomer(server, theirDs, 'secret', { email: 'secret@example.com' }, otherKey);
      const paths: [string, string, unknown?][] = [
        ['GET', ''], ['PATCH', '', { name: 'Mine' }], ['PUT', '', { name: 'Mine' }], ['DELETE', ''],
        ['GET', '/attributes'], ['POST', '/attributes/tags', { tags: ['x'] }], ['DELETE', '/attributes/tags', { tags: ['x'] }],
        ['POST', '/attributes/custom', { custom: [{ type: 'String', key: 'k', value: 'v' }] }],
        ['PUT', '/attributes/custom', { custom: { k: 'v' } }], ['DELETE', '/attributes/custom', { custom: ['k'] }],
        ['GET', '/contacts'], ['POST', '/contacts', { email: 'x@example.com' }],
      ];
      for (const id of [theirs.uuid, 'cus_00000000-0000-0000-0000-000000000000', 'not-an-id']) {
        for (const [method, sub, body] of paths) {
          const r = await server.call(method, `/v1/customers/${id}${sub}`, body);
          expect(r.status, `${method} ${id}${sub}`).toBe(404);
          expect(r.json).toMatchObject({ code: 404 });
        }
      }
      expect((await ok(server, 'GET', '/v1/customers?external_id=secret', undefined, 200)).entries).toEqual([]);
      expect((await ok(server, 'GET', `/v1/customers?data_source_uuid=${theirDs}`, undefined, 200)).entries).toEqual([]);
      expect((await server.call('GET', '/v1/customers/search?email=secret%40example.com')).status).toBe(404);
      const tagged = await ok(server, 'POST', '/v1/customers/attributes/tags', { email: 'secret@example.com', tags: ['mine'] }, 200);
      expect(tagged).toEqual({ entries: [] });
      const merge = await server.call('POST', '/v1/customers/merges', { from: { customer_uuid: theirs.uuid }, into: { customer_uuid: theirs.uuid } });
      expect(merge.status).toBe(422);
      const stillTheirs = await ok(server, 'GET', `/v1/customers/${theirs.uuid}`, undefined, 200, otherKey);
      expect(stillTheirs).toMatchObject({ name: theirs.name, attributes: { tags: [] } });
    });
  });
}
