/** Shapes passed between the engine's stages. Instants are epoch milliseconds, UTC. */

/** A subscription's state right after a change point. */
export interface ChangePoint {
  t: number;
  /** MRR in the base currency (cents). */
  mrr: number;
  /** MRR in the subscription's own currency (cents); equals mrr for base-currency subscriptions. */
  own: number;
  /**
   * The movement of this change in the base currency: the MRR change itself for a base-currency
   * subscription; for another currency, the own-currency change priced at the rate in force at t
   * (the rest of the MRR change is exchange-rate impact).
   */
  move: number;
  quantity: number;
  /** Started and not churned (past due counts as active). */
  active: boolean;
  /**
   * The plan in force from here on (METRICS.md section 11): the plan of the step that set the
   * state; a churn keeps the plan the subscription had.
   */
  planId: string | null;
}

export type SubscriptionStatus = 'active' | 'past_due' | 'cancelled';

/** One subscription's history up to as-of, and its figures at as-of. */
export interface SubscriptionTimeline {
  id: string;
  customerId: string;
  setId: string | null;
  currency: string;
  manual: boolean;
  points: ChangePoint[];
  startedAt: number;
  paidThrough: number | null;
  planId: string | null;
  status: SubscriptionStatus;
  mrr: number;
  quantity: number;
  /** The instant it churned, when its status is cancelled. */
  cancelledAt: number | null;
}

/** The five movements of METRICS.md section 4. */
export type BusinessMovementType = 'new_biz' | 'expansion' | 'contraction' | 'churn' | 'reactivation';

/** A subscription's MRR crossing a segment's plan conditions (METRICS.md section 11). */
export type SegmentMovementType = 'segment_entry' | 'segment_exit';

export type MovementType = BusinessMovementType | SegmentMovementType;

export const MOVEMENT_TYPES: readonly BusinessMovementType[] = [
  'new_biz', 'expansion', 'contraction', 'churn', 'reactivation',
];

export const SEGMENT_MOVEMENT_TYPES: readonly SegmentMovementType[] = ['segment_entry', 'segment_exit'];

/** Every movement type a report may hold: section 4's, then the segment's. */
export const ALL_MOVEMENT_TYPES: readonly MovementType[] = [...MOVEMENT_TYPES, ...SEGMENT_MOVEMENT_TYPES];

export interface Movement {
  t: number;
  customerId: string;
  subscriptionId: string;
  type: MovementType;
  /** Signed cents: churn and contraction negative. */
  amount: number;
  customerMrrAfter: number;
  /** The plan in force at it (after the change; a segment_exit's is the plan it left). */
  planId?: string | null;
}

/** Exchange-rate impact at one instant (base currency cents). */
export interface FxImpact {
  t: number;
  customerId: string;
  subscriptionId: string;
  amount: number;
}

/** A customer's aggregate state after one event: what the series counts. */
export interface CustomerState {
  t: number;
  mrr: number;
  /** Active or Past due: had MRR > 0 and has an active subscription. */
  counted: boolean;
  subscriptions: number;
  quantity: number;
}

export type CashKind = 'payment' | 'refund' | 'failed';

export interface CashEvent {
  t: number;
  customerId: string;
  kind: CashKind;
  /** Base currency cents (0 for failed attempts). */
  amount: number;
  /** The part of a payment that paid for one-time lines. */
  nonRecurring: number;
}
