/**
 * The engine's walk for a report, one customer at a time (issue 13: tier L in 2 GB). Each
 * customer's subscriptions are priced and walked when its turn comes; what the report needs of
 * it is kept in columns (report-columns.ts): its states, its movements and exchange-rate
 * impacts, its figures and subscriptions (without their change points). Cash events are not
 * kept but summed: each customer's net payments, and payments, refunds and one-time parts per
 * day (failed attempts one by one), which is all the series counts of them (its buckets are
 * whole days, and cash amounts whole cents). The figures are the whole analysis's (report.ts
 * `analyse`); 6.8M change points, 5.8M cash events and 2.5M state objects at tier L are never
 * alive at once.
 *
 * Not for data with subscription connections or scheduled changes (their stages join or extend
 * subscriptions across the account): `walkCustomers` answers null and the report takes `analyse`.
 */
import type { BillingRecords } from '../templates/references.ts';
import type { Settings } from '../templates/settings.ts';
import { startOfDay } from '../time.ts';
import { forEachCashEvent } from './cash.ts';
import { customerFigures, type CustomerFigures } from './customers.ts';
import { hasScheduledChanges } from './forecast.ts';
import { manualSubscriptions } from './manual.ts';
import { customerMovements } from './movements.ts';
import { FxList, MovementList, StateList } from './report-columns.ts';
import { retractedEvents } from './events.ts';
import {
  cancellationsBySubscription, invoicedSubscription, subscriptionCustomer, subscriptionLines, type EngineContext,
} from './subscriptions.ts';
import type { CashEvent, SubscriptionTimeline } from './types.ts';

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface WalkedCustomer {
  customerId: string;
  figures: CustomerFigures;
  netPayments: number;
  /** Its subscriptions in ID order, their change points let go. */
  subscriptions: SubscriptionTimeline[];
}

export interface CustomerWalk {
  /** In customer external ID order. */
  customers: WalkedCustomer[];
  /** Each customer's states, in the same order. */
  states: StateList;
  /** All movements up to as-of, by (instant, customer, subscription). */
  movements: MovementList;
  fx: FxList;
  /** Failed attempts one by one; payments and refunds summed per day (customer ''). */
  cash: CashEvent[];
}

export function walkCustomers(
  data: BillingRecords,
  settings: Settings,
  ctx: EngineContext,
  customers: readonly { externalId: string }[],
): CustomerWalk | null {
  if ((data.subscriptionConnections?.length ?? 0) > 0) return null;
  const asOfEnd = ctx.asOfEnd;
  const retracted = retractedEvents(data.subscriptionEvents);
  if (hasScheduledChanges(data.subscriptionEvents, retracted, asOfEnd)) return null;
  const cancellations = cancellationsBySubscription(data, retracted, asOfEnd);

  const grouped = subscriptionLines(data, ctx);
  const numbersOf = new Map<string, number[]>();
  for (let n = 0; n < ctx.links.subscriptionIds.length; n++) {
    const customer = subscriptionCustomer(data, ctx, grouped, n);
    if (customer === null) continue;
    let list = numbersOf.get(customer);
    if (!list) numbersOf.set(customer, (list = []));
    list.push(n);
  }
  const manualOf = new Map<string, SubscriptionTimeline[]>();
  for (const s of manualSubscriptions(data, ctx)) {
    let list = manualOf.get(s.customerId);
    if (!list) manualOf.set(s.customerId, (list = []));
    list.push(s);
  }

  const net = new Map<string, number>();
  const days = new Map<number, { payment: number; nonRecurring: number; refund: number }>();
  const cash: CashEvent[] = [];
  forEachCashEvent(data, ctx, (e) => {
    if (e.kind === 'failed') {
      cash.push(e);
      return;
    }
    net.set(e.customerId, (net.get(e.customerId) ?? 0) + (e.kind === 'payment' ? e.amount : -e.amount));
    const day = startOfDay(e.t);
    let sums = days.get(day);
    if (!sums) days.set(day, (sums = { payment: 0, nonRecurring: 0, refund: 0 }));
    if (e.kind === 'payment') {
      sums.payment += e.amount;
      sums.nonRecurring += e.nonRecurring;
    } else sums.refund += e.amount;
  });
  for (const [t, sums] of days) {
    cash.push({ t, customerId: '', kind: 'payment', amount: sums.payment, nonRecurring: sums.nonRecurring });
    if (sums.refund !== 0) cash.push({ t, customerId: '', kind: 'refund', amount: sums.refund, nonRecurring: 0 });
  }

  const walked: WalkedCustomer[] = [];
  const states = new StateList();
  const movements = new MovementList();
  const fx = new FxList();
  for (let k = 0; k < customers.length; k++) {
    const id = customers[k].externalId;
    const subs: SubscriptionTimeline[] = [];
    for (const n of numbersOf.get(id) ?? []) {
      const timeline = invoicedSubscription(data, cancellations, ctx, grouped, n);
      if (timeline !== null) subs.push(timeline);
    }
    subs.push(...(manualOf.get(id) ?? []));
    subs.sort((a, b) => byString(a.id, b.id));
    for (const s of subs) {
      const last = s.points[s.points.length - 1];
      // A change after as-of needs the forecast's walk over every customer's states.
      if (last && last.t > asOfEnd) return null;
    }
    const result = customerMovements(id, subs, settings.sac_window_minutes);
    for (const m of result.movements) movements.push(m);
    for (const f of result.fx) fx.push(f);
    states.push(id, result.states);
    const figures = customerFigures(subs, result.states, result.movements);
    for (const s of subs) s.points = [];
    walked.push({ customerId: id, figures, netPayments: net.get(id) ?? 0, subscriptions: subs });
  }
  // Customers come in ID order and each one's movements in (instant, subscription) order,
  // so a stable order on the instant alone gives (instant, customer, subscription).
  movements.sortByInstant();
  return { customers: walked, states, movements, fx, cash };
}
