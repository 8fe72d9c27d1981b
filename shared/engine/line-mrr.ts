import { convert, mulDivRound, roundRatio, type Decimal } from '../money.ts';
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
 * MRR of one subscription line in its own currency (METRICS.md section 2), exact until one
 * rounding to whole cents, half away from zero:
 *   base / months                                   (not prorated)
 *   base × full_seconds / prorated_seconds / months (prorated)
 */
export function ownLineMrr(line: LineMrrInput): number {
  const months = planMonths(line.plan);
  if (!line.prorated) return mulDivRound(line.base, months.den, months.num);
  // Milliseconds, not seconds: instants may carry them, and only the ratio matters.
  const full = line.end - oneIntervalBefore(line.plan, line.end);
  const prorated = line.end - line.start;
  return roundRatio([line.base, full, months.den], [prorated, months.num]);
}

/**
 * The line's MRR in the base currency: its whole-cent own-currency MRR times the rate, rounded
 * again (two roundings, so a new subscription at a constant rate has no exchange-rate impact).
 */
export function lineMrr(line: LineMrrInput, rate: Decimal): number {
  return convert(ownLineMrr(line), rate);
}
