/**
 * Committed MRR (METRICS.md section 8): scheduled events known at as-of, effective after
 * it, continue each subscription from its MRR at as-of.
 */
import type { SubscriptionEventRecord } from '../templates/specs/index.ts';
import { formatDate } from '../time.ts';
import { bucketIndex, type Bucket } from './intervals.ts';
import { convert, type Decimal } from '../money.ts';
import { ownLineMrr } from './line-mrr.ts';
import type { EngineContext } from './subscriptions.ts';
import type { ChangePoint, CustomerState, FxImpact, Movement, MovementType, SubscriptionTimeline } from './types.ts';

const SCHEDULED = new Set([
  'subscription_start_scheduled', 'subscription_update_scheduled', 'subscription_cancellation_scheduled',
]);

/**
 * Subscriptions extended with their scheduled change points; subscriptions that exist only
 * as scheduled starts are added (with status active and no history).
 */
/** Whether any scheduled change lies after as-of (what withScheduledChanges applies). */
export function hasScheduledChanges(
  events: readonly SubscriptionEventRecord[], retracted: ReadonlySet<SubscriptionEventRecord>, asOfEnd: number,
): boolean {
  return events.some(
    (e) => SCHEDULED.has(e.eventType) && !retracted.has(e) && e.effectiveDate > asOfEnd && e.subscriptionExternalId !== null,
  );
}

export function withScheduledChanges(
  subs: SubscriptionTimeline[],
  events: readonly SubscriptionEventRecord[],
  retracted: ReadonlySet<SubscriptionEventRecord>,
  ctx: EngineContext,
): SubscriptionTimeline[] {
  const scheduled = events
    .filter(
      (e) =>
        SCHEDULED.has(e.eventType) && !retracted.has(e) && e.effectiveDate > ctx.asOfEnd &&
        e.subscriptionExternalId !== null,
    )
    // Same-instant events apply in event_order (missing last), then row order, as lines do (section 3).
    .sort((a, b) => a.effectiveDate - b.effectiveDate || (a.eventOrder ?? Infinity) - (b.eventOrder ?? Infinity) || a.row - b.row);
  if (scheduled.length === 0) return subs;
  const byId = new Map(subs.map((s) => [s.id, { ...s, points: [...s.points] }]));
  // Future prices convert at the latest rate known at as-of.
  const rateOf = (currency: string): Decimal => ctx.rates.rateAtOrFirst(currency, ctx.asOfEnd) ?? { num: 1, den: 1 };
  /** A subscription's state before its next scheduled change, priced at that rate (section 4). */
  const pricedNow = (sub: SubscriptionTimeline): number => {
    const last = sub.points.at(-1);
    if (!last) return 0;
    return sub.currency === ctx.rates.base ? last.mrr : convert(last.own, rateOf(sub.currency));
  };
  for (const e of scheduled) {
    const id = e.subscriptionExternalId!;
    let sub = byId.get(id);
    if (!sub) {
      if (e.eventType !== 'subscription_start_scheduled') continue;
      sub = {
        id, customerId: e.customerExternalId, setId: null, currency: e.currency!, manual: false, points: [],
        startedAt: e.effectiveDate, paidThrough: null, planId: e.planExternalId, status: 'active', mrr: 0,
        quantity: 0, cancelledAt: null,
      };
      byId.set(id, sub);
    }
    const t = e.effectiveDate;
    const before = pricedNow(sub);
    let point: ChangePoint;
    if (e.eventType === 'subscription_cancellation_scheduled') {
      point = { t, mrr: 0, own: 0, move: -before, quantity: 0, active: false, planId: sub.points.at(-1)?.planId ?? sub.planId };
    } else {
      const plan = ctx.plans.get(e.planExternalId!)!;
      const own = ownLineMrr({ base: e.amountInCents!, prorated: false, start: t, end: t, plan });
      const mrr = convert(own, rateOf(e.currency!));
      point = { t, mrr, own, move: mrr - before, quantity: e.quantity, active: true, planId: plan.externalId };
    }
    sub.points.push(point);
  }
  return [...byId.values()];
}

export interface ForecastEntry {
  date: string;
  cmrr: number;
  committed_new_biz: number;
  committed_expansion: number;
  committed_contraction: number;
  committed_churn: number;
  committed_reactivation: number;
  /** Foreign scheduled prices re-priced at the latest rate: cmrr = previous + committed_* + this. */
  committed_fx_impact: number;
}

/** Forecast entries for the buckets after as-of, from each customer's states after as-of. */
export function buildForecast(
  buckets: readonly Bucket[],
  mrrAtAsOf: number,
  states: Iterable<readonly CustomerState[]>,
  asOfEnd: number,
  committed: readonly Movement[],
  committedFx: readonly FxImpact[],
): ForecastEntry[] {
  const n = buckets.length;
  const deltas = new Float64Array(n);
  for (const list of states) {
    let prev = 0;
    for (const s of list) {
      if (s.t > asOfEnd) {
        const i = bucketIndex(buckets, s.t);
        if (i >= 0 && i < n) deltas[i] += s.mrr - prev;
      }
      prev = s.mrr;
    }
  }
  const sums = new Map<MovementType, Float64Array>();
  for (const m of committed) {
    const i = bucketIndex(buckets, m.t);
    if (i < 0 || i >= n) continue;
    if (!sums.has(m.type)) sums.set(m.type, new Float64Array(n));
    sums.get(m.type)![i] += m.amount;
  }
  const fx = new Float64Array(n);
  for (const f of committedFx) {
    const i = bucketIndex(buckets, f.t);
    if (i >= 0 && i < n) fx[i] += f.amount;
  }
  const at = (type: MovementType, i: number) => sums.get(type)?.[i] ?? 0;
  let cmrr = mrrAtAsOf;
  return buckets.map((b, i) => {
    cmrr += deltas[i];
    return {
      date: formatDate(b.date),
      cmrr,
      committed_new_biz: at('new_biz', i),
      committed_expansion: at('expansion', i),
      committed_contraction: at('contraction', i),
      committed_churn: at('churn', i),
      committed_reactivation: at('reactivation', i),
      committed_fx_impact: fx[i],
    };
  });
}
