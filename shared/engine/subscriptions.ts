/**
 * Gathers each subscription's lines and cancellations from validated billing data, prices
 * every line (section 2) and walks its timeline (section 3).
 */
import { roundRatio } from '../money.ts';
import type { BillingRecords } from '../templates/references.ts';
import type { BillingLinks } from '../templates/links.ts';
import { forEachRecord, recordAt } from '../templates/records.ts';
import type { Settings } from '../templates/settings.ts';
import type { InvoiceRecord, LineItemRecord, PlanRecord } from '../templates/specs/index.ts';
import { ownLineMrr } from './line-mrr.ts';
import type { RateTable } from './rates.ts';
import { walkTimeline, type PricedLine } from './timeline.ts';
import type { SubscriptionTimeline } from './types.ts';

interface Gathered {
  customerId: string;
  setId: string | null;
  currency: string;
  lines: PricedLine[];
  cancellations: number[];
}

export interface EngineContext {
  settings: Settings;
  rates: RateTable;
  asOfEnd: number;
  plans: Map<string, PlanRecord>;
  links: BillingLinks;
}

/** amount - tax (- fees in the invoice currency when fees are deducted). */
export function lineBase(line: LineItemRecord, invoice: InvoiceRecord, ctx: EngineContext): number {
  let base = line.amountInCents - (line.taxAmountInCents ?? 0);
  if (ctx.settings.transaction_fees === 'deduct' && line.transactionFeesInCents) {
    base -= feesInInvoiceCurrency(line, invoice, ctx);
  }
  return base;
}

function feesInInvoiceCurrency(line: LineItemRecord, invoice: InvoiceRecord, ctx: EngineContext): number {
  const fees = line.transactionFeesInCents!;
  const feeCurrency = line.transactionFeesCurrency ?? invoice.currency;
  if (feeCurrency === invoice.currency) return fees;
  const at = line.servicePeriodStart ?? invoice.date;
  // Validation left out lines whose fee has no rate to convert it (references.ts).
  const from = ctx.rates.rateAt(feeCurrency, at)!;
  const to = ctx.rates.rateAt(invoice.currency, at)!;
  return roundRatio([fees, from.num, to.den], [from.den, to.num]);
}

/** Cancellation instants per subscription: cancellations.csv plus subscription_cancelled events. */
export function cancellationsBySubscription(data: BillingRecords, retracted: ReadonlySet<unknown>, asOfEnd: number) {
  const result = new Map<string, number[]>();
  const add = (id: string, t: number) => {
    if (t > asOfEnd) return;
    let list = result.get(id);
    if (!list) result.set(id, (list = []));
    list.push(t);
  };
  for (const c of data.cancellations) add(c.subscriptionExternalId, c.cancelledAt);
  for (const e of data.subscriptionEvents) {
    // Its effective date places it, whenever it was recorded (METRICS.md section 6).
    if (e.eventType === 'subscription_cancelled' && e.subscriptionExternalId !== null && !retracted.has(e)) {
      add(e.subscriptionExternalId, e.effectiveDate);
    }
  }
  return result;
}

/** Each subscription's lines up to as-of: first[n]..first[n + 1] are subscription n's positions in `order`. */
export interface SubscriptionLines {
  first: Int32Array;
  order: Int32Array;
}

/**
 * Lines grouped by subscription (a counting sort of their positions, input order kept within
 * each), so that lines are priced and walked one subscription at a time: only one
 * subscription's priced lines exist at once, not every line's (issue 13: 6.6M lines at tier L).
 */
export function subscriptionLines(data: BillingRecords, ctx: EngineContext): SubscriptionLines {
  const { lineSubscription, subscriptionIds } = ctx.links;
  const lines = data.lineItems;
  const count = subscriptionIds.length;
  const first = new Int32Array(count + 1);
  const started = new Uint8Array(lines.length);
  forEachRecord(lines, (line, seq) => {
    const number = lineSubscription[seq];
    if (number >= 0 && line.servicePeriodStart! <= ctx.asOfEnd) {
      started[seq] = 1;
      first[number + 1]++;
    }
  });
  for (let n = 0; n < count; n++) first[n + 1] += first[n];
  const order = new Int32Array(first[count]);
  const next = first.slice(0, count);
  for (let seq = 0; seq < lines.length; seq++) {
    if (started[seq] === 1) order[next[lineSubscription[seq]]++] = seq;
  }
  return { first, order };
}

/** The customer of subscription `number` (its first line's invoice's), or null when it has no line up to as-of. */
export function subscriptionCustomer(data: BillingRecords, ctx: EngineContext, grouped: SubscriptionLines, number: number): string | null {
  const { first, order } = grouped;
  if (first[number] === first[number + 1]) return null;
  return recordAt(data.invoices, ctx.links.lineInvoice[order[first[number]]]).customerExternalId;
}

/** Each invoiced subscription's timeline, in subscription number order. */
export function invoicedSubscriptions(
  data: BillingRecords,
  cancellations: Map<string, number[]>,
  ctx: EngineContext,
): SubscriptionTimeline[] {
  const grouped = subscriptionLines(data, ctx);
  const result: SubscriptionTimeline[] = [];
  for (let number = 0; number < ctx.links.subscriptionIds.length; number++) {
    const timeline = invoicedSubscription(data, cancellations, ctx, grouped, number);
    if (timeline !== null) result.push(timeline);
  }
  return result;
}

/** Subscription `number`'s lines priced (section 2) and walked (section 3); null when nothing has started by as-of. */
export function invoicedSubscription(
  data: BillingRecords,
  cancellations: Map<string, number[]>,
  ctx: EngineContext,
  grouped: SubscriptionLines,
  number: number,
): SubscriptionTimeline | null {
  const { lineInvoice, subscriptionIds } = ctx.links;
  const { first, order } = grouped;
  const lines = data.lineItems;
  if (first[number] === first[number + 1]) return null;
  const firstInvoice = recordAt(data.invoices, lineInvoice[order[first[number]]]);
  const sub: Gathered = {
    customerId: firstInvoice.customerExternalId, setId: null, currency: firstInvoice.currency,
    lines: [], cancellations: [],
  };
  for (let k = first[number]; k < first[number + 1]; k++) {
    const seq = order[k];
    const line = recordAt(lines, seq);
    const invoice = recordAt(data.invoices, lineInvoice[seq]);
    const plan = ctx.plans.get(line.planExternalId!)!;
    const start = line.servicePeriodStart!;
    if (line.subscriptionSetExternalId !== null && (sub.setId === null || line.subscriptionSetExternalId < sub.setId)) {
      sub.setId = line.subscriptionSetExternalId;
    }
    const priced = {
      base: lineBase(line, invoice, ctx),
      prorated: line.prorated,
      start,
      end: line.servicePeriodEnd!,
      plan,
    };
    const own = ownLineMrr(priced);
    sub.lines.push({
      start,
      end: priced.end,
      prorated: line.prorated,
      prorationType: line.prorationType,
      quantity: line.quantity,
      own,
      planId: plan.externalId,
      amount: line.amountInCents,
      eventOrder: line.eventOrder,
      seq,
    });
  }
  const id = subscriptionIds[number];
  const foreignRate = sub.currency === ctx.rates.base ? null : ctx.rates.rateFunction(sub.currency);
  const walked = walkTimeline(sub.lines, cancellations.get(id) ?? [], ctx.settings, ctx.asOfEnd, foreignRate);
  if (walked.startedAt === null) return null; // nothing has started by as-of
  const last = walked.points[walked.points.length - 1];
  const status = !walked.active ? 'cancelled' : walked.paidThrough! <= ctx.asOfEnd ? 'past_due' : 'active';
  return {
    id,
    customerId: sub.customerId,
    setId: sub.setId,
    currency: sub.currency,
    manual: false,
    points: walked.points,
    startedAt: walked.startedAt,
    paidThrough: walked.paidThrough,
    planId: walked.planId,
    status,
    mrr: last.mrr,
    quantity: last.quantity,
    cancelledAt: status === 'cancelled' ? walked.lastChurn : null,
  };
}
