/**
 * The Invoice methods of chartmogul-node beyond import, list and retrieve, against the server
 * by its base URL only: modify and update (re-validated as an import, 422 naming the field),
 * disable and enable by UUID and by external ID (a disabled invoice counts nowhere), delete by
 * external ID and all of a customer's; and the documented fields every invoice answer carries
 * (collection_method, status, the edit state).
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers, testDatabase, type TestDatabase } from '../../testing/databases.test-util.ts';
import { rejection } from '../../testing/client-rejection.test-util.ts';
import { startTestServer, type TestServer } from '../../testing/server.test-util.ts';
import { seed, type Fixture } from '../billing-fixtures.test-util.ts';

const ChartMogul = createRequire(import.meta.url)('chartmogul-node');
const INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

const monthly = (externalId: string, plan: string, start: string, end: string, extra: Record<string, unknown> = {}) => ({
  external_id: externalId, date: `${start} 00:00:00`, currency: 'USD',
  line_items: [{
    type: 'subscription', subscription_external_id: 'sub-A', plan_uuid: plan, amount_in_cents: 1000, quantity: 1,
    service_period_start: start, service_period_end: end, external_id: `li-${externalId}`,
  }],
  transactions: [{ date: start, type: 'payment', result: 'successful', external_id: `tr-${externalId}` }],
  ...extra,
});

for (const driver of drivers()) {
  describe(`chartmogul-node Invoice edits against /v1/invoices (${driver})`, () => {
    let database: TestDatabase;
    let server: TestServer;
    let fx: Fixture;
    let config: unknown;
    let jan: { uuid: string; line_items: Record<string, unknown>[]; [k: string]: unknown };
    const mrr = async (cus = 'cus_A') => (await ChartMogul.Customer.retrieve(config, fx.customers[cus])).mrr;

    beforeAll(async () => {
      database = await testDatabase(driver);
      server = await startTestServer(database.db, { today: '2016-01-20', rateLimitPerSecond: 1_000 });
      fx = await seed(server, database.db, server.accountId, [{ id: 'cus_A' }, { id: 'cus_B' }]);
      config = new ChartMogul.Config(server.key, server.url);
    }, 60_000);
    afterAll(async () => {
      await server?.close();
      await database?.drop();
    });

    it('answers collection_method, status and the edit state on import, list and retrieve', async () => {
      const created = await ChartMogul.Invoice.create(config, fx.customers.cus_A, {
        invoices: [
          monthly('inv-jan', fx.plans.gold, '2016-01-01', '2016-02-01', { collection_method: 'manual', due_date: '2016-01-15' }),
          { ...monthly('inv-feb', fx.plans.gold, '2016-02-01', '2016-03-01'), transactions: [] },
        ],
      });
      [jan] = created.invoices;
      expect(jan).toMatchObject({
        external_id: 'inv-jan', collection_method: 'manual', status: 'paid',
        disabled: false, disabled_at: null, disabled_by: null, user_created: false, edit_history_summary: null,
      });
      expect(created.invoices[1]).toMatchObject({ collection_method: null, status: 'open' });
      expect(await ChartMogul.Invoice.retrieve(config, jan.uuid)).toEqual(jan);
      expect((await ChartMogul.Invoice.all(config, fx.customers.cus_A)).invoices[0]).toEqual(jan);
      expect((await ChartMogul.Invoice.all(config, { external_id: 'inv-jan' })).invoices).toEqual([jan]);
      expect(await mrr()).toBe(1000);

      const refund = await ChartMogul.Transaction.create(config, created.invoices[1].uuid, { type: 'refund', date: '2016-02-02', result: 'successful' });
      expect(refund.uuid).toMatch(/^tr_/);
      expect((await ChartMogul.Invoice.retrieve(config, created.invoices[1].uuid)).status).toBe('refunded');
      const cash = await rejection(ChartMogul.Invoice.create(config, fx.customers.cus_A, {
        invoices: [monthly('inv-cash', fx.plans.gold, '2016-03-01', '2016-04-01', { collection_method: 'cash' })],
      }));
      expect(cash.status).toBe(422);
      expect(Object.keys(cash.errors)).toEqual(['invoices[0].collection_method']);
    });

    it('modify and update change the invoice in place; the history names original and edited values', async () => {
      const modified = await ChartMogul.Invoice.modify(config, jan.uuid, { due_date: '2016-01-25', collection_method: 'automatic' });
      expect(modified).toMatchObject({ uuid: jan.uuid, due_date: '2016-01-25T00:00:00.000Z', collection_method: 'automatic', date: jan.date });
      expect(modified.edit_history_summary).toEqual({
        values_changed: {
          due_date: { original_value: '2016-01-15T00:00:00.000Z', edited_value: '2016-01-25T00:00:00.000Z' },
          collection_method: { original_value: 'manual', edited_value: 'automatic' },
        },
        latest_edit_author: 'Test', latest_edit_performed_at: expect.stringMatching(INSTANT),
      });
      expect(modified.line_items).toEqual(jan.line_items);

      const ref = { data_source_uuid: fx.ds, external_id: 'inv-jan' };
      const updated = await ChartMogul.Invoice.update(config, { qs: ref, date: '2016-01-02 00:00:00 UTC', collection_method: 'manual' });
      expect(updated).toMatchObject({ date: '2016-01-02T00:00:00.000Z', collection_method: 'manual' });
      expect(updated.edit_history_summary.values_changed).toEqual({
        due_date: { original_value: '2016-01-15T00:00:00.000Z', edited_value: '2016-01-25T00:00:00.000Z' },
        date: { original_value: '2016-01-01T00:00:00.000Z', edited_value: '2016-01-02T00:00:00.000Z' },
      });
      expect(await ChartMogul.Invoice.retrieve(config, jan.uuid)).toEqual(updated);
      expect(await mrr()).toBe(1000);
      jan = updated;
    });

    it('answers 422 naming the field for what an import refuses, and changes nothing', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ date: 'yesterday' }, 'date'],
        [{ date: null }, 'date'],
        [{ due_date: '2016-13-01' }, 'due_date'],
        [{ currency: 'usd' }, 'currency'],
        [{ currency: 'ZZZ' }, 'currency'], // no exchange rate for it
        [{ collection_method: 'cash' }, 'collection_method'],
        [{ external_id: 'inv-other' }, 'external_id'],
        [{ customer_external_id: 'cus_B' }, 'customer_external_id'],
        [{ data_source_uuid: 'ds_00000000-0000-0000-0000-000000000000' }, 'data_source_uuid'],
        [{ date: { when: 'now' } }, 'date'],
      ];
      for (const [body, field] of cases) {
        const e = await rejection(ChartMogul.Invoice.modify(config, jan.uuid, body));
        expect(e.status, JSON.stringify(body)).toBe(422);
        expect(Object.keys(e.errors), JSON.stringify(body)).toContain(field);
      }
      const noState = await rejection(ChartMogul.Invoice._setDisabledState(config, jan.uuid, { disabled: 'yes' }));
      expect(Object.keys(noState.errors)).toEqual(['disabled']);
      const noSource = await rejection(ChartMogul.Invoice.update(config, { qs: { external_id: 'inv-jan' }, currency: 'USD' }));
      expect(Object.keys(noSource.errors)).toEqual(['data_source_uuid']);

      // A currency that would bill sub-A in two currencies (its February invoice is in USD).
      const rates = await server.call('POST', '/sync/exchange_rates', { rows: [{ Date: '2015-12-01', Currency: 'EUR', Rate: 1.1 }] });
      expect(rates.json).toMatchObject({ accepted: 1, errors: [] });
      const split = await rejection(ChartMogul.Invoice.modify(config, jan.uuid, { currency: 'EUR' }));
      expect(split.status).toBe(422);
      expect(Object.keys(split.errors)).toEqual(['currency']);
      expect(split.errors.currency).toMatch(/sub-A/);
      expect(await ChartMogul.Invoice.retrieve(config, jan.uuid)).toEqual(jan);
      expect(await mrr()).toBe(1000);
    });

    it('disables and enables by UUID and by external ID: a disabled invoice counts nowhere', async () => {
      const disabled = await ChartMogul.Invoice.disable(config, jan.uuid);
      expect(disabled).toMatchObject({ uuid: jan.uuid, disabled: true, disabled_by: 'Test', disabled_at: expect.stringMatching(INSTANT) });
      expect(await mrr()).toBe(0);
      const metrics = await ChartMogul.Metrics.mrr(config, { 'start-date': '2016-01-01', 'end-date': '2016-01-31', interval: 'month' });
      expect(metrics.entries.at(-1).mrr).toBe(0);
      // Still listed, flagged, to be enabled again.
      expect((await ChartMogul.Invoice.all(config, fx.customers.cus_A)).invoices.map((i: { disabled: boolean }) => i.disabled)).toEqual([true, false]);
      expect(await ChartMogul.Invoice.enable(config, jan.uuid)).toMatchObject({ disabled: false, disabled_at: null, disabled_by: null });
      expect(await mrr()).toBe(1000);

      const ref = { data_source_uuid: fx.ds, external_id: 'inv-jan' };
      expect(await ChartMogul.Invoice.disableByExternalId(config, ref)).toMatchObject({ uuid: jan.uuid, disabled: true });
      expect(await mrr()).toBe(0);
      expect(await ChartMogul.Invoice.enableByExternalId(config, ref)).toMatchObject({ uuid: jan.uuid, disabled: false });
      expect(await mrr()).toBe(1000);
      expect(await ChartMogul.Invoice.retrieve(config, jan.uuid)).toEqual(jan);
    });

    it('answers 404 for unknown invoices and data sources, and for other accounts\' invoices', async () => {
      const unknown = 'inv_00000000-0000-0000-0000-000000000000';
      const ref = { data_source_uuid: fx.ds, external_id: 'nope' };
      const calls: Promise<unknown>[] = [
        ChartMogul.Invoice.modify(config, unknown, { due_date: '2016-01-01' }),
        ChartMogul.Invoice.modify(config, 'inv_not-a-uuid', { due_date: '2016-01-01' }),
        ChartMogul.Invoice.disable(config, unknown),
        ChartMogul.Invoice.enable(config, unknown),
        ChartMogul.Invoice.update(config, { qs: ref, due_date: '2016-01-01' }),
        ChartMogul.Invoice.destroyByExternalId(config, ref),
        ChartMogul.Invoice.disableByExternalId(config, ref),
        ChartMogul.Invoice.enableByExternalId(config, { data_source_uuid: 'ds_00000000-0000-0000-0000-000000000000', external_id: 'inv-jan' }),
      ];
      // Every call's rejection is taken at once (awaiting them one by one would leave the later ones unhandled meanwhile).
      for (const failure of await Promise.all(calls.map(rejection))) expect(failure.status).toBe(404);
      const other = await server.newAccount('Other');
      const theirs = new ChartMogul.Config(other.key, server.url);
      expect((await rejection(ChartMogul.Invoice.modify(theirs, jan.uuid, { due_date: '2016-01-01' }))).status).toBe(404);
      expect((await rejection(ChartMogul.Invoice.disable(theirs, jan.uuid))).status).toBe(404);
      expect((await rejection(ChartMogul.Invoice.destroyByExternalId(theirs, { data_source_uuid: fx.ds, external_id: 'inv-jan' }))).status).toBe(404);
      expect(await ChartMogul.Invoice.retrieve(config, jan.uuid)).toEqual(jan);
    });

    it('deletes by external ID, and all of a customer\'s invoices (destroyAll, destroy_all)', async () => {
      // The client sends data_source_uuid and external_id in the DELETE's body.
      await ChartMogul.Invoice.destroyByExternalId(config, { data_source_uuid: fx.ds, external_id: 'inv-jan' });
      expect((await rejection(ChartMogul.Invoice.retrieve(config, jan.uuid))).status).toBe(404);
      expect(await mrr()).toBe(0);
      await ChartMogul.Invoice.destroyAll(config, fx.ds, fx.customers.cus_A);
      expect((await ChartMogul.Invoice.all(config, fx.customers.cus_A)).invoices).toEqual([]);
      await ChartMogul.Invoice.create(config, fx.customers.cus_B, { invoices: [monthly('inv-b', fx.plans.gold, '2016-01-01', '2016-02-01')] });
      expect(await mrr('cus_B')).toBe(1000);
      await ChartMogul.Invoice.destroy_all(config, fx.ds, fx.customers.cus_B);
      expect((await ChartMogul.Invoice.all(config, fx.customers.cus_B)).invoices).toEqual([]);
      expect(await mrr('cus_B')).toBe(0);
    });
  });
}
