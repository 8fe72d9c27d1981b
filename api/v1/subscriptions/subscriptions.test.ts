/**
 * Subscriptions over a real HTTP server on every driver: the import list and its cursor,
 * cancellations by PATCH (202, recomputed), the metrics API's customer subscriptions,
 * connect / disconnect (the migration case: connect-migration.test.ts), 422 naming fields, 404 for unknown and other accounts' IDs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers, testDatabase, type TestDatabase } from '../../testing/databases.test-util.ts';
import { startTestServer, type TestServer } from '../../testing/server.test-util.ts';
import { monthlyInvoice, seed, type Fixture } from '../billing-fixtures.test-util.ts';

for (const driver of drivers()) {
  describe(`/v1 subscriptions (${driver})`, () => {
    let database: TestDatabase;
    let server: TestServer;
    let fx: Fixture;
    let other: { key: string; id: string };
    const subs: Record<string, any> = {};
    const results = async () => (await server.call('GET', '/sync/results')).json;

    beforeAll(async () => {
      database = await testDatabase(driver);
      server = await startTestServer(database.db, { today: '2016-01-20', rateLimitPerSecond: 1_000 });
      fx = await seed(server, database.db, server.accountId, [{ id: 'c1' }]);
      other = await server.newAccount('Other');
      await seed(server, database.db, other.id, [{ id: 'c1' }], other.key);
      const annual = monthlyInvoice('i2', fx.plans.silver, { sub: 's2', amount: 12000, end: '2017-01-01 12:00:00 UTC' });
      const r = await server.call('POST', `/v1/import/customers/${fx.customers.c1}/invoices`, {
        invoices: [monthlyInvoice('i1', fx.plans.gold, { sub: 's1' }), annual],
      });
      if (r.status !== 201) throw new Error(JSON.stringify(r.json));
      const list = await server.call('GET', `/v1/import/customers/${fx.customers.c1}/subscriptions`);
      for (const s of list.json.subscriptions) subs[s.external_id] = s;
    }, 60_000);
    afterAll(async () => {
      await server?.close();
      await database?.drop();
    });

    it('lists a customer\'s subscriptions as the import API does, walking the cursor', async () => {
      expect(subs.s1).toEqual({
        uuid: expect.stringMatching(/^sub_/), external_id: 's1', subscription_set_external_id: null, cancellation_dates: [],
        plan_uuid: fx.plans.gold, customer_uuid: fx.customers.c1, data_source_uuid: fx.ds,
      });
      const first = await server.call('GET', `/v1/import/customers/${fx.customers.c1}/subscriptions?per_page=1`);
      expect(first.json).toMatchObject({ customer_uuid: fx.customers.c1, has_more: true, current_page: 1, total_pages: 2 });
      const second = await server.call('GET', `/v1/import/customers/${fx.customers.c1}/subscriptions?per_page=1&cursor=${first.json.cursor}`);
      expect(second.json).toMatchObject({ has_more: false, cursor: null, current_page: 2 });
      expect([first.json.subscriptions[0].external_id, second.json.subscriptions[0].external_id].sort()).toEqual(['s1', 's2']);
    });

    it('shows the metrics API\'s customer subscriptions', async () => {
      const r = await server.call('GET', `/v1/customers/${fx.customers.c1}/subscriptions`);
      expect(r.status).toBe(200);
      expect(r.json).toMatchObject({ has_more: false, per_page: 200, page: 1, cursor: null });
      // The Python client builds its list from exactly these keys (any other list key breaks it).
      expect(Object.keys(r.json).sort()).toEqual(['cursor', 'entries', 'has_more', 'page', 'per_page']);
      const s1 = r.json.entries.find((e: { external_id: string }) => e.external_id === 's1');
      expect(s1).toEqual({
        id: expect.any(Number), external_id: 's1', subscription_set_external_id: 's1', quantity: 1,
        uuid: subs.s1.uuid.slice(4), mrr: 1000, arr: 12000, status: 'active', plan: 'Gold', 'billing-cycle': 'month',
        'billing-cycle-count': 1, 'start-date': '2016-01-01T12:00:00+00:00', 'end-date': '2016-02-01T12:00:00+00:00',
        currency: 'USD', 'currency-sign': '$',
      });
      expect(r.json.entries.find((e: { external_id: string }) => e.external_id === 's2')).toMatchObject({ mrr: 1000, plan: 'Silver annual', 'billing-cycle': 'year' });
    });

    it('cancels with cancelled_at (202), then clears with cancellation_dates: []', async () => {
      const r = await server.call('PATCH', `/v1/import/subscriptions/${subs.s1.uuid}`, { cancelled_at: '2016-01-15 12:00:00 UTC' });
      expect(r.status).toBe(202);
      expect(r.json).toEqual({ ...subs.s1, cancellation_dates: ['2016-01-15T12:00:00.000Z'] });
      let res = await results();
      expect(res.subscriptions.find((s: { external_id: string }) => s.external_id === 's1')).toMatchObject({ status: 'cancelled', cancelled_at: '2016-01-15' });
      expect(res.customers[0].mrr).toBe(1000);
      const entries = (await server.call('GET', `/v1/customers/${fx.customers.c1}/subscriptions`)).json.entries;
      expect(entries.find((e: { external_id: string }) => e.external_id === 's1')).toMatchObject({ status: 'inactive', 'end-date': '2016-01-15T12:00:00+00:00' });

      const set = await server.call('PATCH', `/v1/import/subscriptions/${subs.s1.uuid}`, { cancellation_dates: ['2016-01-10', '2016-01-12T00:00:00+02:00'] });
      expect(set.status).toBe(202);
      expect(set.json.cancellation_dates).toEqual(['2016-01-10T00:00:00.000Z', '2016-01-11T22:00:00.000Z']);
      const cleared = await server.call('PATCH', `/v1/import/subscriptions/${subs.s1.uuid}`, { cancellation_dates: [] });
      expect(cleared.status).toBe(202);
      expect(cleared.json.cancellation_dates).toEqual([]);
      res = await results();
      expect(res.customers[0].mrr).toBe(2000);
    });

    it('answers 422 naming the field, 404 for unknown and other accounts\' subscriptions', async () => {
      const patch = (body: unknown, sub = subs.s1.uuid, key = server.key) => server.call('PATCH', `/v1/import/subscriptions/${sub}`, body, key);
      const bad = await patch({ cancellation_dates: ['2016-01-10', 'never'] });
      expect(bad.status).toBe(422);
      expect(Object.keys(bad.json.errors)).toEqual(['cancellation_dates[1]']);
      expect((await patch({ cancelled_at: 'tomorrow-ish' })).json.errors).toHaveProperty('cancelled_at');
      expect((await patch({})).json.errors).toHaveProperty('cancelled_at');
      expect((await patch({ cancellation_dates: '2016-01-01' })).json.errors).toHaveProperty('cancellation_dates');
      expect((await patch('{bad json')).status).toBe(400);
      expect((await patch({ cancelled_at: '2016-01-15' }, 'sub_00000000-0000-0000-0000-000000000000')).status).toBe(404);
      expect((await patch({ cancelled_at: '2016-01-15' }, subs.s1.uuid, other.key)).status).toBe(404);
      expect((await server.call('GET', `/v1/import/customers/${fx.customers.c1}/subscriptions`, undefined, other.key)).status).toBe(404);
      expect((await server.call('GET', `/v1/customers/${fx.customers.c1}/subscriptions`, undefined, other.key)).status).toBe(404);
      expect((await server.call('POST', `/v1/customers/${fx.customers.c1}/connect_subscriptions`,
        { subscriptions: [{ uuid: subs.s1.uuid }, { uuid: subs.s2.uuid }] }, other.key)).status).toBe(404);
      // Nothing changed for the owner.
      expect((await results()).subscriptions.every((s: { status: string }) => s.status === 'active')).toBe(true);
    });

    it('connects subscriptions into one (started together, their MRR adds up) and disconnects them', async () => {
      const body = { subscriptions: [{ external_id: 's1', data_source_uuid: fx.ds }, { uuid: subs.s2.uuid.slice(4), data_source_uuid: fx.ds }] };
      const r = await server.call('POST', `/v1/customers/${fx.customers.c1}/connect_subscriptions`, body);
      expect(r.status).toBe(202);
      expect(r.json).toEqual({});
      // Shown as the latest of them (same start: the last external ID), as ChartMogul lists a connected group.
      const entries = (await server.call('GET', `/v1/customers/${fx.customers.c1}/subscriptions`)).json.entries;
      expect(entries).toEqual([expect.objectContaining({ external_id: 's2', uuid: subs.s2.uuid.slice(4), mrr: 2000 })]);
      expect((await results()).customers[0]).toMatchObject({ subscriptions: 1, mrr: 2000 });

      // s1 is not listed while connected; the same body still names it.
      const d = await server.call('POST', `/v1/customers/${fx.customers.c1}/disconnect_subscriptions`, body);
      expect(d.status).toBe(202);
      expect((await results()).customers[0]).toMatchObject({ subscriptions: 2, mrr: 2000 });

      const unknown = await server.call('POST', `/v1/customers/${fx.customers.c1}/connect_subscriptions`,
        { subscriptions: [{ external_id: 's1' }, { external_id: 'nope' }] });
      expect(unknown.status).toBe(422);
      expect(unknown.json.errors).toHaveProperty(['subscriptions[1]']);
      expect((await server.call('POST', `/v1/customers/${fx.customers.c1}/connect_subscriptions`, {})).status).toBe(422);
    });
  });
}
