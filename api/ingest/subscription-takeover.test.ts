/**
 * A line item that would take a subscription over from its stored lines (earlier than them,
 * under another customer or in another currency) is refused with a row error naming it; the
 * rest of the batch is stored, and the stored lines keep counting. Through /sync and through
 * the /v1 invoice import, on every driver.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers, testDatabase, type TestDatabase } from '../testing/databases.test-util.ts';
import { startTestServer, type TestServer } from '../testing/server.test-util.ts';
import { seed, type Fixture } from '../v1/billing-fixtures.test-util.ts';

const month = (m: number) => `2024-${String(m).padStart(2, '0')}-01`;

function line(id: string, invoice: string, m: number, subscription = 'S') {
  return {
    'Invoice external ID': invoice, 'External ID': id, 'Subscription external ID': subscription, Type: 'Subscription',
    'Amount in cents': '1000', Plan: 'gold', 'Service period start': month(m), 'Service period end': month(m + 1),
    Proration: 'FALSE',
  };
}

const invoice = (customer: string, id: string, m: number, currency = 'USD') =>
  ({ 'Customer external ID': customer, 'Invoice external ID': id, 'Invoiced date': month(m), Currency: currency });

interface SyncAnswer { accepted: number; errors: { row: number; column: string; value: string; message: string }[] }

for (const driver of drivers()) {
  describe(`a line item cannot take a subscription over from its stored lines (${driver})`, () => {
    let database: TestDatabase;
    let server: TestServer;
    let fx: Fixture;
    const sync = async (dataset: string, rows: Record<string, unknown>[]) => {
      const r = await server.call('POST', `/sync/${dataset}`, { rows });
      expect(r.status).toBe(200);
      return r.json as SyncAnswer;
    };
    const mrr = async (customer: string): Promise<number> => {
      const results = (await server.call('GET', '/sync/results')).json;
      return results.customers.find((c: { external_id: string }) => c.external_id === customer).mrr;
    };
    const storedLines = async (customer: string): Promise<string[]> => {
      const r = await server.call('GET', `/v1/import/customers/${fx.customers[customer]}/invoices`);
      return (r.json.invoices as { line_items: { external_id: string }[] }[])
        .flatMap((i) => i.line_items.map((l) => l.external_id)).sort();
    };

    /** A /v1 invoice import body: one USD invoice dated `start` with one line of subscription S on plan gold. */
    const v1Invoice = (id: string, start: string, end: string, lineId: string, cents: number) => ({
      invoices: [{
        external_id: id, date: `${start} 00:00:00 UTC`, currency: 'USD', due_date: `${start} 00:00:00 UTC`,
        line_items: [{
          type: 'subscription', subscription_external_id: 'S', plan_uuid: fx.plans.gold, external_id: lineId,
          service_period_start: `${start} 00:00:00 UTC`, service_period_end: `${end} 00:00:00 UTC`,
          amount_in_cents: cents, quantity: 1,
        }],
      }],
    });

    beforeAll(async () => {
      database = await testDatabase(driver);
      server = await startTestServer(database.db, { today: '2024-05-15', rateLimitPerSecond: 1_000 });
      fx = await seed(server, database.db, server.accountId, [{ id: 'A' }, { id: 'B' }, { id: 'C' }]);
      expect(await sync('exchange_rates', [{ Currency: 'EUR', Date: '2023-01-01', Rate: '1.1' }])).toMatchObject({ accepted: 1, errors: [] });
      const invoices = [invoice('A', 'a3', 3), invoice('A', 'a4', 4), invoice('A', 'a5', 5), invoice('A', 'a1eur', 1, 'EUR'),
        invoice('A', 'a2', 2), invoice('B', 'b1', 1), invoice('B', 'b2', 2), invoice('C', 'c1', 1), invoice('C', 'c3', 3),
        invoice('C', 'c4', 4), invoice('C', 'c5', 5)];
      expect(await sync('invoices', invoices)).toMatchObject({ accepted: invoices.length, errors: [] });
      // Subscription S: March to May on customer A's invoices; M: March to May on C's.
      const stored = [line('L3', 'a3', 3), line('L4', 'a4', 4), line('L5', 'a5', 5),
        line('M3', 'c3', 3, 'M'), line('M4', 'c4', 4, 'M'), line('M5', 'c5', 5, 'M')];
      expect(await sync('line_items', stored)).toMatchObject({ accepted: 6, errors: [] });
      expect(await mrr('A')).toBe(1000);
    }, 60_000);
    afterAll(async () => {
      await server?.close();
      await database?.drop();
    });

    it("/sync: an earlier line on another customer's invoice is refused by row and column; the rest of the batch is stored", async () => {
      const answer = await sync('line_items', [
        { row: 2, ...line('T1', 'b1', 1, 'T') },
        { row: 3, ...line('X1', 'b1', 1) },
        { row: 4, ...line('X2', 'b2', 2) },
      ]);
      // Row 3 would make S customer B's; refused, row 4 would then, and is refused too.
      expect(answer.accepted).toBe(1);
      expect(answer.errors).toEqual([
        {
          row: 3, column: 'Subscription external ID', value: 'S',
          message: expect.stringMatching(/^Subscription 'S' belongs to customer 'A' \(its stored lines from 2024-03-01 on\); this line of customer 'B' starts earlier/),
        },
        {
          row: 4, column: 'Subscription external ID', value: 'S',
          message: expect.stringMatching(/^Subscription 'S' belongs to customer 'A' \(its stored lines from 2024-03-01 on\); this line of customer 'B' starts earlier/),
        },
      ]);
      expect(await storedLines('A')).toEqual(['L3', 'L4', 'L5']);
      expect(await storedLines('B')).toEqual(['T1']);
      expect(await mrr('A')).toBe(1000);
    });

    it('/sync dry run answers the same refusal', async () => {
      const r = await server.call('POST', '/sync/line_items', { rows: [{ row: 9, ...line('X1', 'b1', 1) }], dry_run: true });
      expect(r.status).toBe(200);
      expect(r.json.errors).toEqual([expect.objectContaining({ row: 9, column: 'Subscription external ID', value: 'S' })]);
      expect(await storedLines('B')).toEqual(['T1']);
    });

    it('/sync: an earlier line of the same customer in another currency is refused on its invoice', async () => {
      const answer = await sync('line_items', [{ row: 5, ...line('E1', 'a1eur', 1) }]);
      expect(answer).toEqual({
        accepted: 0, dry_run: false, warnings: [],
        errors: [{
          row: 5, column: 'Invoice external ID', value: 'a1eur',
          message: expect.stringMatching(/^Subscription 'S' is billed in USD \(its stored lines from 2024-03-01 on\); invoice 'a1eur' is in EUR/),
        }],
      });
      expect(await mrr('A')).toBe(1000);
    });

    it('/sync: an earlier line of the same customer and currency is accepted (ownership stays with the customer)', async () => {
      expect(await sync('line_items', [line('L2', 'a2', 2)])).toMatchObject({ accepted: 1, errors: [] });
      expect(await storedLines('A')).toEqual(['L2', 'L3', 'L4', 'L5']);
      expect(await mrr('A')).toBe(1000);
    });

    it('/sync: a re-sent earliest line replaces its stored self', async () => {
      expect(await sync('line_items', [{ ...line('L2', 'a2', 2), 'Amount in cents': '1000' }])).toMatchObject({ accepted: 1, errors: [] });
      expect(await storedLines('A')).toEqual(['L2', 'L3', 'L4', 'L5']);
    });

    it('/sync: a cancellation naming another customer is still refused against the stored owner', async () => {
      const refused = await sync('cancellations', [{ 'Customer external ID': 'B', 'Subscription external ID': 'S', 'Cancelled at': '2024-06-30' }]);
      expect(refused.errors).toEqual([expect.objectContaining({ column: 'Customer external ID', message: "Subscription 'S' belongs to customer 'A', not 'B'" })]);
    });

    it('/v1 invoice import: an earlier line on another customer is a 422 naming subscription_external_id; nothing is stored', async () => {
      const body = v1Invoice('b0', '2023-12-01', '2024-01-01', 'X0', 1000);
      const r = await server.call('POST', `/v1/import/customers/${fx.customers.B}/invoices`, body);
      expect(r.status).toBe(422);
      expect(r.json.errors['invoices[0].line_items[0].subscription_external_id']).toMatch(/^Subscription 'S' belongs to customer 'A'/);
      expect(await storedLines('B')).toEqual(['T1']);
      expect(await storedLines('A')).toEqual(['L2', 'L3', 'L4', 'L5']);
      expect(await mrr('A')).toBe(1000);
    });

    it('/v1 invoice import: a later line of the owner is accepted', async () => {
      const body = v1Invoice('a6', '2024-06-01', '2024-07-01', 'L6', 1500);
      expect((await server.call('POST', `/v1/import/customers/${fx.customers.A}/invoices`, body)).status).toBe(201);
      expect(await storedLines('A')).toEqual(['L2', 'L3', 'L4', 'L5', 'L6']);
    });

    it("/sync: an invoice moved alone to another customer is refused when its lines' subscription has lines that stay", async () => {
      // a3 holds L3, S's earliest line but one; moved to B it would make S customer B's and leave L2, L4, L5 out.
      const answer = await sync('invoices', [{ row: 6, ...invoice('B', 'a3', 3) }, { row: 7, ...invoice('B', 'b9', 5) }]);
      expect(answer.accepted).toBe(1);
      expect(answer.errors).toEqual([{
        row: 6, column: 'Customer external ID', value: 'B',
        message: expect.stringMatching(/^Invoice 'a3' holds stored line items of subscription 'S', which also has lines of customer 'A' in USD/),
      }]);
      const currency = await sync('invoices', [{ row: 8, ...invoice('A', 'a4', 4, 'EUR') }]);
      expect(currency.errors).toEqual([expect.objectContaining({ row: 8, column: 'Currency', value: 'EUR' })]);
      expect(await storedLines('A')).toEqual(['L2', 'L3', 'L4', 'L5', 'L6']);
      expect(await mrr('A')).toBe(1000);
    });

    it("/sync: a subscription's invoices moved together move it", async () => {
      // M's invoices c3..c5 all to customer B in one batch: nothing of M stays behind with C.
      const [b, c] = [await mrr('B'), await mrr('C')];
      const answer = await sync('invoices', [invoice('B', 'c3', 3), invoice('B', 'c4', 4), invoice('B', 'c5', 5)]);
      expect(answer).toMatchObject({ accepted: 3, errors: [] });
      // Both customers are recomputed: the one the invoices left and the one they joined.
      expect([await mrr('B'), await mrr('C')]).toEqual([b + 1000, c - 1000]);
      expect((await sync('invoices', [invoice('C', 'c3', 3), invoice('C', 'c4', 4), invoice('C', 'c5', 5)])).accepted).toBe(3);
      expect([await mrr('B'), await mrr('C')]).toEqual([b, c]);
    });

    it('/sync: every stored line re-sent together moves a subscription to another customer', async () => {
      // M (March to May on C) moved in one batch onto B's invoices: nothing stored is left behind.
      await sync('invoices', [invoice('B', 'b3', 3), invoice('B', 'b4', 4), invoice('B', 'b5', 5)]);
      expect(await mrr('C')).toBe(1000);
      const before = await mrr('B');
      const moved = [line('M3', 'b3', 3, 'M'), line('M4', 'b4', 4, 'M'), line('M5', 'b5', 5, 'M')];
      expect(await sync('line_items', moved)).toMatchObject({ accepted: 3, errors: [] });
      expect(await storedLines('C')).toEqual([]);
      expect(await mrr('B')).toBe(before + 1000);
      // The customer the lines left is recomputed too: none of M's MRR stays with C.
      expect(await mrr('C')).toBe(0);
    });
  });
}
