/**
 * Issue 12's check: with only ECB's file loaded (served locally, in ECB's format), a EUR, a GBP
 * and a JPY invoice imported through /v1 by ChartMogul's own Node client give the MRR computed
 * by hand at those days' reference rates, GBP → USD through the euro rounded once. Also: a
 * currency or day without any rate is a 422 naming `currency` and saying how to get one; own
 * rates override ECB's for their currency and days; a refresh that changes a rate changes
 * the figures.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers, testDatabase, type TestDatabase } from '../testing/databases.test-util.ts';
import { startTestServer, type TestServer } from '../testing/server.test-util.ts';
import { seed, type Fixture } from '../v1/billing-fixtures.test-util.ts';
import { ecbXml, startEcbServer, type EcbDays, type EcbServer } from './ecb-server.test-util.ts';
import { refreshReferenceRates } from './refresh.ts';

const ChartMogul = createRequire(import.meta.url)('chartmogul-node');

/** Units per euro. No 2024-01-04 (as on a holiday) and no weekend. */
const DAYS: EcbDays = {
  '2024-01-02': { USD: '1.0956', JPY: '155.88', GBP: '0.86275' },
  '2024-01-03': { USD: '1.0919', JPY: '157.13', GBP: '0.86560' },
  '2024-01-05': { USD: '1.0921', JPY: '158.20', GBP: '0.86040' },
  '2024-01-08': { USD: '1.0946', JPY: '158.08', GBP: '0.85990' },
};

function invoice(externalId: string, currency: string, start: string, end: string, amount: number, plan: string) {
  return {
    external_id: externalId, date: start, currency,
    line_items: [{
      type: 'subscription', subscription_external_id: `sub-${externalId}`, plan_uuid: plan,
      service_period_start: start, service_period_end: end, amount_in_cents: amount, quantity: 1,
    }],
  };
}

for (const driver of drivers()) {
  describe(`invoices in any currency at ECB's reference rates (${driver})`, () => {
    let database: TestDatabase;
    let ecb: EcbServer;
    let server: TestServer;
    let fx: Fixture;
    let config: unknown;
    beforeAll(async () => {
      database = await testDatabase(driver);
      ecb = await startEcbServer(ecbXml(DAYS));
      server = await startTestServer(database.db, { today: '2024-01-20', rateLimitPerSecond: 1_000 });
      fx = await seed(server, database.db, server.accountId, [{ id: 'eur' }, { id: 'gbp' }, { id: 'jpy' }, { id: 'other' }]);
      config = new ChartMogul.Config(server.key, server.url);
    }, 60_000);
    afterAll(async () => {
      await server?.close();
      await ecb?.close();
      await database?.drop();
    });

    const post = (customer: string, body: unknown) => server.call('POST', `/v1/import/customers/${fx.customers[customer]}/invoices`, { invoices: [body] });
    const mrrOf = async (customer: string) => (await ChartMogul.Customer.retrieve(config, fx.customers[customer])).mrr as number;

    it('before any rates are loaded, a EUR invoice is a 422 naming currency, the day, and how to get rates', async () => {
      const r = await post('other', invoice('early-eur', 'EUR', '2024-01-06', '2024-02-06', 1000, fx.plans.gold));
      expect(r.status).toBe(422);
      expect(r.json.errors['invoices[0].currency']).toMatch(/^No EUR exchange rate on or before 2024-01-06: .*`mogul rates update`.*\/sync/);
    });

    it('with only the ECB file: EUR, GBP and JPY invoices imported by chartmogul-node have the MRR computed by hand', async () => {
      expect(await refreshReferenceRates(database.db, ecb.url)).toMatchObject({ rows: 12, latestDate: '2024-01-08' });
      const created = await Promise.all([
        ChartMogul.Invoice.create(config, fx.customers.eur, { invoices: [invoice('inv-eur', 'EUR', '2024-01-06', '2024-02-06', 12_345, fx.plans.gold)] }),
        ChartMogul.Invoice.create(config, fx.customers.gbp, { invoices: [invoice('inv-gbp', 'GBP', '2024-01-04', '2024-02-04', 4_600, fx.plans.gold)] }),
        ChartMogul.Invoice.create(config, fx.customers.jpy, { invoices: [invoice('inv-jpy', 'JPY', '2024-01-07', '2024-02-07', 9_800, fx.plans.gold)] }),
      ]);
      expect(created.map((c) => c.invoices[0].currency)).toEqual(['EUR', 'GBP', 'JPY']);

      // EUR from Saturday 2024-01-06: Friday's 1.0921 USD per EUR.
      // 12,345 euro cents × 1.0921 = 13,481.9745 → 13,482 cents.
      expect(await mrrOf('eur')).toBe(13_482);
      // GBP from 2024-01-04 (no ECB day): 2024-01-03's rates, GBP → USD = 1.0919 / 0.8656 per pound.
      // Once: 4,600 pence × 1.0919 / 0.8656 = 5,802.6109… → 5,803 cents.
      // (Twice, through euro cents, would be 4,600 / 0.8656 = 5,314.23 → 5,314 euro cents, × 1.0919 =
      // 5,802.36 → 5,802: the rounding METRICS.md section 2 rules out.)
      expect(Math.round((4_600 * 10_919) / 8_656)).toBe(5_803);
      expect(Math.round(Math.round((4_600 * 10_000) / 8_656) * 1.0919)).toBe(5_802);
      expect(await mrrOf('gbp')).toBe(5_803);
      // JPY from Sunday 2024-01-07: Friday's rates, 1.0921 USD and 158.20 JPY per euro; yen have no minor
      // unit, so ¥9,800 × 1.0921 / 158.20 = 67.6522… USD = 6,765.22… cents → 6,765.
      expect(await mrrOf('jpy')).toBe(6_765);

      const mrr = await ChartMogul.Metrics.mrr(config, { 'start-date': '2024-01-20', 'end-date': '2024-01-20', interval: 'day' });
      expect(mrr.entries).toEqual([expect.objectContaining({ date: '2024-01-20', mrr: 13_482 + 5_803 + 6_765 })]);
    });

    it('a currency ECB does not publish, or a day before its first rate, is still a 422 naming currency and saying why', async () => {
      const ars = await post('other', invoice('inv-ars', 'ARS', '2024-01-06', '2024-02-06', 1000, fx.plans.gold));
      expect(ars.status).toBe(422);
      expect(ars.json.errors['invoices[0].currency']).toMatch(
        /^No ARS exchange rate on or before 2024-01-06: the European Central Bank publishes no ARS rate and the account none of its own: add one to Exchange Rates through \/sync/,
      );
      const early = await post('other', invoice('inv-early', 'EUR', '2023-12-01', '2024-01-01', 1000, fx.plans.gold));
      expect(early.status).toBe(422);
      expect(early.json.errors['invoices[0].currency']).toMatch(/^No EUR exchange rate on or before 2023-12-01: the European Central Bank's EUR rates start on 2024-01-02/);
    });

    it("own rates override ECB's for their currency from their first day on; other currencies keep ECB's", async () => {
      const r = await server.call('POST', '/sync/exchange_rates', { rows: [{ Date: '2024-01-04', Currency: 'GBP', Rate: '1.25' }] });
      expect(r.json.errors).toEqual([]);
      // 4,600 pence × 1.25 = 5,750 cents.
      expect(await mrrOf('gbp')).toBe(5_750);
      expect(await mrrOf('eur')).toBe(13_482);
      // Before the account's first own GBP rate, ECB's still price: 2024-01-03's 1.0919 / 0.8656.
      const before = await ChartMogul.Invoice.create(config, fx.customers.other, {
        invoices: [invoice('inv-gbp-early', 'GBP', '2024-01-03', '2024-02-03', 4_600, fx.plans.gold)],
      });
      expect(before.invoices).toHaveLength(1);
      expect(await mrrOf('other')).toBe(5_803);
    });

    it('a refresh that changes a rate changes the figures of the currencies it prices', async () => {
      ecb.serve(ecbXml({ ...DAYS, '2024-01-05': { ...DAYS['2024-01-05'], USD: '1.0950' } }));
      expect(await refreshReferenceRates(database.db, ecb.url)).toMatchObject({ changed: 1, accountsMarked: 1 });
      // 12,345 × 1.0950 = 13,517.775 → 13,518; ¥9,800 × 1.0950 / 158.20 = 67.8318… USD = 6,783.18… cents → 6,783.
      expect(await mrrOf('eur')).toBe(13_518);
      expect(await mrrOf('jpy')).toBe(6_783);
      expect(await mrrOf('gbp')).toBe(5_750); // its own rate
    });
  });
}
