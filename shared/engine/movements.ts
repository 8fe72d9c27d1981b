/**
 * MRR movements of one customer (METRICS.md section 4): change points of all its
 * subscriptions, grouped by instant into events, clustered by smart grouping, classified
 * into new business, expansion, contraction, churn and reactivation, with exchange-rate
 * impact split off for foreign-currency subscriptions.
 *
 * Under a segment's plan conditions (section 11) the same walk classifies on the whole
 * customer and emits what falls inside the segment: a subscription counts while its plan in
 * force matches, and crossing the boundary with MRR on both sides is segment_entry or
 * segment_exit instead of section 4's movement.
 */
import { DAY_MS } from '../time.ts';
import type { CustomerState, FxImpact, Movement, MovementType, SubscriptionTimeline } from './types.ts';

interface Delta {
  t: number;
  sub: number;
  base: number;
  move: number;
  active: boolean;
  quantity: number;
  planId: string | null;
  /** In the segment after this point (segment walks only). */
  inAfter: boolean;
  /** The subscription's MRR, segment membership and plan before this point (set when applied, segment walks). */
  mrrBefore: number;
  inBefore: boolean;
  planBefore: string | null;
}

/** Net movement and fx per subscription, in ascending subscription index order, and its plan after. */
interface Nets {
  subs: number[];
  move: number[];
  fx: number[];
  planId: (string | null)[];
}

/** One instant's outcome; its net deltas are deltas[from, to), one per subscription. */
interface EventOutcome {
  t: number;
  from: number;
  to: number;
  before: number;
  after: number;
  everPositiveBefore: boolean;
  anyActiveAfter: boolean;
  /** The customer's MRR inside the segment around the event (segment walks only). */
  segmentBefore: number;
  segmentAfter: number;
}

/** Net movement and fx per subscription over several events of a cluster. */
function mergeNets(deltas: readonly Delta[], events: readonly EventOutcome[]): Nets {
  const bySub = new Map<number, { move: number; fx: number; planId: string | null }>();
  for (const e of events) {
    for (let i = e.from; i < e.to; i++) {
      const d = deltas[i];
      const m = bySub.get(d.sub) ?? { move: 0, fx: 0, planId: null };
      m.move += d.move;
      m.fx += d.base - d.move;
      m.planId = d.planId;
      bySub.set(d.sub, m);
    }
  }
  const subs = [...bySub.keys()].sort((a, b) => a - b);
  return {
    subs, move: subs.map((s) => bySub.get(s)!.move), fx: subs.map((s) => bySub.get(s)!.fx),
    planId: subs.map((s) => bySub.get(s)!.planId),
  };
}

export interface CustomerMovements {
  movements: Movement[];
  fx: FxImpact[];
  states: CustomerState[];
}

/** Whether the plan in force keeps a subscription in the segment (section 11). */
export type InSegment = (planId: string | null) => boolean;

/**
 * Each change point's MRR change and movement (the rest of the change is exchange-rate impact).
 * In a segment walk, a point that only moves the subscription across the segment's boundary
 * is kept too.
 */
function collectDeltas(subs: readonly SubscriptionTimeline[], inSegment: InSegment | null): Delta[] {
  const deltas: Delta[] = [];
  subs.forEach((sub, index) => {
    let mrr = 0;
    let active = false;
    let quantity = 0;
    let inside = false;
    for (const p of sub.points) {
      const base = p.mrr - mrr;
      const move = p.move;
      const inAfter = inSegment !== null && inSegment(p.planId);
      if (base !== 0 || move !== 0 || p.active !== active || p.quantity !== quantity || inAfter !== inside) {
        deltas.push({
          t: p.t, sub: index, base, move, active: p.active, quantity: p.quantity, planId: p.planId, inAfter,
          mrrBefore: 0, inBefore: false, planBefore: null,
        });
      }
      mrr = p.mrr;
      active = p.active;
      quantity = p.quantity;
      inside = inAfter;
    }
  });
  deltas.sort((a, b) => a.t - b.t || a.sub - b.sub);
  // Two steps of one subscription at one instant make one net delta.
  let kept = 0;
  for (const d of deltas) {
    const last = kept > 0 ? deltas[kept - 1] : null;
    if (last && last.t === d.t && last.sub === d.sub) {
      last.base += d.base;
      last.move += d.move;
      last.active = d.active;
      last.quantity = d.quantity;
      last.planId = d.planId;
      last.inAfter = d.inAfter;
    } else {
      deltas[kept++] = d;
    }
  }
  deltas.length = kept;
  return deltas;
}

export function customerMovements(
  customerId: string,
  subs: readonly SubscriptionTimeline[],
  windowMinutes: number,
  /** Narrows the output to a segment's plan conditions; classification stays the whole customer's. */
  inSegment: InSegment | null = null,
): CustomerMovements {
  const deltas = collectDeltas(subs, inSegment);
  const segment = inSegment !== null;
  const movements: Movement[] = [];
  const fx: FxImpact[] = [];
  const states: CustomerState[] = [];
  const mrr = new Array<number>(subs.length).fill(0);
  const active = new Array<boolean>(subs.length).fill(false);
  const quantity = new Array<number>(subs.length).fill(0);
  const inside = new Array<boolean>(subs.length).fill(false);
  const planOf = new Array<string | null>(subs.length).fill(null);
  let total = 0;
  let segmentTotal = 0;
  let everPositive = false;
  const windowMs = windowMinutes * 60_000;

  /** Applies the deltas of one instant and records what the series needs. */
  function applyEvent(from: number, to: number): EventOutcome {
    const t = deltas[from].t;
    const before = total;
    const segmentBefore = segmentTotal;
    const everPositiveBefore = everPositive;
    for (let i = from; i < to; i++) {
      const d = deltas[i];
      if (segment) {
        d.mrrBefore = mrr[d.sub];
        d.inBefore = inside[d.sub];
        d.planBefore = planOf[d.sub];
        planOf[d.sub] = d.planId;
        segmentTotal += (d.inAfter ? d.mrrBefore + d.base : 0) - (d.inBefore ? d.mrrBefore : 0);
        inside[d.sub] = d.inAfter;
      } else if (d.base !== d.move) {
        fx.push({ t, customerId, subscriptionId: subs[d.sub].id, amount: d.base - d.move });
      }
      mrr[d.sub] += d.base;
      total += d.base;
      active[d.sub] = d.active;
      quantity[d.sub] = d.quantity;
    }
    if (total > 0) everPositive = true;
    const anyActiveAfter = active.some(Boolean);
    states.push(segment ? customerState(t, segmentTotal, everPositive, inside) : customerState(t, total, everPositive && anyActiveAfter, null));
    return {
      t, from, to, before, after: total, everPositiveBefore, anyActiveAfter, segmentBefore, segmentAfter: segmentTotal,
    };
  }

  /**
   * The customer's state: counted when it had MRR and has an active subscription (in the
   * segment, when `within` says which are); subscriptions and quantity over those.
   */
  function customerState(t: number, mrrNow: number, counted: boolean, within: readonly boolean[] | null): CustomerState {
    if (!counted) return { t, mrr: mrrNow, counted, subscriptions: 0, quantity: 0 };
    let subscriptions = 0;
    let qty = 0;
    let sets: Set<string> | null = null;
    for (let i = 0; i < subs.length; i++) {
      if (!active[i] || (within !== null && !within[i])) continue;
      qty += quantity[i];
      const set = subs[i].setId;
      if (set === null) subscriptions++;
      else if (!(sets ??= new Set()).has(set)) {
        sets.add(set);
        subscriptions++;
      }
    }
    if (within !== null && subscriptions === 0) return { t, mrr: mrrNow, counted: false, subscriptions: 0, quantity: 0 };
    return { t, mrr: mrrNow, counted, subscriptions, quantity: qty };
  }

  function movement(t: number, sub: number, type: MovementType, amount: number, after: number, planId: string | null): Movement {
    const m: Movement = { t, customerId, subscriptionId: subs[sub].id, type, amount, customerMrrAfter: after, planId };
    movements.push(m);
    return m;
  }

  function emit(t: number, nets: Nets, typeOf: (move: number) => MovementType, before: number, after: number): void {
    let running = before;
    let last: Movement | null = null;
    for (let k = 0; k < nets.subs.length; k++) {
      const move = nets.move[k];
      running += move + nets.fx[k];
      if (move === 0) continue;
      last = movement(t, nets.subs[k], typeOf(move), move, running, nets.planId[k]);
    }
    if (last) last.customerMrrAfter = after;
  }

  /** Section 4's type of a movement in an event classified on its own (null: by its sign). */
  function fixedType(e: EventOutcome): MovementType | null {
    return e.before === 0 && e.after > 0
      ? e.everPositiveBefore ? 'reactivation' : 'new_biz'
      : e.after === 0 && e.before > 0 && !e.anyActiveAfter ? 'churn' : null;
  }

  function classifyEvent(e: EventOutcome): void {
    const fixed = fixedType(e);
    let running = e.before;
    let last: Movement | null = null;
    for (let i = e.from; i < e.to; i++) {
      const d = deltas[i];
      running += d.base;
      if (d.move === 0) continue;
      last = movement(e.t, d.sub, fixed ?? (d.move > 0 ? 'expansion' : 'contraction'), d.move, running, d.planId);
    }
    if (last) last.customerMrrAfter = e.after;
  }

  /**
   * One subscription's change inside the segment (section 11), from its first to its last delta
   * of an event or merged cluster: section 4's movement while in the segment on both sides or
   * when entering from 0 or leaving to 0 (with its fx impact), else segment_entry or segment_exit.
   * Returns the change of the segment's MRR.
   */
  function segmentChange(t: number, first: Delta, last: Delta, move: number, type: MovementType, running: number, fxOf: () => void): { change: number; moved: Movement | null } {
    const mrrB = first.mrrBefore;
    const mrrA = last.mrrBefore + last.base;
    const inB = first.inBefore;
    const inA = last.inAfter;
    const change = (inA ? mrrA : 0) - (inB ? mrrB : 0);
    if (!inB && !inA) return { change, moved: null };
    if (inB && !inA && mrrA > 0) {
      return { change, moved: mrrB === 0 ? null : movement(t, first.sub, 'segment_exit', -mrrB, running + change, first.planBefore) };
    }
    if (!inB && inA && mrrB > 0) {
      return { change, moved: mrrA === 0 ? null : movement(t, first.sub, 'segment_entry', mrrA, running + change, last.planId) };
    }
    fxOf();
    return { change, moved: move === 0 ? null : movement(t, first.sub, type, move, running + change, last.planId) };
  }

  function segmentEvent(e: EventOutcome): void {
    const fixed = fixedType(e);
    let running = e.segmentBefore;
    let last: Movement | null = null;
    for (let i = e.from; i < e.to; i++) {
      const d = deltas[i];
      const type = fixed ?? (d.move > 0 ? 'expansion' : 'contraction');
      const fxOf = () => {
        if (d.base !== d.move) fx.push({ t: d.t, customerId, subscriptionId: subs[d.sub].id, amount: d.base - d.move });
      };
      const { change, moved } = segmentChange(e.t, d, d, d.move, type, running, fxOf);
      running += change;
      if (moved) last = moved;
    }
    if (last) last.customerMrrAfter = e.segmentAfter;
  }

  /** A merged cluster inside the segment: each subscription's net change, dated as section 4 dates it. */
  function segmentCluster(applied: readonly EventOutcome[], t: number, type: MovementType): void {
    const from = applied[0].from;
    const to = applied[applied.length - 1].to;
    const bySub = new Map<number, { first: Delta; last: Delta; move: number; indexes: number[] }>();
    for (let i = from; i < to; i++) {
      const d = deltas[i];
      const seen = bySub.get(d.sub);
      if (seen) {
        seen.last = d;
        seen.move += d.move;
        seen.indexes.push(i);
      } else {
        bySub.set(d.sub, { first: d, last: d, move: d.move, indexes: [i] });
      }
    }
    let running = applied[0].segmentBefore;
    let last: Movement | null = null;
    for (const sub of [...bySub.keys()].sort((a, b) => a - b)) {
      const net = bySub.get(sub)!;
      const fxOf = () => {
        for (const i of net.indexes) {
          const d = deltas[i];
          if (d.base !== d.move) fx.push({ t: d.t, customerId, subscriptionId: subs[sub].id, amount: d.base - d.move });
        }
      };
      const { change, moved } = segmentChange(t, net.first, net.last, net.move, type, running, fxOf);
      running += change;
      if (moved) last = moved;
    }
    if (last) last.customerMrrAfter = applied[applied.length - 1].segmentAfter;
  }

  /** End of the deltas at the instant of deltas[i]. */
  function eventEnd(i: number): number {
    let j = i + 1;
    while (j < deltas.length && deltas[j].t === deltas[i].t) j++;
    return j;
  }
  function movesMrr(from: number, to: number): boolean {
    for (let k = from; k < to; k++) if (deltas[k].base !== 0 || deltas[k].move !== 0) return true;
    return false;
  }

  let i = 0;
  while (i < deltas.length) {
    const headEnd = eventEnd(i);
    if (!movesMrr(i, headEnd)) {
      // A zero-delta point ($0 subscription starting or ending, a seat count alone) is not an
      // event of section 4: it updates state but never opens a cluster or makes a movement
      // (in a segment it may still cross the segment's boundary).
      const outcome = applyEvent(i, headEnd);
      if (segment) segmentEvent(outcome);
      i = headEnd;
      continue;
    }
    // A cluster opens at this event and absorbs later events inside the window. Decision:
    // it never spans midnight UTC, so each day's movements explain that day's MRR change.
    const open = deltas[i].t;
    const limit = Math.min(open + windowMs, Math.floor(open / DAY_MS) * DAY_MS + DAY_MS);
    const head = applyEvent(i, headEnd);
    const events: EventOutcome[] = [head];
    // Every event of the window, those that move no MRR too (a segment walk needs them).
    const applied: EventOutcome[] = [head];
    i = headEnd;
    while (i < deltas.length && deltas[i].t < limit) {
      const end = eventEnd(i);
      const outcome = applyEvent(i, end);
      if (segment) applied.push(outcome);
      if (movesMrr(i, end)) events.push(outcome);
      i = end;
    }
    const first = events[0];
    const last = events[events.length - 1];
    let merged: MovementType | null = null;
    if (events.length > 1) {
      if (first.before === 0 && last.after > 0) merged = first.everPositiveBefore ? 'reactivation' : 'new_biz';
      else if (first.before > 0 && last.after === 0 && !last.anyActiveAfter) merged = 'churn';
    }
    if (segment) {
      if (merged === null) for (const e of applied) segmentEvent(e);
      else segmentCluster(applied, merged === 'churn' ? last.t : first.t, merged);
    } else if (merged === null) {
      for (const e of events) classifyEvent(e);
    } else {
      const type = merged;
      emit(merged === 'churn' ? last.t : first.t, mergeNets(deltas, events), () => type, first.before, last.after);
    }
  }
  return { movements, fx, states };
}
