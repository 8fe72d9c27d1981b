/**
 * Subscription events over a real HTTP server on every driver: the recorded create / list /
 * update / delete exchange, cancellation events recomputing MRR, 422 naming fields, cursor
 * walks, 404 for unknown and other accounts' events by id and by external ID.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers, testDatabase, type TestDatabase } from '../../testing/databases.test-util.ts';
import { startTestServer, type TestServer } from '../../testing/server.test-util.ts';
import { monthlyInvoice, seed, type Fixture } from '../billing-fixtures.test-util.ts';

for (const driver of drivers()) {
  describe(`/v1 subscription events (${driver})`, () => {
    let database: TestDatabase;
    let server: TestServer;
    let fx: Fixture;
    let other: { key: string; id: string };
    const s1Status = async () =>
      (await server.call('GET', '/sync/results')).json.subscriptions.find((s: { external_id: string }) => s.external_id === 's1');

    beforeAll(async () => {
      database = await testDatabase(driver);
      server = await startTestServer(database.db, { today: '2016-01-20', rateLimitPerSecond: 1_000 });
      fx = await seed(server, database.db, server.accountId, [{ id: 'test_cus_ext_id' }]);
      other = await server.newAccount('Other');
      await seed(server, database.db, other.id, [{ id: 'test_cus_ext_id' }], other.key);
      const r = await server.call('POST', `/v1/import/customers/${fx.customers.test_cus_ext_id}/invoices`, {
        invoices: [monthlyInvoice('i1', fx.plans.gold, { sub: 's1' })],
      });
      if (r.status !== 201) throw new Error(JSON.stringify(r.json));
    }, 60_000);
    afterAll(async () => {
      await server?.close();
      await database?.drop();
    });

    const recorded = () => ({
      subscription_event: {
        id: null, data_source_uuid: fx.ds, customer_external_id: 'test_cus_ext_id', subscription_set_external_id: '',
        subscription_external_id: 's1', plan_external_id: '', event_date: '2016-01-18T09:48:34Z',
        effective_date: '2016-01-10T00:01:00Z', event_type: 'subscription_cancelled', external_id: 'test_ev_id_create_1',
        errors: null, created_at: null, updated_at: null, quantity: '', currency: '', amount_in_cents: '',
        tax_amount_in_cents: null, retracted_event_id: null,
      },
    });

    it('creates (201, flat event), lists, updates and deletes as recorded, recomputing MRR', async () => {
      const created = await server.call('POST', '/v1/subscription_events', recorded());
      expect(created.status).toBe(201);
      expect(created.json).toEqual({
        id: expect.any(Number), data_source_uuid: fx.ds, customer_external_id: 'test_cus_ext_id', subscription_set_external_id: null,
        subscription_external_id: 's1', plan_external_id: null, event_date: '2016-01-18T09:48:34Z',
        effective_date: '2016-01-10T00:01:00Z', event_type: 'subscription_cancelled', external_id: 'test_ev_id_create_1',
        errors: {}, created_at: expect.stringMatching(/Z$/), updated_at: expect.stringMatching(/Z$/), quantity: 1, currency: null,
        amount_in_cents: null, tax_amount_in_cents: null, retracted_event_id: null,
        event_order: null, disabled: false, disabled_at: null, disabled_by: null, user_created: false,
      });
      expect(await s1Status()).toMatchObject({ status: 'cancelled', cancelled_at: '2016-01-10' });

      const list = await server.call('GET', `/v1/subscription_events?data_source_uuid=${fx.ds}`);
      expect(list.status).toBe(200);
      expect(list.json).toEqual({
        subscription_events: [created.json], has_more: false, cursor: null,
        meta: { next_key: null, prev_key: null, before_key: expect.stringMatching(/Z$/), page: 1, total_pages: 1 },
      });

      const updated = await server.call('PATCH', '/v1/subscription_events', { subscription_event: { external_id: 'test_ev_id_update_2', id: created.json.id } });
      expect(updated.status).toBe(200);
      expect(updated.json).toEqual({ ...created.json, external_id: 'test_ev_id_update_2' });
      const moved = await server.call('PATCH', '/v1/subscription_events',
        { subscription_event: { data_source_uuid: fx.ds, external_id: 'test_ev_id_update_2', effective_date: '2016-01-12' } });
      expect(moved.status).toBe(200);
      expect(moved.json).toMatchObject({ id: created.json.id, effective_date: '2016-01-12T00:00:00Z' });
      expect(await s1Status()).toMatchObject({ status: 'cancelled', cancelled_at: '2016-01-12' });

      const del = await server.call('DELETE', `/v1/subscription_events?subscription_event%5Bid%5D=${created.json.id}`);
      expect(del.status).toBe(204);
      expect((await server.call('GET', `/v1/subscription_events?data_source_uuid=${fx.ds}`)).json.subscription_events).toEqual([]);
      expect(await s1Status()).toMatchObject({ status: 'active', cancelled_at: null });
    });

    it('answers 422 naming the field for what /sync refuses', async () => {
      const post = (changes: Record<string, unknown>) =>
        server.call('POST', '/v1/subscription_events', { subscription_event: { ...recorded().subscription_event, external_id: 'e422', ...changes } });
      const cases: [Record<string, unknown>, string][] = [
        [{ event_type: 'subscription_paused' }, 'event_type'],
        [{ effective_date: 'soon' }, 'effective_date'],
        [{ event_date: undefined }, 'event_date'],
        [{ customer_external_id: 'nobody' }, 'customer_external_id'],
        [{ data_source_uuid: 'ds_00000000-0000-0000-0000-000000000000' }, 'data_source_uuid'],
        [{ event_type: 'subscription_start', plan_external_id: 'gold', currency: 'USD', amount_in_cents: -5 }, 'amount_in_cents'],
        [{ event_type: 'subscription_start', plan_external_id: 'platinum', currency: 'USD', amount_in_cents: 5 }, 'plan_external_id'],
        [{ event_type: 'subscription_event_retracted', retracted_event_id: 'nope' }, 'retracted_event_id'],
        [{ quantity: 0 }, 'quantity'],
        [{ subscription_external_id: { id: 1 } }, 'subscription_external_id'],
      ];
      for (const [changes, field] of cases) {
        const r = await post(changes);
        expect(r.status, field).toBe(422);
        expect(Object.keys(r.json.errors), JSON.stringify(changes)).toContain(field);
      }
      const first = await post({ external_id: 'dup' });
      expect(first.status).toBe(201);
      const dup = await post({ external_id: 'dup' });
      expect(dup.status).toBe(422);
      expect(dup.json.errors).toHaveProperty('external_id');
      expect((await server.call('POST', '/v1/subscription_events', '{"subscription_event":')).status).toBe(400);
      const patch = await server.call('PATCH', '/v1/subscription_events', { subscription_event: { id: first.json.id, effective_date: 'later' } });
      expect(patch.status).toBe(422);
      expect(patch.json.errors).toHaveProperty('effective_date');
      await server.call('DELETE', '/v1/subscription_events', { subscription_event: { id: first.json.id } });
    });

    it('walks the list with a cursor and filters', async () => {
      const ids: number[] = [];
      for (const n of [1, 2, 3]) {
        const r = await server.call('POST', '/v1/subscription_events', {
          subscription_event: {
            data_source_uuid: fx.ds, customer_external_id: 'test_cus_ext_id', subscription_external_id: 's1', plan_external_id: 'gold',
            event_date: `2016-01-0${n}`, effective_date: `2016-03-0${n}`, event_type: 'subscription_update_scheduled',
            external_id: `walk-${n}`, currency: 'USD', amount_in_cents: 1000 + n, quantity: 1,
          },
        });
        expect(r.status).toBe(201);
        ids.push(r.json.id);
      }
      const seen: number[] = [];
      let page = await server.call('GET', `/v1/subscription_events?customer_uuid=${fx.customers.test_cus_ext_id}&per_page=2`);
      expect(Object.keys(page.json).sort()).toEqual(['cursor', 'has_more', 'meta', 'subscription_events']);
      for (;;) {
        seen.push(...page.json.subscription_events.map((e: { id: number }) => e.id));
        if (!page.json.has_more) break;
        page = await server.call('GET', `/v1/subscription_events?customer_uuid=${fx.customers.test_cus_ext_id}&per_page=2&cursor=${page.json.cursor}`);
      }
      expect(seen.sort()).toEqual([...ids].sort());
      const one = await server.call('GET', '/v1/subscription_events?external_id=walk-2');
      expect(one.json.subscription_events.map((e: { id: number }) => e.id)).toEqual([ids[1]]);
      expect((await server.call('GET', '/v1/subscription_events?event_type=subscription_cancelled')).json.subscription_events).toEqual([]);
    });

    it('keeps accounts apart: another account\'s key cannot read, update or delete by id or by external ID', async () => {
      const mine = (await server.call('GET', '/v1/subscription_events?external_id=walk-1')).json.subscription_events[0];
      const key = other.key;
      expect((await server.call('GET', '/v1/subscription_events', undefined, key)).json.subscription_events).toEqual([]);
      expect((await server.call('GET', `/v1/subscription_events?data_source_uuid=${fx.ds}`, undefined, key)).json.subscription_events).toEqual([]);
      expect((await server.call('PATCH', '/v1/subscription_events', { subscription_event: { id: mine.id, quantity: 2 } }, key)).status).toBe(404);
      expect((await server.call('PATCH', '/v1/subscription_events',
        { subscription_event: { data_source_uuid: fx.ds, external_id: 'walk-1', quantity: 2 } }, key)).status).toBe(404);
      expect((await server.call('DELETE', `/v1/subscription_events?subscription_event%5Bid%5D=${mine.id}`, undefined, key)).status).toBe(404);
      expect((await server.call('DELETE', '/v1/subscription_events', { subscription_event: { data_source_uuid: fx.ds, external_id: 'walk-1' } }, key)).status).toBe(404);
      expect((await server.call('POST', '/v1/subscription_events', { subscription_event: { ...recorded().subscription_event, external_id: 'x' } }, key)).status).toBe(422);
      expect((await server.call('DELETE', '/v1/subscription_events?subscription_event%5Bid%5D=12345')).status).toBe(404);
      expect((await server.call('GET', '/v1/subscription_events?external_id=walk-1')).json.subscription_events).toEqual([mine]);
    });
  });
}
