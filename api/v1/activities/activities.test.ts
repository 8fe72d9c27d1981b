/**
 * Activities over a real HTTP server on every driver: the recorded entry shapes of the
 * account-wide and per-customer lists, type / date / date-time / order filters, cursor walks,
 * 422 for bad filters, other accounts' movements never shown.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers, testDatabase, type TestDatabase } from '../../testing/databases.test-util.ts';
import { startTestServer, type TestServer } from '../../testing/server.test-util.ts';
import { monthlyInvoice, seed, type Fixture } from '../billing-fixtures.test-util.ts';

for (const driver of drivers()) {
  describe(`/v1 activities (${driver})`, () => {
    let database: TestDatabase;
    let server: TestServer;
    let fx: Fixture;
    let other: { key: string; id: string };
    const get = async (path: string, key = server.key) => {
      const r = await server.call('GET', path, undefined, key);
      expect(r.status, JSON.stringify(r.json)).toBe(200);
      return r.json;
    };

    beforeAll(async () => {
      database = await testDatabase(driver);
      server = await startTestServer(database.db, { today: '2016-03-15', rateLimitPerSecond: 1_000, });
      fx = await seed(server, database.db, server.accountId, [{ id: 'a', name: 'Alpha' }, { id: 'b', name: 'Beta' }]);
      other = await server.newAccount('Other');
      await seed(server, database.db, other.id, [{ id: 'a' }], other.key);
      const post = (cus: string, invoices: unknown[]) => server.call('POST', `/v1/import/customers/${cus}/invoices`, { invoices });
      await post(fx.customers.a, [
        monthlyInvoice('a1', fx.plans.gold, { sub: 'a-sub', start: '2016-01-01', end: '2016-02-01' }),
        monthlyInvoice('a2', fx.plans.gold, { sub: 'a-sub', start: '2016-02-01', end: '2016-03-01', amount: 1500 }),
      ]);
      await post(fx.customers.b, [monthlyInvoice('b1', fx.plans.gold, { sub: 'b-sub', start: '2016-01-10', end: '2016-02-10' })]);
      const subs = (await server.call('GET', `/v1/import/customers/${fx.customers.b}/subscriptions`)).json.subscriptions;
      await server.call('PATCH', `/v1/import/subscriptions/${subs[0].uuid}`, { cancelled_at: '2016-01-20' });
    }, 60_000);
    afterAll(async () => {
      await server?.close();
      await database?.drop();
    });

    it('lists every movement as recorded, in date order', async () => {
      const r = await get('/v1/activities');
      expect(r).toMatchObject({ has_more: false, per_page: 200, cursor: null });
      // The Python client builds its list from exactly these keys (any other list key breaks it).
      expect(Object.keys(r).sort()).toEqual(['cursor', 'entries', 'has_more', 'per_page']);
      expect(r.entries.map((e: any) => [e.date, e['customer-external-id'], e.type, e['activity-mrr-movement'], e['activity-mrr']])).toEqual([
        ['2016-01-01T00:00:00+00:00', 'a', 'new_biz', 1000, 1000],
        ['2016-01-10T00:00:00+00:00', 'b', 'new_biz', 1000, 1000],
        ['2016-01-20T00:00:00+00:00', 'b', 'churn', -1000, 0],
        ['2016-02-01T00:00:00+00:00', 'a', 'expansion', 500, 1500],
      ]);
      expect(r.entries[0]).toEqual({
        description: 'purchased the Gold plan', 'activity-mrr-movement': 1000, 'activity-mrr': 1000, 'activity-arr': 12000,
        date: '2016-01-01T00:00:00+00:00', type: 'new_biz', currency: 'USD', 'subscription-external-id': 'a-sub',
        'subscription-set-external-id': 'a-sub', 'plan-external-id': 'gold', 'customer-name': 'Alpha',
        'customer-uuid': fx.customers.a, 'customer-external-id': 'a', 'billing-connector-uuid': fx.ds,
        uuid: expect.stringMatching(/^[0-9a-f-]{36}$/),
      });
      expect(r.entries[2].description).toBe('cancelled their Gold plan');
    });

    it('filters by type, dates and order; walks the cursor', async () => {
      const types = async (q: string) => (await get(`/v1/activities?${q}`)).entries.map((e: any) => `${e['customer-external-id']}:${e.type}`);
      expect(await types('type=new_biz')).toEqual(['a:new_biz', 'b:new_biz']);
      expect(await types('start-date=2016-01-10&end-date=2016-01-20')).toEqual(['b:new_biz', 'b:churn']);
      expect(await types('order=-date')).toEqual(['a:expansion', 'b:churn', 'b:new_biz', 'a:new_biz']);
      const seen: string[] = [];
      let page = await get('/v1/activities?per_page=3');
      seen.push(...page.entries.map((e: any) => e.type));
      expect(page.has_more).toBe(true);
      page = await get(`/v1/activities?per_page=3&cursor=${encodeURIComponent(page.cursor)}`);
      seen.push(...page.entries.map((e: any) => e.type));
      expect(page).toMatchObject({ has_more: false, cursor: null });
      expect(seen).toEqual(['new_biz', 'new_biz', 'churn', 'expansion']);
      for (const [q, field] of [['type=upgrade', 'type'], ['start-date=2016-02-30', 'start-date'], ['order=amount', 'order']]) {
        const r = await server.call('GET', `/v1/activities?${q}`);
        expect(r.status, q).toBe(422);
        expect(r.json.errors).toHaveProperty([field]);
      }
      expect((await server.call('GET', '/v1/activities?per_page=0')).status).toBe(400);
    });

    it('takes date-times as ChartMogul documents them, bounding instants (also through chartmogul-node)', async () => {
      const types = async (q: string, path = '/v1/activities') => (await get(`${path}?${q}`)).entries.map((e: any) => `${e['customer-external-id']}:${e.type}`);
      // b's new_biz is at 2016-01-10T00:00:00Z, its churn at 2016-01-20T00:00:00Z.
      expect(await types('start-date=2016-01-10')).toEqual(['b:new_biz', 'b:churn', 'a:expansion']);
      expect(await types('start-date=2016-01-10T00:00:00Z')).toEqual(['b:new_biz', 'b:churn', 'a:expansion']);
      expect(await types('start-date=2016-01-10T00:00:01Z')).toEqual(['b:churn', 'a:expansion']);
      expect(await types(`start-date=${encodeURIComponent('2016-01-10T01:00:00+01:00')}`)).toEqual(['b:new_biz', 'b:churn', 'a:expansion']);
      // An unencoded + arrives as a space.
      expect(await types('start-date=2016-01-10T01:00:01+01:00')).toEqual(['b:churn', 'a:expansion']);
      expect(await types('start-date=2016-01-09T19:00:00-05:00&end-date=2016-01-19T23:59:59.999Z')).toEqual(['b:new_biz']);
      expect(await types('start_date=2016-01-10T00:00:01&end_date=2016-01-20')).toEqual(['b:churn']);
      // Under plan conditions (movements from the engine on demand) the same bounds hold.
      expect(await types(`filters=${encodeURIComponent("plan~ANY~'gold'")}&start-date=2016-01-10T00:00:01Z&end-date=2016-02-01T00:00:00Z`))
        .toEqual(['b:churn', 'a:expansion']);
      const ofA = await get(`/v1/customers/${fx.customers.a}/activities?start-date=2016-01-01T00:00:01Z`);
      expect(ofA.entries.map((e: any) => e.type)).toEqual(['expansion']);

      const ChartMogul = createRequire(import.meta.url)('chartmogul-node');
      const config = new ChartMogul.Config(server.key, server.url);
      const listed = await ChartMogul.Metrics.Activity.all(config, { 'start-date': '2016-01-10T00:00:01Z', per_page: 1 });
      expect(listed.entries.map((e: any) => e.type)).toEqual(['churn']);
      const mine = await ChartMogul.Metrics.Customer.activities(config, fx.customers.b, { 'start-date': '2016-01-15T12:00:00+02:00' });
      expect(mine.entries.map((e: any) => e.type)).toEqual(['churn']);

      for (const q of ['start-date=2016-01-10T25:00:00Z', 'start-date=yesterday', 'start-date=2016-01-20T00:00:01Z&end-date=2016-01-20T00:00:00Z']) {
        const r = await server.call('GET', `/v1/activities?${q}`);
        expect(r.status, q).toBe(422);
        expect(Object.keys(r.json.errors), q).toEqual(['start-date']);
      }
      const r = await server.call('GET', '/v1/activities?end-date=2016-13-01T00:00:00Z');
      expect(r.status).toBe(422);
      expect(Object.keys(r.json.errors)).toEqual(['end-date']);
    });

    it('lists one customer\'s activities as recorded, paginated', async () => {
      const r = await get(`/v1/customers/${fx.customers.a}/activities?per_page=1`);
      expect(r).toMatchObject({ has_more: true, per_page: 1, page: 1 });
      expect(Object.keys(r).sort()).toEqual(['cursor', 'entries', 'has_more', 'page', 'per_page']);
      expect(r.entries).toEqual([{
        id: expect.any(Number), description: 'purchased the Gold plan', 'activity-mrr-movement': 1000, 'activity-mrr': 1000,
        'activity-arr': 12000, date: '2016-01-01T00:00:00+00:00', type: 'new_biz', currency: 'USD', 'currency-sign': '$',
        'subscription-external-id': 'a-sub',
      }]);
      const next = await get(`/v1/customers/${fx.customers.a}/activities?per_page=1&cursor=${encodeURIComponent(r.cursor)}`);
      expect(next).toMatchObject({ has_more: false, cursor: null, page: 2 });
      expect(next.entries.map((e: any) => e.type)).toEqual(['expansion']);
      expect((await get(`/v1/customers/${fx.customers.b}/activities?type=churn`)).entries).toHaveLength(1);
    });

    it('shows nothing of another account', async () => {
      expect((await get('/v1/activities', other.key)).entries).toEqual([]);
      expect((await server.call('GET', `/v1/customers/${fx.customers.a}/activities`, undefined, other.key)).status).toBe(404);
      expect((await server.call('GET', '/v1/customers/cus_nope/activities')).status).toBe(404);
    });
  });
}
