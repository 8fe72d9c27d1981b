/**
 * Connected subscriptions (POST /v1/customers/{cus}/connect_subscriptions): subscriptions a
 * customer's billing moved between (a new subscription for the same service, or the customer
 * moved to another billing system and its customers merged) walked as one subscription, so
 * the switch is neither churn nor new business or reactivation.
 *
 * Decision (issue 12, after ChartMogul's connect subscriptions and its recorded answers):
 * - A group is every subscription of one customer linked to another by connections, in either
 *   direction (the order comes from the data, not from the links). Its members are ordered by
 *   start, then external ID. A member is in force from its start until the next later start of
 *   a member; members starting at the same instant are in force together (their MRR adds up).
 * - At a later member's start the members in force hand over: their state is replaced by the
 *   starting members' (an ordinary change point: expansion, contraction or nothing, priced as
 *   section 4 prices one). Their churn (cancellation, auto-churn, missing renewal) at or before
 *   it is the hand-over, not a churn: their MRR is kept until the later member starts, through
 *   any gap. What they record at or after it (a renewal, a cancellation) is superseded:
 *   ChartMogul's connected answer shows an annual predecessor's remaining months nowhere.
 * - The group shows as its latest member: its external ID, set, currency and plan, in
 *   subscriptions, movements and activities (ChartMogul's recorded connect answer lists the
 *   latest subscription's UUID and external ID, started at the first one's start). That is the
 *   subscription its billing system goes on invoicing, cancelling and scheduling. The group
 *   starts at its first member's start and is paid through, past due or cancelled as the
 *   members of its latest start are.
 * - Only invoiced subscriptions connect (manual ones never do). A link to a subscription that
 *   has not started by as-of changes nothing yet: until then the earlier one's churn is a churn.
 */
import { convert } from '../money.ts';
import type { RateTable } from './rates.ts';
import type { ChangePoint, SubscriptionStatus, SubscriptionTimeline } from './types.ts';

/** One link: `subscription` continues `continues` (external IDs within one data source). */
export interface SubscriptionConnection {
  subscription: string;
  continues: string;
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The subscriptions with every connected group replaced by its one joined timeline. */
export function connectTimelines(
  subs: SubscriptionTimeline[],
  connections: readonly SubscriptionConnection[] | undefined,
  rates: RateTable,
): SubscriptionTimeline[] {
  if (!connections || connections.length === 0) return subs;
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let r = id;
    while (parent.get(r) !== r) {
      const up = parent.get(r)!;
      parent.set(r, parent.get(up)!);
      r = up;
    }
    return r;
  };
  for (const c of connections) {
    for (const id of [c.subscription, c.continues]) if (!parent.has(id)) parent.set(id, id);
    const a = find(c.subscription);
    const b = find(c.continues);
    if (a !== b) parent.set(a, b);
  }
  const groups = new Map<string, SubscriptionTimeline[]>();
  const result: SubscriptionTimeline[] = [];
  for (const s of subs) {
    if (s.manual || !parent.has(s.id)) {
      result.push(s);
      continue;
    }
    // A link never joins two customers' subscriptions (the API refuses it; data may change since).
    const key = `${find(s.id)}\u0000${s.customerId}`;
    const group = groups.get(key);
    if (group) group.push(s);
    else groups.set(key, [s]);
  }
  for (const members of groups.values()) result.push(members.length === 1 ? members[0] : joinTimelines(members, rates));
  return result;
}

interface MemberState {
  mrr: number;
  own: number;
  quantity: number;
  active: boolean;
  planId: string | null;
  inForce: boolean;
}

/** A hand-over (point null: the member's state ends) or one of a member's change points. */
interface Step {
  t: number;
  member: number;
  point: ChangePoint | null;
}

/** One customer's connected subscriptions as one timeline (the rules in this file's header). */
export function joinTimelines(members: readonly SubscriptionTimeline[], rates: RateTable): SubscriptionTimeline {
  const sorted = [...members].sort((a, b) => a.startedAt - b.startedAt || byString(a.id, b.id));
  const starts = [...new Set(sorted.map((s) => s.startedAt))];
  const steps: Step[] = [];
  sorted.forEach((m, member) => {
    const end = starts[starts.indexOf(m.startedAt) + 1] ?? Infinity;
    const kept = m.points.filter((p) => p.t < end);
    if (end === Infinity) {
      for (const point of kept) steps.push({ t: point.t, member, point });
      return;
    }
    // A churn the member ends on is the hand-over: its MRR stays until the next member starts.
    while (kept.length > 0 && !kept[kept.length - 1].active) kept.pop();
    for (const point of kept) steps.push({ t: point.t, member, point });
    steps.push({ t: end, member, point: null });
  });
  // Stable: a member's points at one instant keep their order; hand-overs come first.
  steps.sort((a, b) => a.t - b.t || (a.point === null ? 0 : 1) - (b.point === null ? 0 : 1) || a.member - b.member);

  const state: MemberState[] = sorted.map(() => ({ mrr: 0, own: 0, quantity: 0, active: false, planId: null, inForce: false }));
  /** The member's state priced at the rate in force at t (section 4), in the base currency. */
  const priced = (member: number, t: number): number => {
    const { currency } = sorted[member];
    const s = state[member];
    return currency === rates.base ? s.mrr : convert(s.own, rates.rateFunction(currency)(t));
  };
  const points: ChangePoint[] = [];
  let i = 0;
  while (i < steps.length) {
    const t = steps[i].t;
    let move = 0;
    for (; i < steps.length && steps[i].t === t; i++) {
      const { member, point } = steps[i];
      if (point === null) {
        move -= priced(member, t);
        state[member] = { mrr: 0, own: 0, quantity: 0, active: false, planId: null, inForce: false };
      } else {
        move += point.move;
        state[member] = { mrr: point.mrr, own: point.own, quantity: point.quantity, active: point.active, planId: point.planId, inForce: true };
      }
    }
    let mrr = 0;
    let own = 0;
    let quantity = 0;
    let active = false;
    let planId: string | null = null;
    for (const s of state) {
      if (!s.inForce) continue;
      mrr += s.mrr;
      own += s.own;
      quantity += s.quantity;
      active ||= s.active;
      // The plan in force is the latest member's (members are in start order).
      planId = s.planId;
    }
    points.push({ t, mrr, own, move, quantity, active, planId });
  }

  const latest = sorted[sorted.length - 1];
  const last = sorted.filter((s) => s.startedAt === latest.startedAt);
  const status: SubscriptionStatus = last.some((s) => s.status === 'active')
    ? 'active'
    : last.some((s) => s.status === 'past_due') ? 'past_due' : 'cancelled';
  const latestOf = (values: (number | null)[]): number | null =>
    values.reduce<number | null>((max, v) => (v !== null && (max === null || v > max) ? v : max), null);
  const end = points[points.length - 1];
  return {
    id: latest.id,
    customerId: latest.customerId,
    setId: latest.setId,
    currency: latest.currency,
    manual: false,
    points,
    startedAt: sorted[0].startedAt,
    paidThrough: latestOf(last.map((s) => s.paidThrough)),
    planId: latest.planId,
    status,
    mrr: end.mrr,
    quantity: end.quantity,
    cancelledAt: status === 'cancelled' ? latestOf(last.map((s) => s.cancelledAt)) : null,
  };
}
