/**
 * /v1/metrics/*: request and response schemas, in the shapes of ChartMogul's metrics API, and
 * of Mogul's own cohorts, retention and conversion endpoints (same conventions).
 */
import { z } from '@hono/zod-openapi';

const day = (description: string) => z.string().optional().openapi({ description, example: '2024-01-31' });

/** A segment: `filters` in ChartMogul's filter language and its older forms `plans` and `geo` (API.md). */
export const SegmentQuery = z.object({
  filters: z.string().optional().openapi({
    description: 'A segment: conditions `field~OPERATOR~value` joined by `~AND~` (fields region, state, city, tags, '
      + 'custom.<key>, data_source, currency, plan, billing_cycle; operators ANY, ALL, NONE, EQ, NOT_EQ, GT, GTE, LT, '
      + 'LTE, BETWEEN). An unknown field or operator is a 422',
    example: "region~ANY~'US','CA'~AND~plan~ANY~'pro'",
  }),
  geo: z.string().optional().openapi({ description: 'Only customers of these countries (ISO codes, comma-separated): `region~ANY~…`', example: 'US,DE' }),
  plans: z.string().optional().openapi({
    description: 'Only subscriptions while on these plans (UUIDs, external IDs or names, comma-separated): `plan~ANY~…`',
  }),
});

export const MetricsQuery = SegmentQuery.extend({
  'start-date': day('First day of the series (YYYY-MM-DD); default the first of the month of the first movement'),
  'end-date': day('Last day of the series (YYYY-MM-DD); default and at most today'),
  interval: z.string().optional().openapi({ description: '`day`, `week`, `month` (the default), `quarter` or `year`', example: 'month' }),
});

export const MetricsParams = z.object({
  metric: z.string().openapi({
    description: '`all`, `mrr`, `arr`, `arpa`, `asp`, `customer-count`, `customer-churn-rate`, `mrr-churn-rate` or `ltv`',
    example: 'mrr',
  }),
});

/** One interval's figures: `date` and the metric's keys (each with its percentage change on the entry before). */
export const MetricsEntry = z.object({ date: z.string().openapi({ example: '2024-01-31' }) })
  .catchall(z.number())
  .openapi('MetricsEntry', { example: { date: '2024-01-31', mrr: 150000, 'percentage-change': 12.5 } });

export const Metrics = z.object({
  entries: z.array(MetricsEntry),
  /** The metric over the interval holding today against the interval before; {} where there is none. */
  summary: z.record(z.string(), z.number()).openapi({ example: { current: 150000, previous: 133333, 'percentage-change': 12.5 } }),
}).openapi('Metrics');
export type Metrics = z.infer<typeof Metrics>;
export type MetricsEntry = z.infer<typeof MetricsEntry>;

/** Figures that may be null (no divisor, nothing to average), each with its change on the entry before. */
const figure = (description: string) => z.number().nullable().openapi({ description });
const change = z.number().openapi({ description: 'Change on the entry before, in %; 0 when either is null or the one before is 0' });
const summary = z.record(z.string(), z.number().nullable());

export const RetentionEntry = z.object({
  date: z.string().openapi({ example: '2024-02-29' }),
  'net-mrr-retention': figure('MRR at the entry date of the customers with MRR at the interval start, over their MRR then, in %'),
  'net-mrr-retention-percentage-change': change,
  'gross-mrr-retention': figure('The same with each customer capped at its start MRR, in %'),
  'gross-mrr-retention-percentage-change': change,
  'quick-ratio': figure('(new business + expansion + reactivation) / -(churn + contraction); null when nothing was lost'),
  'quick-ratio-percentage-change': change,
}).openapi('RetentionEntry');

export const Retention = z.object({ entries: z.array(RetentionEntry), summary }).openapi('Retention', {
  example: {
    entries: [{
      date: '2024-02-29', 'net-mrr-retention': 81.58, 'net-mrr-retention-percentage-change': 0, 'gross-mrr-retention': 68.42,
      'gross-mrr-retention-percentage-change': 0, 'quick-ratio': 1.67, 'quick-ratio-percentage-change': 0,
    }],
    summary: { 'current-net-mrr-retention': 81.58, 'previous-net-mrr-retention': 0, 'net-mrr-retention-percentage-change': 0 },
  },
});
export type Retention = z.infer<typeof Retention>;

export const ConversionEntry = z.object({
  date: z.string().openapi({ example: '2024-01-31' }),
  trials: z.number().openapi({ description: 'Customers whose free trial started in the interval' }),
  'trials-percentage-change': change,
  'trials-converted': z.number().openapi({ description: 'Of those, the ones whose first new business is on or after the trial start' }),
  'trials-converted-percentage-change': change,
  'trial-to-paid-rate': z.number().openapi({ description: 'trials-converted / trials in %; 0 when no trials' }),
  'trial-to-paid-rate-percentage-change': change,
  'avg-sales-cycle-days': figure('Mean days from lead created to first new business in the interval; null when none'),
  'avg-sales-cycle-days-percentage-change': change,
}).openapi('ConversionEntry');

export const Conversion = z.object({ entries: z.array(ConversionEntry), summary }).openapi('Conversion');
export type Conversion = z.infer<typeof Conversion>;

export const CohortsQuery = SegmentQuery.extend({
  'start-date': day('Cohorts from the interval holding this day (YYYY-MM-DD); default every cohort'),
  'end-date': day('Cohorts up to the interval holding this day, measured up to it (YYYY-MM-DD); default and at most today'),
  interval: z.string().optional().openapi({ description: 'The cohort interval: `day`, `week`, `month` (the default), `quarter` or `year`', example: 'month' }),
});

export const CohortPeriod = z.object({
  period: z.number().int().openapi({ description: '0: the cohort interval itself, 1: the next, …' }),
  date: z.string().openapi({ description: "The period's last day, clipped to end-date", example: '2024-01-31' }),
  customers: z.number().int().openapi({ description: 'Cohort customers Active or Past due at the period end' }),
  mrr: z.number().openapi({ description: "The cohort customers' MRR at the period end (cents)" }),
  'customer-retention': z.number().openapi({ description: 'customers / size, in %' }),
  'mrr-retention': z.number().openapi({ description: 'mrr / mrr-start, in %; 0 when mrr-start is 0' }),
}).openapi('CohortPeriod');

export const Cohort = z.object({
  cohort: z.string().openapi({ description: "The cohort interval's first day", example: '2024-01-01' }),
  size: z.number().int(),
  'mrr-start': z.number().openapi({ description: "The cohort's MRR at the end of period 0 (cents)" }),
  periods: z.array(CohortPeriod),
}).openapi('Cohort');

export const Cohorts = z.object({ entries: z.array(Cohort) }).openapi('Cohorts');
export type Cohorts = z.infer<typeof Cohorts>;
