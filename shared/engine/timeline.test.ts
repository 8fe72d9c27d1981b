/** METRICS.md section 3: one subscription's MRR over time. */
import { describe, expect, it } from 'vitest';
import type { Settings } from '../templates/settings.ts';
import { DAY_MS, endOfDay, formatInstant } from '../time.ts';
import { cancellationChurns, compareLines, walkTimeline, type PricedLine } from './timeline.ts';
import { DataBuilder, moves, run, sub, t } from './test-builders.test-util.ts';

let seq = 0;
function line(start: string, end: string, mrr: number, o: Partial<PricedLine> = {}): PricedLine {
  return {
    start: t(start), end: t(end), prorated: false, prorationType: 'differential', quantity: 1, own: mrr,
    planId: 'm', amount: mrr, eventOrder: null, seq: seq++, ...o,
  };
}
const pro = (start: string, end: string, mrr: number, o: Partial<PricedLine> = {}) =>
  line(start, end, mrr, { prorated: true, amount: mrr, ...o });

type Opts = Pick<Settings, 'churn_recognition' | 'auto_churn'>;
const DEFAULT: Opts = { churn_recognition: 'cancellation', auto_churn: null };

function walk(lines: PricedLine[], cancels: string[] = [], asOf = '2030-01-01', o: Partial<Opts> = {}) {
  return walkTimeline(lines, cancels.map(t), { ...DEFAULT, ...o }, endOfDay(t(asOf)));
}
/** Points as [instant, mrr, quantity, active]; midnight instants as dates. */
function pts(w: ReturnType<typeof walk>) {
  return w.points.map((p) => [
    p.t % DAY_MS === 0 ? formatInstant(p.t).slice(0, 10) : formatInstant(p.t), p.mrr, p.quantity, p.active,
  ]);
}

describe('steps and proration types', () => {
  it('non-prorated lines of one step replace the state: sums of MRR and quantity', () => {
    const w = walk([
      line('2024-01-01', '2024-02-01', 1000, { quantity: 2 }),
      line('2024-02-01', '2024-03-01', 700, { quantity: 1 }),
      line('2024-02-01', '2024-03-01', 300, { quantity: 4 }),
    ]);
    expect(pts(w)).toEqual([
      ['2024-01-01', 1000, 2, true],
      ['2024-02-01', 1000, 5, true],
    ]);
    expect(w.paidThrough).toBe(t('2024-03-01'));
  });

  it('differential adds MRR and quantity', () => {
    const w = walk([
      line('2024-01-01', '2024-02-01', 1000, { quantity: 2 }),
      pro('2024-01-16', '2024-02-01', 500, { quantity: 3 }),
    ]);
    expect(pts(w).at(-1)).toEqual(['2024-01-16', 1500, 5, true]);
  });

  it('full replaces MRR and quantity', () => {
    const w = walk([
      line('2024-01-01', '2024-02-01', 1000, { quantity: 2 }),
      pro('2024-01-16', '2024-02-01', 2500, { quantity: 3, prorationType: 'full' }),
    ]);
    expect(pts(w).at(-1)).toEqual(['2024-01-16', 2500, 3, true]);
  });

  it('differential_mrr adds MRR and sets quantity', () => {
    const w = walk([
      line('2024-01-01', '2024-02-01', 1000, { quantity: 2 }),
      pro('2024-01-16', '2024-02-01', 500, { quantity: 3, prorationType: 'differential_mrr' }),
    ]);
    expect(pts(w).at(-1)).toEqual(['2024-01-16', 1500, 3, true]);
  });

  it('a differential downgrade with a negative line subtracts; negative quantities too', () => {
    const w = walk([
      line('2024-01-01', '2024-02-01', 3000, { quantity: 3 }),
      pro('2024-01-16', '2024-02-01', -1000, { quantity: -1 }),
    ]);
    expect(pts(w).at(-1)).toEqual(['2024-01-16', 2000, 2, true]);
  });

  it('MRR never goes below 0: a negative credit larger than the MRR clamps at 0 and stays active', () => {
    const w = walk([
      line('2024-01-01', '2024-02-01', 1000),
      pro('2024-01-16', '2024-02-01', -2500, { quantity: -1 }),
      pro('2024-01-20', '2024-02-01', 400),
    ]);
    expect(pts(w)).toEqual([
      ['2024-01-01', 1000, 1, true],
      ['2024-01-16', 0, 0, true],
      ['2024-01-20', 400, 1, true],
    ]);
  });

  it('in one step, non-prorated lines come first whatever the row order, then prorated lines in row order', () => {
    const w = walk([
      pro('2024-02-01', '2024-03-01', 200, { quantity: 1 }),
      line('2024-02-01', '2024-03-01', 1000, { quantity: 1 }),
      pro('2024-02-01', '2024-03-01', 5000, { quantity: 7, prorationType: 'full' }),
      pro('2024-02-01', '2024-03-01', 300, { quantity: 2, prorationType: 'differential_mrr' }),
    ]);
    // 1000 (renewal), +200 → 1200, full → 5000 q7, +300 q2
    expect(pts(w)).toEqual([['2024-02-01', 5300, 2, true]]);
  });

  it('a prorated line alone starts a subscription from 0', () => {
    const w = walk([pro('2024-01-16', '2024-02-01', 800, { quantity: 2 })]);
    expect(pts(w)).toEqual([['2024-01-16', 800, 2, true]]);
    expect(w.startedAt).toBe(t('2024-01-16'));
  });

  it('paid_through is the latest service_period_end seen so far, not the last line’s', () => {
    const w = walk([
      line('2024-01-01', '2025-01-01', 1000),
      pro('2024-03-01', '2024-04-01', 100),
    ]);
    expect(w.paidThrough).toBe(t('2025-01-01'));
  });
});

describe('ties at one instant', () => {
  it('sorting: start, then event_order (missing last), then row order', () => {
    const a = line('2024-01-01', '2024-02-01', 1, { eventOrder: null, seq: 0 });
    const b = line('2024-01-01', '2024-02-01', 2, { eventOrder: 5, seq: 1 });
    const c = line('2024-01-01', '2024-02-01', 3, { eventOrder: -2, seq: 2 });
    const d = line('2023-12-31', '2024-02-01', 4, { eventOrder: null, seq: 3 });
    const e = line('2024-01-01', '2024-02-01', 5, { eventOrder: null, seq: 4 });
    expect([a, b, c, d, e].sort(compareLines).map((l) => l.own)).toEqual([4, 3, 2, 1, 5]);
  });

  it('lines with the same start but different event orders are separate steps at one instant', () => {
    const w = walk([
      line('2024-01-01', '2024-02-01', 1000, { quantity: 1 }),
      // event 2: a plan change replacing the state; event 1: a differential add-on before it
      line('2024-02-01', '2024-03-01', 3000, { quantity: 3, eventOrder: 2 }),
      pro('2024-02-01', '2024-03-01', 500, { quantity: 1, eventOrder: 1 }),
    ]);
    expect(pts(w)).toEqual([
      ['2024-01-01', 1000, 1, true],
      ['2024-02-01', 1500, 2, true],
      ['2024-02-01', 3000, 3, true],
    ]);
  });

  it('a line with no event order comes after the ordered ones at the same start', () => {
    const w = walk([
      line('2024-01-01', '2024-02-01', 1000),
      pro('2024-02-01', '2024-03-01', 500), // missing order: last
      line('2024-02-01', '2024-03-01', 2000, { eventOrder: 7 }),
    ]);
    expect(pts(w).map((p) => p[1])).toEqual([1000, 2000, 2500]);
  });

  it('a cancellation at the same instant as a line start: the line does not start after it, so it churns', () => {
    const w = walk(
      [line('2024-01-01', '2024-02-01', 1000), line('2024-02-01', '2024-03-01', 1000)],
      ['2024-02-01'],
    );
    expect(pts(w)).toEqual([
      ['2024-01-01', 1000, 1, true],
      ['2024-02-01', 1000, 1, true],
      ['2024-02-01', 0, 0, false],
    ]);
    expect(w.active).toBe(false);
    expect(w.lastChurn).toBe(t('2024-02-01'));
  });
});

describe('cancellations and churn recognition', () => {
  const lines = () => [line('2024-01-01', '2024-02-01', 1000), line('2024-02-01', '2024-03-01', 1000)];

  it('"cancellation": churn at the cancellation instant', () => {
    const w = walk(lines(), ['2024-02-10T08:00:00Z']);
    expect(pts(w).at(-1)).toEqual(['2024-02-10T08:00:00.000Z', 0, 0, false]);
  });

  it('"service_period_end": churn at the end of the latest line started before C when later than C', () => {
    const w = walk(lines(), ['2024-02-10T08:00:00Z'], '2024-12-31', { churn_recognition: 'service_period_end' });
    expect(pts(w).at(-1)).toEqual(['2024-03-01', 0, 0, false]);
  });

  it('"service_period_end": at C when the period already ended (C after paid_through)', () => {
    const w = walk(lines(), ['2024-03-10'], '2024-12-31', { churn_recognition: 'service_period_end' });
    expect(pts(w).at(-1)).toEqual(['2024-03-10', 0, 0, false]);
  });

  it('"service_period_end": a line starting exactly at C is not "before C"', () => {
    // C = Feb 1: the latest line started before C is Jan 1 → Feb 1, whose end is not later
    // than C, so the churn is at C (and the renewal starting at C does not restart it)
    expect(cancellationChurns(lines().sort(compareLines), [t('2024-02-01')], 'service_period_end')).toEqual([
      t('2024-02-01'),
    ]);
    // one millisecond later, the renewal has started before C: churn at its end
    expect(cancellationChurns(lines().sort(compareLines), [t('2024-02-01') + 1], 'service_period_end')).toEqual([
      t('2024-03-01'),
    ]);
  });

  it('"service_period_end": a churn instant after as-of has not happened', () => {
    const w = walk(lines(), ['2024-02-10'], '2024-02-20', { churn_recognition: 'service_period_end' });
    expect(w.active).toBe(true);
    expect(pts(w).at(-1)).toEqual(['2024-02-01', 1000, 1, true]);
  });

  it('a cancellation before any line does nothing; a line after a churn restarts the subscription', () => {
    const w = walk(
      [line('2024-01-01', '2024-02-01', 1000), line('2024-04-01', '2024-05-01', 1200)],
      ['2023-12-01', '2024-01-20'],
    );
    expect(pts(w)).toEqual([
      ['2024-01-01', 1000, 1, true],
      ['2024-01-20', 0, 0, false],
      ['2024-04-01', 1200, 1, true],
    ]);
    expect(w.active).toBe(true);
    expect(w.startedAt).toBe(t('2024-01-01'));
  });

  it('a differential line after a churn starts again from 0', () => {
    const w = walk([line('2024-01-01', '2024-02-01', 1000), pro('2024-01-25', '2024-02-01', 300)], ['2024-01-20']);
    expect(pts(w).at(-1)).toEqual(['2024-01-25', 300, 1, true]);
  });

  it('two cancellations: the second one (after a restart) churns again', () => {
    const w = walk(
      [line('2024-01-01', '2024-02-01', 1000), line('2024-03-01', '2024-04-01', 1000)],
      ['2024-01-15', '2024-03-15'],
    );
    expect(pts(w).map((p) => p[0])).toEqual(['2024-01-01', '2024-01-15', '2024-03-01', '2024-03-15']);
    expect(w.lastChurn).toBe(t('2024-03-15'));
  });

  it('lines starting after as-of are left out', () => {
    const w = walk([line('2024-01-01', '2024-02-01', 1000), line('2024-02-01', '2024-03-01', 5000)], [], '2024-01-31');
    expect(pts(w)).toEqual([['2024-01-01', 1000, 1, true]]);
    expect(w.paidThrough).toBe(t('2024-02-01'));
  });
});

describe('auto-churn', () => {
  const lines = () => [line('2024-01-01', '2024-02-01', 1000), line('2024-02-10', '2024-03-10', 1000)];

  it('null: never churns, however late the renewal', () => {
    expect(pts(walk(lines(), [], '2024-12-31')).map((p) => p[1])).toEqual([1000, 1000]);
  });

  it('missing_renewal: churn at paid_through, then reactivation by the late renewal', () => {
    const w = walk(lines(), [], '2024-12-31', { auto_churn: 'missing_renewal' });
    expect(pts(w)).toEqual([
      ['2024-01-01', 1000, 1, true],
      ['2024-02-01', 0, 0, false],
      ['2024-02-10', 1000, 1, true],
      ['2024-03-10', 0, 0, false],
    ]);
  });

  it('N days: churn at paid_through + N days unless a line starts by then', () => {
    expect(pts(walk(lines(), [], '2024-12-31', { auto_churn: 9 })).map((p) => p[0])).toEqual([
      '2024-01-01', '2024-02-10', '2024-03-19',
    ]);
    expect(pts(walk(lines(), [], '2024-12-31', { auto_churn: 8 })).map((p) => p[0])).toEqual([
      '2024-01-01', '2024-02-09', '2024-02-10', '2024-03-18',
    ]);
  });

  it('a renewal starting exactly at the churn instant meets it', () => {
    const w = walk(
      [line('2024-01-01', '2024-02-01', 1000), line('2024-02-01', '2024-03-01', 1000)],
      [], '2024-02-20', { auto_churn: 'missing_renewal' },
    );
    expect(w.points.every((p) => p.active)).toBe(true);
  });

  it('an auto-churn whose instant is after as-of has not happened yet', () => {
    const w = walk(lines(), [], '2024-03-15', { auto_churn: 7 });
    expect(w.active).toBe(true); // churn would be 2024-03-17
    expect(walk(lines(), [], '2024-03-17', { auto_churn: 7 }).active).toBe(false);
    expect(walk(lines(), [], '2024-03-16', { auto_churn: 7 }).active).toBe(true);
  });

  it('a renewal after as-of does not prevent an auto-churn that already happened', () => {
    const w = walk(lines(), [], '2024-02-05', { auto_churn: 'missing_renewal' });
    expect(pts(w).at(-1)).toEqual(['2024-02-01', 0, 0, false]);
  });

  it('paid_through counts every line so far: a short prorated line does not bring it forward', () => {
    const w = walk(
      [line('2024-01-01', '2024-03-01', 1000), pro('2024-01-10', '2024-02-01', 100)],
      [], '2024-12-31', { auto_churn: 'missing_renewal' },
    );
    expect(pts(w).at(-1)).toEqual(['2024-03-01', 0, 0, false]);
  });

  it('an explicit cancellation before the auto-churn wins; no double churn', () => {
    const w = walk(
      [line('2024-01-01', '2024-02-01', 1000)],
      ['2024-01-20'], '2024-12-31', { auto_churn: 'missing_renewal' },
    );
    expect(pts(w).map((p) => p[0])).toEqual(['2024-01-01', '2024-01-20']);
  });
});

describe('plan of a subscription', () => {
  it('is the plan of its latest non-prorated line', () => {
    const w = walk([
      line('2024-01-01', '2024-02-01', 1000, { planId: 'basic' }),
      line('2024-02-01', '2024-03-01', 2000, { planId: 'pro' }),
      pro('2024-02-15', '2024-03-01', 900, { planId: 'enterprise' }),
    ]);
    expect(w.planId).toBe('pro');
  });

  it('or of its latest positive prorated line when it has none', () => {
    const w = walk([
      pro('2024-01-10', '2024-02-01', 1000, { planId: 'a' }),
      pro('2024-01-15', '2024-02-01', 500, { planId: 'b' }),
      pro('2024-01-20', '2024-02-01', -200, { planId: 'c' }),
    ]);
    expect(w.planId).toBe('b');
  });
});

describe('statuses through the report (section 5)', () => {
  const data = () =>
    new DataBuilder()
      .sub('c', 's', 'm', 1000, '2024-01-01', '2024-02-01')
      .sub('c', 's', 'm', 1000, '2024-02-01', '2024-03-01')
      .build();

  it('active while paid_through is after as-of; past due from the day paid_through <= as-of, MRR still counting', () => {
    const active = run(data(), { asOf: '2024-02-29' });
    expect(sub(active, 's')).toMatchObject({ status: 'active', mrr: 1000, paid_through: '2024-03-01' });
    const pastDue = run(data(), { asOf: '2024-03-01' });
    expect(sub(pastDue, 's')).toMatchObject({ status: 'past_due', mrr: 1000, cancelled_at: null });
    expect(pastDue.customers[0]).toMatchObject({ status: 'Past due', mrr: 1000 });
    expect(pastDue.series.at(-1)!.mrr).toBe(1000);
  });

  it('paid_through with a time: past due only once the instant is <= the end of as-of', () => {
    const d = new DataBuilder().sub('c', 's', 'm', 1000, '2024-01-01T12:00:00Z', '2024-02-01T12:00:00Z').build();
    expect(sub(run(d, { asOf: '2024-01-31' }), 's').status).toBe('active');
    expect(sub(run(d, { asOf: '2024-02-01' }), 's').status).toBe('past_due');
  });

  it('paid_through at the very last millisecond of as-of is past due (paid_through <= end of as-of)', () => {
    const d = new DataBuilder().sub('c', 's', 'm', 1000, '2024-01-01', '2024-01-31T23:59:59.999Z').build();
    expect(sub(run(d, { asOf: '2024-01-31' }), 's').status).toBe('past_due');
    expect(sub(run(d, { asOf: '2024-01-30' }), 's').status).toBe('active');
  });

  it('cancelled: latest churn <= as-of and no line starting after it; a restart makes it active again', () => {
    const d = data();
    d.cancellations.push({ row: 2, customerExternalId: null, subscriptionExternalId: 's', cancelledAt: t('2024-02-15') });
    const r = run(d, { asOf: '2024-02-20' });
    expect(sub(r, 's')).toMatchObject({ status: 'cancelled', mrr: 0, quantity: 0, cancelled_at: '2024-02-15' });
    expect(r.customers[0].status).toBe('Cancelled');
    // before the cancellation
    expect(sub(run(d, { asOf: '2024-02-14' }), 's').status).toBe('active');
  });

  it('late renewal with auto_churn shows churn, then reactivation', () => {
    const d = new DataBuilder()
      .sub('c', 's', 'm', 1000, '2024-01-01', '2024-02-01')
      .sub('c', 's', 'm', 1000, '2024-02-20', '2024-03-20')
      .build();
    const r = run(d, { asOf: '2024-03-10', auto_churn: 'missing_renewal' });
    expect(moves(r)).toEqual([
      ['2024-01-01', 's', 'new_biz', 1000],
      ['2024-02-01', 's', 'churn', -1000],
      ['2024-02-20', 's', 'reactivation', 1000],
    ]);
    expect(sub(r, 's')).toMatchObject({ status: 'active', started_at: '2024-01-01', cancelled_at: null });
    // with a 30-day grace the renewal is in time
    expect(moves(run(d, { asOf: '2024-03-10', auto_churn: 30 })).map((m) => m[2])).toEqual(['new_biz']);
    // as of 2024-02-10 the renewal has not started: churned (missing renewal) or past due (null)
    expect(sub(run(d, { asOf: '2024-02-10', auto_churn: 'missing_renewal' }), 's').status).toBe('cancelled');
    expect(sub(run(d, { asOf: '2024-02-10' }), 's').status).toBe('past_due');
    // with 15 days the churn would be 2024-02-16: not yet happened on 02-15
    expect(sub(run(d, { asOf: '2024-02-15', auto_churn: 15 }), 's').status).toBe('past_due');
    expect(sub(run(d, { asOf: '2024-02-16', auto_churn: 15 }), 's').status).toBe('cancelled');
  });

  it('churn_recognition service_period_end keeps the subscription until the paid period ends', () => {
    const d = data();
    d.cancellations.push({ row: 2, customerExternalId: null, subscriptionExternalId: 's', cancelledAt: t('2024-02-15') });
    const r = run(d, { asOf: '2024-02-20', churn_recognition: 'service_period_end' });
    expect(sub(r, 's').status).toBe('active');
    const later = run(d, { asOf: '2024-03-05', churn_recognition: 'service_period_end' });
    expect(sub(later, 's')).toMatchObject({ status: 'cancelled', cancelled_at: '2024-03-01' });
    expect(moves(later).at(-1)).toEqual(['2024-03-01', 's', 'churn', -1000]);
  });

  it('a subscription with no line started by as-of is not in the report', () => {
    const r = run(data(), { asOf: '2023-12-31', start: '2023-12-01' });
    expect(r.subscriptions).toEqual([]);
    expect(r.customers[0].status).toBe('Lead');
  });
});

describe('the plan in force at each change point (METRICS.md sections 3 and 11)', () => {
  const plans = (w: ReturnType<typeof walk>) => w.points.map((p) => [formatInstant(p.t).slice(0, 10), p.planId]);

  it('is the plan of the step that set the state; a churn keeps it', () => {
    const w = walk([
      line('2024-01-01', '2024-02-01', 500, { planId: 'basic' }),
      line('2024-02-01', '2024-03-01', 1200, { planId: 'pro' }),
    ], ['2024-02-20']);
    expect(plans(w)).toEqual([['2024-01-01', 'basic'], ['2024-02-01', 'pro'], ['2024-02-20', 'pro']]);
  });

  it('a mid-cycle upgrade takes the positive prorated line\'s plan; a credit alone keeps the plan', () => {
    const w = walk([
      line('2024-01-01', '2024-02-01', 500, { planId: 'basic' }),
      pro('2024-01-16', '2024-02-01', -250, { planId: 'basic' }),
      pro('2024-01-16', '2024-02-01', 600, { planId: 'pro' }),
      pro('2024-01-20', '2024-02-01', -100, { planId: 'pro' }),
      line('2024-02-01', '2024-03-01', 400, { planId: 'basic' }),
    ]);
    expect(plans(w)).toEqual([
      ['2024-01-01', 'basic'], ['2024-01-16', 'pro'], ['2024-01-20', 'pro'], ['2024-02-01', 'basic'],
    ]);
    // The subscription's own plan stays section 3's: its latest non-prorated line's.
    expect(w.planId).toBe('basic');
  });

  it('a restart after churn is in force on its own plan; auto-churn keeps the last plan', () => {
    const w = walk([
      line('2024-01-01', '2024-02-01', 500, { planId: 'a' }),
      line('2024-04-01', '2024-05-01', 900, { planId: 'b' }),
    ], [], '2024-12-31', { auto_churn: 'missing_renewal' });
    expect(plans(w)).toEqual([['2024-01-01', 'a'], ['2024-02-01', 'a'], ['2024-04-01', 'b'], ['2024-05-01', 'b']]);
  });
});
