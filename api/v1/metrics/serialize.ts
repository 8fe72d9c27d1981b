/**
 * Series entries in the shapes of ChartMogul's metrics API: hyphenated keys, each entry's
 * change on the previous one in percent, and a summary of the metric now against one
 * interval before. LTV with no churn is null in the report and 0 here (METRICS.md section 6).
 */
import { roundHalfAway, type SeriesEntry } from '../../../shared/index.ts';
import type { Metrics, MetricsEntry } from './schemas.ts';

type Field = Exclude<keyof SeriesEntry, 'date'>;

/** The key metrics of /metrics/all, as [API key, series key]. */
const KEY_METRICS: [string, Field][] = [
  ['mrr', 'mrr'], ['arr', 'arr'], ['customer-churn-rate', 'customer_churn_rate'], ['mrr-churn-rate', 'mrr_churn_rate'],
  ['ltv', 'ltv'], ['customers', 'customers'], ['asp', 'asp'], ['arpa', 'arpa'],
];

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

export function metricsAnswer(metric: string, entries: readonly SeriesEntry[], summary: Summary | null): Metrics {
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
      if (metric === 'mrr') for (const [k, m] of MRR_MOVEMENTS) out[k] = value(e, m);
      return dated(e.date, out);
    }),
    summary: summary === null ? {} : (() => {
      const [cur, prev] = [value(summary.current, f), value(summary.previous, f)];
      return { current: cur, previous: prev, 'percentage-change': percentChange(prev, cur) };
    })(),
  };
}
