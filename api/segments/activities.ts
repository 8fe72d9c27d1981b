/**
 * Activities under plan conditions: the segment's movements as the engine gave them on demand
 * (plan-view.ts), with segment_entry and segment_exit, each naming the plan in force at it;
 * filtered, ordered and paged here as store/derived.ts activityRows does for stored movements.
 * They are not stored rows, so each gets an ID derived from what it is (stable while the data
 * does not change).
 */
import { createHash } from 'node:crypto';
import { formatDate } from '../../shared/index.ts';
import type { ActivityFilter, ActivityRow } from '../store/derived.ts';
import type { ActivityContext } from '../store/segment-facts.ts';
import type { PlansBySource } from './facts.ts';
import type { PlannedMovement } from './plan-view.ts';

/** A UUID-shaped digest of the movement: one subscription moves once per instant. */
function movementId(m: PlannedMovement): string {
  const hex = createHash('sha256').update(`${m.customerId} ${m.subscriptionId} ${m.t} ${m.type}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The movements the filter selects, in its order, as one page (`limit` rows from `offset`). */
export function selectMovements(
  movements: readonly PlannedMovement[], f: ActivityFilter, offset: number, limit: number,
): PlannedMovement[] {
  const kept = f.customerIds === undefined ? null : new Set(f.customerIds);
  const selected = movements.filter((m) => {
    if (f.customerId !== undefined && m.customerId !== f.customerId) return false;
    if (kept !== null && !kept.has(m.customerId)) return false;
    if (f.type !== undefined && m.type !== f.type) return false;
    if ((f.startAt !== undefined && m.t < f.startAt) || (f.endAt !== undefined && m.t > f.endAt)) return false;
    const day = formatDate(m.t);
    return (f.startDay === undefined || day >= f.startDay) && (f.endDay === undefined || day <= f.endDay);
  });
  if (f.descending) selected.reverse();
  return selected.slice(offset, offset + limit);
}

/** The page's movements as activity rows, with their customer, subscription set and plan. */
export function activityRowsOf(page: readonly PlannedMovement[], context: ActivityContext, plans: PlansBySource): ActivityRow[] {
  return page.map((m) => {
    const customer = context.customers.get(m.customerId);
    return {
      id: movementId(m),
      at: new Date(m.t),
      type: m.type,
      amount: m.amount,
      customerMrrAfter: m.customerMrrAfter,
      subscriptionExternalId: m.subscriptionId,
      dataSourceId: m.dataSourceId,
      customerId: m.customerId,
      customerName: customer?.name ?? '',
      customerExternalId: customer?.externalId ?? m.customerExternalId,
      setExternalId: context.sets.get(`${m.dataSourceId} ${m.subscriptionId}`) ?? null,
      planExternalId: m.planId,
      planName: m.planId === null ? null : plans.get(m.dataSourceId)?.get(m.planId)?.name ?? null,
    };
  });
}
