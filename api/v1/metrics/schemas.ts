/** /v1/metrics/{metric}: request and response schemas, in the shapes of ChartMogul's metrics API. */
import { z } from '@hono/zod-openapi';

const day = (description: string) => z.string().optional().openapi({ description, example: '2024-01-31' });

export const MetricsQuery = z.object({
  'start-date': day('First day of the series (YYYY-MM-DD); default the first of the month of the first movement'),
  'end-date': day('Last day of the series (YYYY-MM-DD); default and at most today'),
  interval: z.string().optional().openapi({ description: '`day`, `week`, `month` (the default), `quarter` or `year`', example: 'month' }),
  geo: z.string().optional().openapi({ description: 'Only customers of these countries (ISO codes, comma-separated)', example: 'US,DE' }),
  plans: z.string().optional().openapi({ description: 'Only customers with a subscription on these plans (external IDs or names, comma-separated)' }),
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
