/** engine/connections.ts: connected subscriptions walked as one (its header states the rules). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BillingData } from '../templates/references.ts';
import { addMonths, DAY_MS } from '../time.ts';
import { computeReport } from './report.ts';
import { SERIES_START, worlds } from './random-billing.test-util.ts';
import { cust, DataBuilder, entry, moves, run, sub, t, type RunOptions } from './test-builders.test-util.ts';
import type { SubscriptionConnection } from './connections.ts';

/** Monthly lines of one subscription from `from` (YYYY-MM-DD), one per amount. */
function monthly(b: DataBuilder, customer: string, subscription: string, from: string, amounts: number[], o: { currency?: string; set?: string } = {}) {
  let start = t(from);
  for (const amount of amounts) {
    const end = addMonths(start, 1);
    b.sub(customer, subscription, 'm', amount, start, end, o);
    start = end;
  }
  return b;
}

const connect = (data: BillingData, ...links: [string, string][]): BillingData => ({
  ...data,
  subscriptionConnections: links.map(([subscription, continues]): SubscriptionConnection => ({ subscription, continues })),
});

const ASOF: RunOptions = { asOf: '2024-12-31' };
const types = (r: ReturnType<typeof run>) => r.movements.map((m) => m.type);

/** A (Jan–Jun, 1000) then B (from Jul, amounts), A cancelled at `cancel`. */
function migration(bAmounts: number[], bFrom = '2024-07-01', cancel: string | null = '2024-07-01') {
  const b = new DataBuilder();
  monthly(b, 'c', 'A', '2024-01-01', [1000, 1000, 1000, 1000, 1000, 1000]);
  monthly(b, 'c', 'B', bFrom, bAmounts);
  if (cancel) b.cancel('A', cancel);
  return b.build();
}

describe('the switch is a change point of one subscription', () => {
  it('an exact hand-over at the same price moves nothing: no churn, no new business', () => {
    const data = migration([1000, 1000, 1000, 1000, 1000, 1000]);
    expect(moves(run(data, ASOF))).toEqual([
      ['2024-01-01', 'A', 'new_biz', 1000],
      ['2024-07-01', 'A', 'contraction', -1000],
      ['2024-07-01', 'B', 'expansion', 1000],
    ]);
    const r = run(connect(data, ['B', 'A']), ASOF);
    expect(moves(r)).toEqual([['2024-01-01', 'B', 'new_biz', 1000]]);
    expect(r.subscriptions).toHaveLength(1);
    expect(cust(r, 'c')).toMatchObject({ mrr: 1000, subscriptions: 1, status: 'Active' });
  });

  it('a higher or lower price at the switch is expansion or contraction', () => {
    expect(moves(run(connect(migration([1500]), ['B', 'A']), { asOf: '2024-07-15' }))).toEqual([
      ['2024-01-01', 'B', 'new_biz', 1000],
      ['2024-07-01', 'B', 'expansion', 500],
    ]);
    expect(moves(run(connect(migration([600]), ['B', 'A']), { asOf: '2024-07-15' })).at(-1)).toEqual(['2024-07-01', 'B', 'contraction', -400]);
  });

  it('a gap: the old subscription cancelled at its paid-through keeps its MRR until the new one starts', () => {
    const data = migration([1000, 1000], '2024-07-05');
    const apart = run(data, { asOf: '2024-08-31', start: '2024-06-01', interval: 'day' });
    expect(moves(apart).slice(1)).toEqual([
      ['2024-07-01', 'A', 'churn', -1000],
      ['2024-07-05', 'B', 'reactivation', 1000],
    ]);
    const r = run(connect(data, ['B', 'A']), { asOf: '2024-08-31', start: '2024-06-01', interval: 'day' });
    expect(moves(r)).toEqual([['2024-01-01', 'B', 'new_biz', 1000]]);
    for (const d of ['2024-06-30', '2024-07-01', '2024-07-03', '2024-07-05', '2024-08-31']) expect(entry(r, d).mrr).toBe(1000);
    expect(entry(r, '2024-07-02')).toMatchObject({ customers: 1, churn: 0, reactivation: 0 });
  });

  it('a gap with no cancellation: auto-churn at the paid-through is the hand-over too', () => {
    const data = migration([1000], '2024-07-10', null);
    expect(types(run(data, { asOf: '2024-07-31', auto_churn: 'missing_renewal' }))).toEqual(['new_biz', 'churn', 'reactivation']);
    expect(types(run(connect(data, ['B', 'A']), { asOf: '2024-07-31', auto_churn: 'missing_renewal' }))).toEqual(['new_biz']);
    expect(types(run(connect(data, ['B', 'A']), { asOf: '2024-07-31', auto_churn: 3 }))).toEqual(['new_biz']);
  });

  it('the old subscription\'s renewals and cancellation after the switch are superseded', () => {
    const b = new DataBuilder();
    b.sub('c', 'A', 'y', 12000, '2024-01-01', '2025-01-01');
    b.cancel('A', '2024-09-15');
    monthly(b, 'c', 'B', '2024-07-01', [800, 800, 800, 800, 800, 800]);
    const r = run(connect(b.build(), ['B', 'A']), ASOF);
    expect(moves(r)).toEqual([
      ['2024-01-01', 'B', 'new_biz', 1000],
      ['2024-07-01', 'B', 'contraction', -200],
    ]);
    expect(sub(r, 'B')).toMatchObject({ status: 'active', mrr: 800, started_at: '2024-01-01', paid_through: '2025-01-01' });
  });

  it('a churn and reactivation inside the old subscription\'s own history stay', () => {
    const b = new DataBuilder();
    monthly(b, 'c', 'A', '2024-01-01', [1000, 1000]);
    b.cancel('A', '2024-03-01');
    monthly(b, 'c', 'A', '2024-04-01', [1000, 1000, 1000]);
    b.cancel('A', '2024-07-01');
    monthly(b, 'c', 'B', '2024-07-01', [1000]);
    expect(moves(run(connect(b.build(), ['B', 'A']), { asOf: '2024-07-31' }))).toEqual([
      ['2024-01-01', 'B', 'new_biz', 1000],
      ['2024-03-01', 'B', 'churn', -1000],
      ['2024-04-01', 'B', 'reactivation', 1000],
    ]);
  });

  it('the new subscription\'s own churn is a churn, under the group\'s ID', () => {
    const b = new DataBuilder();
    monthly(b, 'c', 'A', '2024-01-01', [1000]);
    monthly(b, 'c', 'B', '2024-02-01', [1000, 1000]);
    b.cancel('A', '2024-02-01').cancel('B', '2024-04-01');
    const r = run(connect(b.build(), ['B', 'A']), { asOf: '2024-04-30' });
    expect(moves(r)).toEqual([
      ['2024-01-01', 'B', 'new_biz', 1000],
      ['2024-04-01', 'B', 'churn', -1000],
    ]);
    expect(sub(r, 'B')).toMatchObject({ status: 'cancelled', cancelled_at: '2024-04-01', started_at: '2024-01-01' });
    expect(cust(r, 'c').status).toBe('Cancelled');
  });
});

describe('groups', () => {
  it('the direction of a link does not matter: members are ordered by their start', () => {
    const data = migration([1200]);
    expect(moves(run(connect(data, ['A', 'B']), { asOf: '2024-07-15' }))).toEqual(moves(run(connect(data, ['B', 'A']), { asOf: '2024-07-15' })));
  });

  it('a chain of three is one subscription, shown as the latest', () => {
    const b = new DataBuilder();
    monthly(b, 'c', 'A', '2024-01-01', [1000, 1000]);
    monthly(b, 'c', 'B', '2024-03-01', [1000, 1000]);
    monthly(b, 'c', 'C', '2024-05-15', [2000]);
    b.cancel('A', '2024-03-01').cancel('B', '2024-05-01');
    const r = run(connect(b.build(), ['B', 'A'], ['C', 'B']), { asOf: '2024-05-31', start: '2024-01-01', interval: 'month' });
    expect(moves(r)).toEqual([
      ['2024-01-01', 'C', 'new_biz', 1000],
      ['2024-05-15', 'C', 'expansion', 1000],
    ]);
    expect(r.subscriptions.map((s) => s.external_id)).toEqual(['C']);
    expect(entry(r, '2024-04-30')).toMatchObject({ mrr: 1000, churn: 0, subscriptions: 1 });
  });

  it('members starting together add up until a later one replaces them (ChartMogul\'s recorded connect)', () => {
    const b = new DataBuilder();
    b.sub('c', 'A1', 'y', 217200, '2024-01-01', '2025-01-01', { set: 'S' });
    b.sub('c', 'A2', 'y', 108576, '2024-01-01', '2025-01-01', { set: 'S' });
    monthly(b, 'c', 'B', '2024-06-01', [19432]);
    const r = run(connect(b.build(), ['A2', 'A1'], ['B', 'A2']), { asOf: '2024-06-10' });
    expect(moves(r)).toEqual([
      ['2024-01-01', 'B', 'new_biz', 27148],
      ['2024-06-01', 'B', 'contraction', -7716],
    ]);
    expect(r.subscriptions).toEqual([expect.objectContaining({
      external_id: 'B', set_external_id: null, mrr: 19432, started_at: '2024-01-01', paid_through: '2024-07-01', status: 'active',
    })]);
  });

  it('a link through a subscription that is not in the data still joins the others', () => {
    const data = migration([1000]);
    expect(moves(run(connect(data, ['X', 'A'], ['B', 'X']), { asOf: '2024-07-15' }))).toEqual([['2024-01-01', 'B', 'new_biz', 1000]]);
  });

  it('a successor that has not started by as-of changes nothing yet: the churn is a churn', () => {
    const data = migration([1000], '2024-08-01');
    const r = run(connect(data, ['B', 'A']), { asOf: '2024-07-15' });
    expect(moves(r).at(-1)).toEqual(['2024-07-01', 'A', 'churn', -1000]);
    expect(sub(r, 'A').status).toBe('cancelled');
  });

  it('never joins two customers\' subscriptions, nor a manual one', () => {
    const b = new DataBuilder();
    monthly(b, 'c1', 'A', '2024-01-01', [1000]);
    monthly(b, 'c2', 'B', '2024-02-01', [1000]);
    b.cancel('A', '2024-02-01');
    b.manual('c1', 'M', 'subscription_start', '2024-02-01', { plan: 'm', amount: 500 });
    const data = b.build();
    const r = run(connect(data, ['B', 'A'], ['M', 'A']), { asOf: '2024-02-15' });
    expect(moves(r)).toEqual(moves(run(data, { asOf: '2024-02-15' })));
    expect(r.subscriptions.map((s) => s.external_id).sort()).toEqual(['A', 'B', 'M']);
  });

  it('the group takes the latest member\'s set, plan and currency; starts at the first start', () => {
    const b = new DataBuilder();
    monthly(b, 'c', 'A', '2024-01-01', [1000], { set: 'old' });
    b.sub('c', 'B', '3m', 3000, '2024-02-01', '2024-05-01', { set: 'new' });
    b.cancel('A', '2024-02-01');
    const r = run(connect(b.build(), ['B', 'A']), { asOf: '2024-02-15' });
    expect(r.subscriptions).toEqual([expect.objectContaining({
      external_id: 'B', set_external_id: 'new', plan_external_id: '3m', started_at: '2024-01-01', paid_through: '2024-05-01',
    })]);
  });
});

describe('other currencies', () => {
  it('a switch between two EUR subscriptions at a new rate: the price change is the movement, the rest fx', () => {
    const b = new DataBuilder();
    b.rate('2024-01-01', 'EUR', '1.1').rate('2024-07-01', 'EUR', '1.2');
    monthly(b, 'c', 'A', '2024-06-01', [1000], { currency: 'EUR' });
    monthly(b, 'c', 'B', '2024-07-01', [1000], { currency: 'EUR' });
    b.cancel('A', '2024-07-01');
    const r = run(connect(b.build(), ['B', 'A']), { asOf: '2024-07-15', start: '2024-06-01' });
    expect(moves(r)).toEqual([['2024-06-01', 'B', 'new_biz', 1100]]);
    expect(entry(r, '2024-07-15')).toMatchObject({ mrr: 1200, fx_impact: 100, expansion: 0 });
  });

  it('a switch from EUR to USD: the movement is the base-currency change at the switch\'s rate', () => {
    const b = new DataBuilder();
    b.rate('2024-01-01', 'EUR', '1.1').rate('2024-07-01', 'EUR', '1.2');
    monthly(b, 'c', 'A', '2024-06-01', [1000], { currency: 'EUR' });
    monthly(b, 'c', 'B', '2024-07-01', [1300]);
    b.cancel('A', '2024-07-01');
    const r = run(connect(b.build(), ['B', 'A']), { asOf: '2024-07-15', start: '2024-06-01' });
    expect(moves(r)).toEqual([['2024-06-01', 'B', 'new_biz', 1100], ['2024-07-01', 'B', 'expansion', 100]]);
    expect(entry(r, '2024-07-15')).toMatchObject({ mrr: 1300, fx_impact: 100 });
    expect(sub(r, 'B')).toMatchObject({ mrr: 1300 });
  });
});

describe('property', () => {
  /**
   * Random data plus, for one customer, A cancelled exactly when B's first line starts: they
   * already hand over at one instant, so connecting them changes no figure of the series but
   * the split of that instant's change into contraction and expansion.
   */
  const handOver = fc.record({
    customer: fc.nat(),
    startDay: fc.integer({ min: 0, max: 200 }),
    hour: fc.constantFrom(0, 10, 23),
    a: fc.array(fc.integer({ min: 0, max: 20_000 }), { minLength: 1, maxLength: 4 }),
    b: fc.array(fc.integer({ min: 0, max: 20_000 }), { minLength: 1, maxLength: 4 }),
    foreign: fc.boolean(),
  });

  it('connecting two subscriptions that already hand over at the same instant changes no totals', () => {
    fc.assert(
      fc.property(worlds, handOver, ({ data, settings, asOf }, h) => {
        const customer = data.customers[h.customer % data.customers.length].externalId;
        const b = new DataBuilder();
        Object.assign(b.data, structuredClone(data));
        let start = Date.UTC(2024, 0, 1) + h.startDay * DAY_MS + h.hour * 3_600_000;
        const currency = h.foreign ? 'EUR' : 'USD';
        for (const [id, amounts] of [['hA', h.a], ['hB', h.b]] as const) {
          for (const amount of amounts) {
            const end = addMonths(start, 1);
            b.sub(customer, id, 'm', amount, start, end, { currency, invoice: `${id}-${start}` });
            start = end;
          }
          if (id === 'hA') b.cancel('hA', start);
        }
        const apart = b.build();
        const joined = connect(apart, ['hB', 'hA']);
        const options = { asOf, start: SERIES_START, interval: 'day' as const };
        const x = computeReport(apart, settings, options);
        const y = computeReport(joined, settings, options);
        // Only the split of the switch's change into contraction and expansion may differ.
        const totals = (e: (typeof x.series)[number]) => [
          e.date, e.mrr, e.customers, e.quantity, e.subscriptions, e.new_biz, e.churn, e.reactivation, e.expansion + e.contraction, e.fx_impact,
        ];
        expect(y.series.map(totals)).toEqual(x.series.map(totals));
        expect(y.customers.map((c) => [c.external_id, c.mrr, c.status, c.subscriber_since]))
          .toEqual(x.customers.map((c) => [c.external_id, c.mrr, c.status, c.subscriber_since]));
        const notSplit = (r: typeof x) => r.movements.filter((m) => m.type !== 'expansion' && m.type !== 'contraction')
          .map((m) => [m.at, m.customer_external_id, m.type, m.amount]);
        expect(notSplit(y)).toEqual(notSplit(x));
      }),
      { numRuns: 150 },
    );
  });

  it('with every customer\'s subscriptions connected, MRR moves only by movements (and fx impact of other currencies)', () => {
    fc.assert(
      fc.property(worlds, ({ data, settings, asOf }) => {
        const ids = [...new Set(data.lineItems.map((l) => l.subscriptionExternalId).filter((id) => id !== null))] as string[];
        const links = ids.slice(1).map((id, i): [string, string] => [id, ids[i]]);
        const r = computeReport(connect(data, ...links), settings, { asOf, start: SERIES_START, interval: 'day' });
        let mrr = 0;
        for (const e of r.series) {
          expect(e.mrr, e.date).toBe(mrr + e.new_biz + e.expansion + e.contraction + e.churn + e.reactivation + e.fx_impact);
          mrr = e.mrr;
        }
        expect(r.customers.reduce((sum, c) => sum + c.mrr, 0)).toBe(mrr);
        // A hand-over prices what it ends like any change point: in the base currency it is all movement.
        const currencies = [...data.invoices, ...data.manualSubscriptions, ...data.subscriptionEvents].map((x) => x.currency ?? 'USD');
        if (currencies.every((c) => c === 'USD')) expect(r.series.every((e) => e.fx_impact === 0)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
