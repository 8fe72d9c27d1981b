/** A customer's transactions for the profile: the amounts cash flow counts, in the base currency. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../time.ts';
import { DataBuilder, engineContext, run, settings, t } from './test-builders.test-util.ts';
import { transactionRows } from './transactions.ts';

const rowsOf = (b: DataBuilder, asOf: string) => transactionRows(b.data, engineContext(b.data, settings(), t(asOf)));

describe('transaction rows', () => {
  it('own amount or the invoice total, converted at the rate of the day; failed ones show what they tried to take', () => {
    const b = new DataBuilder().rate('2024-01-01', 'EUR', '2').rate('2024-02-01', 'EUR', '3');
    b.sub('c', 's', 'm', 3100, '2024-01-01', '2024-02-01', { tax: 100 });
    const first = b.lastInvoice();
    b.transaction(first, '2024-01-03T10:00:00Z', { result: 'failed' }).transaction(first, '2024-01-05').transaction(first, '2024-01-20', { type: 'refund', amount: 500 });
    b.oneTime('e', 1000, '2024-01-10', { currency: 'EUR' });
    b.transaction(b.lastInvoice(), '2024-02-02');
    expect(rowsOf(b, '2024-12-31').map((r) => [r.customer_external_id, r.at, r.type, r.result, r.amount])).toEqual([
      ['c', '2024-01-03T10:00:00.000Z', 'payment', 'failed', 3100],
      ['c', '2024-01-05T00:00:00.000Z', 'payment', 'successful', 3100],
      ['c', '2024-01-20T00:00:00.000Z', 'refund', 'successful', 500],
      ['e', '2024-02-02T00:00:00.000Z', 'payment', 'successful', 3000],
    ]);
  });

  it('transactions dated after as-of are left out', () => {
    const b = new DataBuilder();
    b.sub('c', 's', 'm', 3100, '2024-01-01', '2024-02-01');
    b.transaction(b.lastInvoice(), '2024-01-01').transaction(b.lastInvoice(), '2024-03-01', { type: 'refund' });
    expect(rowsOf(b, '2024-02-28').map((r) => r.date)).toEqual(['2024-01-01']);
  });

  it("a customer's successful payments minus refunds are its net payments (random histories)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            customer: fc.constantFrom('a', 'b', 'c'),
            amount: fc.integer({ min: 0, max: 90_000 }),
            euro: fc.boolean(),
            day: fc.integer({ min: 0, max: 300 }),
            payments: fc.array(
              fc.record({ after: fc.integer({ min: 0, max: 90 }), refund: fc.boolean(), failed: fc.boolean(), own: fc.option(fc.integer({ min: 0, max: 90_000 })) }),
              { maxLength: 3 },
            ),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        (invoices) => {
          const b = new DataBuilder().rate('2023-01-01', 'EUR', '1.1').rate('2023-06-01', 'EUR', '1.3');
          const t0 = Date.UTC(2023, 0, 1);
          invoices.forEach((inv) => {
            b.oneTime(inv.customer, inv.amount, t0 + inv.day * DAY_MS, { currency: inv.euro ? 'EUR' : 'USD' });
            const id = b.lastInvoice();
            for (const p of inv.payments) {
              b.transaction(id, t0 + (inv.day + p.after) * DAY_MS, {
                type: p.refund ? 'refund' : 'payment', result: p.failed ? 'failed' : 'successful', amount: p.own ?? undefined,
              });
            }
          });
          const asOf = '2023-08-31';
          const rows = rowsOf(b, asOf);
          const report = run(b.data, { asOf, start: '2023-01-01' });
          for (const c of report.customers) {
            const net = rows.filter((r) => r.customer_external_id === c.external_id && r.result === 'successful')
              .reduce((sum, r) => sum + (r.type === 'payment' ? r.amount : -r.amount), 0);
            expect(net).toBe(c.net_payments);
          }
          const order = rows.map((r) => `${r.customer_external_id} ${r.at}`);
          expect(order).toEqual([...order].sort());
        },
      ),
      { numRuns: 60 },
    );
  });
});
