/**
 * ChartMogul's billing-migration case over a real HTTP server: two customers each billed
 * monthly from January to June in data source "Old billing" and from July in "New billing";
 * merged into the new data source's customers, then their old and new subscriptions
 * connected. Metrics and activities show no churn and no reactivation at the switch, MRR is
 * continuous and as computed by hand; disconnecting gives the unconnected figures back.
 * - X: an exact hand-over, 1000 then 1000 (the old one cancelled at the switch);
 * - Y: a four-day gap, 2000 then 2500 (the old one cancelled at its paid-through, July 1).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers, testDatabase, type TestDatabase } from '../../testing/databases.test-util.ts';
import { startTestServer, type TestServer } from '../../testing/server.test-util.ts';

const months = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const day = (month: number, d = 1) => `2024-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const iso = (at: string) => at.replace(' 12:00:00 UTC', 'T12:00:00Z');
const noon = (month: number, d = 1) => (month === 13 ? `2025-01-${String(d).padStart(2, '0')} 12:00:00 UTC` : `${day(month, d)} 12:00:00 UTC`);

for (const driver of drivers()) {
  describe(`connect_subscriptions: a customer moves to another billing system mid-year (${driver})`, () => {
    let database: TestDatabase;
    let server: TestServer;
    const ds: Record<string, string> = {};
    const cus: Record<string, string> = {};
    const call = (method: string, path: string, body?: unknown) => server.call(method, path, body);
    const ok = async (method: string, path: string, body: unknown, status: number) => {
      const r = await call(method, path, body);
      if (r.status !== status) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.json)}`);
      return r.json;
    };

    /** Monthly invoices of one subscription, one a month, each period from `dayOfMonth` at noon. */
    async function invoices(customer: string, plan: string, sub: string, amount: number, from: number, to: number, dayOfMonth = 1) {
      await ok('POST', `/v1/import/customers/${customer}/invoices`, {
        invoices: months(from, to).map((m) => ({
          external_id: `${sub}-${m}`, date: noon(m, dayOfMonth), currency: 'USD',
          line_items: [{
            type: 'subscription', subscription_external_id: sub, plan_uuid: plan, amount_in_cents: amount, quantity: 1,
            service_period_start: noon(m, dayOfMonth), service_period_end: noon(m + 1, dayOfMonth),
          }],
          transactions: [{ date: noon(m, dayOfMonth), type: 'payment', result: 'successful' }],
        })),
      }, 201);
    }

    /** [date, mrr, new business, expansion, contraction, churn, reactivation, customers] per entry. */
    async function metrics(interval: string, start: string, end: string) {
      const q = `start-date=${start}&end-date=${end}&interval=${interval}`;
      const all = (await call('GET', `/v1/metrics/all?${q}`)).json.entries;
      return (await call('GET', `/v1/metrics/mrr?${q}`)).json.entries.map((e: Record<string, number | string>, i: number) => [
        e.date, e.mrr, e['mrr-new-business'], e['mrr-expansion'], e['mrr-contraction'], e['mrr-churn'], e['mrr-reactivation'],
        all[i].customers,
      ]);
    }
    const activities = async () => (await call('GET', '/v1/activities?per_page=200')).json.entries
      .map((a: Record<string, string | number>) => [a.date, a['customer-external-id'], a['subscription-external-id'], a.type, a['activity-mrr-movement']]);
    const subscriptionsOf = async (customer: string) => (await call('GET', `/v1/customers/${customer}/subscriptions`)).json.entries;
    const figures = async () => ({
      monthly: await metrics('month', '2024-01-01', '2024-12-20'),
      daily: await metrics('day', '2024-06-29', '2024-07-06'),
      activities: await activities(),
    });

    beforeAll(async () => {
      database = await testDatabase(driver);
      server = await startTestServer(database.db, { today: '2024-12-20', rateLimitPerSecond: 1_000 });
      for (const [key, name] of [['old', 'Old billing'], ['new', 'New billing']]) {
        ds[key] = (await ok('POST', '/v1/data_sources', { name }, 201)).uuid;
      }
      const plan = async (source: string, externalId: string) => (await ok('POST', '/v1/plans', {
        data_source_uuid: ds[source], name: 'Monthly', interval_count: 1, interval_unit: 'month', external_id: externalId,
      }, 201)).uuid;
      const oldPlan = await plan('old', 'old-monthly');
      const newPlan = await plan('new', 'new-monthly');
      for (const who of ['x', 'y']) {
        for (const source of ['old', 'new']) {
          cus[`${who}-${source}`] = (await ok('POST', '/v1/customers', {
            data_source_uuid: ds[source], external_id: `${who}-${source}`, name: `Customer ${who.toUpperCase()}`,
          }, 201)).uuid;
        }
      }
      await invoices(cus['x-old'], oldPlan, 'x-old-sub', 1000, 1, 6);
      await invoices(cus['x-new'], newPlan, 'x-new-sub', 1000, 7, 12);
      await invoices(cus['y-old'], oldPlan, 'y-old-sub', 2000, 1, 6);
      await invoices(cus['y-new'], newPlan, 'y-new-sub', 2500, 7, 12, 5);
      for (const who of ['x', 'y']) {
        const [old] = (await call('GET', `/v1/import/customers/${cus[`${who}-old`]}/subscriptions`)).json.subscriptions;
        await ok('PATCH', `/v1/import/subscriptions/${old.uuid}`, { cancelled_at: noon(7) }, 202);
        await ok('POST', '/v1/customers/merges', { from: { customer_uuid: cus[`${who}-old`] }, into: { customer_uuid: cus[`${who}-new`] } }, 202);
      }
    }, 120_000);
    afterAll(async () => {
      await server?.close();
      await database?.drop();
    });

    let apart: Awaited<ReturnType<typeof figures>>;
    let yConnected: { data_source_uuid: string; uuid: string }[];

    it('merged but not connected: the gap is a churn and a reactivation, the exact switch a contraction and an expansion', async () => {
      apart = await figures();
      expect(apart.monthly.slice(5, 8)).toEqual([
        ['2024-06-30', 3000, 0, 0, 0, 0, 0, 2],
        ['2024-07-31', 3500, 0, 1000, -1000, -2000, 2500, 2],
        ['2024-08-31', 3500, 0, 0, 0, 0, 0, 2],
      ]);
      expect(apart.daily.map((e: unknown[]) => [e[1], e[7]])).toEqual([[3000, 2], [3000, 2], [1000, 1], [1000, 1], [1000, 1], [1000, 1], [3500, 2], [3500, 2]]);
      expect((await subscriptionsOf(cus['y-new'])).map((s: { external_id: string }) => s.external_id).sort()).toEqual(['y-new-sub', 'y-old-sub']);
    });

    it('connected: one history, no churn and no reactivation at the switch, MRR continuous', async () => {
      // X by external IDs, the old one under the data source it was imported into before the merge.
      expect((await call('POST', `/v1/customers/${cus['x-new']}/connect_subscriptions`, {
        subscriptions: [{ data_source_uuid: ds.old, external_id: 'x-old-sub' }, { data_source_uuid: ds.new, external_id: 'x-new-sub' }],
      })).status).toBe(202);
      // Y by sub_ UUIDs, as its subscriptions list gives them.
      const ys = await subscriptionsOf(cus['y-new']);
      yConnected = ys.map((s: { uuid: string }) => ({ data_source_uuid: ds.new, uuid: s.uuid }));
      const r = await call('POST', `/v1/customers/${cus['y-new']}/connect_subscriptions`, { subscriptions: yConnected });
      expect(r).toMatchObject({ status: 202, json: {} });

      const joined = await figures();
      // By hand: January 1000 + 2000 new; from July 1 X 1000 → 1000 (nothing), Y's 2000 kept to July 5, then 2500.
      expect(joined.monthly).toEqual([
        ['2024-01-31', 3000, 3000, 0, 0, 0, 0, 2],
        ...months(2, 6).map((m) => [new Date(Date.UTC(2024, m, 0)).toISOString().slice(0, 10), 3000, 0, 0, 0, 0, 0, 2]),
        ['2024-07-31', 3500, 0, 500, 0, 0, 0, 2],
        ...months(8, 11).map((m) => [new Date(Date.UTC(2024, m, 0)).toISOString().slice(0, 10), 3500, 0, 0, 0, 0, 0, 2]),
        ['2024-12-20', 3500, 0, 0, 0, 0, 0, 2],
      ]);
      expect(joined.daily).toEqual([
        ...[29, 30].map((d) => [day(6, d), 3000, 0, 0, 0, 0, 0, 2]),
        ...[1, 2, 3, 4].map((d) => [day(7, d), 3000, 0, 0, 0, 0, 0, 2]),
        [day(7, 5), 3500, 0, 500, 0, 0, 0, 2],
        [day(7, 6), 3500, 0, 0, 0, 0, 0, 2],
      ]);
      expect(joined.activities).toEqual([
        ['2024-01-01T12:00:00+00:00', 'x-new', 'x-new-sub', 'new_biz', 1000],
        ['2024-01-01T12:00:00+00:00', 'y-new', 'y-new-sub', 'new_biz', 2000],
        ['2024-07-05T12:00:00+00:00', 'y-new', 'y-new-sub', 'expansion', 500],
      ]);
      const [y] = await subscriptionsOf(cus['y-new']);
      expect(await subscriptionsOf(cus['y-new'])).toHaveLength(1);
      expect(y).toMatchObject({
        external_id: 'y-new-sub', uuid: ys.find((s: { external_id: string }) => s.external_id === 'y-new-sub').uuid,
        mrr: 2500, status: 'active', 'start-date': '2024-01-01T12:00:00+00:00', 'end-date': '2025-01-05T12:00:00+00:00',
      });
      const customer = (await call('GET', `/v1/customers/${cus['y-new']}`)).json;
      expect(customer).toMatchObject({ mrr: 2500, status: 'Active' });
    });

    it('a /sync re-send of the billing rows keeps the connection', async () => {
      const rows = months(7, 12).map((m) => ({
        'Invoice external ID': `y-new-sub-${m}`, Type: 'Subscription', 'Subscription external ID': 'y-new-sub', Plan: 'new-monthly',
        'Service period start': iso(noon(m, 5)), 'Service period end': iso(noon(m + 1, 5)), 'Amount in cents': 2500,
        Proration: false,
      }));
      const r = await call('POST', '/sync/line_items', { rows, source: 'New billing' });
      expect(r.json).toMatchObject({ accepted: 6, errors: [] });
      expect((await figures()).activities.map((a: unknown[]) => a[3])).toEqual(['new_biz', 'new_biz', 'expansion']);
    });

    it('disconnecting gives the unconnected figures back', async () => {
      // X: only the one the group shows; Y: by the UUIDs it was connected with (the old one is not listed while connected).
      expect((await subscriptionsOf(cus['y-new'])).map((s: { uuid: string }) => s.uuid)).not.toContain(yConnected[0].uuid.replace(/^sub_/, ''));
      for (const [who, subscriptions] of [
        ['x', [{ data_source_uuid: ds.new, external_id: 'x-new-sub' }]],
        ['y', yConnected],
      ] as const) {
        expect((await call('POST', `/v1/customers/${cus[`${who}-new`]}/disconnect_subscriptions`, { subscriptions })).status).toBe(202);
      }
      expect(await figures()).toEqual(apart);
      expect(await subscriptionsOf(cus['x-new'])).toHaveLength(2);
      // Both come back under the UUIDs they had.
      expect((await subscriptionsOf(cus['y-new'])).map((s: { uuid: string }) => s.uuid).sort()).toEqual(yConnected.map((s) => s.uuid).sort());
    });

    it('connections made before a merge follow the subscriptions into the other data source', async () => {
      const { key } = await server.newAccount('Merge after connect');
      const as = async (method: string, path: string, body: unknown, status: number) => {
        const r = await server.call(method, path, body, key);
        if (r.status !== status) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.json)}`);
        return r.json;
      };
      const sources: string[] = [];
      for (const name of ['Old billing', 'New billing']) sources.push((await as('POST', '/v1/data_sources', { name }, 201)).uuid);
      const plan = (await as('POST', '/v1/plans', {
        data_source_uuid: sources[0], name: 'Monthly', interval_count: 1, interval_unit: 'month', external_id: 'monthly',
      }, 201)).uuid;
      const customers: string[] = [];
      for (const [i, external_id] of ['z-old', 'z-new'].entries()) {
        customers.push((await as('POST', '/v1/customers', { data_source_uuid: sources[i], external_id, name: 'Z' }, 201)).uuid);
      }
      const invoice = (sub: string, m: number) => ({
        external_id: `${sub}-${m}`, date: noon(m), currency: 'USD',
        line_items: [{
          type: 'subscription', subscription_external_id: sub, plan_uuid: plan, amount_in_cents: 1000, quantity: 1,
          service_period_start: noon(m), service_period_end: noon(m + 1),
        }],
      });
      // z1 in January only (then past due: no auto-churn), z2 from March.
      await as('POST', `/v1/import/customers/${customers[0]}/invoices`, { invoices: [invoice('z1', 1), invoice('z2', 3), invoice('z2', 4)] }, 201);
      await as('POST', `/v1/customers/${customers[0]}/connect_subscriptions`, {
        subscriptions: [{ data_source_uuid: sources[0], external_id: 'z1' }, { data_source_uuid: sources[0], external_id: 'z2' }],
      }, 202);
      const types = async () => (await server.call('GET', '/v1/activities', undefined, key)).json.entries.map((a: { type: string }) => a.type);
      expect(await types()).toEqual(['new_biz']);
      await as('POST', '/v1/customers/merges', { from: { customer_uuid: customers[0] }, into: { customer_uuid: customers[1] } }, 202);
      expect(await types()).toEqual(['new_biz']);
      const entries = (await server.call('GET', `/v1/customers/${customers[1]}/subscriptions`, undefined, key)).json.entries;
      expect(entries.map((e: { external_id: string }) => e.external_id)).toEqual(['z2']);
      // …and are taken apart there, named by the data source they came from.
      await as('POST', `/v1/customers/${customers[1]}/disconnect_subscriptions`, { subscriptions: [{ data_source_uuid: sources[0], external_id: 'z1' }] }, 202);
      expect(await types()).toEqual(['new_biz', 'expansion']);
    });

    it('refuses another customer\'s subscription, an unknown one, and one alone (422 naming the field)', async () => {
      const other = await call('POST', `/v1/customers/${cus['x-new']}/connect_subscriptions`, {
        subscriptions: [{ external_id: 'x-new-sub' }, { data_source_uuid: ds.new, external_id: 'y-new-sub' }],
      });
      expect(other.status).toBe(422);
      expect(other.json.errors).toEqual({ 'subscriptions[1]': 'This subscription belongs to another customer' });
      const unknown = await call('POST', `/v1/customers/${cus['x-new']}/connect_subscriptions`, {
        subscriptions: [{ external_id: 'x-new-sub' }, { external_id: 'nope' }, 'x'],
      });
      expect(Object.keys(unknown.json.errors)).toEqual(['subscriptions[1]', 'subscriptions[2]']);
      const alone = await call('POST', `/v1/customers/${cus['x-new']}/connect_subscriptions`, { subscriptions: [{ external_id: 'x-new-sub' }] });
      expect(alone.json.errors).toHaveProperty('subscriptions');
      expect((await activities())).toEqual(apart.activities);
    });
  });
}
