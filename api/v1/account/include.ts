/**
 * `include=` of GET /v1/account: ChartMogul's names for the account's data settings, each
 * answered from Mogul's settings (METRICS.md section 9) in the values ChartMogul documents for
 * its clients (chartmogul-node's Account type).
 */
import type { Settings } from '../../../shared/index.ts';
import { validationFailed } from '../../http/errors.ts';

export const ACCOUNT_INCLUDES = [
  'churn_recognition',
  'churn_when_zero_mrr',
  'auto_churn_subscription',
  'refund_handling',
  'proximate_movement_reclassification',
] as const;
export type AccountInclude = (typeof ACCOUNT_INCLUDES)[number];

/** ChartMogul's named reclassification windows, by Mogul's sac_window_minutes. */
const WINDOWS: Record<number, string> = {
  0: 'reclassification_off',
  1: 'one_minute_reclassification',
  10: 'ten_minutes_reclassification',
  60: 'one_hour_reclassification',
  1440: 'one_day_reclassification',
};

/** The include names of the query (comma-separated, blanks ignored), or a 422 naming `include`. */
export function accountIncludes(raw: string | undefined): AccountInclude[] {
  if (raw === undefined) return [];
  const names = raw.split(',').map((n) => n.trim()).filter((n) => n !== '');
  const unknown = names.filter((n) => !(ACCOUNT_INCLUDES as readonly string[]).includes(n));
  if (unknown.length > 0) {
    throw validationFailed({ include: `Unknown include ${unknown.map((n) => `'${n}'`).join(', ')}; allowed: ${ACCOUNT_INCLUDES.join(', ')}` });
  }
  return [...new Set(names as AccountInclude[])];
}

export interface IncludedSettings {
  churn_recognition: string;
  churn_when_zero_mrr: boolean;
  auto_churn_subscription: boolean;
  refund_handling: string;
  proximate_movement_reclassification: string;
}

/** Every include's value under the settings. */
export function includeValues(s: Settings): IncludedSettings {
  return {
    churn_recognition: s.churn_recognition === 'service_period_end' ? 'churn_at_period_end' : 'churn_at_time_of_cancelation',
    // A customer whose MRR drops to 0 while a subscription stays active is kept (METRICS.md section 4).
    churn_when_zero_mrr: false,
    auto_churn_subscription: s.auto_churn !== null,
    // Refunds count in cash flow only, never in MRR.
    refund_handling: 'refund_ignore',
    // A window ChartMogul has no name for is named by its minutes.
    proximate_movement_reclassification: WINDOWS[s.sac_window_minutes] ?? `${s.sac_window_minutes}_minutes_reclassification`,
  };
}

/** The values of the included settings only. */
export function includedSettings(names: readonly AccountInclude[], s: Settings): Partial<IncludedSettings> {
  const all = includeValues(s);
  return Object.fromEntries(names.map((n) => [n, all[n]]));
}
