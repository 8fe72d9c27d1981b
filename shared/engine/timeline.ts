/**
 * One invoiced subscription's MRR over time (METRICS.md section 3): steps of lines,
 * prorations, cancellations under both churn recognition settings, auto-churn and restarts.
 */
import { convert, type Decimal } from '../money.ts';
import type { ProrationType } from '../templates/specs/line-items.ts';
import type { Settings } from '../templates/settings.ts';
import { DAY_MS } from '../time.ts';
import type { ChangePoint } from './types.ts';

/** A subscription line already priced by lineMrr. */
export interface PricedLine {
  start: number;
  end: number;
  prorated: boolean;
  prorationType: ProrationType;
  quantity: number;
  /** line MRR in the invoice currency, whole cents (converted by the walk, section 2) */
  own: number;
  planId: string;
  amount: number;
  eventOrder: number | null;
  /** Input order, the last tie-break. */
  seq: number;
}

export interface WalkedTimeline {
  points: ChangePoint[];
  startedAt: number | null;
  paidThrough: number | null;
  planId: string | null;
  active: boolean;
  lastChurn: number | null;
}

/** The rate in force at an instant, for a subscription billed in another currency than the base. */
export type RateAt = (t: number) => Decimal;

export function compareLines(a: PricedLine, b: PricedLine): number {
  return (
    a.start - b.start ||
    (a.eventOrder ?? Infinity) - (b.eventOrder ?? Infinity) ||
    a.seq - b.seq
  );
}

/** Sorts in place by compareLines, skipping the sort when lines already come in order (usual). */
function inOrder(lines: PricedLine[]): PricedLine[] {
  for (let i = 1; i < lines.length; i++) {
    if (compareLines(lines[i - 1], lines[i]) > 0) return lines.sort(compareLines);
  }
  return lines;
}

/**
 * The churn instants of explicit cancellations: at C, or with service_period_end recognition
 * at the end of the latest line that started before C when that is later.
 * `sorted` lines must be in compareLines order.
 */
export function cancellationChurns(
  sorted: readonly PricedLine[],
  cancellations: readonly number[],
  recognition: Settings['churn_recognition'],
): number[] {
  return cancellations.map((c) => {
    if (recognition === 'cancellation') return c;
    let latest: PricedLine | null = null;
    for (const line of sorted) {
      if (line.start >= c) break;
      latest = line;
    }
    return latest !== null && latest.end > c ? latest.end : c;
  });
}

export function walkTimeline(
  lines: readonly PricedLine[],
  cancellations: readonly number[],
  settings: Pick<Settings, 'churn_recognition' | 'auto_churn'>,
  asOfEnd: number,
  foreignRate: RateAt | null = null,
): WalkedTimeline {
  const sorted = inOrder(lines.every((l) => l.start <= asOfEnd) ? [...lines] : lines.filter((l) => l.start <= asOfEnd));
  const churns =
    cancellations.length === 0
      ? cancellations
      : cancellationChurns(sorted, cancellations, settings.churn_recognition)
          .filter((t) => t <= asOfEnd)
          .sort((a, b) => a - b);

  const points: ChangePoint[] = [];
  let mrr = 0;
  let own = 0;
  let quantity = 0;
  let active = false;
  let paidThrough: number | null = null;
  let startedAt: number | null = null;
  let lastChurn: number | null = null;
  let planId: string | null = null;
  let planFromRenewal = false;
  let planInForce: string | null = null;
  let nextChurn = 0;
  let autoChurnAt: number | null = null;
  // A foreign-currency state keeps its own-currency MRR per rate its lines were priced at: lines
  // at one rate add up in whole own-currency cents and convert once (METRICS.md section 2). A
  // movement prices the whole state before and after a change at the rate in force then
  // (section 4), so at a constant rate movements equal the MRR change exactly, and a renewal at
  // an unchanged price moves nothing.
  let byRate: { rate: Decimal; own: number }[] = [];
  const addOwn = (line: PricedLine) => {
    const rate = foreignRate!(line.start);
    const group = byRate.find((g) => g.rate.num === rate.num && g.rate.den === rate.den);
    if (group) group.own += line.own;
    else byRate.push({ rate, own: line.own });
  };
  const pricedAt = (t: number): number => (foreignRate === null ? mrr : convert(own, foreignRate(t)));

  const churn = (t: number) => {
    if (!active) return;
    const move = -pricedAt(t);
    mrr = 0;
    own = 0;
    byRate = [];
    quantity = 0;
    active = false;
    lastChurn = t;
    points.push({ t, mrr: 0, own: 0, move, quantity: 0, active: false, planId: planInForce });
  };
  /** Churns (explicit and automatic) strictly before t, in time order. */
  const churnBefore = (t: number) => {
    for (;;) {
      const explicit = nextChurn < churns.length && churns[nextChurn] < t ? churns[nextChurn] : Infinity;
      const auto = autoChurnAt !== null && autoChurnAt < t ? autoChurnAt : Infinity;
      if (explicit === Infinity && auto === Infinity) return;
      if (explicit <= auto) {
        churn(explicit);
        nextChurn++;
      } else {
        churn(auto);
        autoChurnAt = null;
      }
    }
  };

  let i = 0;
  while (i < sorted.length) {
    const first = sorted[i];
    let j = i + 1;
    while (j < sorted.length && sorted[j].start === first.start && sorted[j].eventOrder === first.eventOrder) j++;
    churnBefore(first.start);
    const before = pricedAt(first.start);

    // 1. non-prorated lines replace the state; 2. prorated lines adjust it, by type.
    let renewal = false;
    let stepRenewalPlan: string | null = null;
    let stepProratedPlan: string | null = null;
    for (let k = i; k < j; k++) {
      const line = sorted[k];
      if (line.prorated) continue;
      if (!renewal) {
        own = 0;
        byRate = [];
        quantity = 0;
        renewal = true;
      }
      own += line.own;
      if (foreignRate !== null) addOwn(line);
      quantity += line.quantity;
      planId = line.planId;
      planFromRenewal = true;
      stepRenewalPlan = line.planId;
    }
    for (let k = i; k < j; k++) {
      const line = sorted[k];
      if (!line.prorated) continue;
      if (line.prorationType === 'full') {
        own = line.own;
        byRate = [];
        quantity = line.quantity;
      } else {
        own += line.own;
        quantity = line.prorationType === 'differential' ? quantity + line.quantity : line.quantity;
      }
      if (foreignRate !== null) addOwn(line);
      if (!planFromRenewal && line.amount > 0) planId = line.planId;
      if (line.amount > 0) stepProratedPlan = line.planId;
    }
    // MRR never goes below 0 (section 3); nothing left in its own currency is nothing in any.
    if (own <= 0) {
      own = 0;
      byRate = [];
    }
    mrr = foreignRate === null ? own : Math.max(0, byRate.reduce((sum, g) => sum + convert(g.own, g.rate), 0));
    for (let k = i; k < j; k++) {
      if (paidThrough === null || sorted[k].end > paidThrough) paidThrough = sorted[k].end;
    }
    // The plan in force: the step's own plan (its renewal's, else its positive prorated line's);
    // a step of credits alone leaves the plan it adjusts.
    planInForce = stepRenewalPlan ?? stepProratedPlan ?? planInForce ?? first.planId;
    active = true;
    startedAt ??= first.start;
    points.push({ t: first.start, mrr, own, move: pricedAt(first.start) - before, quantity, active: true, planId: planInForce });

    // Auto-churn: the paid period ran out and no line started by the churn instant.
    autoChurnAt = null;
    if (settings.auto_churn !== null) {
      const at = paidThrough! + (settings.auto_churn === 'missing_renewal' ? 0 : settings.auto_churn * DAY_MS);
      const next = j < sorted.length ? sorted[j].start : Infinity;
      if (next > at && at <= asOfEnd) autoChurnAt = at;
    }
    i = j;
  }
  churnBefore(Infinity);
  return { points, startedAt, paidThrough, planId, active, lastChurn };
}
