/**
 * Transactions through ChartMogul's own Node client (chartmogul-node), pointed at a real
 * server by its base URL only: every `Transaction` method, by tr_ ID and by data source and
 * external ID; 404 for what the account does not hold, 422 naming the field; and what each
 * change does to the customer's transactions as the engine lists them (the profile).
 */
import { createRequire } from 'node:module';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoices } from '../../db/schema.ts';
import { drivers, testDatabase, type TestDatabase } from '../../testing/databases.test-util.ts';
import { startTestServer, type TestServer } from '../../testing/server.test-util.ts';
import { seed, type Fixture } from '../billing-fixtures.test-util.ts';

const ChartMogul = createRequire(import.meta.url)('chartmogul-node');
const NO_ID = 'tr_00000000-0000-4000-8000-000000000000';

const line = (invoice: string, start: string, end: string) => ({
  'Invoice external ID': invoice, 'Subscription external ID': 'sub-1', Type: 'Subscription', 'Amount in cents': 5000,
  Plan: 'gold', 'Service period start': start, 'Service period end': end, Quantity: 1, Proration: 'FALSE',
});

for (const driver of drivers()) {
  describe(`chartmogul-node Transaction methods (${driver})`, () => {
    let database: TestDatabase;
    let server: TestServer;
    let fx: Fixture;
    let config: unknown;
    let inv: Record<string, string>;

    const sync = async (dataset: string, rows: Record<string, unknown>[]) => {
      const r = await server.call('POST', `/sync/${dataset}`, { rows });
      if (r.status !== 200 || r.json.errors.length > 0) throw new Error(`${dataset}: ${JSON.stringify(r.json)}`);
    };
    /** The customer's transactions as the engine lists them: [external ID or invoice, type, result, amount]. */
    const profile = async () => {
      const r = await server.call('GET', `/v1/customers/${fx.customers.cus_001}/profile`);
      expect(r.status).toBe(200);
      return (r.json.transactions as Record<string, unknown>[]).map((t) => [t['external-id'] ?? t['invoice-external-id'], t.type, t.result, t.amount]);
    };
    const create = (invoice: string, body: Record<string, unknown>) =>
      ChartMogul.Transaction.create(config, inv[invoice], { type: 'payment', result: 'successful', ...body });
    /** How the client's call failed: the status and the JSON body (null when it did not fail). */
    const refusal = async (call: Promise<unknown>) => {
      const error = await call.then(() => null, (e: { status: number; response: { body: unknown } }) => e);
      return { status: error?.status, body: error?.response.body as { errors?: Record<string, string>; code?: number } };
    };

    beforeAll(async () => {
      database = await testDatabase(driver);
      server = await startTestServer(database.db, { today: '2016-03-15', rateLimitPerSecond: 1_000 });
      fx = await seed(server, database.db, server.accountId, [{ id: 'cus_001' }]);
      config = new ChartMogul.Config(server.key, server.url);
      await sync('invoices', ['inv-1', 'inv-2', 'inv-3'].map((id, i) => ({
        'Customer external ID': 'cus_001', 'Invoice external ID': id, 'Invoiced date': `2016-0${i + 1}-01`, Currency: 'USD',
      })));
      await sync('line_items', [
        line('inv-1', '2016-01-01', '2016-02-01'), line('inv-2', '2016-02-01', '2016-03-01'), line('inv-3', '2016-03-01', '2016-04-01'),
      ]);
      const rows = await database.db.read((tx) => tx.db.select({ id: invoices.id, externalId: invoices.externalId }).from(invoices)
        .where(eq(invoices.accountId, server.accountId)));
      inv = Object.fromEntries(rows.map((r) => [r.externalId, `inv_${r.id}`]));
    }, 60_000);
    afterAll(async () => {
      await server?.close();
      await database?.drop();
    });

    it('creates and retrieves a transaction with the documented keys, by tr_ ID and by data source and external ID', async () => {
      const created = await create('inv-1', { date: '2016-01-02 10:00:00', external_id: 'tr-1' });
      expect(created).toEqual({
        uuid: expect.stringMatching(/^tr_[0-9a-f-]{36}$/), external_id: 'tr-1', type: 'payment', date: '2016-01-02T10:00:00.000Z',
        result: 'successful', amount_in_cents: null, transaction_fees_in_cents: null, transaction_fees_currency: null,
        disabled: false, disabled_at: null, disabled_by: null, user_created: true, edit_history_summary: null,
      });
      expect(await ChartMogul.Transaction.retrieve(config, created.uuid)).toEqual(created);
      expect(await ChartMogul.Transaction.retrieve(config, created.uuid, { include_edit_histories: true })).toEqual(created);
      // Both data_source_uuid and external_id name one transaction: the answer is the transaction itself (ChartMogul's
      // Retrieve a Transaction); one filter alone lists (Mogul's extension).
      expect(await ChartMogul.Transaction.all(config, { data_source_uuid: fx.ds, external_id: 'tr-1' })).toEqual(created);
      expect(await ChartMogul.Transaction.all(config, { external_id: 'tr-1' })).toEqual({ transactions: [created], has_more: false, cursor: null });
      // Without an amount the payment is the invoice's total.
      expect(await profile()).toEqual([['tr-1', 'payment', 'successful', 5000]]);
    });

    it('404 for a transaction the account does not hold, by ID and by external ID', async () => {
      const other = await server.newAccount('Other');
      const otherConfig = new ChartMogul.Config(other.key, server.url);
      const [mine] = (await ChartMogul.Transaction.all(config, { external_id: 'tr-1' })).transactions;
      const ref = { data_source_uuid: fx.ds, external_id: 'nope' };
      for (const call of [
        () => ChartMogul.Transaction.retrieve(config, NO_ID),
        () => ChartMogul.Transaction.retrieve(config, 'not-an-id'),
        () => ChartMogul.Transaction.retrieve(otherConfig, mine.uuid),
        () => ChartMogul.Transaction.all(config, ref),
        () => ChartMogul.Transaction.all(config, { data_source_uuid: 'ds_nonsense', external_id: 'tr-1' }),
        () => ChartMogul.Transaction.all(otherConfig, { data_source_uuid: fx.ds, external_id: 'tr-1' }),
        () => ChartMogul.Transaction.modify(config, NO_ID, { result: 'failed' }),
        () => ChartMogul.Transaction.modify(otherConfig, mine.uuid, { result: 'failed' }),
        () => ChartMogul.Transaction.update(config, { qs: ref, result: 'failed' }),
        () => ChartMogul.Transaction.update(otherConfig, { qs: { data_source_uuid: fx.ds, external_id: 'tr-1' }, result: 'failed' }),
        () => ChartMogul.Transaction.destroy(config, NO_ID),
        () => ChartMogul.Transaction.destroy(otherConfig, mine.uuid),
        () => ChartMogul.Transaction.destroyByExternalId(config, { qs: ref }),
        () => ChartMogul.Transaction.disable(config, NO_ID),
        () => ChartMogul.Transaction.enable(otherConfig, mine.uuid),
        () => ChartMogul.Transaction.disableByExternalId(config, ref),
        () => ChartMogul.Transaction.enableByExternalId(config, { data_source_uuid: 'ds_00000000-0000-4000-8000-000000000000', external_id: 'tr-1' }),
      ]) {
        expect((await refusal(call())).status, call.toString()).toBe(404);
      }
      expect((await ChartMogul.Transaction.all(otherConfig, { external_id: 'tr-1' })).transactions).toEqual([]);
      expect((await ChartMogul.Transaction.all(config, { data_source_uuid: 'ds_nonsense' })).transactions).toEqual([]);
      // Still there, unchanged.
      expect(await ChartMogul.Transaction.retrieve(config, mine.uuid)).toEqual(mine);
    });

    it('modify and update change the transaction, record the edit, and the customer\'s transactions follow', async () => {
      const { uuid } = await create('inv-2', { date: '2016-02-03', external_id: 'tr-2' });
      expect(await profile()).toContainEqual(['tr-2', 'payment', 'successful', 5000]);
      const modified = await ChartMogul.Transaction.modify(config, uuid, { amount_in_cents: 3000 });
      expect(modified).toMatchObject({ uuid, external_id: 'tr-2', amount_in_cents: 3000, user_created: true });
      expect(modified.edit_history_summary).toEqual({
        values_changed: { amount_in_cents: { original_value: null, edited_value: 3000 } },
        latest_edit_author: 'Test', latest_edit_performed_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      });
      expect(await profile()).toContainEqual(['tr-2', 'payment', 'successful', 3000]);

      const updated = await ChartMogul.Transaction.update(config, {
        qs: { data_source_uuid: fx.ds, external_id: 'tr-2' }, result: 'failed', date: '2016-02-04',
      });
      expect(updated).toMatchObject({ uuid, result: 'failed', date: '2016-02-04T00:00:00.000Z', amount_in_cents: 3000 });
      expect(Object.keys(updated.edit_history_summary.values_changed).sort()).toEqual(['amount_in_cents', 'date', 'result']);
      expect(updated.edit_history_summary.values_changed.date).toEqual({ original_value: '2016-02-03T00:00:00.000Z', edited_value: '2016-02-04T00:00:00.000Z' });
      expect(await profile()).toContainEqual(['tr-2', 'payment', 'failed', 3000]);
      // Sending the whole object back (as a client that retrieved it would) changes nothing.
      expect(await ChartMogul.Transaction.modify(config, uuid, updated)).toEqual(updated);
    });

    it('a bad value is a 422 naming the field, and changes nothing', async () => {
      const { uuid } = await create('inv-2', { date: '2016-02-05', external_id: 'tr-bad' });
      const before = await ChartMogul.Transaction.retrieve(config, uuid);
      const cases: [Record<string, unknown>, string][] = [
        [{ amount_in_cents: -5 }, 'amount_in_cents'],
        [{ amount_in_cents: 'lots' }, 'amount_in_cents'],
        [{ type: 'gift' }, 'type'],
        [{ result: 'maybe' }, 'result'],
        [{ date: 'yesterday' }, 'date'],
        [{ date: null }, 'date'],
        [{ type: { nested: true } }, 'type'],
        [{ external_id: 'renamed' }, 'external_id'],
        [{ transaction_fees_in_cents: 25 }, 'transaction_fees_in_cents'],
      ];
      for (const [body, field] of cases) {
        const r = await refusal(ChartMogul.Transaction.modify(config, uuid, body));
        expect(r.status, JSON.stringify(body)).toBe(422);
        expect(Object.keys(r.body.errors ?? {}), JSON.stringify(body)).toEqual([field]);
      }
      const byRef = await refusal(ChartMogul.Transaction.update(config, { qs: { data_source_uuid: fx.ds, external_id: 'tr-bad' }, type: 'gift' }));
      expect(byRef).toMatchObject({ status: 422, body: { errors: { type: expect.any(String) } } });
      const state = await server.call('PATCH', `/v1/transactions/${uuid}/disabled_state`, { disabled: 'yes' });
      expect(state).toMatchObject({ status: 422, json: { errors: { disabled: expect.any(String) } } });
      expect(await ChartMogul.Transaction.retrieve(config, uuid)).toEqual(before);
      // The query forms need both parameters: a 400 naming the one missing, not "no such transaction".
      const missing = await server.call('PATCH', `/v1/transactions/disabled_state?external_id=tr-bad`, { disabled: true });
      expect(missing).toMatchObject({ status: 400, json: { param: 'data_source_uuid' } });
      await ChartMogul.Transaction.destroy(config, uuid);
    });

    it('disable takes a payment out of the customer\'s transactions, enable puts it back', async () => {
      const { uuid } = await create('inv-3', { date: '2016-03-02', external_id: 'tr-3', amount_in_cents: 4000 });
      const listed = ['tr-3', 'payment', 'successful', 4000];
      expect(await profile()).toContainEqual(listed);

      const disabled = await ChartMogul.Transaction.disable(config, uuid);
      expect(disabled).toMatchObject({ uuid, disabled: true, disabled_by: 'Test', disabled_at: expect.stringMatching(/Z$/) });
      expect(await profile()).not.toContainEqual(listed);
      expect((await refusal(ChartMogul.Transaction.retrieve(config, uuid))).status).toBe(404);
      expect(await ChartMogul.Transaction.retrieve(config, uuid, { with_disabled: 'true' })).toEqual(disabled);
      expect((await ChartMogul.Transaction.all(config, { external_id: 'tr-3' })).transactions).toEqual([]);
      expect((await ChartMogul.Transaction.all(config, { external_id: 'tr-3', with_disabled: 'true' })).transactions).toEqual([disabled]);
      const named = { data_source_uuid: fx.ds, external_id: 'tr-3' };
      expect((await refusal(ChartMogul.Transaction.all(config, named))).status).toBe(404);
      expect(await ChartMogul.Transaction.all(config, { ...named, with_disabled: 'true' })).toEqual(disabled);
      // Disabling again changes nothing (not even when).
      expect(await ChartMogul.Transaction.disable(config, uuid)).toEqual(disabled);

      const enabled = await ChartMogul.Transaction.enable(config, uuid);
      expect(enabled).toMatchObject({ uuid, disabled: false, disabled_at: null, disabled_by: null });
      expect(await profile()).toContainEqual(listed);

      const ref = { data_source_uuid: fx.ds, external_id: 'tr-3' };
      expect(await ChartMogul.Transaction.disableByExternalId(config, ref)).toMatchObject({ uuid, disabled: true });
      expect(await profile()).not.toContainEqual(listed);
      expect(await ChartMogul.Transaction.enableByExternalId(config, ref)).toMatchObject({ uuid, disabled: false });
      expect(await profile()).toContainEqual(listed);
      // The query-parameter variant of disable and enable.
      expect(await ChartMogul.Transaction.disable(config, ref)).toMatchObject({ uuid, disabled: true });
      expect(await ChartMogul.Transaction.enable(config, ref)).toMatchObject({ uuid, disabled: false });
    });

    it('destroy and destroyByExternalId delete (204) and the customer\'s transactions lose them', async () => {
      const a = await create('inv-3', { date: '2016-03-03', type: 'refund', amount_in_cents: 100, external_id: 'tr-del-a' });
      await create('inv-3', { date: '2016-03-04', type: 'refund', amount_in_cents: 200, external_id: 'tr-del-b' });
      expect(await profile()).toEqual(expect.arrayContaining([['tr-del-a', 'refund', 'successful', 100], ['tr-del-b', 'refund', 'successful', 200]]));
      const removed = await server.call('DELETE', `/v1/transactions/${a.uuid}`);
      expect(removed.status).toBe(204);
      expect((await refusal(ChartMogul.Transaction.retrieve(config, a.uuid, { with_disabled: 'true' }))).status).toBe(404);
      await ChartMogul.Transaction.destroyByExternalId(config, { qs: { data_source_uuid: fx.ds, external_id: 'tr-del-b' } });
      const ids = (await profile()).map((t) => t[0]);
      expect(ids).not.toContain('tr-del-a');
      expect(ids).not.toContain('tr-del-b');
      expect((await refusal(ChartMogul.Transaction.destroy(config, a.uuid))).status).toBe(404);
      // destroy resolves through the client too.
      const c = await create('inv-3', { date: '2016-03-05', external_id: 'tr-del-c' });
      await ChartMogul.Transaction.destroy(config, c.uuid);
      expect((await profile()).map((t) => t[0])).not.toContain('tr-del-c');
    });

    it('a /sync re-send of the original row finds the edited transaction: its values come back, its disabled state stays', async () => {
      const row = { 'Invoice external ID': 'inv-1', Type: 'refund', Result: 'successful', Date: '2016-01-20', 'Amount in cents': 700 };
      const keyed = { ...row, 'External ID': 'tr-sync', Date: '2016-01-21' };
      await sync('transactions', [row, keyed]);
      type Listed = { uuid: string; external_id: string | null; amount_in_cents: number; user_created: boolean };
      const all: Listed[] = (await ChartMogul.Transaction.all(config, { data_source_uuid: fx.ds })).transactions;
      const plain = all.find((t) => t.external_id === null && t.amount_in_cents === 700)!;
      const withId = all.find((t) => t.external_id === 'tr-sync')!;
      expect(plain.user_created).toBe(false);

      await ChartMogul.Transaction.modify(config, plain.uuid, { amount_in_cents: 600 });
      await ChartMogul.Transaction.modify(config, withId.uuid, { amount_in_cents: 650 });
      await ChartMogul.Transaction.disable(config, withId.uuid);
      expect(await profile()).toContainEqual(['inv-1', 'refund', 'successful', 600]);
      await sync('transactions', [row, keyed]);

      const after: Listed[] = (await ChartMogul.Transaction.all(config, { data_source_uuid: fx.ds, with_disabled: 'true' })).transactions;
      expect(after.length).toBe(all.length);
      expect(after.find((t) => t.uuid === plain.uuid)).toMatchObject({ amount_in_cents: 700, disabled: false });
      expect(after.find((t) => t.uuid === withId.uuid)).toMatchObject({ amount_in_cents: 700, disabled: true });
      const listed = await profile();
      expect(listed).toContainEqual(['inv-1', 'refund', 'successful', 700]);
      expect(listed.map((t) => t[0])).not.toContain('tr-sync');
    });
  });
}
