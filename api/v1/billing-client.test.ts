/**
 * ChartMogul's own Node client (chartmogul-node), pointed at our server by its base URL only,
 * drives the invoice, transaction, subscription, subscription event, metrics and activity
 * endpoints: every call resolves and the objects it gets back are the ones it expects.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers, testDatabase, type TestDatabase } from '../testing/databases.test-util.ts';
import { startTestServer, type TestServer } from '../testing/server.test-util.ts';
import { seed, type Fixture } from './billing-fixtures.test-util.ts';

const ChartMogul = createRequire(import.meta.url)('chartmogul-node');

for (const driver of drivers()) {
  describe(`chartmogul-node against /v1 billing endpoints (${driver})`, () => {
    let database: TestDatabase;
    let server: TestServer;
    let fx: Fixture;
    let config: unknown;
    beforeAll(async () => {
      database = await testDatabase(driver);
      server = await startTestServer(database.db, { today: '2016-03-15', rateLimitPerSecond: 1_000 });
      fx = await seed(server, database.db, server.accountId, [{ id: 'cus_001', country: 'US' }]);
      config = new ChartMogul.Config(server.key, server.url);
    }, 60_000);
    afterAll(async () => {
      await server?.close();
      await database?.drop();
    });

    it('imports invoices and transactions, lists and retrieves them, sets a status, deletes', async () => {
      const cus = fx.customers.cus_001;
      const created = await ChartMogul.Invoice.create(config, cus, {
        invoices: [{
          external_id: 'node-1', date: '2016-01-01 00:00:00', currency: 'USD', due_date: '2016-01-15',
          line_items: [{
            type: 'subscription', subscription_external_id: 'sub-node', plan_uuid: fx.plans.gold,
            service_period_start: '2016-01-01', service_period_end: '2016-02-01', amount_in_cents: 5000, quantity: 1,
          }],
          transactions: [{ date: '2016-01-01', type: 'payment', result: 'successful' }],
        }, {
          external_id: 'node-2', date: '2016-02-01', currency: 'USD',
          line_items: [{
            type: 'subscription', subscription_external_id: 'sub-node', plan_uuid: fx.plans.gold,
            service_period_start: '2016-02-01', service_period_end: '2016-03-01', amount_in_cents: 7000, quantity: 1,
          }],
        }],
      });
      expect(created.invoices.map((i: { external_id: string }) => i.external_id)).toEqual(['node-1', 'node-2']);
      const uuid = created.invoices[1].uuid;
      const tr = await ChartMogul.Transaction.create(config, uuid, { type: 'payment', date: '2016-02-02', result: 'successful' });
      expect(tr.uuid).toMatch(/^tr_/);
      const listed = await ChartMogul.Invoice.all(config, cus, { per_page: 1 });
      expect(listed).toMatchObject({ customer_uuid: cus, has_more: true });
      const any = await ChartMogul.Invoice.all(config, { external_id: 'node-2' });
      expect(any.invoices[0].transactions).toHaveLength(1);
      expect((await ChartMogul.Invoice.retrieve(config, uuid)).uuid).toBe(uuid);
      const voided = await ChartMogul.Invoice.updateStatus(config, fx.ds, 'node-2', { status: 'voided' });
      expect(voided.status).toBe('voided');
      await expect(ChartMogul.Invoice.updateStatus(config, fx.ds, 'node-2', { status: 'lost' }))
        .rejects.toMatchObject({ status: 422 });
      await ChartMogul.Invoice.destroy(config, uuid);
      await expect(ChartMogul.Invoice.retrieve(config, uuid)).rejects.toMatchObject({ status: 404 });
    });

    it('cancels subscriptions, reads the customer\'s subscriptions and activities, connects and disconnects', async () => {
      const cus = fx.customers.cus_001;
      const subs = await ChartMogul.Metrics.Customer.subscriptions(config, cus);
      expect(subs.entries).toHaveLength(1);
      const imported = await ChartMogul.Subscription.modify(config, `sub_${subs.entries[0].uuid}`, { cancellation_dates: ['2016-02-10'] });
      expect(imported.cancellation_dates).toEqual(['2016-02-10T00:00:00.000Z']);
      const activities = await ChartMogul.Metrics.Customer.activities(config, cus, { per_page: 10 });
      expect(activities.entries.map((a: { type: string }) => a.type)).toEqual(['new_biz', 'churn']);
      await expect(ChartMogul.Metrics.Customer.connectSubscriptions(config, fx.ds, cus, [{ uuid: subs.entries[0].uuid }]))
        .rejects.toMatchObject({ status: 422 }); // one subscription is nothing to connect
      await ChartMogul.Metrics.Customer.disconnectSubscriptions(config, fx.ds, cus, [{ uuid: subs.entries[0].uuid }]);
    });

    it('creates, lists, updates and deletes subscription events', async () => {
      const event = await ChartMogul.SubscriptionEvent.create(config, {
        data_source_uuid: fx.ds, customer_external_id: 'cus_001', subscription_external_id: 'sub-node',
        event_type: 'subscription_start_scheduled', event_date: '2016-03-01', effective_date: '2016-04-01',
        plan_external_id: 'gold', currency: 'USD', amount_in_cents: 9000, quantity: 1, external_id: 'ev-node',
      });
      expect(event).toMatchObject({ external_id: 'ev-node', id: expect.any(Number) });
      const all = await ChartMogul.SubscriptionEvent.all(config, { external_id: 'ev-node' });
      expect(all.subscription_events.map((e: { id: number }) => e.id)).toEqual([event.id]);
      const updated = await ChartMogul.SubscriptionEvent.updateWithParams(config, { id: event.id, amount_in_cents: 9500 });
      expect(updated.amount_in_cents).toBe(9500);
      await ChartMogul.SubscriptionEvent.deleteWithParams(config, { data_source_uuid: fx.ds, external_id: 'ev-node' });
      expect((await ChartMogul.SubscriptionEvent.all(config, { external_id: 'ev-node' })).subscription_events).toEqual([]);
    });

    it('reads every metric and the activities', async () => {
      const q = { 'start-date': '2016-01-01', 'end-date': '2016-03-31', interval: 'month' };
      const all = await ChartMogul.Metrics.all(config, q);
      expect(all.entries.map((e: { date: string; mrr: number }) => [e.date, e.mrr])).toEqual([['2016-01-31', 5000], ['2016-02-29', 0], ['2016-03-15', 0]]);
      for (const name of ['mrr', 'arr', 'arpa', 'asp', 'customerCount', 'customerChurnRate', 'mrrChurnRate', 'ltv']) {
        const r = await ChartMogul.Metrics[name](config, q);
        expect(r.entries, name).toHaveLength(3);
        expect(r.summary, name).toHaveProperty('current');
      }
      const activities = await ChartMogul.Metrics.Activity.all(config, { type: 'churn' });
      expect(activities.entries).toHaveLength(1);
      await expect(ChartMogul.Metrics.all(config, { interval: 'fortnight' })).rejects.toMatchObject({ status: 422 });
    });
  });
}
