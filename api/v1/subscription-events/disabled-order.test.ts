/**
 * Subscription events' disabled state and event_order through chartmogul-node (and the other
 * clients' paths): a disabled event counts nowhere (a disabled cancellation cancels nothing, a
 * disabled scheduled event commits nothing) until enabled; event_order orders same-instant
 * scheduled events in the forecast the engine computes from the stored rows; the list's `meta`.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeReport, DEFAULT_SETTINGS, endOfDay, parseDateOnly } from '../../../shared/index.ts';
import { loadBillingData } from '../../derived/billing-data.ts';
import { drivers, testDatabase, type TestDatabase } from '../../testing/databases.test-util.ts';
import { startTestServer, type TestServer } from '../../testing/server.test-util.ts';
import { monthlyInvoice, seed, type Fixture } from '../billing-fixtures.test-util.ts';

const ChartMogul = createRequire(import.meta.url)('chartmogul-node');
const TODAY = '2016-03-15';

for (const driver of drivers()) {
  describe(`subscription events: disabled state, event_order, meta (${driver})`, () => {
    let database: TestDatabase;
    let server: TestServer;
    let fx: Fixture;
    let config: unknown;
    const customer = async () => ChartMogul.Customer.retrieve(config, fx.customers.cus_001);
    const event = (fields: Record<string, unknown>) => ChartMogul.SubscriptionEvent.create(config, {
      data_source_uuid: fx.ds, customer_external_id: 'cus_001', subscription_external_id: 's1', event_date: '2016-03-01', ...fields,
    });
    /** The committed MRR at the end of the forecast, as the engine computes it from the stored rows. */
    const committed = async () => {
      const asOf = parseDateOnly(TODAY)!;
      const data = await database.db.read((tx) => loadBillingData(
        tx, { accountId: server.accountId, dataSourceId: fx.ds.slice(3), customers: null }, DEFAULT_SETTINGS, endOfDay(asOf),
      ));
      return computeReport(data, DEFAULT_SETTINGS, { asOf }).forecast.at(-1)?.cmrr;
    };

    beforeAll(async () => {
      database = await testDatabase(driver);
      server = await startTestServer(database.db, { today: TODAY, rateLimitPerSecond: 1_000 });
      fx = await seed(server, database.db, server.accountId, [{ id: 'cus_001' }]);
      config = new ChartMogul.Config(server.key, server.url);
      await ChartMogul.Invoice.create(config, fx.customers.cus_001, {
        invoices: [
          monthlyInvoice('i1', fx.plans.gold, { sub: 's1', start: '2016-01-01', end: '2016-02-01' }),
          monthlyInvoice('i2', fx.plans.gold, { sub: 's1', start: '2016-02-01', end: '2016-03-01' }),
          monthlyInvoice('i3', fx.plans.gold, { sub: 's1', start: '2016-03-01', end: '2016-04-01' }),
        ],
      });
    }, 60_000);
    afterAll(async () => {
      await server?.close();
      await database?.drop();
    });

    it('a disabled cancellation cancels nothing until enabled again, by id, by external ID and by PATCH', async () => {
      expect(await customer()).toMatchObject({ mrr: 1000, status: 'Active' });
      const cancel = await event({ event_type: 'subscription_cancelled', effective_date: '2016-03-10', external_id: 'cancel-1' });
      expect(cancel).toMatchObject({ disabled: false, disabled_at: null, disabled_by: null, user_created: false });
      expect(await customer()).toMatchObject({ mrr: 0, status: 'Cancelled' });

      const disabled = await ChartMogul.SubscriptionEvent.disable(config, cancel.id);
      expect(disabled).toMatchObject({ id: cancel.id, disabled: true, disabled_by: 'Test', disabled_at: expect.stringMatching(/Z$/) });
      expect(await customer()).toMatchObject({ mrr: 1000, status: 'Active' });
      const activities = await ChartMogul.Metrics.Customer.activities(config, fx.customers.cus_001, {});
      expect(activities.entries.map((a: any) => a.type)).not.toContain('churn');
      // Still listed, as disabled.
      const listed = await ChartMogul.SubscriptionEvent.all(config, { external_id: 'cancel-1' });
      expect(listed.subscription_events).toMatchObject([{ id: cancel.id, disabled: true }]);

      const enabled = await ChartMogul.SubscriptionEvent.enable(config, cancel.id);
      expect(enabled).toMatchObject({ disabled: false, disabled_at: null, disabled_by: null });
      expect(await customer()).toMatchObject({ mrr: 0, status: 'Cancelled' });

      // chartmogul-ruby's toggle by external ID.
      const byRef = await server.call('PATCH', '/v1/subscription_events/disabled_state?handle_as_user_edit=true', {
        subscription_event: { data_source_uuid: fx.ds, external_id: 'cancel-1' }, disabled: true,
      });
      expect(byRef.status).toBe(200);
      expect(byRef.json).toMatchObject({ id: cancel.id, disabled: true });
      expect(await customer()).toMatchObject({ mrr: 1000, status: 'Active' });
      // chartmogul-python's enable (a PATCH of the event).
      const patched = await server.call('PATCH', '/v1/subscription_events', { subscription_event: { id: cancel.id, disabled: false } });
      expect(patched.status).toBe(200);
      expect(patched.json).toMatchObject({ disabled: false, external_id: 'cancel-1' });
      expect(await customer()).toMatchObject({ mrr: 0, status: 'Cancelled' });

      await ChartMogul.SubscriptionEvent.deleteWithParams(config, { id: cancel.id });
      expect(await customer()).toMatchObject({ mrr: 1000, status: 'Active' });
    });

    it('refuses what it cannot do, naming the field; 404 for unknown events and other accounts', async () => {
      const plain = await event({ event_type: 'subscription_cancelled', effective_date: '2016-05-10' });
      const answer = async (method: string, path: string, body: unknown, status: number, field?: string, key?: string) => {
        const r = await server.call(method, path, body, key);
        expect(r.status, `${path} ${JSON.stringify(body)}: ${JSON.stringify(r.json)}`).toBe(status);
        if (field) expect(Object.keys(r.json.errors)).toEqual([field]);
      };
      // Only an event with an external ID can be disabled (ChartMogul's rule).
      await answer('PATCH', `/v1/subscription_events/${plain.id}/disabled_state`, { disabled: true }, 422, 'external_id');
      await answer('PATCH', `/v1/subscription_events/${plain.id}/disabled_state`, {}, 422, 'disabled');
      await answer('PATCH', `/v1/subscription_events/${plain.id}/disabled_state`, { disabled: 'yes' }, 422, 'disabled');
      await answer('PATCH', '/v1/subscription_events/99999999/disabled_state', { disabled: true }, 404);
      await answer('PATCH', '/v1/subscription_events/not-an-id/disabled_state', { disabled: true }, 404);
      await answer('PATCH', '/v1/subscription_events/disabled_state', { subscription_event: { data_source_uuid: fx.ds }, disabled: true }, 422, 'external_id');
      await answer('PATCH', '/v1/subscription_events/disabled_state', { subscription_event: { data_source_uuid: fx.ds, external_id: 'nope' }, disabled: true }, 404);
      await answer('PATCH', '/v1/subscription_events', { subscription_event: { id: plain.id, disabled: 'no' } }, 422, 'disabled');
      await answer('POST', '/v1/subscription_events', {
        subscription_event: {
          data_source_uuid: fx.ds, customer_external_id: 'cus_001', subscription_external_id: 's1', event_type: 'subscription_cancelled',
          event_date: '2016-03-01', effective_date: '2016-05-01', external_id: 'bad-order', event_order: 1.5,
        },
      }, 422, 'event_order');
      const other = await server.newAccount('Other');
      const mine = await event({ event_type: 'subscription_cancelled', effective_date: '2016-05-11', external_id: 'mine' });
      await answer('PATCH', `/v1/subscription_events/${mine.id}/disabled_state`, { disabled: true }, 404, undefined, other.key);
      expect((await ChartMogul.SubscriptionEvent.all(config, { external_id: 'mine' })).subscription_events[0].disabled).toBe(false);
      for (const e of [plain, mine]) await ChartMogul.SubscriptionEvent.deleteWithParams(config, { id: e.id });
    });

    it('event_order orders scheduled events of one instant in the forecast; a disabled one commits nothing', async () => {
      expect(await committed()).toBeUndefined();
      const scheduled = (external_id: string, amount: number, event_order?: number | null) => event({
        event_type: 'subscription_update_scheduled', effective_date: '2016-04-15', plan_external_id: 'gold', currency: 'USD',
        amount_in_cents: amount, quantity: 1, external_id, ...(event_order === undefined ? {} : { event_order }),
      });
      const high = await scheduled('u-3000', 3000, 2);
      const low = await scheduled('u-2000', 2000, 1);
      expect([high.event_order, low.event_order]).toEqual([2, 1]);
      // Created last, but ordered first: the 3000 update stands.
      expect(await committed()).toBe(3000);

      const moved = await ChartMogul.SubscriptionEvent.updateWithParams(config, { subscription_event: { id: low.id, event_order: 3 } });
      expect(moved).toMatchObject({ id: low.id, event_order: 3, amount_in_cents: 2000 });
      expect(await committed()).toBe(2000);
      // Other fields change, the order stays.
      expect(await ChartMogul.SubscriptionEvent.updateWithParams(config, { subscription_event: { id: low.id, amount_in_cents: 2500 } }))
        .toMatchObject({ event_order: 3, amount_in_cents: 2500 });
      expect(await committed()).toBe(2500);
      // null clears it: unordered events come after ordered ones.
      const cleared = await ChartMogul.SubscriptionEvent.updateWithParams(config, { subscription_event: { id: high.id, event_order: null } });
      expect(cleared.event_order).toBeNull();
      expect(await committed()).toBe(3000);

      await ChartMogul.SubscriptionEvent.disable(config, high.id);
      expect(await committed()).toBe(2500);
      await ChartMogul.SubscriptionEvent.disable(config, low.id);
      expect(await committed()).toBeUndefined();
      await ChartMogul.SubscriptionEvent.enable(config, high.id);
      expect(await committed()).toBe(3000);
      for (const e of [high, low]) await ChartMogul.SubscriptionEvent.deleteWithParams(config, { id: e.id });
    });

    it('lists with ChartMogul\'s meta beside the cursor (not to chartmogul-python, which cannot take it)', async () => {
      const made = [];
      for (const n of [1, 2, 3]) made.push(await event({ event_type: 'subscription_cancellation_scheduled', effective_date: `2016-06-0${n}`, external_id: `meta-${n}` }));
      const first = await ChartMogul.SubscriptionEvent.all(config, { data_source_uuid: fx.ds, per_page: 2 });
      expect(Object.keys(first)).toEqual(['subscription_events', 'meta', 'has_more', 'cursor']);
      // Newest first.
      expect(first.subscription_events.map((e: any) => e.external_id)).toEqual(['meta-3', 'meta-2']);
      expect(first.meta).toEqual({ next_key: made[0].id, prev_key: null, before_key: expect.stringMatching(/^\d{4}-.*Z$/), page: 1, total_pages: 2 });
      const second = await ChartMogul.SubscriptionEvent.all(config, { data_source_uuid: fx.ds, per_page: 2, cursor: first.cursor });
      expect(second.subscription_events.map((e: any) => e.external_id)).toEqual(['meta-1']);
      expect(second.meta).toMatchObject({ next_key: null, prev_key: made[2].id, page: 2, total_pages: 2 });
      expect(second).toMatchObject({ has_more: false, cursor: null });
      const none = await ChartMogul.SubscriptionEvent.all(config, { external_id: 'none' });
      expect(none.meta).toMatchObject({ next_key: null, prev_key: null, page: 1, total_pages: 0 });

      const python = await fetch(`${server.url}/v1/subscription_events?data_source_uuid=${fx.ds}`, {
        headers: { Authorization: `Basic ${Buffer.from(`${server.key}:`).toString('base64')}`, 'User-Agent': 'chartmogul-python/4.6.0' },
      });
      expect(Object.keys(await python.json() as object).sort()).toEqual(['cursor', 'has_more', 'subscription_events']);
      for (const e of made) await ChartMogul.SubscriptionEvent.deleteWithParams(config, { id: e.id });
    });
  });
}
