/**
 * Random billing data for the property tests: a small valid BillingData (customers with
 * invoiced, prorated, cancelled, scheduled and manual subscriptions, plan switches, a foreign
 * currency, transactions), settings and an as-of day. Only *.test.ts files import this module.
 */
import fc from 'fast-check';
import type { BillingData } from '../templates/references.ts';
import type { Settings } from '../templates/settings.ts';
import type { PlanRecord } from '../templates/specs/index.ts';
import { addMonths, DAY_MS } from '../time.ts';
import { DataBuilder, HOUR, MINUTE } from './test-builders.test-util.ts';

// ---------------------------------------------------------------------------------------------
// The arbitrary: a small valid BillingData, settings and an as-of day.

export const T0 = Date.UTC(2024, 0, 1);
export const SERIES_START = Date.UTC(2023, 11, 1);
const PLANS = ['m', 'm', '3m', 'y', '2y', '7d', '30d'] as const;
const TIMES = [
  0, 0, 10 * HOUR, 10 * HOUR + 20 * MINUTE, 10 * HOUR + 50 * MINUTE, 11 * HOUR + 30 * MINUTE, 23 * HOUR + 30 * MINUTE,
];
export const RATES = ['0.8', '0.9', '1.1', '1.25', '1.333333'];

const segment = fc.record({
  kind: fc.constantFrom('renew', 'renew', 'renew', 'prorate', 'prorate', 'tie', 'gap', 'short'),
  amount: fc.oneof({ arbitrary: fc.constant(0), weight: 1 }, { arbitrary: fc.integer({ min: 1, max: 40_000 }), weight: 4 }),
  credit: fc.oneof({ arbitrary: fc.constant(0), weight: 1 }, { arbitrary: fc.integer({ min: -30_000, max: 30_000 }), weight: 5 }),
  prorationType: fc.constantFrom('differential', 'full', 'differential_mrr') as fc.Arbitrary<
    'differential' | 'full' | 'differential_mrr'
  >,
  quantity: fc.integer({ min: 1, max: 5 }),
  deltaQuantity: fc.integer({ min: -3, max: 3 }).filter((x) => x !== 0),
  tenths: fc.integer({ min: 1, max: 9 }),
  days: fc.integer({ min: 1, max: 50 }),
  eventOrder: fc.constantFrom(null, null, 1, 2),
  eventOrder2: fc.constantFrom(null, 1, 2),
  monthly: fc.boolean(),
});

/** Days drawn often from a few shared ones, so that one customer's changes meet within a window. */
const day = (max: number, common: number[]) =>
  fc.oneof({ arbitrary: fc.constantFrom(...common), weight: 1 }, { arbitrary: fc.integer({ min: 0, max }), weight: 1 });
const when = fc.record({ day: day(420, [40, 75]), time: fc.constantFrom(...TIMES) });

const subscription = fc.record({
  plan: fc.constantFrom(...PLANS),
  start: fc.record({ day: day(120, [0, 14, 40]), time: fc.constantFrom(...TIMES) }),
  foreign: fc.boolean(),
  set: fc.constantFrom(null, null, 'S1', 'S2'),
  tax: fc.constantFrom(0, 0, 100, 750),
  fees: fc.constantFrom(0, 0, 30),
  segments: fc.array(segment, { minLength: 1, maxLength: 5 }),
  cancel: fc.option(fc.record({ at: when, via: fc.constantFrom('csv', 'event', 'retracted'), known: fc.integer({ min: 0, max: 3 }) }), { freq: 2 }),
  scheduled: fc.option(fc.record({
    known: fc.integer({ min: 0, max: 400 }), after: fc.integer({ min: 1, max: 90 }),
    kind: fc.constantFrom('update', 'cancel'), amount: fc.integer({ min: 0, max: 50_000 }),
  }), { freq: 3 }),
});

const manual = fc.record({
  start: fc.integer({ min: 0, max: 300 }),
  plan: fc.constantFrom('m', 'y', '7d'),
  amount: fc.integer({ min: 0, max: 60_000 }),
  foreign: fc.boolean(),
  update: fc.option(fc.record({ after: fc.integer({ min: 0, max: 100 }), amount: fc.integer({ min: 0, max: 60_000 }) })),
  cancel: fc.option(fc.integer({ min: 1, max: 200 })),
  cash: fc.boolean(),
});

const customer = fc.record({
  subscriptions: fc.array(subscription, { minLength: 0, maxLength: 3 }),
  manual: fc.option(manual, { freq: 4 }),
  oneTimes: fc.array(fc.record({ day: fc.integer({ min: 0, max: 400 }), amount: fc.integer({ min: -5_000, max: 20_000 }) }), { maxLength: 2 }),
  lead: fc.option(fc.integer({ min: -30, max: 400 })),
  trial: fc.option(fc.integer({ min: -30, max: 400 })),
  scheduledStart: fc.option(fc.record({ known: fc.integer({ min: 0, max: 300 }), after: fc.integer({ min: 1, max: 60 }), amount: fc.integer({ min: 1, max: 9_000 }) }), { freq: 5 }),
});

const settingsArb: fc.Arbitrary<Settings> = fc.record({
  base_currency: fc.constant('USD'),
  churn_recognition: fc.constantFrom('cancellation', 'service_period_end'),
  auto_churn: fc.constantFrom(null, null, 'missing_renewal', 3, 30),
  sac_window_minutes: fc.constantFrom(0, 60),
  transaction_fees: fc.constantFrom('ignore', 'deduct'),
}) as fc.Arbitrary<Settings>;

export const world = fc.record({
  customers: fc.array(customer, { minLength: 1, maxLength: 4 }),
  firstRate: fc.constantFrom(...RATES),
  rates: fc.uniqueArray(fc.record({ day: fc.integer({ min: 0, max: 420 }), rate: fc.constantFrom(...RATES) }), {
    maxLength: 4, selector: (r) => r.day,
  }),
  transactions: fc.array(
    fc.record({
      invoice: fc.nat(),
      kind: fc.constantFrom('payment', 'payment', 'refund', 'failed'),
      after: fc.integer({ min: 0, max: 40 }),
      partial: fc.option(fc.integer({ min: 0, max: 10_000 })),
    }),
    { maxLength: 8 },
  ),
  settings: settingsArb,
  asOf: fc.integer({ min: 10, max: 400 }),
});

export type World = typeof world extends fc.Arbitrary<infer W> ? W : never;

const planOf: Record<string, Pick<PlanRecord, 'intervalUnit' | 'intervalCount'>> = {
  m: { intervalUnit: 'month', intervalCount: 1 },
  '3m': { intervalUnit: 'month', intervalCount: 3 },
  y: { intervalUnit: 'year', intervalCount: 1 },
  '2y': { intervalUnit: 'year', intervalCount: 2 },
  '7d': { intervalUnit: 'day', intervalCount: 7 },
  '30d': { intervalUnit: 'day', intervalCount: 30 },
};
function nextPeriod(plan: string, t: number): number {
  const p = planOf[plan];
  if (p.intervalUnit === 'day') return t + p.intervalCount * DAY_MS;
  return addMonths(t, p.intervalUnit === 'year' ? 12 * p.intervalCount : p.intervalCount);
}
const at = (w: { day: number; time: number }) => T0 + w.day * DAY_MS + w.time;

export function buildWorld(w: World): { data: BillingData; settings: Settings; asOf: number } {
  const b = new DataBuilder();
  b.rate(Date.UTC(2023, 10, 1), 'EUR', w.firstRate);
  for (const r of w.rates) b.rate(T0 + r.day * DAY_MS + (r.day % 3 === 0 ? 12 * HOUR : 0), 'EUR', r.rate);
  w.customers.forEach((c, ci) => {
    const cid = `c${ci}`;
    b.customer(cid, {
      leadCreatedAt: c.lead === null ? null : T0 + c.lead * DAY_MS,
      freeTrialStartedAt: c.trial === null ? null : T0 + c.trial * DAY_MS + 5 * HOUR,
    });
    c.subscriptions.forEach((s, si) => {
      const id = `${cid}s${si}`;
      const currency = s.foreign ? 'EUR' : 'USD';
      const common = { currency, set: s.set, tax: s.tax, fees: s.fees };
      let cursor = at(s.start);
      let periodStart: number | null = null;
      let plan: string = s.plan;
      for (const g of s.segments) {
        plan = g.monthly ? 'm' : s.plan;
        switch (g.kind) {
          case 'gap':
          case 'renew':
          case 'short': {
            if (g.kind === 'gap') cursor += g.days * DAY_MS;
            const end = g.kind === 'short' ? cursor + g.days * DAY_MS : nextPeriod(plan, cursor);
            b.sub(cid, id, plan, g.amount, cursor, end, { ...common, quantity: g.quantity, eventOrder: g.eventOrder });
            periodStart = cursor;
            cursor = end;
            break;
          }
          case 'prorate': {
            if (periodStart === null) {
              const end = nextPeriod(plan, cursor);
              b.prorated(cid, id, plan, Math.abs(g.credit), cursor, end, {
                ...common, prorationType: g.prorationType, quantity: g.quantity, eventOrder: g.eventOrder,
              });
              periodStart = cursor;
              cursor = end;
            } else {
              const start = periodStart + Math.floor(((cursor - periodStart) * g.tenths) / 10 / MINUTE) * MINUTE;
              if (start <= periodStart || start >= cursor) break;
              b.prorated(cid, id, plan, g.credit, start, cursor, {
                ...common, prorationType: g.prorationType, quantity: g.deltaQuantity, eventOrder: g.eventOrder,
              });
            }
            break;
          }
          case 'tie': {
            const end = nextPeriod(plan, cursor);
            b.sub(cid, id, plan, g.amount, cursor, end, { ...common, quantity: g.quantity, eventOrder: g.eventOrder });
            b.prorated(cid, id, plan, g.credit, cursor, end, {
              ...common, prorationType: g.prorationType, quantity: g.deltaQuantity, eventOrder: g.eventOrder2,
            });
            periodStart = cursor;
            cursor = end;
            break;
          }
        }
      }
      if (s.cancel) {
        const c0 = at(s.cancel.at);
        if (s.cancel.via === 'csv') b.cancel(id, c0);
        else {
          const known = c0 - s.cancel.known * DAY_MS;
          b.event(cid, 'subscription_cancelled', { subscription: id, id: `ev-${id}`, date: known, effective: c0 });
          if (s.cancel.via === 'retracted') {
            b.event(cid, 'subscription_event_retracted', { subscription: id, id: `rt-${id}`, retracts: `ev-${id}`, date: known, effective: known });
          }
        }
      }
      if (s.scheduled) {
        const known = T0 + s.scheduled.known * DAY_MS;
        const effective = known + s.scheduled.after * DAY_MS;
        if (s.scheduled.kind === 'cancel') {
          b.event(cid, 'subscription_cancellation_scheduled', { subscription: id, date: known, effective });
        } else {
          b.event(cid, 'subscription_update_scheduled', {
            subscription: id, date: known, effective, plan, currency, amount: s.scheduled.amount,
          });
        }
      }
    });
    if (c.manual) {
      const m = c.manual;
      const id = `${cid}man`;
      const currency = m.foreign ? 'EUR' : 'USD';
      const start = T0 + m.start * DAY_MS;
      b.manual(cid, id, 'subscription_start', start, { plan: m.plan, amount: m.amount, currency, cash: m.cash });
      if (m.update) {
        b.manual(cid, id, 'subscription_updated', start + m.update.after * DAY_MS, {
          plan: m.plan, amount: m.update.amount, currency, cash: m.cash,
        });
      }
      if (m.cancel !== null) b.manual(cid, id, 'subscription_cancelled', start + (m.update?.after ?? 0) * DAY_MS + m.cancel * DAY_MS);
    }
    for (const o of c.oneTimes) b.oneTime(cid, o.amount, T0 + o.day * DAY_MS + 7 * HOUR);
    if (c.scheduledStart) {
      const known = T0 + c.scheduledStart.known * DAY_MS;
      b.event(cid, 'subscription_start_scheduled', {
        subscription: `${cid}future`, date: known, effective: known + c.scheduledStart.after * DAY_MS, plan: 'm',
        amount: c.scheduledStart.amount,
      });
    }
  });
  const data = b.build();
  if (data.invoices.length > 0) {
    for (const tx of w.transactions) {
      const inv = data.invoices[tx.invoice % data.invoices.length];
      b.transaction(inv.externalId, inv.date + tx.after * DAY_MS, {
        type: tx.kind === 'refund' ? 'refund' : 'payment',
        result: tx.kind === 'failed' ? 'failed' : 'successful',
        amount: tx.partial ?? undefined,
      });
    }
  }
  return { data, settings: w.settings, asOf: T0 + w.asOf * DAY_MS };
}

/** Worlds built: data, settings and as-of. */
export const worlds = world.map(buildWorld);
