import type { PlanRecord } from '../templates/specs/index.ts';
import { addDays, addMonths } from '../time.ts';

/** How many months one plan interval is, as the exact fraction num / den. */
export interface PlanMonths {
  num: number;
  den: number;
}

/**
 * Month plans: interval_count months; year plans: 12 × interval_count;
 * day plans: interval_count × 12 / 365 (Decision in METRICS.md).
 */
export function planMonths(plan: Pick<PlanRecord, 'intervalUnit' | 'intervalCount'>): PlanMonths {
  switch (plan.intervalUnit) {
    case 'month':
      return { num: plan.intervalCount, den: 1 };
    case 'year':
      return { num: 12 * plan.intervalCount, den: 1 };
    case 'day':
      return { num: 12 * plan.intervalCount, den: 365 };
  }
}

/** The instant one plan interval before t, calendar-aware (month ends clamp). */
export function oneIntervalBefore(plan: Pick<PlanRecord, 'intervalUnit' | 'intervalCount'>, t: number): number {
  switch (plan.intervalUnit) {
    case 'month':
      return addMonths(t, -plan.intervalCount);
    case 'year':
      return addMonths(t, -12 * plan.intervalCount);
    case 'day':
      return addDays(t, -plan.intervalCount);
  }
}
