/**
 * A report narrowed to a segment (METRICS.md section 11), applied to the engine's Analysis so
 * that series, cohorts and the report's rows are built from it unchanged.
 *
 * Customer conditions keep or drop whole customers: the result equals the analysis of the
 * input with only those customers' rows. Plan conditions keep each subscription while its plan
 * in force matches: movements are classified on the whole customer, and a subscription crossing
 * the segment's boundary with MRR on both sides moves as segment_entry or segment_exit. Cash
 * stays the kept customers' (not narrowed by plan), as do a customer's status and
 * subscriber_since; its MRR, subscriptions and quantity are the segment's.
 */
import { customerMatches, planMatches, type CustomerFacts, type PlanFacts } from '../segments/match.ts';
import type { Segment } from '../segments/segment.ts';
import type { BillingRecords } from '../templates/references.ts';
import type { CustomerRecord } from '../templates/specs/index.ts';
import { openSubscriptions, type CustomerFigures } from './customers.ts';
import { customerMovements, type InSegment } from './movements.ts';
import type { Analysis, CustomerAnalysis } from './report.ts';
import type { CustomerState, FxImpact, Movement, SubscriptionTimeline } from './types.ts';

/** What a segment's conditions are decided on. */
export interface SegmentFacts {
  /** A customer's facts; needed when the segment has customer conditions. */
  customer?: (c: CustomerAnalysis) => CustomerFacts;
  /** Plans by external ID; needed when it has plan conditions. */
  plans?: ReadonlyMap<string, PlanFacts>;
}

/** The analysis narrowed to the segment: same shape, so everything built from it is the segment's. */
export function segmentAnalysis(analysis: Analysis, segment: Segment, facts: SegmentFacts): Analysis {
  const kept = segment.customer.length === 0 ? analysis : keepCustomers(analysis, segment, facts);
  return segment.plan.length === 0 ? kept : narrowToPlans(kept, planPredicate(segment, facts.plans ?? new Map()));
}

/** Whether a plan in force keeps a subscription in the segment, remembered per plan. */
export function planPredicate(segment: Segment, plans: ReadonlyMap<string, PlanFacts>): InSegment {
  const known = new Map<string | null, boolean>();
  return (planId) => {
    let inside = known.get(planId);
    if (inside === undefined) {
      const plan = planId === null ? null : plans.get(planId) ?? { externalId: planId, intervalUnit: '', intervalCount: 0 };
      known.set(planId, (inside = planMatches(segment, plan)));
    }
    return inside;
  };
}

function keepCustomers(analysis: Analysis, segment: Segment, facts: SegmentFacts): Analysis {
  if (!facts.customer) throw new Error('segmentAnalysis: customer conditions need the customers\u2019 facts');
  const factsOf = facts.customer;
  const keep = analysis.customers.map((c) => customerMatches(segment, factsOf(c)));
  const ids = new Set(analysis.customers.filter((_, i) => keep[i]).map((c) => c.customerId));
  const mine = <T extends { customerId: string }>(list: readonly T[]) => list.filter((x) => ids.has(x.customerId));
  const customers = analysis.customers.filter((_, i) => keep[i]);
  const forecast = analysis.forecast;
  return {
    ...analysis,
    customers,
    movements: mine(analysis.movements),
    fx: mine(analysis.fx),
    cash: mine(analysis.cash),
    forecast: forecastOf(
      customers, analysis.asOfEnd,
      // One list of states per customer, in the customers' order.
      forecast?.states.filter((_, i) => keep[i]) ?? [], mine(forecast?.movements ?? []), mine(forecast?.fx ?? []),
    ),
  };
}

/** The forecast of the given customers: none when none of them has a change scheduled after as-of. */
function forecastOf(
  customers: readonly CustomerAnalysis[], asOfEnd: number, states: CustomerState[][], movements: Movement[], fx: FxImpact[],
): Analysis['forecast'] {
  let lastInstant = -Infinity;
  for (const c of customers) {
    for (const s of c.scheduled ?? []) {
      const last = s.points[s.points.length - 1];
      if (last && last.t > lastInstant) lastInstant = last.t;
    }
  }
  return lastInstant > asOfEnd ? { lastInstant, states, movements, fx } : null;
}

function narrowToPlans(analysis: Analysis, inSegment: InSegment): Analysis {
  const { asOfEnd, settings } = analysis;
  const customers: CustomerAnalysis[] = [];
  const movements: Movement[] = [];
  const fx: FxImpact[] = [];
  const forecastStates: CustomerState[][] = [];
  const reached: CustomerAnalysis[] = [];
  const committed: Movement[] = [];
  const committedFx: FxImpact[] = [];
  const committedOf = byCustomer(analysis.forecast?.movements ?? []);
  const committedFxOf = byCustomer(analysis.forecast?.fx ?? []);
  analysis.customers.forEach((c, index) => {
    const timelines = c.scheduled ?? c.subscriptions;
    const reach = segmentReach(timelines, inSegment);
    if (reach === 'none') return;
    reached.push(c);
    let narrowed: CustomerAnalysis;
    let allStates: CustomerState[] | undefined = analysis.forecast?.states[index];
    if (reach === 'all') {
      // Every subscription is in the segment at every point: the customer's own figures.
      narrowed = c;
      committed.push(...(committedOf.get(c.customerId) ?? []));
      committedFx.push(...(committedFxOf.get(c.customerId) ?? []));
    } else {
      const result = customerMovements(c.customerId, timelines, settings.sac_window_minutes, inSegment);
      allStates = result.states;
      for (const m of result.movements) if (m.t > asOfEnd) committed.push(m);
      for (const f of result.fx) if (f.t > asOfEnd) committedFx.push(f);
      const scheduled = c.scheduled !== undefined;
      narrowed = {
        ...c,
        figures: segmentFigures(c.figures, c.subscriptions, inSegment),
        movements: scheduled ? result.movements.filter((m) => m.t <= asOfEnd) : result.movements,
        states: scheduled ? result.states.filter((s) => s.t <= asOfEnd) : result.states,
        fx: scheduled ? result.fx.filter((f) => f.t <= asOfEnd) : result.fx,
        subscriptions: segmentSubscriptions(c.subscriptions, inSegment),
      };
    }
    if (allStates) forecastStates.push(allStates);
    // A customer whose subscriptions enter the segment only after as-of is in no list up to it.
    if (narrowed.subscriptions.length === 0) return;
    customers.push(narrowed);
    movements.push(...narrowed.movements);
    fx.push(...narrowed.fx);
  });
  // Customers in ID order, each one's movements in (instant, subscription) order: a stable
  // sort on the instant gives (instant, customer, subscription), as analyse orders them.
  movements.sort((a, b) => a.t - b.t);
  return {
    ...analysis,
    customers,
    movements,
    fx,
    forecast: analysis.forecast && forecastOf(reached, asOfEnd, forecastStates, committed, committedFx),
  };
}

function byCustomer<T extends { customerId: string }>(list: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const x of list) {
    let mine = map.get(x.customerId);
    if (!mine) map.set(x.customerId, (mine = []));
    mine.push(x);
  }
  return map;
}

/** Whether a customer's subscriptions are in the segment at every change point, at some, or at none. */
function segmentReach(subs: readonly SubscriptionTimeline[], inSegment: InSegment): 'all' | 'some' | 'none' {
  let any = false;
  let all = true;
  for (const sub of subs) {
    for (const p of sub.points) {
      if (inSegment(p.planId)) any = true;
      else all = false;
      if (any && !all) return 'some';
    }
  }
  return !any ? 'none' : all ? 'all' : 'some';
}

/** The subscriptions ever in the segment up to as-of; one whose plan in force is outside it now has no MRR or quantity in it. */
function segmentSubscriptions(subs: readonly SubscriptionTimeline[], inSegment: InSegment): SubscriptionTimeline[] {
  const out: SubscriptionTimeline[] = [];
  for (const sub of subs) {
    if (!sub.points.some((p) => inSegment(p.planId))) continue;
    out.push(inSegment(sub.points[sub.points.length - 1].planId) ? sub : { ...sub, mrr: 0, quantity: 0 });
  }
  return out;
}

/** MRR, subscriptions and quantity within the segment; status and subscriber_since the whole customer's. */
function segmentFigures(whole: CustomerFigures, subs: readonly SubscriptionTimeline[], inSegment: InSegment): CustomerFigures {
  const open = openSubscriptions(subs, (sub) => inSegment(sub.points[sub.points.length - 1].planId));
  return { status: whole.status, subscriberSince: whole.subscriberSince, mrr: open.mrr, subscriptions: open.subscriptions, quantity: open.quantity };
}

/**
 * The facts of validated billing data: customers' location, tags and attributes, the data
 * source (a CSV folder's name), the currencies their subscriptions are billed in, and the plans.
 */
export function billingSegmentFacts(data: BillingRecords, dataSource: { name?: string | null; id?: string | null } | null): Required<SegmentFacts> {
  const records = new Map(data.customers.map((c) => [c.externalId, c]));
  return {
    customer: (c) => customerFactsOf(records.get(c.customerId), c.subscriptions, dataSource),
    plans: new Map(data.plans.map((p) => [p.externalId, {
      externalId: p.externalId, name: p.name, intervalUnit: p.intervalUnit, intervalCount: p.intervalCount,
    }])),
  };
}

export function customerFactsOf(
  record: CustomerRecord | undefined,
  subs: readonly SubscriptionTimeline[],
  dataSource: { name?: string | null; id?: string | null } | null,
): CustomerFacts {
  return {
    country: record?.country ?? null,
    state: record?.state ?? null,
    city: record?.city ?? null,
    tags: record?.tags ?? [],
    attributes: record?.attributes ?? {},
    dataSource,
    currencies: [...new Set(subs.map((s) => s.currency))],
  };
}

/**
 * The report's inputs on a segment: the analysis narrowed, and the customer records its customer
 * conditions keep (leads and trials are theirs, never narrowed by plan).
 */
export function segmentReportInputs(
  data: BillingRecords,
  analysis: Analysis,
  segment: Segment,
  dataSource: string | null,
): { analysis: Analysis; customers: CustomerRecord[] } {
  const facts = billingSegmentFacts(data, dataSource === null ? null : { name: dataSource });
  const narrowed = segmentAnalysis(analysis, segment, facts);
  if (segment.customer.length === 0) return { analysis: narrowed, customers: data.customers };
  const byId = new Map(analysis.customers.map((c) => [c.customerId, c]));
  const customers = data.customers.filter((r) => {
    const c = byId.get(r.externalId);
    return c !== undefined && customerMatches(segment, facts.customer(c));
  });
  return { analysis: narrowed, customers };
}
