/**
 * A slice of the long series equals the series built for the range itself, for every interval
 * and many ranges (starts on interval boundaries, ends on them or at today), on an account of
 * random customers with MRR changes, churn and reactivation, fx, cash, failed payments, leads
 * and trials; ranges whose buckets are not the long series' get no slice.
 */
import { describe, expect, it } from 'vitest';
import {
  DAY_MS, INTERVALS, defaultSeriesStart, intervalFirstDay, intervalLastDay, parseDateOnly, type CashEvent, type CustomerState,
  type FxImpact, type Movement, type MovementType,
} from '../../../shared/index.ts';
import { seriesOf, type SeriesView } from '../../derived/series-inputs.ts';
import { longSeries, sliceOf } from './series-slice.ts';

const TODAY = parseDateOnly('2026-10-17')!;
const FIRST = parseDateOnly('2023-03-09')!;

function random(seed: number) {
  let s = seed;
  return () => ((s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

function account(customers: number): SeriesView {
  const next = random(7);
  const view = { customers: [] as { customerId: string; states: CustomerState[] }[], movements: [] as Movement[], fx: [] as FxImpact[], cash: [] as CashEvent[], leads: [] as SeriesView['leads'][number][] };
  for (let c = 0; c < customers; c++) {
    const customerId = `c${c}`;
    const states: CustomerState[] = [];
    let t = FIRST + Math.floor(next() * ((TODAY - FIRST) / DAY_MS)) * DAY_MS + Math.floor(next() * DAY_MS);
    view.leads.push({ customerId, leadCreatedAt: next() < 0.5 ? t - 20 * DAY_MS : null, freeTrialStartedAt: next() < 0.3 ? t - 10 * DAY_MS : null });
    let mrr = 0;
    for (let k = 0; k < 1 + Math.floor(next() * 6) && t <= TODAY + DAY_MS - 1; k++) {
      const before = mrr;
      mrr = k > 0 && next() < 0.25 ? 0 : Math.max(500, mrr + Math.round((next() - 0.3) * 8_000));
      const type: MovementType = before === 0 ? (k === 0 ? 'new_biz' : 'reactivation') : mrr === 0 ? 'churn' : mrr > before ? 'expansion' : 'contraction';
      states.push({ t, mrr, counted: mrr > 0, subscriptions: mrr > 0 ? 1 : 0, quantity: mrr > 0 ? 1 + (k % 3) : 0 });
      view.movements.push({ t, customerId, subscriptionId: `${customerId}-s`, type, amount: mrr - before, customerMrrAfter: mrr });
      if (next() < 0.2) view.fx.push({ t: t + DAY_MS, customerId, subscriptionId: `${customerId}-s`, amount: Math.round((next() - 0.5) * 300) });
      const kind = next() < 0.8 ? 'payment' : next() < 0.5 ? 'refund' : 'failed';
      view.cash.push({ t, customerId, kind, amount: mrr, nonRecurring: kind === 'payment' ? Math.round(next() * 100) : 0 } as CashEvent);
      t += Math.floor((3 + next() * 120) * DAY_MS);
    }
    view.customers.push({ customerId, states });
  }
  view.movements.sort((a, b) => a.t - b.t);
  return view;
}

describe('series slices', () => {
  const view = account(400);
  const start = defaultSeriesStart(view.movements, TODAY);

  for (const interval of INTERVALS) {
    it(`equal the series of the range itself (${interval})`, () => {
      const long = longSeries(start, TODAY, interval, seriesOf(view, { start, end: TODAY, interval }));
      const step = interval === 'day' ? 97 : interval === 'week' ? 13 : 1;
      let compared = 0;
      for (let i = 0; i < long.froms.length; i += step) {
        const from = long.froms[i];
        const ends = [TODAY, long.dates[Math.min(long.dates.length - 1, i + 3)], long.dates[i]];
        for (const end of ends) {
          expect(sliceOf(long, from, end), `${interval} ${from} ${end}`).toEqual(seriesOf(view, { start: from, end, interval }));
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(10);
    });
  }

  it('give no slice where the range has buckets of its own', () => {
    const long = longSeries(start, TODAY, 'month', seriesOf(view, { start, end: TODAY, interval: 'month' }));
    const midMonth = long.froms[3] + 9 * DAY_MS;
    expect(sliceOf(long, midMonth, TODAY)).toBeNull(); // a first bucket from the 10th
    expect(sliceOf(long, long.froms[2], long.dates[6] - 5 * DAY_MS)).toBeNull(); // a last bucket clipped mid-month
    expect(sliceOf(long, start - 31 * DAY_MS, TODAY)).toBeNull(); // before the long series
    expect(intervalFirstDay(long.froms[4], 'month')).toBe(long.froms[4]);
    expect(intervalLastDay(long.froms[4], 'month')).toBe(long.dates[4]);
  });
});
