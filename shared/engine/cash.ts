/**
 * Cash flow (METRICS.md sections 5 and 6): successful payments and refunds in the base
 * currency, the one-time share of each payment, failed attempts, and manual
 * subscriptions that report cash flow.
 */
import { convert, mulDivRound } from '../money.ts';
import type { BillingData } from '../templates/references.ts';
import type { InvoiceRecord } from '../templates/specs/index.ts';
import type { EngineContext } from './subscriptions.ts';
import type { CashEvent } from './types.ts';

export function cashEvents(data: BillingData, ctx: EngineContext): CashEvent[] {
  const events: CashEvent[] = [];
  if (data.transactions.length > 0) {
    const totals = invoiceTotals(data, ctx);
    for (const txn of data.transactions) {
      if (txn.date > ctx.asOfEnd) continue;
      const invoice = ctx.invoices.get(txn.invoiceExternalId)!;
      const customerId = invoice.customerExternalId;
      if (txn.result === 'failed') {
        events.push({ t: txn.date, customerId, kind: 'failed', amount: 0, nonRecurring: 0 });
        continue;
      }
      const total = totals.get(invoice) ?? ZERO;
      const own = txn.amountInCents ?? total.total;
      const amount = convert(own, ctx.rates.rateAtOrFirst(invoice.currency, txn.date)!);
      const nonRecurring =
        txn.type === 'payment' && total.total !== 0 && total.oneTime !== 0
          ? mulDivRound(amount, total.oneTime, total.total)
          : 0;
      events.push({ t: txn.date, customerId, kind: txn.type, amount, nonRecurring });
    }
  }
  for (const m of data.manualSubscriptions) {
    if (!m.reportCashFlow || m.eventType === 'subscription_cancelled' || m.effectiveDate > ctx.asOfEnd) continue;
    const rate = ctx.rates.rateAtOrFirst(m.currency!, m.effectiveDate)!;
    events.push({
      t: m.effectiveDate, customerId: m.customerExternalId, kind: 'payment',
      amount: convert(m.amountInCents!, rate), nonRecurring: 0,
    });
  }
  return events;
}

interface InvoiceTotal {
  total: number;
  oneTime: number;
}

const ZERO: InvoiceTotal = { total: 0, oneTime: 0 };

/** Each invoice's total (the default transaction amount) and its one-time part. */
function invoiceTotals(data: BillingData, ctx: EngineContext): Map<InvoiceRecord, InvoiceTotal> {
  const totals = new Map<InvoiceRecord, InvoiceTotal>();
  for (const line of data.lineItems) {
    const invoice = ctx.invoices.get(line.invoiceExternalId)!;
    let t = totals.get(invoice);
    if (!t) totals.set(invoice, (t = { total: 0, oneTime: 0 }));
    t.total += line.amountInCents;
    if (line.type === 'one_time') t.oneTime += line.amountInCents;
  }
  return totals;
}

/** Successful payments minus successful refunds per customer, up to as-of. */
export function netPayments(events: readonly CashEvent[]): Map<string, number> {
  const result = new Map<string, number>();
  for (const e of events) {
    if (e.kind === 'failed') continue;
    const signed = e.kind === 'payment' ? e.amount : -e.amount;
    result.set(e.customerId, (result.get(e.customerId) ?? 0) + signed);
  }
  return result;
}
