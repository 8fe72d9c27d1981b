/**
 * Series entries in the shapes of ChartMogul's metrics API: hyphenated keys, each entry's
 * change on the previous one in percent, and a summary of the metric now against one
 * interval before. LTV with no churn is null in the report and 0 here (METRICS.md section 6),
 * as are the quick ratio and sales cycle on /metrics/all (its clients read numbers); Mogul's
 * own retention and conversion endpoints keep them null. Cohort tables with hyphenated keys.
 */
import { roundHalfAway, type Cohort, type SeriesEntry } from '../../../shared/index.ts';
import type { Cohorts, Conversion, Metrics, MetricsEntry, Retention } from './schemas.ts';

type Field = Exclude<keyof SeriesEntry, 'date'>;

/** The key metrics of /metrics/all, as [API key, series key]. */
const KEY_METRICS: [string, Field][] = [
  ['mrr', 'mrr'], ['arr', 'arr'], ['customer-churn-rate', 'customer_churn_rate'], ['mrr-churn-rate', 'mrr_churn_rate'],
  ['ltv', 'ltv'], ['customers', 'customers'], ['asp', 'asp'], ['arpa', 'arpa'],
  ['net-mrr-retention', 'net_mrr_retention'], ['gross-mrr-retention', 'gross_mrr_retention'], ['quick-ratio', 'quick_ratio'],
  ['trials', 'trials'], ['trials-converted', 'trials_converted'], ['trial-to-paid-rate', 'trial_to_paid_rate'],
  ['avg-sales-cycle-days', 'avg_sales_cycle_days'],
];

/** /metrics/retention and /metrics/conversion: [API key, series key]. */
export const RETENTION_KEYS: [string, Field][] = [
  ['net-mrr-retention', 'net_mrr_retention'], ['gross-mrr-retention', 'gross_mrr_retention'], ['quick-ratio', 'quick_ratio'],
];
export const CONVERSION_KEYS: [string, Field][] = [
  ['trials', 'trials'], ['trials-converted', 'trials_converted'], ['trial-to-paid-rate', 'trial_to_paid_rate'],
  ['avg-sales-cycle-days', 'avg_sales_cycle_days'],
];

/** Under plan conditions /metrics/mrr also shows the MRR that entered and left the segment. */
const SEGMENT_MOVEMENTS: [string, Field][] = [['mrr-segment-entry', 'segment_entry'], ['mrr-segment-exit', 'segment_exit']];

const MRR_MOVEMENTS: [string, Field][] = [
  ['mrr-new-business', 'new_biz'], ['mrr-expansion', 'expansion'], ['mrr-contraction', 'contraction'],
  ['mrr-churn', 'churn'], ['mrr-reactivation', 'reactivation'],
];

/** Endpoint → [API key, series key] of its one metric. */
export const SINGLE_METRICS: Record<string, [string, Field]> = {
  mrr: ['mrr', 'mrr'],
  arr: ['arr', 'arr'],
  arpa: ['arpa', 'arpa'],
  asp: ['asp', 'asp'],
  'customer-count': ['customers', 'customers'],
  'customer-churn-rate': ['customer-churn-rate', 'customer_churn_rate'],
  'mrr-churn-rate': ['mrr-churn-rate', 'mrr_churn_rate'],
  ltv: ['ltv', 'ltv'],
};

export const METRIC_PATHS = ['all', ...Object.keys(SINGLE_METRICS)];

const value = (e: SeriesEntry, f: Field): number => (e[f] as number | null) ?? 0;

/** Change from a to b in percent of |a|, 2 decimals; 0 when a is 0. */
export function percentChange(a: number, b: number): number {
  return a === 0 ? 0 : roundHalfAway(((b - a) / Math.abs(a)) * 10_000) / 100 + 0;
}

export interface Summary {
  current: SeriesEntry;
  previous: SeriesEntry;
}

/** An entry: its date first, then its figures. */
const dated = (date: string, figures: Record<string, number>) => ({ date, ...figures }) as MetricsEntry;

export function metricsAnswer(metric: string, entries: readonly SeriesEntry[], summary: Summary | null, segmentMoves = false): Metrics {
  const change = (i: number, f: Field) => (i === 0 ? 0 : percentChange(value(entries[i - 1], f), value(entries[i], f)));
  if (metric === 'all') {
    return {
      entries: entries.map((e, i) => {
        const out: Record<string, number> = {};
        for (const [key, f] of KEY_METRICS) {
          out[key] = value(e, f);
          out[`${key}-percentage-change`] = change(i, f);
        }
        return dated(e.date, out);
      }),
      summary: summary === null ? {} : Object.fromEntries(KEY_METRICS.flatMap(([key, f]) => {
        const [cur, prev] = [value(summary.current, f), value(summary.previous, f)];
        return [[`current-${key}`, cur], [`previous-${key}`, prev], [`${key}-percentage-change`, percentChange(prev, cur)]];
      })),
    };
  }
  const [key, f] = SINGLE_METRICS[metric];
  return {
    entries: entries.map((e, i) => {
      const out: Record<string, number> = { [key]: value(e, f), 'percentage-change': change(i, f) };
      if (metric === 'mrr') for (const [k, m] of segmentMoves ? [...MRR_MOVEMENTS, ...SEGMENT_MOVEMENTS] : MRR_MOVEMENTS) out[k] = value(e, m);
      return dated(e.date, out);
    }),
    summary: summary === null ? {} : (() => {
      const [cur, prev] = [value(summary.current, f), value(summary.previous, f)];
      return { current: cur, previous: prev, 'percentage-change': percentChange(prev, cur) };
    })(),
  };
}

const nullable = (e: SeriesEntry, f: Field): number | null => e[f] as number | null;

/** Change from a to b in percent; 0 when either is null (nothing to compare). */
const nullableChange = (a: number | null, b: number | null) => (a === null || b === null ? 0 : percentChange(a, b));

/** Several figures per entry, nulls kept, each with its change; the summary as /metrics/all's. */
function figuresAnswer(keys: readonly [string, Field][], entries: readonly SeriesEntry[], summary: Summary | null) {
  return {
    entries: entries.map((e, i) => {
      const out: Record<string, number | null> = {};
      for (const [key, f] of keys) {
        out[key] = nullable(e, f);
        out[`${key}-percentage-change`] = i === 0 ? 0 : nullableChange(nullable(entries[i - 1], f), nullable(e, f));
      }
      return { date: e.date, ...out };
    }),
    summary: summary === null ? {} : Object.fromEntries(keys.flatMap(([key, f]) => {
      const [cur, prev] = [nullable(summary.current, f), nullable(summary.previous, f)];
      return [[`current-${key}`, cur], [`previous-${key}`, prev], [`${key}-percentage-change`, nullableChange(prev, cur)]];
    })),
  };
}

export const retentionAnswer = (entries: readonly SeriesEntry[], summary: Summary | null) =>
  figuresAnswer(RETENTION_KEYS, entries, summary) as Retention;

export const conversionAnswer = (entries: readonly SeriesEntry[], summary: Summary | null) =>
  figuresAnswer(CONVERSION_KEYS, entries, summary) as Conversion;

export function cohortsAnswer(cohorts: readonly Cohort[]): Cohorts {
  return {
    entries: cohorts.map((c) => ({
      cohort: c.cohort,
      size: c.size,
      'mrr-start': c.mrr_start,
      periods: c.periods.map((p) => ({
        period: p.period, date: p.date, customers: p.customers, mrr: p.mrr,
        'customer-retention': p.customer_retention, 'mrr-retention': p.mrr_retention,
      })),
    })),
  };
}
