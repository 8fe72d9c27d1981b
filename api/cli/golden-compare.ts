/**
 * Compares a report with a golden expected.json (DATA.md "Golden cases") and lists every
 * difference as a readable line; an empty list means the case passes.
 */
import type { Report } from '../../shared/index.ts';

type Json = Record<string, unknown>;

const MOVEMENT_KEY = ['date', 'customer_external_id', 'subscription_external_id', 'type', 'amount'] as const;
const ERROR_KEY = ['dataset', 'row', 'column'] as const;
/** Keys compared to a number of decimals (rates and ratios to 2, the sales cycle to 1); others exactly. */
const DECIMALS: Record<string, number> = {
  customer_churn_rate: 2, mrr_churn_rate: 2, gross_mrr_churn_rate: 2, net_mrr_retention: 2, gross_mrr_retention: 2,
  quick_ratio: 2, trial_to_paid_rate: 2, customer_retention: 2, mrr_retention: 2, avg_sales_cycle_days: 1,
};

function keyOf(item: Json, keys: readonly string[]): string {
  return JSON.stringify(keys.map((k) => item[k]));
}

function compareSet(label: string, actual: Json[], expected: Json[], keys: readonly string[], out: string[]) {
  const have = new Map<string, number>();
  for (const a of actual) have.set(keyOf(a, keys), (have.get(keyOf(a, keys)) ?? 0) + 1);
  const want = new Map<string, number>();
  for (const e of expected) want.set(keyOf(e, keys), (want.get(keyOf(e, keys)) ?? 0) + 1);
  for (const [k, n] of want) if ((have.get(k) ?? 0) < n) out.push(`${label}: missing ${k}`);
  for (const [k, n] of have) if ((want.get(k) ?? 0) < n) out.push(`${label}: unexpected ${k}`);
}

function sameValue(key: string, actual: unknown, expected: unknown): boolean {
  if (expected === null) return actual === null;
  const decimals = DECIMALS[key];
  if (decimals !== undefined && typeof expected === 'number' && typeof actual === 'number') {
    return Math.round(actual * 10 ** decimals) === Math.round(expected * 10 ** decimals);
  }
  return actual === expected;
}

/** Lists inside a listed entry, compared the same way by their key: a cohort's periods. */
const NESTED: Record<string, string> = { periods: 'period' };

function compareListed(label: string, actual: Json[], expected: Json[], by: string, out: string[]) {
  for (const e of expected) {
    const a = actual.find((x) => x[by] === e[by]);
    if (!a) {
      out.push(`${label}: no entry with ${by} ${JSON.stringify(e[by])}`);
      continue;
    }
    for (const [k, v] of Object.entries(e)) {
      const nested = NESTED[k];
      if (nested && Array.isArray(v)) {
        if (Array.isArray(a[k])) compareListed(`${label} ${e[by]}.${k}`, a[k] as Json[], v as Json[], nested, out);
        else out.push(`${label} ${e[by]}.${k}: expected a list, got ${JSON.stringify(a[k])}`);
      } else if (!sameValue(k, a[k], v)) {
        out.push(`${label} ${e[by]}.${k}: expected ${JSON.stringify(v)}, got ${JSON.stringify(a[k])}`);
      }
    }
  }
}

export function compareToExpected(report: Report, expected: Json): string[] {
  const out: string[] = [];
  const r = report as unknown as Json;
  if (expected.movements) compareSet('movements', r.movements as Json[], expected.movements as Json[], MOVEMENT_KEY, out);
  if (expected.errors) compareSet('errors', r.errors as Json[], expected.errors as Json[], ERROR_KEY, out);
  if (expected.customers) compareListed('customers', r.customers as Json[], expected.customers as Json[], 'external_id', out);
  if (expected.subscriptions)
    compareListed('subscriptions', r.subscriptions as Json[], expected.subscriptions as Json[], 'external_id', out);
  if (expected.series) compareListed('series', r.series as Json[], expected.series as Json[], 'date', out);
  if (expected.cohorts) compareListed('cohorts', r.cohorts as Json[], expected.cohorts as Json[], 'cohort', out);
  return out;
}
