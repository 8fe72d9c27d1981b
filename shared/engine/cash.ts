/**
 * Cash flow (METRICS.md sections 5 and 6): successful payments and refunds in the base
 * currency, the one-time share of each payment, failed attempts, and manual
 * subscriptions that report cash flow.
 */
import { convert, mulDivRound } from '../money.ts';
import { forEachRecord, recordAt } from '../templates/records.ts';
import type { BillingRecords } from '../templates/references.ts';
import type { EngineContext } from './subscriptions.ts';
import type { CashEvent } from './types.ts';

export function cashEvents(data: BillingRecords, ctx: EngineContext): CashEvent[] {
  const events: CashEvent[] = [];
  forEachCashEvent(data, ctx, (e) => events.push(e));
  return events;
}

/** cashEvents one at a time, in the same order, none kept (issue 13: 5.8M transactions at tier L). */
export function forEachCashEvent(data: BillingRecords, ctx: EngineContext, each: (event: CashEvent) => void): void {
  const events = { push: each };
  if (data.transactions.length > 0) {
    const { total, oneTime } = invoiceTotals(data, ctx);
    const { transactionInvoice } = ctx.links;
    forEachRecord(data.transactions, (txn, i) => {
      if (txn.date > ctx.asOfEnd) return;
      const index = transactionInvoice[i];
      const invoice = recordAt(data.invoices, index);
      const customerId = invoice.customerExternalId;
      if (txn.result === 'failed') {
        events.push({ t: txn.date, customerId, kind: 'failed', amount: 0, nonRecurring: 0 });
        return;
      }
      const own = txn.amountInCents ?? total[index];
      // Validation left out payments on a day without a rate (references.ts).
      const amount = convert(own, ctx.rates.rateAt(invoice.currency, txn.date)!);
      const nonRecurring =
        txn.type === 'payment' && total[index] !== 0 && oneTime[index] !== 0
          ? mulDivRound(amount, oneTime[index], total[index])
          : 0;
      events.push({ t: txn.date, customerId, kind: txn.type, amount, nonRecurring });
    });
  }
  for (const m of data.manualSubscriptions) {
    if (!m.reportCashFlow || m.eventType === 'subscription_cancelled' || m.effectiveDate > ctx.asOfEnd) continue;
    const rate = ctx.rates.rateAtOrFirst(m.currency!, m.effectiveDate)!;
    events.push({
      t: m.effectiveDate, customerId: m.customerExternalId, kind: 'payment',
      amount: convert(m.amountInCents!, rate), nonRecurring: 0,
    });
  }
}

/** Each invoice's total (the default transaction amount) and its one-time part, by invoice index. */
export function invoiceTotals(data: BillingRecords, ctx: EngineContext): { total: Float64Array; oneTime: Float64Array } {
  const total = new Float64Array(data.invoices.length);
  const oneTime = new Float64Array(data.invoices.length);
  const { lineInvoice } = ctx.links;
  forEachRecord(data.lineItems, (line, i) => {
    total[lineInvoice[i]] += line.amountInCents;
    if (line.type === 'one_time') oneTime[lineInvoice[i]] += line.amountInCents;
  });
  return { total, oneTime };
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
