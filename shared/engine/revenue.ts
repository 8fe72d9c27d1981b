/**
 * Revenue recognition schedule (METRICS.md section 10): each subscription line's
 * amount - tax spread over its service period by the seconds falling in each calendar
 * month; one-time lines recognised on the invoice date. Cents are allocated, never lost.
 */
import { allocate, convert } from '../money.ts';
import type { BillingData } from '../templates/references.ts';
import { ymd } from '../time.ts';
import type { EngineContext } from './subscriptions.ts';

export interface RevenueEntry {
  customer_external_id: string;
  month: string;
  amount: number;
}

function monthKey(t: number): string {
  const { year, month } = ymd(t);
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** Calendar-month slices of [start, end): month keys with the milliseconds in each. */
function monthSlices(start: number, end: number): { month: string; ms: number }[] {
  const slices: { month: string; ms: number }[] = [];
  let from = start;
  while (from < end) {
    const { year, month } = ymd(from);
    const next = Math.min(Date.UTC(year, month, 1), end);
    slices.push({ month: monthKey(from), ms: next - from });
    from = next;
  }
  return slices;
}

export function revenueSchedule(data: BillingData, ctx: EngineContext): RevenueEntry[] {
  const totals = new Map<string, RevenueEntry>();
  const add = (customer: string, month: string, amount: number) => {
    const key = `${customer}\u0000${month}`;
    const entry = totals.get(key);
    if (entry) entry.amount += amount;
    else totals.set(key, { customer_external_id: customer, month, amount });
  };
  data.lineItems.forEach((line, index) => {
    const invoice = data.invoices[ctx.links.lineInvoice[index]];
    if (invoice.date > ctx.asOfEnd) return;
    const own = line.amountInCents - (line.taxAmountInCents ?? 0);
    if (line.type === 'one_time') {
      add(invoice.customerExternalId, monthKey(invoice.date), convert(own, ctx.rates.rateAtOrFirst(invoice.currency, invoice.date)!));
      return;
    }
    const amount = convert(own, ctx.rates.rateAt(invoice.currency, line.servicePeriodStart!)!);
    const slices = monthSlices(line.servicePeriodStart!, line.servicePeriodEnd!);
    const parts = allocate(amount, slices.map((s) => s.ms));
    slices.forEach((s, i) => add(invoice.customerExternalId, s.month, parts[i]));
  });
  return [...totals.values()].sort(
    (a, b) => a.customer_external_id.localeCompare(b.customer_external_id) || a.month.localeCompare(b.month),
  );
}
