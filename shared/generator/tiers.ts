/**
 * Company sizes and the behaviour model the generator draws from. The new-customer rate of
 * every month is solved from the model so the expected number of active customers follows a
 * growth curve that ends at the tier's target: from zero for XS, from an established customer
 * base that is already there when the window opens for S, M and L.
 */
import type { Cadence } from './catalog.ts';
import { firstOfMonth, formatDay, monthOfDay, parseDay } from './dates.ts';

export type Tier = 'XS' | 'S' | 'M' | 'L';

export const TIERS: readonly Tier[] = ['XS', 'S', 'M', 'L'];

export const DEFAULT_END_DATE = '2026-10-31';

/** Probabilities and rates of the simulated customers' behaviour, the same for every tier. */
export const MODEL = {
  /** Share of paying customers that are calendar-billed (`cal_` IDs, see isMonthAligned). */
  calendarShare: 0.4,
  /** Share of churning anniversary-billed customers that just stop paying (no cancellation row). */
  silentChurnShare: 0.04,
  /** Share of churned customers that come back, after 2 to 12 months. */
  reactivationShare: 0.18,
  reactivationDelayMonths: [2, 12] as const,
  /** Leads that never pay, as a share of the month's new paying customers. */
  neverPayingLeadShare: 0.06,
};

export type MidPeriodChange = 'seatsUp' | 'seatsDown' | 'upgrade' | 'addon';

/** How a company's customers buy and leave, and how its customer base grows over the window. */
export interface CompanyProfile {
  /** Billing cadence of new subscriptions, by kind of customer. */
  readonly cadenceMix: Readonly<Record<'anniversary' | 'calendar', Readonly<Record<Cadence, number>>>>;
  /** Monthly churn hazard by billing cadence; a period of n months ends in churn with 1-(1-h)^n. */
  readonly monthlyChurn: Readonly<Record<Cadence, number>>;
  /**
   * Mid-period changes of anniversary-billed customers, each invoiced at once with prorated lines:
   * the chance per month of a billing period (at most one change a period, at most 0.5 a period)
   * and the weights of the kinds of change.
   */
  readonly midPeriodChanges: { readonly ratePerMonth: number; readonly mix: Readonly<Record<MidPeriodChange, number>> };
  /**
   * About the share of the target that is active at the end of the first month: the customer base
   * the company already has when the window opens. Its customers all start within the first
   * month, so nothing is dated before the window (but their lead and trial dates).
   */
  readonly openingBaseShare: number;
  /** Speed of the growth towards the target: the window's length in time constants. */
  readonly growthPace: number;
}

/**
 * XS (the example company that `mogul example` writes) is a young company that starts from its
 * first customers; its numbers are frozen so the example stays what the README describes.
 */
const STARTUP: CompanyProfile = {
  cadenceMix: {
    anniversary: { monthly: 0.8, quarterly: 0.07, annual: 0.13 },
    calendar: { monthly: 0.82, quarterly: 0, annual: 0.18 },
  },
  monthlyChurn: { monthly: 0.048, quarterly: 0.038, annual: 0.024 },
  midPeriodChanges: { ratePerMonth: 0.05, mix: { seatsUp: 0.45, seatsDown: 0.12, upgrade: 0.28, addon: 0.15 } },
  openingBaseShare: 0,
  growthPace: 6,
};

/**
 * S, M and L are established companies: about 90% of the target is active from the first month
 * and grows to it, about 10% of new customers take an annual plan, about 4% of customers churn a
 * month, and seat changes mid-period are frequent (adds and removals alike, each invoiced at once
 * with prorated lines) while upgrades and new add-ons stay rare (each about 2% of anniversary-
 * billed customers a month), so revenue per customer grows moderately. Calibrated so
 * tier M (10k active customers over 5 years) makes about 580k invoices: a customer on a monthly
 * plan gets about one invoice a month, one on an annual plan (about 20% of the active base once
 * the low annual churn has kept them) one a year.
 */
const ESTABLISHED: CompanyProfile = {
  cadenceMix: {
    anniversary: { monthly: 0.89, quarterly: 0.02, annual: 0.09 },
    calendar: { monthly: 0.89, quarterly: 0, annual: 0.11 },
  },
  monthlyChurn: { monthly: 0.045, quarterly: 0.038, annual: 0.024 },
  midPeriodChanges: { ratePerMonth: 0.25, mix: { seatsUp: 0.5, seatsDown: 0.35, upgrade: 0.08, addon: 0.07 } },
  openingBaseShare: 0.9,
  growthPace: 3,
};

const SIZES: Record<Tier, { years: number; activeCustomers: number; profile: CompanyProfile }> = {
  XS: { years: 2, activeCustomers: 25, profile: STARTUP },
  S: { years: 3, activeCustomers: 1_000, profile: ESTABLISHED },
  M: { years: 5, activeCustomers: 10_000, profile: ESTABLISHED },
  L: { years: 5, activeCustomers: 100_000, profile: ESTABLISHED },
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
  profile: CompanyProfile;
}

/**
 * Expected probability that a customer acquired in month 0 is active at the end of month a,
 * counting returns after churn (each return starts a fresh life with the same survival).
 */
export function survivalCurve(months: number, profile: CompanyProfile): number[] {
  const mix: Record<Cadence, number> = { monthly: 0, quarterly: 0, annual: 0 };
  const share = { anniversary: 1 - MODEL.calendarShare, calendar: MODEL.calendarShare };
  for (const kind of ['anniversary', 'calendar'] as const) {
    for (const c of ['monthly', 'quarterly', 'annual'] as const) mix[c] += share[kind] * profile.cadenceMix[kind][c];
  }
  // Effective months of exposure at the end of the acquisition month (fitted to generated cohorts).
  const offset = 0.25;
  const first: number[] = [];
  for (let a = 0; a < months; a++) {
    let s = 0;
    for (const c of ['monthly', 'quarterly', 'annual'] as const) s += mix[c] * (1 - profile.monthlyChurn[c]) ** (a + offset);
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

  // Growth curve of active customers: from the opening base, fast early growth that flattens,
  // ending at the target.
  const { profile } = size;
  const tau = months / profile.growthPace;
  const shape = (t: number): number => 1 - Math.exp(-(t + 1) / tau);
  const base = profile.openingBaseShare;
  const survival = survivalCurve(months, profile);
  const expected: number[] = [];
  for (let t = 0; t < months; t++) {
    const target = (size.activeCustomers * (base * shape(months - 1) + (1 - base) * shape(t))) / shape(months - 1);
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
    profile,
  };
}
