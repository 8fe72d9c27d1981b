/**
 * A customer's transactions as the profile lists them (the seed's "successful, failed …
 * payments and refunds"): each transaction of an active invoice up to as-of, with the amount
 * cash flow counts for it (METRICS.md section 6: its own amount or the invoice total, in the
 * base currency at the rate of its day). A failed attempt shows the amount it tried to take,
 * though cash flow counts none of it.
 */
import { convert } from '../money.ts';
import type { TransactionResult, TransactionType } from '../templates/specs/transactions.ts';
import { forEachRecord, recordAt } from '../templates/records.ts';
import type { BillingRecords } from '../templates/references.ts';
import { formatDate, formatInstant } from '../time.ts';
import { invoiceTotals } from './cash.ts';
import type { EngineContext } from './subscriptions.ts';

export interface TransactionRow {
  customer_external_id: string;
  invoice_external_id: string;
  external_id: string | null;
  date: string;
  at: string;
  type: TransactionType;
  result: TransactionResult;
  amount: number;
}

/** Every transaction up to as-of, by (customer external ID, instant, invoice external ID, input order). */
export function transactionRows(data: BillingRecords, ctx: EngineContext): TransactionRow[] {
  if (data.transactions.length === 0) return [];
  const { total } = invoiceTotals(data, ctx);
  const { transactionInvoice } = ctx.links;
  const rows: { row: TransactionRow; t: number; i: number }[] = [];
  forEachRecord(data.transactions, (txn, i) => {
    if (txn.date > ctx.asOfEnd) return;
    const index = transactionInvoice[i];
    const invoice = recordAt(data.invoices, index);
    // Validation keeps successful ones to days with a rate; a failed one may fall before the first.
    const rate = ctx.rates.rateAt(invoice.currency, txn.date) ?? ctx.rates.rateAtOrFirst(invoice.currency, txn.date)!;
    rows.push({
      t: txn.date,
      i,
      row: {
        customer_external_id: invoice.customerExternalId,
        invoice_external_id: invoice.externalId,
        external_id: txn.externalId,
        date: formatDate(txn.date),
        at: formatInstant(txn.date),
        type: txn.type,
        result: txn.result,
        amount: convert(txn.amountInCents ?? total[index], rate),
      },
    });
  });
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  rows.sort((a, b) => byText(a.row.customer_external_id, b.row.customer_external_id) || a.t - b.t
    || byText(a.row.invoice_external_id, b.row.invoice_external_id) || a.i - b.i);
  return rows.map((r) => r.row);
}
