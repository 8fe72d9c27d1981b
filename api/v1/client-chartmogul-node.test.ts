/**
 * ChartMogul's official Node client (chartmogul-node), pointed at a real server by its base
 * URL only (`new ChartMogul.Config(key, url)`, no retries), on every driver and on the
 * Worker (workerd, Neon's driver): it sets up a data
 * source, customers and plans, imports invoices (a prorated upgrade, payments), cancels a
 * subscription, and reads the figures back through the metrics API. The expected numbers are
 * worked out by hand from METRICS.md below, not read off the server.
 *
 * Today is 2024-06-15. Plans: Basic and Pro monthly, Annual yearly. All USD (the base).
 *
 * A (cust-a), subscription sub-a:
 *   2024-01-03 → 02-03 Basic 5000; 02-03 → 03-03 Basic 5000            MRR 5000, new_biz 01-03
 *   upgrade on 2024-02-18, prorated lines for 02-18 → 03-03 (14 days; the plan month before
 *   03-03 is 02-03 → 03-03, 29 days, factor 29/14), proration differential:
 *     Pro   +3862  → 3862 × 29/14 = 7999.86 → +8000
 *     Basic −2414  → −2414 × 29/14 = −5000.43 → −5000
 *   MRR 5000 + 8000 − 5000 = 8000: expansion +3000 on 02-18
 *   2024-03-03 → 07-03 Pro 8000 (a monthly plan: MRR 8000 whatever the period): no movement.
 * B (cust-b), sub-b: 2024-01-10 → 02-10 and 02-10 → 03-10 Basic 5000: new_biz +5000 on 01-10;
 *   cancelled (Subscription.cancel) at 2024-03-10: churn −5000.
 * C (cust-c), sub-c: 2024-04-05 → 2025-04-05 Annual 120000 → MRR 10000: new_biz on 04-05.
 *
 * Monthly, 2024-01-01 … 2024-05-31 (entries dated at each month's last day):
 *   date        mrr    new_biz expansion churn  customers arpa  asp    cust churn  mrr churn  ltv
 *   2024-01-31  10000  10000   0          0     2         5000  5000   0           0          0
 *   2024-02-29  13000  0       3000       0     2         6500  0      0           −30        0
 *   2024-03-31  8000   0       0         −5000  1         8000  0      50          38.46      16000
 *   2024-04-30  18000  10000   0          0     2         9000  10000  0           0          0
 *   2024-05-31  18000  0       0          0     2         9000  0      0           0          0
 * (asp = new_biz / customers with new_biz; customer churn = 1 of the 2 counted at 02-29;
 * mrr churn = (−churn − contraction − expansion − reactivation) / mrr at start: −3000 / 10000
 * and 5000 / 13000; ltv = arpa / churn rate = 8000 / 0.5, 0 when the rate is 0.)
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../testing/databases.test-util.ts';
import type { TestServer } from '../testing/server.test-util.ts';
import { closeWorkers, startServerFor, targets, testDatabaseFor } from '../testing/targets.test-util.ts';

// chartmogul-node is CommonJS without type declarations.
const ChartMogul = createRequire(import.meta.url)('chartmogul-node');

const MONTHS = ['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30', '2024-05-31'];
const RANGE = { 'start-date': '2024-01-01', 'end-date': '2024-05-31', interval: 'month' };

/** One invoice of one subscription line with a successful payment on its date. */
function invoice(externalId: string, sub: string, plan: string, start: string, end: string, amount: number) {
  return {
    external_id: externalId, date: `${start} 00:00:00`, currency: 'USD',
    line_items: [{
      type: 'subscription', subscription_external_id: sub, plan_uuid: plan,
      service_period_start: `${start} 00:00:00`, service_period_end: `${end} 00:00:00`, amount_in_cents: amount, quantity: 1,
    }],
    transactions: [{ date: `${start} 00:00:00`, type: 'payment', result: 'successful' }],
  };
}

for (const target of targets()) {
  describe(`chartmogul-node client against a real server (${target})`, () => {
    let database: TestDatabase;
    let server: TestServer;
    let config: unknown;
    const customers: Record<string, string> = {};
    const plans: Record<string, string> = {};
    const subs: Record<string, string> = {};

    beforeAll(async () => {
      database = await testDatabaseFor(target);
      server = await startServerFor(target, database, { today: '2024-06-15', rateLimitPerSecond: 1_000 });
      const cfg = new ChartMogul.Config(server.key, server.url);
      cfg.retries = 0;
      config = cfg;
    }, 60_000);
    afterAll(async () => {
      await server?.close();
      await closeWorkers();
      await database?.drop();
    });

    it('creates a data source, customers and plans', async () => {
      const ds = await ChartMogul.DataSource.create(config, { name: 'Node client' });
      expect(ds.uuid).toMatch(/^ds_/);
      for (const id of ['a', 'b', 'c']) {
        const c = await ChartMogul.Customer.create(config, {
          data_source_uuid: ds.uuid, external_id: `cust-${id}`, name: `Customer ${id.toUpperCase()}`, email: `${id}@example.com`,
        });
        expect(c).toMatchObject({ external_id: `cust-${id}`, data_source_uuid: ds.uuid });
        customers[id] = c.uuid;
      }
      for (const [name, count, unit] of [['Basic', 1, 'month'], ['Pro', 1, 'month'], ['Annual', 1, 'year']] as const) {
        const p = await ChartMogul.Plan.create(config, { data_source_uuid: ds.uuid, name, interval_count: count, interval_unit: unit, external_id: name.toLowerCase() });
        expect(p).toMatchObject({ name, interval_count: count, interval_unit: unit, external_id: name.toLowerCase() });
        plans[name] = p.uuid;
      }
    });

    it('imports invoices with a prorated upgrade and payments', async () => {
      const upgrade = {
        external_id: 'a-3', date: '2024-02-18 00:00:00', currency: 'USD',
        line_items: [
          {
            type: 'subscription', subscription_external_id: 'sub-a', plan_uuid: plans.Pro, prorated: true,
            service_period_start: '2024-02-18 00:00:00', service_period_end: '2024-03-03 00:00:00', amount_in_cents: 3862, quantity: 1,
          },
          {
            type: 'subscription', subscription_external_id: 'sub-a', plan_uuid: plans.Basic, prorated: true,
            service_period_start: '2024-02-18 00:00:00', service_period_end: '2024-03-03 00:00:00', amount_in_cents: -2414, quantity: -1,
          },
        ],
        transactions: [{ date: '2024-02-18 00:00:00', type: 'payment', result: 'successful' }],
      };
      const a = await ChartMogul.Invoice.create(config, customers.a, {
        invoices: [
          invoice('a-1', 'sub-a', plans.Basic, '2024-01-03', '2024-02-03', 5000),
          invoice('a-2', 'sub-a', plans.Basic, '2024-02-03', '2024-03-03', 5000),
          upgrade,
          invoice('a-4', 'sub-a', plans.Pro, '2024-03-03', '2024-07-03', 8000),
        ],
      });
      expect(a.invoices.map((i: { external_id: string }) => i.external_id)).toEqual(['a-1', 'a-2', 'a-3', 'a-4']);
      expect(a.invoices[2].line_items.map((l: { prorated: boolean; amount_in_cents: number }) => [l.prorated, l.amount_in_cents])).toEqual([[true, 3862], [true, -2414]]);
      expect(a.invoices[0].transactions[0]).toMatchObject({ type: 'payment', result: 'successful', date: '2024-01-03T00:00:00.000Z' });
      subs.a = a.invoices[0].line_items[0].subscription_uuid;

      const b = await ChartMogul.Invoice.create(config, customers.b, {
        invoices: [
          invoice('b-1', 'sub-b', plans.Basic, '2024-01-10', '2024-02-10', 5000),
          invoice('b-2', 'sub-b', plans.Basic, '2024-02-10', '2024-03-10', 5000),
        ],
      });
      subs.b = b.invoices[0].line_items[0].subscription_uuid;
      const c = await ChartMogul.Invoice.create(config, customers.c, { invoices: [invoice('c-1', 'sub-c', plans.Annual, '2024-04-05', '2025-04-05', 120000)] });
      subs.c = c.invoices[0].line_items[0].subscription_uuid;
      for (const s of Object.values(subs)) expect(s).toMatch(/^sub_/);
    });

    it('cancels a subscription with Subscription.cancel (cancelled_at)', async () => {
      const cancelled = await ChartMogul.Subscription.cancel(config, subs.b, { cancelled_at: '2024-03-10 00:00:00' });
      expect(cancelled).toMatchObject({ uuid: subs.b, external_id: 'sub-b', cancellation_dates: ['2024-03-10T00:00:00.000Z'] });
    });

    it("reads each customer's MRR", async () => {
      const mrr: Record<string, [number, number]> = {};
      for (const [id, uuid] of Object.entries(customers)) {
        const c = await ChartMogul.Customer.retrieve(config, uuid);
        mrr[id] = [c.mrr, c.arr];
      }
      expect(mrr).toEqual({ a: [8000, 96000], b: [0, 0], c: [10000, 120000] });
    });

    it('reads /v1/metrics/all month by month', async () => {
      const all = await ChartMogul.Metrics.all(config, RANGE);
      const pick = (key: string) => all.entries.map((e: Record<string, number>) => e[key]);
      expect(all.entries.map((e: { date: string }) => e.date)).toEqual(MONTHS);
      expect(pick('mrr')).toEqual([10000, 13000, 8000, 18000, 18000]);
      expect(pick('arr')).toEqual([120000, 156000, 96000, 216000, 216000]);
      expect(pick('customers')).toEqual([2, 2, 1, 2, 2]);
      expect(pick('arpa')).toEqual([5000, 6500, 8000, 9000, 9000]);
      expect(pick('asp')).toEqual([5000, 0, 0, 10000, 0]);
      expect(pick('customer-churn-rate')).toEqual([0, 0, 50, 0, 0]);
      expect(pick('mrr-churn-rate')).toEqual([0, -30, 38.46, 0, 0]);
      expect(pick('ltv')).toEqual([0, 0, 16000, 0, 0]);
    });

    it('reads /v1/metrics/mrr with its movements, and the customer count', async () => {
      const mrr = await ChartMogul.Metrics.mrr(config, RANGE);
      expect(mrr.entries.map((e: Record<string, unknown>) => [
        e.date, e.mrr, e['mrr-new-business'], e['mrr-expansion'], e['mrr-contraction'], e['mrr-churn'], e['mrr-reactivation'],
      ])).toEqual([
        ['2024-01-31', 10000, 10000, 0, 0, 0, 0],
        ['2024-02-29', 13000, 0, 3000, 0, 0, 0],
        ['2024-03-31', 8000, 0, 0, 0, -5000, 0],
        ['2024-04-30', 18000, 10000, 0, 0, 0, 0],
        ['2024-05-31', 18000, 0, 0, 0, 0, 0],
      ]);
      const count = await ChartMogul.Metrics.customerCount(config, RANGE);
      expect(count.entries.map((e: { date: string; customers: number }) => [e.date, e.customers])).toEqual(
        MONTHS.map((d, i) => [d, [2, 2, 1, 2, 2][i]]),
      );
    });

    it('lists the activities: new_biz, expansion, churn with amounts and dates', async () => {
      const page = await ChartMogul.Metrics.Activity.all(config, { per_page: 200 });
      expect(page.has_more).toBe(false);
      const rows = page.entries
        .map((e: Record<string, unknown>) => [e.date, e.type, e['activity-mrr-movement'], e['activity-mrr'], e['activity-arr'], e['subscription-external-id'], e['customer-uuid']])
        .sort((x: string[], y: string[]) => x[0].localeCompare(y[0]));
      expect(rows).toEqual([
        ['2024-01-03T00:00:00+00:00', 'new_biz', 5000, 5000, 60000, 'sub-a', customers.a],
        ['2024-01-10T00:00:00+00:00', 'new_biz', 5000, 5000, 60000, 'sub-b', customers.b],
        ['2024-02-18T00:00:00+00:00', 'expansion', 3000, 8000, 96000, 'sub-a', customers.a],
        ['2024-03-10T00:00:00+00:00', 'churn', -5000, 0, 0, 'sub-b', customers.b],
        ['2024-04-05T00:00:00+00:00', 'new_biz', 10000, 10000, 120000, 'sub-c', customers.c],
      ]);
      const first = await ChartMogul.Metrics.Activity.all(config, { per_page: 2 });
      expect(first.entries).toHaveLength(2);
      expect(first.has_more).toBe(true);
      const rest = await ChartMogul.Metrics.Activity.all(config, { per_page: 200, cursor: first.cursor });
      expect(rest.entries).toHaveLength(3);

      const b = await ChartMogul.Metrics.Customer.activities(config, customers.b);
      expect(b.entries.map((e: Record<string, unknown>) => [e.date, e.type, e['activity-mrr-movement'], e['activity-mrr']])
        .sort((x: string[], y: string[]) => x[0].localeCompare(y[0]))).toEqual([
        ['2024-01-10T00:00:00+00:00', 'new_biz', 5000, 5000],
        ['2024-03-10T00:00:00+00:00', 'churn', -5000, 0],
      ]);
    });

    it("lists a customer's subscriptions through the metrics API", async () => {
      const a = await ChartMogul.Metrics.Customer.subscriptions(config, customers.a);
      expect(a.entries).toHaveLength(1);
      expect(a.entries[0]).toMatchObject({
        external_id: 'sub-a', uuid: subs.a.slice(4), plan: 'Pro', quantity: 1, mrr: 8000, arr: 96000, status: 'active',
        'billing-cycle': 'month', 'billing-cycle-count': 1, 'start-date': '2024-01-03T00:00:00+00:00', 'end-date': '2024-07-03T00:00:00+00:00',
        currency: 'USD',
      });
      const b = await ChartMogul.Metrics.Customer.subscriptions(config, customers.b);
      expect(b.entries[0]).toMatchObject({
        external_id: 'sub-b', plan: 'Basic', status: 'inactive', 'start-date': '2024-01-10T00:00:00+00:00', 'end-date': '2024-03-10T00:00:00+00:00',
      });
      const c = await ChartMogul.Metrics.Customer.subscriptions(config, customers.c);
      expect(c.entries[0]).toMatchObject({ external_id: 'sub-c', plan: 'Annual', mrr: 10000, arr: 120000, status: 'active', 'billing-cycle': 'year' });
    });
  });
}
