/** /v1/activities and /v1/customers/{uuid}/activities: request and response schemas (ChartMogul's activities). */
import { z } from '@hono/zod-openapi';
import { PageQuery } from '../conventions/pages.ts';
import { SegmentQuery } from '../metrics/schemas.ts';

const day = (description: string, example: string) => z.string().optional().openapi({ description, example });

export const ActivitiesQuery = PageQuery.extend({
  ...SegmentQuery.shape,
  'start-date': day('Only movements on or after this day (YYYY-MM-DD) or instant (ISO 8601 date-time, UTC without a zone)', '2024-01-01T00:00:00Z'),
  'end-date': day('Only movements on or before this day (YYYY-MM-DD) or instant (ISO 8601 date-time)', '2024-01-31'),
  start_date: z.string().optional().openapi({ description: 'As start-date (when start-date is not given)' }),
  end_date: z.string().optional().openapi({ description: 'As end-date (when end-date is not given)' }),
  type: z.string().optional().openapi({
    description: '`new_biz`, `expansion`, `contraction`, `churn`, `reactivation`, or under plan conditions `segment_entry` or `segment_exit`',
    example: 'churn',
  }),
  order: z.string().optional().openapi({ description: '`date` (oldest first, the default) or `-date`', example: '-date' }),
});

export const CustomerActivitiesParams = z.object({ cus: z.string().openapi({ example: 'cus_3f2a…' }) });

const common = {
  description: z.string().openapi({ example: 'purchased the Gold monthly plan' }),
  'activity-mrr-movement': z.number().openapi({ description: 'The MRR change, in cents of the account currency' }),
  'activity-mrr': z.number().openapi({ description: "The customer's MRR after it" }),
  'activity-arr': z.number(),
  date: z.string().openapi({ example: '2016-01-01T12:00:00+00:00' }),
  type: z.string().openapi({ example: 'new_biz' }),
  currency: z.string().openapi({ example: 'EUR' }),
  'subscription-external-id': z.string(),
};

export const Activity = z.object({
  ...common,
  'subscription-set-external-id': z.string(),
  'plan-external-id': z.string(),
  'customer-name': z.string(),
  'customer-uuid': z.string(),
  'customer-external-id': z.string(),
  'billing-connector-uuid': z.string(),
  uuid: z.string(),
}).openapi('Activity');
export type Activity = z.infer<typeof Activity>;

export const CustomerActivity = z.object({
  id: z.number().int(),
  ...common,
  'currency-sign': z.string().openapi({ example: '€' }),
}).openapi('CustomerActivity');
export type CustomerActivity = z.infer<typeof CustomerActivity>;

export const ActivityList = z.object({
  entries: z.array(Activity),
  has_more: z.boolean(),
  cursor: z.string().nullable(),
  per_page: z.number().int().optional(),
}).openapi('ActivityList');

export const CustomerActivityList = z.object({
  entries: z.array(CustomerActivity),
  has_more: z.boolean(),
  cursor: z.string().nullable(),
  per_page: z.number().int().optional(),
  page: z.number().int().optional(),
}).openapi('CustomerActivityList');
