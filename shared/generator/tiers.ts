/**
 * Company sizes and the behaviour model the generator draws from. The new-customer rate of
 * every month is solved from the model so the expected number of active customers follows a
 * growth curve that ends at the tier's target.
 */
import type { Cadence } from './catalog.ts';
import { firstOfMonth, formatDay, monthOfDay, parseDay } from './dates.ts';

export type Tier = 'XS' | 'S' | 'M' | 'L';

export const TIERS: readonly Tier[] = ['XS', 'S', 'M', 'L'];

export const DEFAULT_END_DATE = '2026-10-31';

/** Probabilities and rates of the simulated customers' behaviour. */
export const MODEL = {
  /** Share of paying customers that are calendar-billed (`cal_` IDs, see isMonthAligned). */
  calendarShare: 0.4,
  cadenceMix: {
    anniversary: { monthly: 0.8, quarterly: 0.07, annual: 0.13 },
    calendar: { monthly: 0.82, quarterly: 0, annual: 0.18 },
  } satisfies Record<string, Record<Cadence, number>>,
  /** Monthly churn hazard by billing cadence; a period of n months ends in churn with 1-(1-h)^n. */
  monthlyChurn: { monthly: 0.048, quarterly: 0.038, annual: 0.024 } satisfies Record<Cadence, number>,
  /** Share of churning anniversary-billed customers that just stop paying (no cancellation row). */
  silentChurnShare: 0.04,
  /** Share of churned customers that come back, after 2 to 12 months. */
  reactivationShare: 0.18,
  reactivationDelayMonths: [2, 12] as const,
  /** Leads that never pay, as a share of the month's new paying customers. */
  neverPayingLeadShare: 0.06,
};

const SIZES: Record<Tier, { years: number; activeCustomers: number }> = {
  XS: { years: 2, activeCustomers: 25 },
  S: { years: 3, activeCustomers: 1_000 },
  M: { years: 5, activeCustomers: 10_000 },
  L: { years: 5, activeCustomers: 100_000 },
};

export interface TierSpec {
  tier: Tier;
  years: number;
  /** Number of calendar months generated, the last one containing endDate. */
  months: number;
  /** Intended number of customers with an active subscription at endDate. */
  activeCustomers: number;
  /** First day of the first generated month (`YYYY-MM-DD`). */
  startDate: string;
  endDate: string;
  /** New paying customers acquired in each month (index 0 = the start month). */
  newCustomersPerMonth: readonly number[];
  /** Leads that never pay, created in each month. */
  leadsPerMonth: readonly number[];
}

/**
 * Expected probability that a customer acquired in month 0 is active at the end of month a,
 * counting returns after churn (each return starts a fresh life with the same survival).
 */
export function survivalCurve(months: number): number[] {
  const mix: Record<Cadence, number> = { monthly: 0, quarterly: 0, annual: 0 };
  const share = { anniversary: 1 - MODEL.calendarShare, calendar: MODEL.calendarShare };
  for (const kind of ['anniversary', 'calendar'] as const) {
    for (const c of ['monthly', 'quarterly', 'annual'] as const) mix[c] += share[kind] * MODEL.cadenceMix[kind][c];
  }
  // Effective months of exposure at the end of the acquisition month (fitted to generated cohorts).
  const offset = 0.25;
  const first: number[] = [];
  for (let a = 0; a < months; a++) {
    let s = 0;
    for (const c of ['monthly', 'quarterly', 'annual'] as const) s += mix[c] * (1 - MODEL.monthlyChurn[c]) ** (a + offset);
    first.push(s);
  }
  const [dLo, dHi] = MODEL.reactivationDelayMonths;
  const total: number[] = [];
  for (let a = 0; a < months; a++) {
    let s = first[a];
    for (let j = 0; j <= a; j++) {
      const churned = (j === 0 ? 1 : first[j - 1]) - first[j];
      for (let d = dLo; d <= dHi; d++) {
        if (a - j - d >= 0) s += (MODEL.reactivationShare * churned * total[a - j - d]) / (dHi - dLo + 1);
      }
    }
    total.push(s);
  }
  return total;
}

/** Integer counts whose running sums follow the running sums of `expected`. */
function integerCounts(expected: readonly number[]): number[] {
  let cum = 0;
  let done = 0;
  return expected.map((x) => {
    cum += x;
    const n = Math.round(cum) - done;
    done += n;
    return n;
  });
}

export function tierSpec(tier: Tier, endDate: string = DEFAULT_END_DATE): TierSpec {
  const size = SIZES[tier];
  if (!size) throw new Error(`unknown tier '${tier}' (expected ${TIERS.join(', ')})`);
  const endDay = parseDay(endDate);
  const months = size.years * 12;
  const startMonth = monthOfDay(endDay) - months + 1;
  const startDate = formatDay(firstOfMonth(startMonth));

  // Growth curve of active customers: fast early growth that flattens, ending at the target.
  const tau = months / 6;
  const shape = (t: number): number => 1 - Math.exp(-(t + 1) / tau);
  const survival = survivalCurve(months);
  const expected: number[] = [];
  for (let t = 0; t < months; t++) {
    const target = (size.activeCustomers * shape(t)) / shape(months - 1);
    let carried = 0;
    for (let s = 0; s < t; s++) carried += expected[s] * survival[t - s];
    expected.push(Math.max(0, (target - carried) / survival[0]));
  }
  const newCustomersPerMonth = integerCounts(expected);
  const leadsPerMonth = integerCounts(expected.map((x) => x * MODEL.neverPayingLeadShare));
  return {
    tier,
    years: size.years,
    months,
    activeCustomers: size.activeCustomers,
    startDate,
    endDate: formatDay(endDay),
    newCustomersPerMonth,
    leadsPerMonth,
  };
}
