/**
 * Invoices and transactions over a real HTTP server on every driver: the recorded shapes,
 * 422 naming the field for the values /sync rejects too, pagination, 404 for unknown and
 * other accounts' IDs, voided invoices out of MRR, deletes.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineItems } from '../../db/schema.ts';
import { drivers, testDatabase, type TestDatabase } from '../../testing/databases.test-util.ts';
import { startTestServer, type TestServer } from '../../testing/server.test-util.ts';
import { monthlyInvoice, seed, type Fixture } from '../billing-fixtures.test-util.ts';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const id = (prefix: string) => expect.stringMatching(new RegExp(`^${prefix}${UUID}$`));

async function customerMrr(server: TestServer, externalId: string, key = server.key): Promise<number> {
  const results = (await server.call('GET', '/sync/results', undefined, key)).json;
  return results.customers.find((c: { external_id: string }) => c.external_id === externalId).mrr;
}

for (const driver of drivers()) {
  describe(`/v1 invoices (${driver})`, () => {
    let database: TestDatabase;
    let server: TestServer;
    let fx: Fixture;
    let other: { key: string; id: string };
    let otherFx: Fixture;
    beforeAll(async () => {
      database = await testDatabase(driver);
      server = await startTestServer(database.db, { today: '2016-01-20', rateLimitPerSecond: 1_000 });
      fx = await seed(server, database.db, server.accountId, [{ id: 'cus_001' }, { id: 'cus_002' }, { id: 'cus_003' }]);
      other = await server.newAccount('Other');
      otherFx = await seed(server, database.db, other.id, [{ id: 'cus_001' }], other.key);
    }, 60_000);
    afterAll(async () => {
      await server?.close();
      await database?.drop();
    });

    it('imports an invoice as recorded: 201 with inv_, li_, tr_, sub_ and pl_ IDs and ISO instants', async () => {
      const body = {
        invoices: [{
          date: '2016-01-01 12:00:00 UTC', currency: 'USD', external_id: 'test_cus_inv_ext_id_1',
          data_source_uuid: fx.ds, customer_external_id: 'cus_001', due_date: '2016-01-07 12:00:00 UTC',
          line_items: [{
            type: 'subscription', subscription_external_id: 'test_cus_sub_ext_id',
            service_period_start: '2016-01-01 12:00:00 UTC', service_period_end: '2016-02-01 12:00:00 UTC',
            amount_in_cents: 1000, prorated: false, quantity: 5, discount_amount_in_cents: 1200,
            discount_code: 'DISCCODE', tax_amount_in_cents: 200, external_id: 'test_cus_li_ext_id', plan_uuid: fx.plans.gold,
          }],
          transactions: [{ type: 'payment', date: '2016-01-01 12:00:00 UTC', result: 'successful', external_id: 'test_cus_tr_ext_id' }],
        }],
        customer_uuid: fx.customers.cus_001,
      };
      const r = await server.call('POST', `/v1/import/customers/${fx.customers.cus_001}/invoices`, body);
      expect(r.status).toBe(201);
      expect(r.json).toEqual({
        invoices: [{
          uuid: id('inv_'), external_id: 'test_cus_inv_ext_id_1', date: '2016-01-01T12:00:00.000Z',
          due_date: '2016-01-07T12:00:00.000Z', currency: 'USD', customer_uuid: fx.customers.cus_001,
          customer_external_id: 'cus_001', data_source_uuid: fx.ds, errors: {}, collection_method: null, status: 'paid',
          disabled: false, disabled_at: null, disabled_by: null, user_created: false, edit_history_summary: null,
          line_items: [expect.objectContaining({
            uuid: id('li_'), external_id: 'test_cus_li_ext_id', type: 'subscription', subscription_uuid: id('sub_'),
            subscription_external_id: 'test_cus_sub_ext_id', prorated: false, proration_type: null,
            service_period_start: '2016-01-01T12:00:00.000Z', service_period_end: '2016-02-01T12:00:00.000Z',
            plan_uuid: fx.plans.gold, amount_in_cents: 1000, quantity: 5, discount_code: 'DISCCODE',
            discount_amount_in_cents: 1200, tax_amount_in_cents: 200, transaction_fees_in_cents: 0, account_code: '',
            event_order: null, plan_external_id: 'gold', disabled: false, disabled_at: null, disabled_by: null,
            user_created: false, edit_history_summary: null,
          })],
          // The transaction's own fields (its edit state is transactions/serialize.ts's).
          transactions: [expect.objectContaining({
            uuid: id('tr_'), external_id: 'test_cus_tr_ext_id', amount_in_cents: null, type: 'payment',
            date: '2016-01-01T12:00:00.000Z', result: 'successful', transaction_fees_in_cents: null, transaction_fees_currency: null,
          })],
        }],
      });
      expect(await customerMrr(server, 'cus_001')).toBe(800);
      const invoice = r.json.invoices[0];
      const got = await server.call('GET', `/v1/invoices/${invoice.uuid}`);
      expect(got.status).toBe(200);
      expect(got.json).toEqual(invoice);
    });

    it('lists a customer\'s invoices and all invoices, walking the cursor', async () => {
      for (const n of [1, 2, 3]) {
        const r = await server.call('POST', `/v1/import/customers/${fx.customers.cus_002}/invoices`, {
          invoices: [monthlyInvoice(`inv-2-${n}`, fx.plans.gold, { start: `2016-01-0${n}`, end: `2016-02-0${n}`, sub: 's2' })],
        });
        expect(r.status).toBe(201);
      }
      const own = await server.call('GET', `/v1/import/customers/${fx.customers.cus_002}/invoices`);
      expect(own.status).toBe(200);
      expect(own.json).toMatchObject({ customer_uuid: fx.customers.cus_002, has_more: false, cursor: null, current_page: 1, total_pages: 1 });
      expect(own.json.invoices.map((i: { external_id: string }) => i.external_id)).toEqual(['inv-2-1', 'inv-2-2', 'inv-2-3']);

      const seen: string[] = [];
      let page = await server.call('GET', '/v1/invoices?per_page=1');
      for (;;) {
        expect(page.status).toBe(200);
        expect(page.json.invoices).toHaveLength(1);
        seen.push(page.json.invoices[0].external_id);
        if (!page.json.has_more) break;
        expect(typeof page.json.cursor).toBe('string');
        page = await server.call('GET', `/v1/invoices?per_page=1&cursor=${encodeURIComponent(page.json.cursor)}`);
      }
      expect(page.json.cursor).toBeNull();
      // The Python client builds its list from exactly these keys (any other list key breaks it).
      expect(Object.keys(page.json).sort()).toEqual(['current_page', 'cursor', 'has_more', 'invoices', 'total_pages']);
      expect(seen.sort()).toEqual(['inv-2-1', 'inv-2-2', 'inv-2-3', 'test_cus_inv_ext_id_1']);

      const filtered = await server.call('GET', `/v1/invoices?customer_uuid=${fx.customers.cus_002}&external_id=inv-2-2`);
      expect(filtered.json.invoices.map((i: { external_id: string }) => i.external_id)).toEqual(['inv-2-2']);
      const byDs = await server.call('GET', `/v1/invoices?data_source_uuid=${fx.ds}&per_page=200`);
      expect(byDs.json.invoices).toHaveLength(4);
    });

    it('answers 422 naming the field for values /sync rejects too', async () => {
      const post = (invoice: unknown) =>
        server.call('POST', `/v1/import/customers/${fx.customers.cus_003}/invoices`, { invoices: [invoice] });
      const base = monthlyInvoice('bad', fx.plans.gold);
      const line = base.line_items[0];
      const cases: [unknown, string][] = [
        [{ ...base, line_items: [{ ...line, amount_in_cents: 10.5 }] }, 'invoices[0].line_items[0].amount_in_cents'],
        [{ ...base, line_items: [{ ...line, amount_in_cents: '12a' }] }, 'invoices[0].line_items[0].amount_in_cents'],
        [{ ...base, currency: 'usd' }, 'invoices[0].currency'],
        [{ ...base, currency: undefined }, 'invoices[0].currency'],
        [{ ...base, date: 'yesterday' }, 'invoices[0].date'],
        [{ ...base, line_items: [{ ...line, service_period_end: '2015-12-01' }] }, 'invoices[0].line_items[0].service_period_end'],
        [{ ...base, line_items: [{ ...line, plan_uuid: undefined }] }, 'invoices[0].line_items[0].plan_uuid'],
        [{ ...base, line_items: [{ ...line, plan_uuid: otherFx.plans.gold }] }, 'invoices[0].line_items[0].plan_uuid'],
        [{ ...base, line_items: [{ ...line, type: 'usage' }] }, 'invoices[0].line_items[0].type'],
        [{ ...base, line_items: [{ ...line, quantity: 0 }] }, 'invoices[0].line_items[0].quantity'],
        [{ ...base, line_items: [{ ...line, quantity: 99_999_999_999 }] }, 'invoices[0].line_items[0].quantity'],
        [{ ...base, line_items: [{ ...line, event_order: -99_999_999_999 }] }, 'invoices[0].line_items[0].event_order'],
        [{ ...base, line_items: [{ ...line, prorated: 'maybe' }] }, 'invoices[0].line_items[0].prorated'],
        [{ ...base, line_items: [{ ...line, amount_in_cents: { cents: 1 } }] }, 'invoices[0].line_items[0].amount_in_cents'],
        [{ ...base, line_items: 'none' }, 'invoices[0].line_items'],
        [{ ...base, transactions: [{ date: '2016-01-01', type: 'gift', result: 'successful' }] }, 'invoices[0].transactions[0].type'],
        [{ ...base, customer_external_id: 'cus_001' }, 'invoices[0].customer_external_id'],
        [{ ...base, currency: 'EUR' }, 'invoices[0].currency'], // no EUR exchange rate
        [{ ...base, external_id: 'test_cus_inv_ext_id_1' }, 'invoices[0].external_id'], // already stored
      ];
      for (const [invoice, field] of cases) {
        const r = await post(invoice);
        expect(r.status, field).toBe(422);
        expect(Object.keys(r.json.errors), JSON.stringify(invoice)).toContain(field);
        expect(typeof r.json.errors[field]).toBe('string');
      }
      // Nothing of the refused requests was stored.
      expect((await server.call('GET', `/v1/import/customers/${fx.customers.cus_003}/invoices`)).json.invoices).toEqual([]);
      expect((await server.call('POST', `/v1/import/customers/${fx.customers.cus_003}/invoices`, {})).status).toBe(422);
      expect((await server.call('POST', `/v1/import/customers/${fx.customers.cus_003}/invoices`, { invoices: [] })).status).toBe(422);
      expect((await server.call('POST', `/v1/import/customers/${fx.customers.cus_003}/invoices`, '{"invoices": [')).status).toBe(400);
    });

    it('/sync refuses the same line item values in the same columns', async () => {
      const rows = [
        { 'Invoice external ID': 'test_cus_inv_ext_id_1', Type: 'Subscription', 'Amount in cents': 10.5, Proration: false,
          'Subscription external ID': 's', Plan: 'gold', 'Service period start': '2016-01-01', 'Service period end': '2016-02-01' },
        { 'Invoice external ID': 'test_cus_inv_ext_id_1', Type: 'Subscription', 'Amount in cents': 100, Proration: false,
          'Subscription external ID': 's', Plan: 'gold', 'Service period start': '2016-01-01', 'Service period end': '2015-12-01' },
      ];
      const r = await server.call('POST', '/sync/line_items', { rows, dry_run: true });
      expect(r.json.errors.map((e: { column: string }) => e.column)).toEqual(['Amount in cents', 'Service period end']);
    });

    it('adds a transaction to an invoice (201), refuses bad ones (422)', async () => {
      const list = (await server.call('GET', `/v1/import/customers/${fx.customers.cus_002}/invoices`)).json.invoices;
      const inv = list[0].uuid;
      const r = await server.call('POST', `/v1/import/invoices/${inv}/transactions`, {
        type: 'refund', date: '2016-01-05 12:00:00 UTC', result: 'successful', external_id: 'tr-refund', amount_in_cents: 500,
        transaction_fees_in_cents: 2, invoice_uuid: inv,
      });
      expect(r.status).toBe(201);
      expect(r.json).toMatchObject({ uuid: id('tr_'), external_id: 'tr-refund', type: 'refund', result: 'successful', amount_in_cents: 500, date: '2016-01-05T12:00:00.000Z' });
      const again = await server.call('POST', `/v1/import/invoices/${inv}/transactions`, { type: 'refund', date: '2016-01-05', result: 'successful', external_id: 'tr-refund' });
      expect(again.status).toBe(422);
      expect(again.json.errors).toHaveProperty('external_id');
      const bad = await server.call('POST', `/v1/import/invoices/${inv}/transactions`, { type: 'payment', date: 'soon', result: 'ok' });
      expect(bad.status).toBe(422);
      expect(Object.keys(bad.json.errors).sort()).toEqual(['date', 'result']);
      const got = await server.call('GET', `/v1/invoices/${inv}`);
      expect(got.json.transactions.map((t: { external_id: string | null }) => t.external_id)).toContain('tr-refund');
    });

    it('leaves voided and written-off invoices out of MRR', async () => {
      expect(await customerMrr(server, 'cus_002')).toBe(1000);
      const r = await server.call('PUT', `/v1/data_sources/${fx.ds}/invoices/inv-2-3/status`, { status: 'voided' });
      expect(r.status).toBe(200);
      expect(r.json).toMatchObject({ external_id: 'inv-2-3', status: 'voided' });
      expect(await customerMrr(server, 'cus_002')).toBe(1000); // inv-2-2 still covers the subscription
      for (const ext of ['inv-2-1', 'inv-2-2']) {
        expect((await server.call('PUT', `/v1/data_sources/${fx.ds}/invoices/${ext}/status`, { status: 'written_off' })).status).toBe(200);
      }
      expect(await customerMrr(server, 'cus_002')).toBe(0);
      const bad = await server.call('PUT', `/v1/data_sources/${fx.ds}/invoices/inv-2-1/status`, { status: 'paid' });
      expect(bad.status).toBe(422);
      expect(bad.json.errors).toHaveProperty('status');
      expect((await server.call('PUT', `/v1/data_sources/${fx.ds}/invoices/nope/status`, { status: 'voided' })).status).toBe(404);
    });

    it('keeps accounts apart: other accounts\' customers, invoices and data sources are 404', async () => {
      const mine = (await server.call('GET', `/v1/import/customers/${fx.customers.cus_001}/invoices`)).json.invoices[0];
      const key = other.key;
      expect((await server.call('GET', `/v1/invoices/${mine.uuid}`, undefined, key)).status).toBe(404);
      expect((await server.call('DELETE', `/v1/invoices/${mine.uuid}`, undefined, key)).status).toBe(404);
      expect((await server.call('GET', `/v1/import/customers/${fx.customers.cus_001}/invoices`, undefined, key)).status).toBe(404);
      expect((await server.call('POST', `/v1/import/customers/${fx.customers.cus_001}/invoices`,
        { invoices: [monthlyInvoice('x', fx.plans.gold)] }, key)).status).toBe(404);
      expect((await server.call('PUT', `/v1/data_sources/${fx.ds}/invoices/${mine.external_id}/status`, { status: 'voided' }, key)).status).toBe(404);
      expect((await server.call('POST', `/v1/import/invoices/${mine.uuid}/transactions`,
        { type: 'payment', date: '2016-01-01', result: 'successful' }, key)).status).toBe(404);
      expect((await server.call('DELETE', `/v1/data_sources/${fx.ds}/customers/${fx.customers.cus_001}/invoices`, undefined, key)).status).toBe(404);
      const theirs = await server.call('GET', `/v1/invoices?external_id=${mine.external_id}`, undefined, key);
      expect(theirs.json.invoices).toEqual([]);
      expect((await server.call('GET', `/v1/invoices?customer_uuid=${fx.customers.cus_001}`, undefined, key)).json.invoices).toEqual([]);
      expect((await server.call('GET', '/v1/invoices/inv_not-a-uuid')).status).toBe(404);
      // Still there for its owner.
      expect((await server.call('GET', `/v1/invoices/${mine.uuid}`)).status).toBe(200);
    });

    it('deletes one invoice, then all of a customer\'s (204), and recomputes', async () => {
      const list = (await server.call('GET', `/v1/import/customers/${fx.customers.cus_001}/invoices`)).json.invoices;
      const del = await server.call('DELETE', `/v1/invoices/${list[0].uuid}`);
      expect(del.status).toBe(204);
      expect((await server.call('GET', `/v1/invoices/${list[0].uuid}`)).status).toBe(404);
      expect(await customerMrr(server, 'cus_001')).toBe(0);
      const all = await server.call('DELETE', `/v1/data_sources/${fx.ds}/customers/${fx.customers.cus_002}/invoices`);
      expect(all.status).toBe(204);
      expect((await server.call('GET', `/v1/import/customers/${fx.customers.cus_002}/invoices`)).json.invoices).toEqual([]);
      const rows = await database.db.read((tx) => tx.db.select({ id: lineItems.id }).from(lineItems).where(eq(lineItems.accountId, server.accountId)));
      expect(rows).toEqual([]);
    });
  });
}
