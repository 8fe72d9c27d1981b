/**
 * The 11 LineItem methods of chartmogul-node against the server, by its base URL only: the
 * documented shapes, 404 for unknown lines, 422 naming the field for what an import refuses
 * too, and what they do to the figures: a disabled line counts nowhere, an edited amount is
 * the customer's MRR at once, the edit history names the imported and edited values. Keys: an
 * identical second line is a second line, and a /sync re-send of an edited line's original
 * row finds that line (no copy).
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers, testDatabase, type TestDatabase } from '../../testing/databases.test-util.ts';
import { rejection } from '../../testing/client-rejection.test-util.ts';
import { startTestServer, type TestServer } from '../../testing/server.test-util.ts';
import { seed, type Fixture } from '../billing-fixtures.test-util.ts';

const ChartMogul = createRequire(import.meta.url)('chartmogul-node');

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const id = (prefix: string) => expect.stringMatching(new RegExp(`^${prefix}${UUID}$`));
const INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

const subscriptionLine = (sub: string, plan: string, amount: number, extra: Record<string, unknown> = {}) => ({
  type: 'subscription', subscription_external_id: sub, plan_uuid: plan, amount_in_cents: amount, quantity: 1,
  service_period_start: '2016-01-01 00:00:00', service_period_end: '2016-02-01 00:00:00', ...extra,
});

for (const driver of drivers()) {
  describe(`chartmogul-node LineItem against /v1/line_items (${driver})`, () => {
    let database: TestDatabase;
    let server: TestServer;
    let fx: Fixture;
    let config: unknown;
    let invoice: string;
    const mrr = async (cus: string) => (await ChartMogul.Customer.retrieve(config, fx.customers[cus])).mrr;
    /** The client's error for a refused call: its status and the answer's `errors`. */

    beforeAll(async () => {
      database = await testDatabase(driver);
      server = await startTestServer(database.db, { today: '2016-01-20', rateLimitPerSecond: 1_000 });
      fx = await seed(server, database.db, server.accountId, [{ id: 'cus_A' }, { id: 'cus_B' }]);
      config = new ChartMogul.Config(server.key, server.url);
      const created = await ChartMogul.Invoice.create(config, fx.customers.cus_A, {
        invoices: [{
          external_id: 'inv-A', date: '2016-01-01 00:00:00', currency: 'USD',
          line_items: [subscriptionLine('sub-A', fx.plans.gold, 1000, { external_id: 'li-A' })],
          transactions: [{ date: '2016-01-01', type: 'payment', result: 'successful' }],
        }],
      });
      invoice = created.invoices[0].uuid;
    }, 60_000);
    afterAll(async () => {
      await server?.close();
      await database?.drop();
    });

    it('creates, retrieves, lists by external ID, modifies and updates a line; MRR and the edit history follow', async () => {
      expect(await mrr('cus_A')).toBe(1000);
      const created = await ChartMogul.LineItem.create(config, invoice,
        subscriptionLine('sub-B', fx.plans.gold, 2500, { external_id: 'li-B', discount_code: 'WELCOME' }));
      expect(created).toEqual({
        uuid: id('li_'), external_id: 'li-B', type: 'subscription', subscription_uuid: id('sub_'),
        subscription_external_id: 'sub-B', subscription_set_external_id: null, prorated: false, proration_type: null,
        service_period_start: '2016-01-01T00:00:00.000Z', service_period_end: '2016-02-01T00:00:00.000Z',
        plan_uuid: fx.plans.gold, plan_external_id: 'gold', description: null, amount_in_cents: 2500, quantity: 1,
        discount_code: 'WELCOME', discount_amount_in_cents: 0, tax_amount_in_cents: 0, transaction_fees_in_cents: 0,
        account_code: '', transaction_fees_currency: null, discount_description: null, event_order: null,
        balance_transfer: false, invoice_uuid: invoice,
        disabled: false, disabled_at: null, disabled_by: null, user_created: false, edit_history_summary: null,
      });
      expect(await mrr('cus_A')).toBe(3500);
      expect(await ChartMogul.LineItem.retrieve(config, created.uuid)).toEqual(created);
      const ref = { data_source_uuid: fx.ds, external_id: 'li-B' };
      expect(await ChartMogul.LineItem.all(config, ref)).toEqual(created);
      // The invoice shows it too, without invoice_uuid (it is inside its invoice).
      const inInvoice = (await ChartMogul.Invoice.retrieve(config, invoice)).line_items.find((l: { uuid: string }) => l.uuid === created.uuid);
      const { invoice_uuid: _invoice, ...withoutInvoice } = created;
      expect(inInvoice).toEqual(withoutInvoice);

      const modified = await ChartMogul.LineItem.modify(config, created.uuid, { amount_in_cents: 4000 });
      expect(modified).toMatchObject({ uuid: created.uuid, amount_in_cents: 4000, subscription_uuid: created.subscription_uuid });
      expect(modified.edit_history_summary).toEqual({
        values_changed: { amount_in_cents: { original_value: 2500, edited_value: 4000 } },
        latest_edit_author: 'Test', latest_edit_performed_at: expect.stringMatching(INSTANT),
      });
      expect(await mrr('cus_A')).toBe(5000);

      const updated = await ChartMogul.LineItem.update(config, { qs: ref, amount_in_cents: 3000, quantity: 3, discount_code: 'WELCOME' });
      expect(updated).toMatchObject({ uuid: created.uuid, amount_in_cents: 3000, quantity: 3 });
      expect(updated.edit_history_summary.values_changed).toEqual({
        amount_in_cents: { original_value: 2500, edited_value: 3000 },
        quantity: { original_value: 1, edited_value: 3 },
      });
      expect(await mrr('cus_A')).toBe(4000); // quantity does not change MRR
      // Back to the imported value: that field leaves the summary.
      const back = await ChartMogul.LineItem.modify(config, created.uuid, { quantity: 1 });
      expect(Object.keys(back.edit_history_summary.values_changed)).toEqual(['amount_in_cents']);
      expect(await ChartMogul.LineItem.retrieve(config, created.uuid)).toEqual(back);

      // A new plan: plan_uuid and plan_external_id change together.
      const replanned = await ChartMogul.LineItem.modify(config, created.uuid, { plan_uuid: fx.plans.silver, amount_in_cents: 12000 });
      expect(replanned).toMatchObject({ plan_uuid: fx.plans.silver, plan_external_id: 'silver' });
      expect(replanned.edit_history_summary.values_changed).toMatchObject({
        plan_uuid: { original_value: fx.plans.gold, edited_value: fx.plans.silver },
        plan_external_id: { original_value: 'gold', edited_value: 'silver' },
      });
      expect(await mrr('cus_A')).toBe(2000); // 1000 + 12000 a year / 12
      await ChartMogul.LineItem.modify(config, created.uuid, { plan_uuid: fx.plans.gold, amount_in_cents: 3000 });
      expect(await mrr('cus_A')).toBe(4000);
    });

    it('disables and enables a line by UUID and by external ID: a disabled line counts nowhere', async () => {
      const ref = { data_source_uuid: fx.ds, external_id: 'li-B' };
      const line = await ChartMogul.LineItem.all(config, ref);
      const disabled = await ChartMogul.LineItem.disable(config, line.uuid);
      expect(disabled).toMatchObject({ uuid: line.uuid, disabled: true, disabled_by: 'Test', disabled_at: expect.stringMatching(INSTANT) });
      expect(await mrr('cus_A')).toBe(1000);
      // Still there to be enabled again, flagged.
      expect((await ChartMogul.LineItem.retrieve(config, line.uuid)).disabled).toBe(true);
      const enabled = await ChartMogul.LineItem.enable(config, line.uuid);
      expect(enabled).toMatchObject({ disabled: false, disabled_at: null, disabled_by: null, amount_in_cents: 3000 });
      expect(await mrr('cus_A')).toBe(4000);

      expect(await ChartMogul.LineItem.disableByExternalId(config, ref)).toMatchObject({ uuid: line.uuid, disabled: true });
      expect(await mrr('cus_A')).toBe(1000);
      expect(await ChartMogul.LineItem.enableByExternalId(config, ref)).toMatchObject({ uuid: line.uuid, disabled: false });
      expect(await mrr('cus_A')).toBe(4000);
      // disable/enable with the data source and external ID instead of a UUID.
      expect(await ChartMogul.LineItem.disable(config, ref)).toMatchObject({ disabled: true });
      expect(await ChartMogul.LineItem.enable(config, ref)).toMatchObject({ disabled: false });
      expect(await mrr('cus_A')).toBe(4000);
    });

    it('answers 422 naming the field for what an import refuses, and changes nothing', async () => {
      const line = await ChartMogul.LineItem.all(config, { data_source_uuid: fx.ds, external_id: 'li-B' });
      const cases: [Record<string, unknown>, string][] = [
        [{ amount_in_cents: 10.5 }, 'amount_in_cents'],
        [{ amount_in_cents: '12a' }, 'amount_in_cents'],
        [{ amount_in_cents: -5 }, 'amount_in_cents'],
        [{ plan_uuid: 'pl_00000000-0000-0000-0000-000000000000' }, 'plan_uuid'],
        [{ plan_uuid: null }, 'plan_uuid'],
        [{ service_period_end: '2015-12-01' }, 'service_period_end'],
        [{ service_period_start: 'soon' }, 'service_period_start'],
        [{ type: 'usage' }, 'type'],
        [{ quantity: 0 }, 'quantity'],
        [{ prorated: 'maybe' }, 'prorated'],
        [{ external_id: 'li-A' }, 'external_id'],
        [{ subscription_external_id: null }, 'subscription_external_id'],
        [{ data_source_uuid: 'ds_00000000-0000-0000-0000-000000000000' }, 'data_source_uuid'],
        [{ amount_in_cents: { cents: 1 } }, 'amount_in_cents'],
      ];
      for (const [body, field] of cases) {
        const e = await rejection(ChartMogul.LineItem.modify(config, line.uuid, body));
        expect(e.status, JSON.stringify(body)).toBe(422);
        expect(Object.keys(e.errors), JSON.stringify(body)).toContain(field);
      }
      const created = await rejection(ChartMogul.LineItem.create(config, invoice, { type: 'subscription', subscription_external_id: 'sub-C', plan_uuid: fx.plans.gold }));
      expect(created.status).toBe(422);
      expect(created.errors).toHaveProperty('amount_in_cents');
      const duplicate = await rejection(ChartMogul.LineItem.create(config, invoice, subscriptionLine('sub-C', fx.plans.gold, 100, { external_id: 'li-A' })));
      expect(duplicate.errors).toHaveProperty('external_id');
      // Another customer's subscription (billed to it from before) cannot get a line on this invoice.
      await ChartMogul.Invoice.create(config, fx.customers.cus_B, {
        invoices: [{ external_id: 'inv-B', date: '2016-01-01', currency: 'USD', line_items: [subscriptionLine('sub-of-B', fx.plans.gold, 700)] }],
      });
      const later = { service_period_start: '2016-01-15', service_period_end: '2016-02-15' };
      const foreign = await rejection(ChartMogul.LineItem.create(config, invoice, subscriptionLine('sub-of-B', fx.plans.gold, 100, later)));
      expect(Object.keys(foreign.errors)).toEqual(['subscription_external_id']);
      // Nor by an earlier line, which would make the subscription cus_A's and leave cus_B's line out.
      const earlier = { service_period_start: '2015-12-15', service_period_end: '2016-01-15' };
      const takeover = await rejection(ChartMogul.LineItem.create(config, invoice, subscriptionLine('sub-of-B', fx.plans.gold, 100, earlier)));
      expect(Object.keys(takeover.errors)).toEqual(['subscription_external_id']);
      const moved = await rejection(ChartMogul.LineItem.modify(config, line.uuid, { subscription_external_id: 'sub-of-B', ...earlier }));
      expect(Object.keys(moved.errors)).toEqual(['subscription_external_id']);
      const noState = await rejection(ChartMogul.LineItem._setDisabledState(config, line.uuid, { disabled: 'yes' }));
      expect(noState.errors).toHaveProperty('disabled');
      const noSource = await rejection(ChartMogul.LineItem.all(config, { external_id: 'li-B' }));
      expect(noSource.status).toBe(422);
      expect(noSource.errors).toHaveProperty('data_source_uuid');
      expect(await ChartMogul.LineItem.retrieve(config, line.uuid)).toEqual(line);
      expect(await mrr('cus_A')).toBe(4000);
      expect(await mrr('cus_B')).toBe(700);
    });

    it('answers 404 for unknown lines, invoices and data sources, and for other accounts\' lines', async () => {
      const unknown = 'li_00000000-0000-0000-0000-000000000000';
      const ref = { data_source_uuid: fx.ds, external_id: 'nope' };
      const calls: Promise<unknown>[] = [
        ChartMogul.LineItem.retrieve(config, unknown),
        ChartMogul.LineItem.retrieve(config, 'li_not-a-uuid'),
        ChartMogul.LineItem.modify(config, unknown, { amount_in_cents: 1 }),
        ChartMogul.LineItem.destroy(config, unknown),
        ChartMogul.LineItem.disable(config, unknown),
        ChartMogul.LineItem.all(config, ref),
        ChartMogul.LineItem.update(config, { qs: ref, amount_in_cents: 1 }),
        ChartMogul.LineItem.destroyByExternalId(config, ref),
        ChartMogul.LineItem.enableByExternalId(config, ref),
        ChartMogul.LineItem.all(config, { data_source_uuid: 'ds_00000000-0000-0000-0000-000000000000', external_id: 'li-B' }),
        ChartMogul.LineItem.create(config, 'inv_00000000-0000-0000-0000-000000000000', subscriptionLine('s', fx.plans.gold, 1)),
      ];
      // Every call's rejection is taken at once (awaiting them one by one would leave the later ones unhandled meanwhile).
      for (const failure of await Promise.all(calls.map(rejection))) expect(failure.status).toBe(404);
      const other = await server.newAccount('Other');
      const theirs = new ChartMogul.Config(other.key, server.url);
      const mine = await ChartMogul.LineItem.all(config, { data_source_uuid: fx.ds, external_id: 'li-B' });
      expect((await rejection(ChartMogul.LineItem.retrieve(theirs, mine.uuid))).status).toBe(404);
      expect((await rejection(ChartMogul.LineItem.disable(theirs, mine.uuid))).status).toBe(404);
      expect((await rejection(ChartMogul.LineItem.all(theirs, { data_source_uuid: fx.ds, external_id: 'li-B' }))).status).toBe(404);
      expect(await mrr('cus_A')).toBe(4000);
    });

    it('keys: an identical second line is a second line; a /sync re-send of an edited line\'s original row finds it', async () => {
      const setup = { type: 'one_time', description: 'Setup', amount_in_cents: 500 };
      const first = await ChartMogul.LineItem.create(config, invoice, setup);
      const second = await ChartMogul.LineItem.create(config, invoice, { qs: { handle_as_user_edit: true }, ...setup });
      expect(second.uuid).not.toBe(first.uuid);
      expect([first.user_created, second.user_created]).toEqual([false, true]);
      const lines: { uuid: string }[] = (await ChartMogul.Invoice.retrieve(config, invoice)).line_items;
      expect(lines.filter((l) => l.uuid === first.uuid || l.uuid === second.uuid)).toHaveLength(2);

      // A line without external ID, edited, then its original row sent again through /sync.
      await ChartMogul.Invoice.create(config, fx.customers.cus_B, {
        invoices: [{ external_id: 'inv-B2', date: '2016-01-01', currency: 'USD', line_items: [subscriptionLine('sub-B2', fx.plans.gold, 1000)] }],
      });
      expect(await mrr('cus_B')).toBe(1700);
      const [imported] = (await ChartMogul.Invoice.all(config, { external_id: 'inv-B2' })).invoices[0].line_items;
      const edited = await ChartMogul.LineItem.modify(config, imported.uuid, { amount_in_cents: 1600 });
      expect(edited.edit_history_summary.values_changed.amount_in_cents).toEqual({ original_value: 1000, edited_value: 1600 });
      expect(await mrr('cus_B')).toBe(2300);
      const row = {
        'Invoice external ID': 'inv-B2', Type: 'Subscription', 'Subscription external ID': 'sub-B2', Plan: 'gold',
        'Service period start': '2016-01-01', 'Service period end': '2016-02-01', 'Amount in cents': 1000, Proration: false,
      };
      const synced = await server.call('POST', '/sync/line_items', { rows: [row] });
      expect(synced.json).toMatchObject({ accepted: 1, errors: [] });
      const after = (await ChartMogul.Invoice.all(config, { external_id: 'inv-B2' })).invoices[0].line_items;
      expect(after).toHaveLength(1);
      expect(after[0]).toMatchObject({ uuid: imported.uuid, amount_in_cents: 1000, edit_history_summary: null });
      expect(await mrr('cus_B')).toBe(1700);
    });

    it('destroys a line by UUID and by external ID (204)', async () => {
      const b = await ChartMogul.LineItem.all(config, { data_source_uuid: fx.ds, external_id: 'li-B' });
      await ChartMogul.LineItem.destroy(config, b.uuid);
      expect((await rejection(ChartMogul.LineItem.retrieve(config, b.uuid))).status).toBe(404);
      expect(await mrr('cus_A')).toBe(1000);
      // The client sends these in the body of the DELETE.
      await ChartMogul.LineItem.destroyByExternalId(config, { data_source_uuid: fx.ds, external_id: 'li-A' });
      expect((await rejection(ChartMogul.LineItem.all(config, { data_source_uuid: fx.ds, external_id: 'li-A' }))).status).toBe(404);
      expect(await mrr('cus_A')).toBe(0);
    });
  });
}
