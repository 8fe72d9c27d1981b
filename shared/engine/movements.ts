/**
 * MRR movements of one customer (METRICS.md section 4): change points of all its
 * subscriptions, grouped by instant into events, clustered by smart grouping, classified
 * into new business, expansion, contraction, churn and reactivation, with exchange-rate
 * impact split off for foreign-currency subscriptions.
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
}

/** Net movement and fx per subscription, in ascending subscription index order. */
interface Nets {
  subs: number[];
  move: number[];
  fx: number[];
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
}

/** Net movement and fx per subscription over several events of a cluster. */
function mergeNets(deltas: readonly Delta[], events: readonly EventOutcome[]): Nets {
  const bySub = new Map<number, { move: number; fx: number }>();
  for (const e of events) {
    for (let i = e.from; i < e.to; i++) {
      const d = deltas[i];
      const m = bySub.get(d.sub) ?? { move: 0, fx: 0 };
      m.move += d.move;
      m.fx += d.base - d.move;
      bySub.set(d.sub, m);
    }
  }
  const subs = [...bySub.keys()].sort((a, b) => a - b);
  return { subs, move: subs.map((s) => bySub.get(s)!.move), fx: subs.map((s) => bySub.get(s)!.fx) };
}

export interface CustomerMovements {
  movements: Movement[];
  fx: FxImpact[];
  states: CustomerState[];
}

/** Each change point's MRR change and movement (the rest of the change is exchange-rate impact). */
function collectDeltas(subs: readonly SubscriptionTimeline[]): Delta[] {
  const deltas: Delta[] = [];
  subs.forEach((sub, index) => {
    let mrr = 0;
    let active = false;
    let quantity = 0;
    for (const p of sub.points) {
      const base = p.mrr - mrr;
      const move = p.move;
      if (base !== 0 || move !== 0 || p.active !== active || p.quantity !== quantity) {
        deltas.push({ t: p.t, sub: index, base, move, active: p.active, quantity: p.quantity });
      }
      mrr = p.mrr;
      active = p.active;
      quantity = p.quantity;
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
): CustomerMovements {
  const deltas = collectDeltas(subs);
  const movements: Movement[] = [];
  const fx: FxImpact[] = [];
  const states: CustomerState[] = [];
  const mrr = new Array<number>(subs.length).fill(0);
  const active = new Array<boolean>(subs.length).fill(false);
  const quantity = new Array<number>(subs.length).fill(0);
  let total = 0;
  let everPositive = false;
  const windowMs = windowMinutes * 60_000;

  /** Applies the deltas of one instant and records what the series needs. */
  function applyEvent(from: number, to: number): EventOutcome {
    const t = deltas[from].t;
    const before = total;
    const everPositiveBefore = everPositive;
    for (let i = from; i < to; i++) {
      const d = deltas[i];
      mrr[d.sub] += d.base;
      total += d.base;
      active[d.sub] = d.active;
      quantity[d.sub] = d.quantity;
      if (d.base !== d.move) {
        fx.push({ t, customerId, subscriptionId: subs[d.sub].id, amount: d.base - d.move });
      }
    }
    if (total > 0) everPositive = true;
    const anyActiveAfter = active.some(Boolean);
    states.push(customerState(t, everPositive && anyActiveAfter));
    return { t, from, to, before, after: total, everPositiveBefore, anyActiveAfter };
  }

  function customerState(t: number, counted: boolean): CustomerState {
    if (!counted) return { t, mrr: total, counted, subscriptions: 0, quantity: 0 };
    let subscriptions = 0;
    let qty = 0;
    let sets: Set<string> | null = null;
    for (let i = 0; i < subs.length; i++) {
      if (!active[i]) continue;
      qty += quantity[i];
      const set = subs[i].setId;
      if (set === null) subscriptions++;
      else if (!(sets ??= new Set()).has(set)) {
        sets.add(set);
        subscriptions++;
      }
    }
    return { t, mrr: total, counted, subscriptions, quantity: qty };
  }

  function emit(t: number, nets: Nets, typeOf: (move: number) => MovementType, before: number, after: number): void {
    let running = before;
    let last: Movement | null = null;
    for (let k = 0; k < nets.subs.length; k++) {
      const move = nets.move[k];
      running += move + nets.fx[k];
      if (move === 0) continue;
      last = {
        t,
        customerId,
        subscriptionId: subs[nets.subs[k]].id,
        type: typeOf(move),
        amount: move,
        customerMrrAfter: running,
      };
      movements.push(last);
    }
    if (last) last.customerMrrAfter = after;
  }

  function classifyEvent(e: EventOutcome): void {
    const fixed: MovementType | null =
      e.before === 0 && e.after > 0
        ? e.everPositiveBefore ? 'reactivation' : 'new_biz'
        : e.after === 0 && e.before > 0 && !e.anyActiveAfter ? 'churn' : null;
    let running = e.before;
    let last: Movement | null = null;
    for (let i = e.from; i < e.to; i++) {
      const d = deltas[i];
      running += d.base;
      if (d.move === 0) continue;
      last = {
        t: e.t,
        customerId,
        subscriptionId: subs[d.sub].id,
        type: fixed ?? (d.move > 0 ? 'expansion' : 'contraction'),
        amount: d.move,
        customerMrrAfter: running,
      };
      movements.push(last);
    }
    if (last) last.customerMrrAfter = e.after;
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
      // event of section 4: it updates state but never opens a cluster or makes a movement.
      applyEvent(i, headEnd);
      i = headEnd;
      continue;
    }
    // A cluster opens at this event and absorbs later events inside the window. Decision:
    // it never spans midnight UTC, so each day's movements explain that day's MRR change.
    const open = deltas[i].t;
    const limit = Math.min(open + windowMs, Math.floor(open / DAY_MS) * DAY_MS + DAY_MS);
    const events: EventOutcome[] = [applyEvent(i, headEnd)];
    i = headEnd;
    while (i < deltas.length && deltas[i].t < limit) {
      const end = eventEnd(i);
      const outcome = applyEvent(i, end);
      if (movesMrr(i, end)) events.push(outcome);
      i = end;
    }
    if (events.length === 1) {
      classifyEvent(events[0]);
      continue;
    }
    const first = events[0];
    const last = events[events.length - 1];
    const merged = mergeNets(deltas, events);
    if (first.before === 0 && last.after > 0) {
      const type: MovementType = first.everPositiveBefore ? 'reactivation' : 'new_biz';
      emit(first.t, merged, () => type, first.before, last.after);
    } else if (first.before > 0 && last.after === 0 && !last.anyActiveAfter) {
      emit(last.t, merged, () => 'churn', first.before, last.after);
    } else {
      for (const e of events) classifyEvent(e);
    }
  }
  return { movements, fx, states };
}
