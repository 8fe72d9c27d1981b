/**
 * `analyse` one customer at a time, for a report (issue 13: tier L in 2 GB). Each customer's
 * subscriptions are priced and walked when its turn comes, its movements, states and figures
 * kept, and its subscriptions' change points let go; cash events are not kept per customer
 * but summed: each customer's net payments, and payments, refunds and one-time parts per day
 * (failed attempts one by one), which is all the series counts of them (its buckets are whole
 * days). The same figures as the whole analysis, in far less memory: 6.8M change points and
 * 5.8M cash events at tier L are never alive at once.
 *
 * Not for data with subscription connections or scheduled changes (their stages join or extend
 * subscriptions across the whole account), nor for a segment (it narrows each customer's cash and
 * re-walks change points): `leanAnalysis` answers null and `analyse` walks everything at once.
 */
import type { BillingRecords } from '../templates/references.ts';
import type { Settings } from '../templates/settings.ts';
import { startOfDay } from '../time.ts';
import { forEachCashEvent } from './cash.ts';
import { customerFigures } from './customers.ts';
import { manualSubscriptions } from './manual.ts';
import { customerMovements } from './movements.ts';
import type { Analysis, CustomerAnalysis } from './report.ts';
import {
  invoicedSubscription, subscriptionCustomer, subscriptionLines, type EngineContext,
} from './subscriptions.ts';
import type { CashEvent, FxImpact, Movement, SubscriptionTimeline } from './types.ts';

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function leanAnalysis(
  data: BillingRecords,
  settings: Settings,
  ctx: EngineContext,
  customers: readonly { externalId: string }[],
  cancellations: Map<string, number[]>,
  scheduledEvents: boolean,
  asOfDay: number,
): Analysis | null {
  if (scheduledEvents || (data.subscriptionConnections?.length ?? 0) > 0) return null;
  const asOfEnd = ctx.asOfEnd;

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
  const failed: CashEvent[] = [];
  forEachCashEvent(data, ctx, (e) => {
    if (e.kind === 'failed') {
      failed.push(e);
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
  const cash: CashEvent[] = failed;
  for (const [t, sums] of days) {
    cash.push({ t, customerId: '', kind: 'payment', amount: sums.payment, nonRecurring: sums.nonRecurring });
    if (sums.refund !== 0) cash.push({ t, customerId: '', kind: 'refund', amount: sums.refund, nonRecurring: 0 });
  }

  const movements: Movement[] = [];
  const fx: FxImpact[] = [];
  const results: CustomerAnalysis[] = [];
  for (const customer of customers) {
    const id = customer.externalId;
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
    const figures = customerFigures(subs, result.states, result.movements);
    for (const s of subs) s.points = [];
    results.push({
      customerId: id,
      figures,
      movements: result.movements,
      states: result.states,
      fx: result.fx,
      cash: [],
      netPayments: net.get(id) ?? 0,
      subscriptions: subs,
    });
  }
  movements.sort((a, b) => a.t - b.t);
  return { asOfDay, asOfEnd, settings, customers: results, movements, fx, cash, forecast: null };
}
