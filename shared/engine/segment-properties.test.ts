/**
 * Property tests of segments on random billing data (METRICS.md section 11): a customer
 * segment is the report of those customers' rows; inside a plan segment section 4's invariant
 * holds with segment_entry and segment_exit counted; a segment never holds more than the whole.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { customerMatches } from '../segments/match.ts';
import { parseSegment } from '../segments/parse.ts';
import type { Segment } from '../segments/segment.ts';
import type { AttributeValue } from '../templates/attributes.ts';
import type { BillingData } from '../templates/references.ts';
import type { Settings } from '../templates/settings.ts';
import { endOfDay } from '../time.ts';
import { INTERVALS, type Interval } from './intervals.ts';
import { customerMovements } from './movements.ts';
import { analyse, computeReport } from './report.ts';
import { planPredicate } from './segment.ts';
import { SERIES_START, worlds } from './random-billing.test-util.ts';
import type { SubscriptionTimeline } from './types.ts';

const SCALE = Number(process.env.PROP_SCALE ?? 1);
const RUNS = { numRuns: 80 * SCALE };

/** Location, tags and a Seats attribute for up to four customers (the generator makes at most four). */
const facts = fc.array(
  fc.record({
    country: fc.constantFrom(null, 'US', 'CA', 'DE'),
    tags: fc.subarray(['vip', 'beta']),
    seats: fc.option(fc.integer({ min: 0, max: 100 })),
  }),
  { minLength: 4, maxLength: 4 },
);
const customerFilters = fc.constantFrom(
  "region~ANY~'US','CA'", "tags~ANY~'vip'", "tags~NONE~'vip'~AND~region~NOT_EQ~'DE'", 'custom.Seats~GTE~10',
  "custom.seats~BETWEEN~5,50~AND~tags~ALL~'vip','beta'", "region~EQ~'ZZ'", 'custom.Seats~NONE~0,1,2',
);
const planFilters = fc.constantFrom(
  "plan~ANY~'m'", "plan~NONE~'m'", "billing_cycle~ANY~'year-1','year-2'", "billing_cycle~EQ~'day-7'",
  "plan~ANY~'3m','30d'~AND~billing_cycle~NOT_EQ~'day-30'",
);
const intervals = fc.constantFrom(...INTERVALS);

type Facts = typeof facts extends fc.Arbitrary<infer F> ? F : never;

function withFacts(data: BillingData, f: Facts): BillingData {
  return {
    ...data,
    customers: data.customers.map((c, i) => {
      const attributes: Record<string, AttributeValue> = {};
      if (f[i].seats !== null) attributes.Seats = { type: 'number', value: f[i].seats! };
      return { ...c, country: f[i].country, tags: f[i].tags, attributes };
    }),
  };
}

/** The input with only the given customers' rows: theirs, their invoices' and their subscriptions'. */
function onlyCustomers(data: BillingData, kept: ReadonlySet<string>): BillingData {
  const invoices = data.invoices.filter((i) => kept.has(i.customerExternalId));
  const invoiceIds = new Set(invoices.map((i) => i.externalId));
  const lineItems = data.lineItems.filter((l) => invoiceIds.has(l.invoiceExternalId));
  const manual = data.manualSubscriptions.filter((m) => kept.has(m.customerExternalId));
  const subs = new Set([
    ...lineItems.map((l) => l.subscriptionExternalId), ...manual.map((m) => m.subscriptionExternalId),
  ]);
  return {
    ...data,
    customers: data.customers.filter((c) => kept.has(c.externalId)),
    invoices,
    lineItems,
    transactions: data.transactions.filter((t) => invoiceIds.has(t.invoiceExternalId)),
    subscriptionEvents: data.subscriptionEvents.filter((e) => kept.has(e.customerExternalId)),
    cancellations: data.cancellations.filter((c) => subs.has(c.subscriptionExternalId)),
    manualSubscriptions: manual,
  };
}

function keptBy(segment: Segment, data: BillingData): Set<string> {
  return new Set(data.customers.filter((c) => customerMatches(segment, c)).map((c) => c.externalId));
}

function report(data: BillingData, settings: Settings, asOf: number, interval: Interval, segment?: Segment) {
  return computeReport(data, settings, { asOf, start: SERIES_START, interval, revenue: true, ...(segment ? { segment } : {}) });
}

const plansOf = (data: BillingData) => new Map(data.plans.map((p) => [p.externalId, p]));

describe('customer conditions (METRICS.md section 11)', () => {
  it('a report on a customer segment equals the report on the input with only those customers\' rows', () => {
    fc.assert(
      fc.property(worlds, facts, customerFilters, intervals, ({ data, settings, asOf }, f, filters, interval) => {
        const input = withFacts(data, f);
        const segment = parseSegment(filters);
        const kept = keptBy(segment, input);
        expect(report(input, settings, asOf, interval, segment)).toEqual(report(onlyCustomers(input, kept), settings, asOf, interval));
      }),
      RUNS,
    );
  });

  it('customer and plan conditions together are the plan conditions on those customers\' rows', () => {
    fc.assert(
      fc.property(worlds, facts, customerFilters, planFilters, ({ data, settings, asOf }, f, customers, plans) => {
        const input = withFacts(data, f);
        const both = parseSegment(`${customers}~AND~${plans}`);
        const planOnly = parseSegment(plans);
        const kept = keptBy(both, input);
        expect(report(input, settings, asOf, 'month', both)).toEqual(report(onlyCustomers(input, kept), settings, asOf, 'month', planOnly));
      }),
      RUNS,
    );
  });
});

/** The subscription's MRR at x, and whether its plan in force then is in the segment. */
function stateAt(sub: SubscriptionTimeline, x: number, inSegment: (planId: string | null) => boolean) {
  let mrr = 0;
  let planId: string | null = null;
  for (const p of sub.points) {
    if (p.t > x) break;
    mrr = p.mrr;
    planId = p.planId;
  }
  return inSegment(planId) ? mrr : 0;
}

describe('plan conditions (METRICS.md section 11)', () => {
  it('segment MRR = its movements (segment_entry and segment_exit too) and fx impact, per subscription, at every change point without smart grouping and at every day\'s end with it', () => {
    fc.assert(
      fc.property(worlds, planFilters, fc.constantFrom(0, 60), ({ data, settings, asOf }, filters, windowMinutes) => {
        const inSegment = planPredicate(parseSegment(filters), plansOf(data));
        for (const c of analyse(data, settings, asOf).customers) {
          const result = customerMovements(c.customerId, c.subscriptions, windowMinutes, inSegment);
          const instants = new Set<number>();
          for (const sub of c.subscriptions) for (const p of sub.points) instants.add(windowMinutes === 0 ? p.t : endOfDay(p.t));
          for (const x of [...instants].sort((a, b) => a - b)) {
            let total = 0;
            for (const sub of c.subscriptions) {
              const moved = result.movements.reduce((a, m) => a + (m.subscriptionId === sub.id && m.t <= x ? m.amount : 0), 0);
              const fx = result.fx.reduce((a, f) => a + (f.subscriptionId === sub.id && f.t <= x ? f.amount : 0), 0);
              const expected = stateAt(sub, x, inSegment);
              expect([c.customerId, sub.id, x, moved + fx]).toEqual([c.customerId, sub.id, x, expected]);
              total += expected;
            }
            const state = result.states.filter((s) => s.t <= x).at(-1);
            expect([c.customerId, x, state?.mrr ?? 0]).toEqual([c.customerId, x, total]);
            const here = result.movements.filter((m) => m.t === x);
            if (windowMinutes === 0 && here.length > 0) expect([c.customerId, x, here.at(-1)!.customerMrrAfter]).toEqual([c.customerId, x, total]);
          }
          for (const m of result.movements) {
            if (m.type === 'segment_entry') expect(m.amount).toBeGreaterThan(0);
            if (m.type === 'segment_exit') expect(m.amount).toBeLessThan(0);
          }
        }
      }),
      RUNS,
    );
  });

  it('a segment walk that keeps every plan is the whole customer\'s walk', () => {
    fc.assert(
      fc.property(worlds, ({ data, settings, asOf }) => {
        for (const c of analyse(data, settings, asOf).customers) {
          const whole = customerMovements(c.customerId, c.subscriptions, settings.sac_window_minutes);
          expect(customerMovements(c.customerId, c.subscriptions, settings.sac_window_minutes, () => true)).toEqual(whole);
        }
      }),
      RUNS,
    );
  });

  it('the series: MRR is the running sum of every movement and fx impact; the segment never holds more than the whole', () => {
    fc.assert(
      fc.property(worlds, planFilters, intervals, ({ data, settings, asOf }, filters, interval) => {
        const whole = report(data, settings, asOf, interval);
        const seg = report(data, settings, asOf, interval, parseSegment(filters));
        let running = 0;
        seg.series.forEach((e, i) => {
          running += e.new_biz + e.expansion + e.contraction + e.churn + e.reactivation + e.segment_entry + e.segment_exit + e.fx_impact;
          expect([e.date, e.mrr]).toEqual([e.date, running]);
          const w = whole.series[i];
          expect(e.mrr).toBeLessThanOrEqual(w.mrr);
          expect(e.customers).toBeLessThanOrEqual(w.customers);
          expect(e.segment_entry).toBeGreaterThanOrEqual(0);
          expect(e.segment_exit).toBeLessThanOrEqual(0);
          // Cash, leads and trials belong to customers, not plans: never narrowed by plan conditions.
          expect([e.gross_cash_flow, e.refunds, e.failed_transactions, e.leads, e.trials])
            .toEqual([w.gross_cash_flow, w.refunds, w.failed_transactions, w.leads, w.trials]);
        });
        const wholeRows = new Map(whole.customers.map((c) => [c.external_id, c]));
        for (const c of seg.customers) {
          const w = wholeRows.get(c.external_id)!;
          expect(c.mrr).toBeLessThanOrEqual(w.mrr);
          expect([c.status, c.subscriber_since, c.net_payments]).toEqual([w.status, w.subscriber_since, w.net_payments]);
        }
      }),
      RUNS,
    );
  });

  it('a plan segment and its complement add up to the whole MRR and quantity', () => {
    fc.assert(
      fc.property(worlds, fc.constantFrom('m', '3m', 'y', '7d'), intervals, ({ data, settings, asOf }, plan, interval) => {
        const whole = report(data, settings, asOf, interval);
        const a = report(data, settings, asOf, interval, parseSegment(`plan~ANY~'${plan}'`));
        const b = report(data, settings, asOf, interval, parseSegment(`plan~NONE~'${plan}'`));
        whole.series.forEach((w, i) => {
          expect([w.date, a.series[i].mrr + b.series[i].mrr]).toEqual([w.date, w.mrr]);
          expect([w.date, a.series[i].quantity + b.series[i].quantity]).toEqual([w.date, w.quantity]);
          expect(a.series[i].customers + b.series[i].customers).toBeGreaterThanOrEqual(w.customers);
        });
        const mrrOf = (r: typeof whole, id: string) => r.customers.find((c) => c.external_id === id)?.mrr ?? 0;
        for (const c of whole.customers) expect(mrrOf(a, c.external_id) + mrrOf(b, c.external_id)).toBe(c.mrr);
      }),
      RUNS,
    );
  });

  it('a segment matching every plan is the plain report (its customers those with a subscription)', () => {
    fc.assert(
      fc.property(worlds, intervals, ({ data, settings, asOf }, interval) => {
        const whole = report(data, settings, asOf, interval);
        const all = report(data, settings, asOf, interval, parseSegment("plan~NONE~'no such plan'"));
        const subscribed = new Set(whole.subscriptions.map((s) => s.customer_external_id));
        expect(all).toEqual({ ...whole, customers: whole.customers.filter((c) => subscribed.has(c.external_id)) });
      }),
      RUNS,
    );
  });
});
