import { mulDivRound, roundRatio, type Decimal } from '../money.ts';
import type { PlanRecord } from '../templates/specs/index.ts';
import { oneIntervalBefore, planMonths } from './plans.ts';

export interface LineMrrInput {
  /** amount - tax (- fees when deducted), in the invoice currency. */
  base: number;
  prorated: boolean;
  start: number;
  end: number;
  plan: Pick<PlanRecord, 'intervalUnit' | 'intervalCount'>;
}

/**
 * MRR of one subscription line (METRICS.md section 2), exact until one final rounding:
 *   base / months                                   (not prorated)
 *   base × full_seconds / prorated_seconds / months (prorated)
 * then × rate into the base currency. Returns whole cents, half away from zero.
 */
export function lineMrr(line: LineMrrInput, rate: Decimal): number {
  const months = planMonths(line.plan);
  if (!line.prorated) {
    const num = months.den * rate.num;
    const den = months.num * rate.den;
    if (num <= Number.MAX_SAFE_INTEGER && den <= Number.MAX_SAFE_INTEGER) return mulDivRound(line.base, num, den);
    return roundRatio([line.base, months.den, rate.num], [months.num, rate.den]);
  }
  // Milliseconds, not seconds: instants may carry them, and only the ratio matters.
  const full = line.end - oneIntervalBefore(line.plan, line.end);
  const prorated = line.end - line.start;
  return roundRatio([line.base, full, months.den, rate.num], [prorated, months.num, rate.den]);
}
