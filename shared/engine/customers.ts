/** Customer statuses and figures at as-of (METRICS.md section 5). */
import type { CustomerState, Movement, SubscriptionTimeline } from './types.ts';

export type CustomerStatus = 'Lead' | 'Active' | 'Past due' | 'Cancelled';

/**
 * The status rule of section 5, stated once: a customer whose MRR was never positive is a Lead;
 * otherwise Past due when a subscription it still has is past its paid-through date, Active
 * when it still has one, else Cancelled. The report (as of one day) and customerAt (at an
 * earlier day, from the report's rows) both answer through it.
 */
export function customerStatus(everPositive: boolean, anyPastDue: boolean, anyActive: boolean): CustomerStatus {
  return !everPositive ? 'Lead' : anyPastDue ? 'Past due' : anyActive ? 'Active' : 'Cancelled';
}

export interface CustomerFigures {
  status: CustomerStatus;
  mrr: number;
  subscriberSince: number | null;
  subscriptions: number;
  quantity: number;
}

export function customerFigures(
  subs: readonly SubscriptionTimeline[],
  states: readonly CustomerState[],
  movements: readonly Movement[],
): CustomerFigures {
  const everPositive = states.some((s) => s.mrr > 0);
  const open = openSubscriptions(subs);
  const status = customerStatus(everPositive, open.pastDue, open.active);
  const firstNewBiz = movements.find((m) => m.type === 'new_biz');
  return { status, mrr: open.mrr, subscriberSince: firstNewBiz ? firstNewBiz.t : null, subscriptions: open.subscriptions, quantity: open.quantity };
}

/**
 * MRR, quantity and count (a subscription set counts once) of the subscriptions that are not
 * cancelled, and whether any is past due or active; `keep` narrows them (a segment's).
 */
export function openSubscriptions(
  subs: readonly SubscriptionTimeline[],
  keep: (sub: SubscriptionTimeline) => boolean = () => true,
): { mrr: number; quantity: number; subscriptions: number; pastDue: boolean; active: boolean } {
  let mrr = 0;
  let quantity = 0;
  let pastDue = false;
  let active = false;
  const sets = new Set<string>();
  let subscriptions = 0;
  for (const sub of subs) {
    if (sub.status === 'cancelled' || !keep(sub)) continue;
    if (sub.status === 'past_due') pastDue = true;
    else active = true;
    mrr += sub.mrr;
    quantity += sub.quantity;
    if (sub.setId === null) subscriptions++;
    else if (!sets.has(sub.setId)) {
      sets.add(sub.setId);
      subscriptions++;
    }
  }
  return { mrr, quantity, subscriptions, pastDue, active };
}
