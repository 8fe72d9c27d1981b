/**
 * Manual subscriptions (METRICS.md section 7): a start sets MRR to amount / plan months
 * from its effective date, an update replaces it, a cancellation sets 0. Never past due.
 */
import type { BillingRecords } from '../templates/references.ts';
import type { ManualSubscriptionRecord } from '../templates/specs/index.ts';
import { convert } from '../money.ts';
import { ownLineMrr } from './line-mrr.ts';
import type { EngineContext } from './subscriptions.ts';
import type { ChangePoint, SubscriptionTimeline } from './types.ts';

const ORDER = { subscription_start: 0, subscription_updated: 1, subscription_cancelled: 2 } as const;

export function manualSubscriptions(data: BillingRecords, ctx: EngineContext): SubscriptionTimeline[] {
  const bySubscription = new Map<string, ManualSubscriptionRecord[]>();
  for (const m of data.manualSubscriptions) {
    if (m.effectiveDate > ctx.asOfEnd) continue;
    let list = bySubscription.get(m.subscriptionExternalId);
    if (!list) bySubscription.set(m.subscriptionExternalId, (list = []));
    list.push(m);
  }
  const result: SubscriptionTimeline[] = [];
  for (const [id, events] of bySubscription) {
    events.sort((a, b) => a.effectiveDate - b.effectiveDate || ORDER[a.eventType] - ORDER[b.eventType] || a.row - b.row);
    const points: ChangePoint[] = [];
    let currency = ctx.settings.base_currency;
    let planId: string | null = null;
    let cancelledAt: number | null = null;
    let own = 0;
    for (const e of events) {
      const t = e.effectiveDate;
      // The previous own-currency MRR priced at the rate in force now (section 4).
      const before = own === 0 ? 0 : convert(own, ctx.rates.rateAtOrFirst(currency, t)!);
      if (e.eventType === 'subscription_cancelled') {
        points.push({ t, mrr: 0, own: 0, move: -before, quantity: 0, active: false, planId });
        own = 0;
        cancelledAt = t;
        continue;
      }
      const plan = ctx.plans.get(e.planExternalId!)!;
      currency = e.currency!;
      planId = plan.externalId;
      own = ownLineMrr({ base: e.amountInCents!, prorated: false, start: t, end: t, plan });
      const mrr = convert(own, ctx.rates.rateAt(currency, t)!);
      points.push({ t, mrr, own, move: mrr - before, quantity: e.quantity, active: true, planId });
    }
    if (points.length === 0) continue;
    const last = points[points.length - 1];
    result.push({
      id,
      customerId: events[0].customerExternalId,
      setId: null,
      currency,
      manual: true,
      points,
      startedAt: points[0].t,
      paidThrough: null,
      planId,
      status: last.active ? 'active' : 'cancelled',
      mrr: last.mrr,
      quantity: last.quantity,
      cancelledAt,
    });
  }
  return result;
}
