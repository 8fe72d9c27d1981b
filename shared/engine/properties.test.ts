/**
 * Property tests on random billing data (METRICS.md section 4 "Invariant" and section 6):
 * MRR equals the sum of movements and fx impact, series identities, determinism, row-order
 * independence, and a few metamorphic relations.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divRound, parseDecimal } from '../money.ts';
import { linkBillingData } from '../templates/links.ts';
import type { BillingData } from '../templates/references.ts';
import type { Settings } from '../templates/settings.ts';
import { DAY_MS, endOfDay, formatDate } from '../time.ts';
import { retractedEvents } from './events.ts';
import { INTERVALS } from './intervals.ts';
import { manualSubscriptions } from './manual.ts';
import { customerMovements } from './movements.ts';
import { analyse, computeReport } from './report.ts';
import { COHORT_INTERVALS } from './cohorts.ts';
import { roundRate, type SeriesEntry } from './series.ts';
import { cancellationsBySubscription, invoicedSubscriptions } from './subscriptions.ts';
import { engineContext } from './test-builders.test-util.ts';
import type { SubscriptionTimeline } from './types.ts';
import { RATES, SERIES_START, worlds } from './random-billing.test-util.ts';

function report(data: BillingData, s: Settings, asOf: number, interval: (typeof INTERVALS)[number] = 'month') {
  return computeReport(data, s, { asOf, start: SERIES_START, interval, revenue: true });
}

// ---------------------------------------------------------------------------------------------
// Engine stages, as report.ts runs them, to reach per-subscription fx impact.

function stages(data: BillingData, s: Settings, asOf: number) {
  const ctx = engineContext(data, s, asOf);
  const retracted = retractedEvents(data.subscriptionEvents);
  const cancellations = cancellationsBySubscription(data, retracted, ctx.asOfEnd);
  const subs = [...invoicedSubscriptions(data, cancellations, ctx), ...manualSubscriptions(data, ctx)].sort(
    (a, b) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const byCustomer = new Map<string, SubscriptionTimeline[]>();
  for (const sub of subs) {
    if (!byCustomer.has(sub.customerId)) byCustomer.set(sub.customerId, []);
    byCustomer.get(sub.customerId)!.push(sub);
  }
  return [...byCustomer].map(([id, list]) => ({
    id, subs: list, result: customerMovements(id, list, s.sac_window_minutes),
  }));
}

function mrrAt(sub: SubscriptionTimeline, x: number): number {
  let mrr = 0;
  for (const p of sub.points) if (p.t <= x) mrr = p.mrr;
  return mrr;
}

/** Checks MRR = movements + fx for every customer and subscription at the given instants. */
function checkInvariant(data: BillingData, s: Settings, asOf: number, perDay: boolean): void {
  for (const { id, subs, result } of stages(data, s, asOf)) {
    // Movements are dated at events: instants where some subscription's MRR changes (zero
    // deltas are dropped, so a $0 start or a seat-only change is never a movement's date).
    const moving = new Set<number>();
    for (const sub of subs) {
      let mrr = 0;
      let own = 0;
      for (const p of sub.points) {
        if (p.mrr !== mrr || p.own !== own) moving.add(p.t);
        mrr = p.mrr;
        own = p.own;
      }
    }
    for (const m of result.movements) {
      if (!moving.has(m.t)) throw new Error(`customer ${id}: movement at ${new Date(m.t).toISOString()} is at no MRR change`);
    }
    const instants = new Set<number>();
    for (const sub of subs) for (const p of sub.points) instants.add(perDay ? endOfDay(p.t) : p.t);
    for (const x of [...instants].sort((a, b) => a - b)) {
      let customerTotal = 0;
      for (const sub of subs) {
        const moved = result.movements.filter((m) => m.subscriptionId === sub.id && m.t <= x).reduce((a, m) => a + m.amount, 0);
        const fx = result.fx.filter((f) => f.subscriptionId === sub.id && f.t <= x).reduce((a, f) => a + f.amount, 0);
        const expected = mrrAt(sub, x);
        if (moved + fx !== expected) {
          throw new Error(
            `customer ${id} subscription ${sub.id} at ${new Date(x).toISOString()}: movements ${moved} + fx ${fx} != MRR ${expected}`,
          );
        }
        customerTotal += expected;
      }
      const all = result.movements.filter((m) => m.t <= x).reduce((a, m) => a + m.amount, 0) +
        result.fx.filter((f) => f.t <= x).reduce((a, f) => a + f.amount, 0);
      expect(all).toBe(customerTotal);
      if (!perDay) {
        const here = result.movements.filter((m) => m.t === x);
        if (here.length > 0) expect([id, x, here.at(-1)!.customerMrrAfter]).toEqual([id, x, customerTotal]);
      }
    }
  }
}

/** PROP_SCALE=20 npx vitest run shared/engine/properties.test.ts for a longer hunt. */
const SCALE = Number(process.env.PROP_SCALE ?? 1);
const RUNS = { numRuns: 120 * SCALE };
const FEWER = { numRuns: 60 * SCALE };

describe('invariant: MRR = sum of movements and fx impact (METRICS.md section 4)', () => {
  it('at every change point, per customer and per subscription, without smart grouping', () => {
    fc.assert(
      fc.property(worlds, ({ data, settings, asOf }) => {
        checkInvariant(data, { ...settings, sac_window_minutes: 0 }, asOf, false);
      }),
      RUNS,
    );
  });

  it('at the end of every UTC day with a change, with the default 60-minute window', () => {
    fc.assert(
      fc.property(worlds, ({ data, settings, asOf }) => {
        checkInvariant(data, { ...settings, sac_window_minutes: 60 }, asOf, true);
      }),
      RUNS,
    );
  });
});

describe('series identity: mrr = previous mrr + movements + fx impact (section 6)', () => {
  it('for every interval and entry, starting before all data', () => {
    fc.assert(
      fc.property(worlds, ({ data, settings, asOf }) => {
        for (const interval of INTERVALS) {
          const r = report(data, settings, asOf, interval);
          let prev = 0;
          for (const e of r.series) {
            const flow = e.new_biz + e.expansion + e.contraction + e.churn + e.reactivation + e.fx_impact;
            if (e.mrr !== prev + flow) {
              throw new Error(`${interval} ${e.date}: mrr ${e.mrr} != ${prev} + ${flow}`);
            }
            prev = e.mrr;
          }
          expect(r.series.at(-1)!.date).toBe(formatDate(asOf));
        }
      }),
      FEWER,
    );
  });
});

describe('report consistency (sections 5 and 6)', () => {
  it('the last entry agrees with the customer list; movement signs, dates and statuses are coherent', () => {
    fc.assert(
      fc.property(worlds, ({ data, settings, asOf }) => {
        const r = report(data, settings, asOf);
        const last = r.series.at(-1)!;
        const counted = r.customers.filter((c) => c.status === 'Active' || c.status === 'Past due');
        expect(last.mrr).toBe(r.customers.reduce((a, c) => a + c.mrr, 0));
        expect(last.arr).toBe(12 * last.mrr);
        expect(last.customers).toBe(counted.length);
        expect(last.subscriptions).toBe(counted.reduce((a, c) => a + c.subscriptions, 0));
        expect(last.quantity).toBe(counted.reduce((a, c) => a + c.quantity, 0));
        for (const c of r.customers) {
          expect(c.arr).toBe(12 * c.mrr);
          expect(c.mrr).toBeGreaterThanOrEqual(0);
          const subs = r.subscriptions.filter((s) => s.customer_external_id === c.external_id);
          expect(c.mrr).toBe(subs.reduce((a, s) => a + s.mrr, 0));
          if (c.status === 'Cancelled') expect(subs.every((s) => s.status === 'cancelled')).toBe(true);
          if (c.status === 'Past due') expect(subs.some((s) => s.status === 'past_due')).toBe(true);
          if (c.status === 'Lead') expect(c.subscriber_since).toBeNull();
          const mine = r.movements.filter((m) => m.customer_external_id === c.external_id);
          if (c.subscriber_since !== null) expect(mine.find((m) => m.type === 'new_biz')!.date).toBe(c.subscriber_since);
        }
        const asOfDate = formatDate(asOf);
        for (const s of r.subscriptions) {
          expect(s.mrr).toBeGreaterThanOrEqual(0);
          if (s.status === 'cancelled') expect([s.mrr, s.quantity, s.cancelled_at !== null]).toEqual([0, 0, true]);
          else expect(s.cancelled_at).toBeNull();
          if (s.status === 'past_due') expect(s.paid_through! <= asOfDate).toBe(true);
          if (s.status === 'active' && s.paid_through !== null) expect(s.paid_through > asOfDate).toBe(true);
          expect(s.started_at <= asOfDate).toBe(true);
        }
        for (const m of r.movements) {
          expect(m.date <= asOfDate).toBe(true);
          expect(m.customer_mrr_after).toBeGreaterThanOrEqual(0);
          if (m.type === 'churn' || m.type === 'contraction') expect(m.amount).toBeLessThan(0);
          else expect(m.amount).toBeGreaterThan(0);
        }
        for (const e of r.series) {
          expect(e.customer_churn_rate).toBeGreaterThanOrEqual(0);
          expect(e.customer_churn_rate).toBeLessThanOrEqual(100);
          expect(e.net_cash_flow).toBe(e.gross_cash_flow - e.refunds);
          expect(e.ltv === null).toBe(e.customer_churn_rate === 0);
          expect(e.cmrr).toBe(e.mrr);
        }
      }),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Determinism and row order.

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Every dataset in a random row order, rows renumbered. Row order is a documented tie-break
 * only between subscription lines of one step (same subscription, start and event order), so
 * those keep their relative order.
 */
function shuffleRows(data: BillingData, seed: number): BillingData {
  const random = mulberry32(seed);
  const renumber = <T extends { row: number }>(rows: T[]): T[] => rows.map((r, i) => ({ ...r, row: i + 2 }));
  const lines = shuffled(data.lineItems, random);
  const stepKey = (l: BillingData['lineItems'][number]) =>
    l.type === 'subscription' ? `${l.subscriptionExternalId}|${l.servicePeriodStart}|${l.eventOrder}` : null;
  const groups = new Map<string, BillingData['lineItems']>();
  for (const l of data.lineItems) {
    const k = stepKey(l);
    if (k === null) continue;
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(l);
  }
  const taken = new Map<string, number>();
  const ordered = lines.map((l) => {
    const k = stepKey(l);
    if (k === null) return l;
    const n = taken.get(k) ?? 0;
    taken.set(k, n + 1);
    return groups.get(k)![n];
  });
  return {
    customers: renumber(shuffled(data.customers, random)),
    contacts: renumber(shuffled(data.contacts, random)),
    plans: renumber(shuffled(data.plans, random)),
    invoices: renumber(shuffled(data.invoices, random)),
    lineItems: renumber(ordered),
    transactions: renumber(shuffled(data.transactions, random)),
    subscriptionEvents: renumber(shuffled(data.subscriptionEvents, random)),
    cancellations: renumber(shuffled(data.cancellations, random)),
    manualSubscriptions: renumber(shuffled(data.manualSubscriptions, random)),
    exchangeRates: renumber(shuffled(data.exchangeRates, random)),
  };
}

describe('determinism', () => {
  it('computing the report twice gives deep-equal results, and the input is not mutated', () => {
    fc.assert(
      fc.property(worlds, ({ data, settings, asOf }) => {
        const before = structuredClone(data);
        const a = report(data, settings, asOf);
        const b = report(data, settings, asOf);
        expect(b).toEqual(a);
        expect(data).toEqual(before);
      }),
      FEWER,
    );
  });

  it('precomputed reference links (as validation provides them) give the same report', () => {
    fc.assert(
      fc.property(worlds, ({ data, settings, asOf }) => {
        const linked = { ...data, links: linkBillingData(data) };
        expect(report(linked, settings, asOf)).toEqual(report(data, settings, asOf));
      }),
      FEWER,
    );
  });

  it('shuffling the row order of every dataset gives a deep-equal report', () => {
    fc.assert(
      fc.property(worlds, fc.integer(), ({ data, settings, asOf }, seed) => {
        const a = report(data, settings, asOf, 'week');
        const b = report(shuffleRows(data, seed), settings, asOf, 'week');
        expect(b).toEqual(a);
      }),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Metamorphic relations.

const moneyKeys = ['mrr', 'new_biz', 'expansion', 'contraction', 'churn', 'reactivation', 'fx_impact', 'customers'] as const;
const pick = (r: ReturnType<typeof report>) => r.series.map((e) => moneyKeys.map((k) => e[k]));

describe('metamorphic relations', () => {
  it('quantity never changes MRR: scaling every quantity leaves every money figure unchanged', () => {
    fc.assert(
      fc.property(worlds, fc.integer({ min: 2, max: 7 }), ({ data, settings, asOf }, k) => {
        const scaled = { ...data, lineItems: data.lineItems.map((l) => ({ ...l, quantity: l.quantity * k })), links: undefined };
        const a = report(data, settings, asOf);
        const b = report(scaled, settings, asOf);
        expect(pick(b)).toEqual(pick(a));
        expect(b.movements).toEqual(a.movements);
        expect(b.customers.map((c) => [c.mrr, c.status])).toEqual(a.customers.map((c) => [c.mrr, c.status]));
      }),
      FEWER,
    );
  });

  it('one-time lines never count in MRR', () => {
    fc.assert(
      fc.property(worlds, ({ data, settings, asOf }) => {
        // links (if any) index line items: a copy with other lines must not carry them
        const without = { ...data, lineItems: data.lineItems.filter((l) => l.type !== 'one_time'), links: undefined };
        const a = report(data, settings, asOf);
        const b = report(without, settings, asOf);
        expect(pick(b)).toEqual(pick(a));
        expect(b.movements).toEqual(a.movements);
      }),
      FEWER,
    );
  });

  it('smart grouping only reclassifies: daily MRR and daily net flow do not depend on the window', () => {
    fc.assert(
      fc.property(worlds, ({ data, settings, asOf }) => {
        const net = (s: Settings) =>
          report(data, s, asOf, 'day').series.map((e) => [
            e.date, e.mrr, e.customers, e.new_biz + e.expansion + e.contraction + e.churn + e.reactivation + e.fx_impact,
          ]);
        expect(net({ ...settings, sac_window_minutes: 60 })).toEqual(net({ ...settings, sac_window_minutes: 0 }));
      }),
      FEWER,
    );
  });

  it('a foreign currency at rate 1 behaves exactly like the base currency, with no fx impact', () => {
    fc.assert(
      fc.property(worlds, ({ data, settings, asOf }) => {
        const one = { num: 1, den: 1 };
        const atPar = { ...data, exchangeRates: data.exchangeRates.map((r) => ({ ...r, rate: one })) };
        const usd: BillingData = {
          ...data,
          exchangeRates: [],
          invoices: data.invoices.map((i) => ({ ...i, currency: 'USD' })),
          subscriptionEvents: data.subscriptionEvents.map((e) => ({ ...e, currency: e.currency === null ? null : 'USD' })),
          manualSubscriptions: data.manualSubscriptions.map((m) => ({ ...m, currency: m.currency === null ? null : 'USD' })),
        };
        const a = report(atPar, settings, asOf);
        const b = report(usd, settings, asOf);
        expect(a.series.every((e) => e.fx_impact === 0)).toBe(true);
        expect(a).toEqual(b);
      }),
      FEWER,
    );
  });

  it('at a constant rate, movements equal the base-currency MRR changes exactly and fx impact is 0', () => {
    fc.assert(
      fc.property(worlds, fc.constantFrom(...RATES), ({ data, settings, asOf }, rateText) => {
        const rate = parseDecimal(rateText)!;
        const constant = { ...data, exchangeRates: data.exchangeRates.map((r) => ({ ...r, rate })) };
        for (const { id, subs, result } of stages(constant, settings, asOf)) {
          expect([id, result.fx]).toEqual([id, []]);
          for (const sub of subs) {
            // Every change point's movement is exactly its MRR change (netted per instant).
            const changes = new Map<number, number>();
            let mrr = 0;
            for (const p of sub.points) {
              changes.set(p.t, (changes.get(p.t) ?? 0) + p.mrr - mrr);
              mrr = p.mrr;
            }
            const moved = new Map<number, number>();
            for (const m of result.movements) {
              if (m.subscriptionId === sub.id) moved.set(m.t, (moved.get(m.t) ?? 0) + m.amount);
            }
            const total = (map: Map<number, number>) => [...map.values()].reduce((a, b) => a + b, 0);
            expect([sub.id, total(moved)]).toEqual([sub.id, total(changes)]);
            if (settings.sac_window_minutes === 0) {
              for (const [t, change] of changes) expect([sub.id, t, moved.get(t) ?? 0]).toEqual([sub.id, t, change]);
            }
          }
        }
        const r = report(constant, settings, asOf);
        expect(r.series.every((e) => e.fx_impact === 0)).toBe(true);
        expect(r.forecast.every((e) => e.committed_fx_impact === 0)).toBe(true);
      }),
      RUNS,
    );
  });

  it('the Date column of subscription events and manual subscriptions never hides a row (section 6)', () => {
    fc.assert(
      fc.property(worlds, fc.integer({ min: 1, max: 2000 }), ({ data, settings, asOf }, later) => {
        // Recorded much later (every row by the same shift, so their order is kept).
        const shifted: BillingData = {
          ...data,
          subscriptionEvents: data.subscriptionEvents.map((e) => ({ ...e, date: e.date + later * DAY_MS })),
          manualSubscriptions: data.manualSubscriptions.map((m) => ({ ...m, date: m.date + later * DAY_MS })),
        };
        expect(report(shifted, settings, asOf)).toEqual(report(data, settings, asOf));
      }),
      FEWER,
    );
  });

  it('the report as of an earlier day is a prefix: daily entries up to that day are unchanged', () => {
    fc.assert(
      fc.property(worlds, fc.integer({ min: 0, max: 200 }), ({ data, settings, asOf }, back) => {
        const earlier = Math.max(SERIES_START, asOf - back * DAY_MS);
        const full = report(data, settings, asOf, 'day');
        const part = report(data, settings, earlier, 'day');
        // A trial converts by as-of (section 13): a later as-of may add conversions to an earlier entry.
        const known = ({ trials_converted, trial_to_paid_rate, ...rest }: SeriesEntry) => rest;
        expect(part.series.map(known)).toEqual(full.series.slice(0, part.series.length).map(known));
        part.series.forEach((e, i) => expect(e.trials_converted).toBeLessThanOrEqual(full.series[i].trials_converted));
        const cut = formatDate(earlier);
        expect(part.movements).toEqual(full.movements.filter((m) => m.date <= cut));
      }),
      FEWER,
    );
  });
});

describe('the arbitrary itself', () => {
  it('produces the features the properties are meant to cover', () => {
    const samples = fc.sample(worlds, { numRuns: 300, seed: 42 });
    const lines = samples.flatMap((w) => w.data.lineItems);
    expect(lines.some((l) => l.prorated && l.amountInCents < 0)).toBe(true);
    for (const type of ['differential', 'full', 'differential_mrr'] as const) {
      expect(lines.some((l) => l.prorated && l.prorationType === type)).toBe(true);
    }
    expect(lines.some((l) => l.eventOrder !== null)).toBe(true);
    expect(samples.some((w) => w.data.cancellations.length > 0)).toBe(true);
    expect(samples.some((w) => w.data.manualSubscriptions.length > 0)).toBe(true);
    expect(samples.some((w) => w.data.invoices.some((i) => i.currency === 'EUR'))).toBe(true);
    const moved = samples.map((w) => report(w.data, w.settings, w.asOf));
    for (const type of ['new_biz', 'expansion', 'contraction', 'churn', 'reactivation'] as const) {
      expect([type, moved.some((r) => r.movements.some((m) => m.type === type))]).toEqual([type, true]);
    }
    expect(moved.some((r) => r.series.some((e) => e.fx_impact !== 0))).toBe(true);
    expect(moved.some((r) => r.forecast.length > 0)).toBe(true);
    expect(moved.some((r) => r.customers.some((c) => c.status === 'Past due'))).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Cohorts (section 12) and the retention, quick ratio and conversion keys (section 13).

describe('cohorts (section 12)', () => {
  it('sizes add up to the customers with new business by as-of; at each period end the cohorts hold the whole MRR and customer count', () => {
    fc.assert(
      fc.property(worlds, ({ data, settings, asOf }) => {
        for (const interval of COHORT_INTERVALS) {
          const r = computeReport(data, settings, { asOf, start: SERIES_START, interval, cohortInterval: interval });
          const paying = new Set(r.movements.filter((m) => m.type === 'new_biz').map((m) => m.customer_external_id));
          expect(r.cohorts.reduce((n, c) => n + c.size, 0)).toBe(paying.size);
          // Nobody has MRR before its first new_biz, so every paying customer is in one cohort.
          const atDate = new Map<string, { mrr: number; customers: number }>();
          for (const c of r.cohorts) {
            for (const p of c.periods) {
              const sum = atDate.get(p.date) ?? { mrr: 0, customers: 0 };
              atDate.set(p.date, { mrr: sum.mrr + p.mrr, customers: sum.customers + p.customers });
            }
          }
          for (const e of r.series) {
            if (e.date < (r.cohorts[0]?.cohort ?? '9999')) expect([e.date, e.mrr, e.customers]).toEqual([e.date, 0, 0]);
            else expect([e.date, atDate.get(e.date)]).toEqual([e.date, { mrr: e.mrr, customers: e.customers }]);
          }
        }
      }),
      FEWER,
    );
  });

  it('retention is the period over the cohort start; periods run from 0 to as-of, one per interval', () => {
    fc.assert(
      fc.property(worlds, fc.constantFrom(...COHORT_INTERVALS), ({ data, settings, asOf }, interval) => {
        const r = computeReport(data, settings, { asOf, cohortInterval: interval });
        const asOfDate = formatDate(asOf);
        let previous = '';
        for (const c of r.cohorts) {
          expect(c.cohort > previous).toBe(true);
          previous = c.cohort;
          expect(c.size).toBeGreaterThan(0);
          expect(c.periods[0].mrr).toBe(c.mrr_start);
          expect(c.periods[0].date >= c.cohort).toBe(true);
          expect(c.periods.at(-1)!.date).toBe(asOfDate);
          c.periods.forEach((p, k) => {
            expect(p.period).toBe(k);
            if (k > 0) expect(p.date > c.periods[k - 1].date).toBe(true);
            expect(p.customers).toBeGreaterThanOrEqual(0);
            expect(p.customers).toBeLessThanOrEqual(c.size);
            expect(p.customer_retention).toBe(roundRate((p.customers / c.size) * 100));
            expect(p.mrr_retention).toBe(c.mrr_start === 0 ? 0 : roundRate((p.mrr / c.mrr_start) * 100));
          });
        }
      }),
      RUNS,
    );
  });
});

describe('retention, quick ratio and conversion (section 13)', () => {
  it('net and gross MRR retention follow each customer from the interval start, its MRR the sum of its movements and fx', () => {
    fc.assert(
      fc.property(worlds, fc.constantFrom('week', 'month', 'quarter'), ({ data, settings, asOf }, interval) => {
        const r = computeReport(data, settings, { asOf, start: SERIES_START, interval });
        const customers = analyse(data, settings, asOf).customers;
        // Section 4's invariant: at a day's end a customer's MRR is the sum of its movements and fx impact.
        const mrrAt = (c: (typeof customers)[number], x: number) =>
          c.movements.reduce((a, m) => a + (m.t <= x ? m.amount : 0), 0) + c.fx.reduce((a, f) => a + (f.t <= x ? f.amount : 0), 0);
        let start = SERIES_START - 1;
        for (const e of r.series) {
          const end = endOfDay(Date.parse(e.date));
          let before = 0;
          let net = 0;
          let gross = 0;
          for (const c of customers) {
            const s = mrrAt(c, start);
            if (s <= 0) continue;
            const after = mrrAt(c, end);
            before += s;
            net += after;
            gross += Math.min(after, s);
          }
          expect([e.date, e.net_mrr_retention, e.gross_mrr_retention]).toEqual([
            e.date, before === 0 ? 0 : roundRate((net / before) * 100), before === 0 ? 0 : roundRate((gross / before) * 100),
          ]);
          expect(e.net_mrr_retention).toBeGreaterThanOrEqual(e.gross_mrr_retention);
          expect(e.gross_mrr_retention).toBeLessThanOrEqual(100);
          start = end;
        }
      }),
      FEWER,
    );
  });

  it('the quick ratio is gains over losses; trials convert at most once, by the first new_biz on or after the trial', () => {
    fc.assert(
      fc.property(worlds, fc.constantFrom(...INTERVALS), ({ data, settings, asOf }, interval) => {
        const r = computeReport(data, settings, { asOf, start: SERIES_START, interval });
        for (const e of r.series) {
          const lost = -(e.churn + e.contraction);
          const gained = e.new_biz + e.expansion + e.reactivation;
          expect(e.quick_ratio).toBe(lost === 0 ? null : roundRate(gained / lost));
          expect(e.trials_converted).toBeLessThanOrEqual(e.trials);
          expect(e.trial_to_paid_rate).toBe(e.trials === 0 ? 0 : roundRate((e.trials_converted / e.trials) * 100));
          if (e.avg_sales_cycle_days !== null) expect(e.avg_sales_cycle_days).toBeGreaterThanOrEqual(0);
          expect([e.segment_entry, e.segment_exit]).toEqual([0, 0]);
        }
        const firstNewBiz = new Map<string, number>();
        for (const m of r.movements) if (m.type === 'new_biz' && !firstNewBiz.has(m.customer_external_id)) firstNewBiz.set(m.customer_external_id, Date.parse(m.at));
        const asOfEnd = endOfDay(asOf);
        const trialed = data.customers.filter((c) => c.freeTrialStartedAt !== null && c.freeTrialStartedAt <= asOfEnd);
        const converted = trialed.filter((c) => (firstNewBiz.get(c.externalId) ?? -Infinity) >= c.freeTrialStartedAt!);
        expect(r.series.reduce((n, e) => n + e.trials, 0)).toBe(trialed.length);
        expect(r.series.reduce((n, e) => n + e.trials_converted, 0)).toBe(converted.length);
        // The sales cycle per entry, from the customers' lead instants and first new_biz (in ms).
        let from = SERIES_START;
        for (const e of r.series) {
          const end = endOfDay(Date.parse(e.date));
          const days = data.customers.flatMap((c) => {
            const paid = firstNewBiz.get(c.externalId);
            const qualifies = paid !== undefined && paid >= from && paid <= end && c.leadCreatedAt !== null && c.leadCreatedAt <= paid;
            return qualifies ? [paid - c.leadCreatedAt!] : [];
          });
          // Whole milliseconds, so the mean rounds exactly (tenths of a day, half away from zero).
          const mean = days.length === 0 ? null : divRound(days.reduce((a, d) => a + d, 0) * 10, days.length * DAY_MS) / 10;
          expect([e.date, e.avg_sales_cycle_days]).toEqual([e.date, mean]);
          from = end + 1;
        }
      }),
      FEWER,
    );
  });
});
