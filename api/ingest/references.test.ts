/**
 * A /sync batch is judged against the stored rows as `mogul report` would judge it on the
 * stored rows plus the batch: a subscription belongs to the customer of its earliest line,
 * however long its stored history, and a re-sent line replaces its stored self.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers, testDatabase, type TestDatabase } from '../testing/databases.test-util.ts';
import { startTestServer, type TestServer } from '../testing/server.test-util.ts';

const month = (m: number) => `2024-${String(m).padStart(2, '0')}-01`;

function line(id: string, invoice: string, m: number) {
  return {
    'Invoice external ID': invoice, 'External ID': id, 'Subscription external ID': 'S', Type: 'Subscription',
    'Amount in cents': '1000', Plan: 'pro', 'Service period start': month(m), 'Service period end': month(m + 1),
    Proration: 'FALSE',
  };
}

for (const driver of drivers()) {
  describe(`/sync reference checks against stored rows (${driver})`, () => {
    let database: TestDatabase;
    let server: TestServer;
    const sync = async (dataset: string, rows: Record<string, unknown>[]) => {
      const r = await server.call('POST', `/sync/${dataset}`, { rows });
      expect(r.status).toBe(200);
      return r.json as { accepted: number; errors: { row: number; column: string; message: string }[] };
    };

    beforeAll(async () => {
      database = await testDatabase(driver);
      server = await startTestServer(database.db, { today: '2024-12-31' });
      await sync('customers', [{ 'External ID': 'A', Name: 'Alpha' }, { 'External ID': 'B', Name: 'Beta' }]);
      await sync('plans', [{ Name: 'Pro', 'Interval count': '1', 'Interval unit': 'month', 'Plan ID': 'pro' }]);
      const invoices = [];
      for (let m = 1; m <= 10; m++) invoices.push({ 'Customer external ID': 'A', 'Invoice external ID': `a${m}`, 'Invoiced date': month(m), Currency: 'USD' });
      invoices.push({ 'Customer external ID': 'B', 'Invoice external ID': 'b11', 'Invoiced date': month(11), Currency: 'USD' });
      invoices.push({ 'Customer external ID': 'B', 'Invoice external ID': 'b1', 'Invoiced date': month(1), Currency: 'USD' });
      expect((await sync('invoices', invoices)).accepted).toBe(12);
      // Nine months of history for subscription S, all on customer A's invoices.
      const history = Array.from({ length: 9 }, (_, i) => line(`L${i + 1}`, `a${i + 1}`, i + 1));
      expect((await sync('line_items', history)).accepted).toBe(9);
    }, 60_000);
    afterAll(async () => {
      await server?.close();
      await database?.drop();
    });

    it("a later line on another customer's invoice is refused: the subscription is the earliest line's customer's", async () => {
      const answer = await sync('line_items', [{ row: 40, ...line('L11', 'b11', 11) }]);
      expect(answer.accepted).toBe(0);
      expect(answer.errors).toEqual([expect.objectContaining({
        row: 40,
        column: 'Subscription external ID',
        message: expect.stringMatching(/^Subscription 'S' belongs to customer 'A' \(stored earlier\)/),
      })]);
    });

    it("a later line on the owner's invoice is accepted", async () => {
      expect(await sync('line_items', [line('L10', 'a10', 10)])).toMatchObject({ accepted: 1, errors: [] });
    });

    it('a cancellation naming another customer is refused; naming the owner, accepted', async () => {
      const refused = await sync('cancellations', [{ 'Customer external ID': 'B', 'Subscription external ID': 'S', 'Cancelled at': '2024-12-15' }]);
      expect(refused.errors).toEqual([expect.objectContaining({ column: 'Customer external ID', message: "Subscription 'S' belongs to customer 'A', not 'B'" })]);
      const accepted = await sync('cancellations', [{ 'Customer external ID': 'A', 'Subscription external ID': 'S', 'Cancelled at': '2024-12-15' }]);
      expect(accepted).toMatchObject({ accepted: 1, errors: [] });
    });

    it('a re-sent earliest line replaces its stored self: it does not tie with itself', async () => {
      // Stored, L1 (January, a1) would tie with the re-sent L1 and could only ever agree with it;
      // replaced, the earliest is the batch's own L1, with its new amount.
      expect(await sync('line_items', [{ ...line('L1', 'a1', 1), 'Amount in cents': '1200' }])).toMatchObject({ accepted: 1, errors: [] });
      const later = await sync('line_items', [line('L12', 'b11', 11)]);
      expect(later.errors[0].message).toMatch(/^Subscription 'S' belongs to customer 'A' \(stored earlier\)/);
    });

    it("the earliest line re-sent alone on another customer's invoice is refused: its stored successors are not dropped", async () => {
      // Replaced, L1 no longer counts; moved to B's January invoice it would be the earliest
      // and leave L2..L10 (customer A) out at the next recompute.
      const answer = await sync('line_items', [{ row: 7, ...line('L1', 'b1', 1) }]);
      expect(answer.accepted).toBe(0);
      expect(answer.errors).toEqual([expect.objectContaining({
        row: 7,
        column: 'Subscription external ID',
        value: 'S',
        message: expect.stringMatching(/^Subscription 'S' belongs to customer 'A' \(its stored lines from 2024-02-01 on\)/),
      })]);
    });
  });
}
