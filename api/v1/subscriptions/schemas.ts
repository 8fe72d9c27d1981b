/** /v1 subscriptions (the import API's and the metrics API's): request and response schemas. */
import { z } from '@hono/zod-openapi';

const example = {
  customer: 'cus_23551596-2c7e-11ee-9ea1-2bfe193640c0',
  subscription: 'sub_0259d4d5-a63d-4a8c-b901-4f93f95b74b0',
};

/** A subscription as the import API shows it. */
export const ImportSubscription = z.looseObject({
  uuid: z.string().openapi({ example: example.subscription }),
  external_id: z.string(),
  subscription_set_external_id: z.string().nullable().optional(),
  cancellation_dates: z.array(z.string()).openapi({ example: ['2016-01-15T12:00:00.000Z'] }),
  plan_uuid: z.string().nullable(),
  customer_uuid: z.string().optional(),
  data_source_uuid: z.string(),
}).openapi('ImportSubscription');
export type ImportSubscription = z.infer<typeof ImportSubscription>;

export const CustomerImportSubscriptions = z.object({
  customer_uuid: z.string(),
  subscriptions: z.array(ImportSubscription),
  has_more: z.boolean().optional(),
  cursor: z.string().nullable().optional(),
  current_page: z.number().int().optional(),
  total_pages: z.number().int().optional(),
}).openapi('CustomerImportSubscriptions');

/** A customer's subscription as the metrics API shows it, figures in the account currency. */
export const CustomerSubscription = z.looseObject({
  id: z.number().int().openapi({ description: 'An integer ID, as ChartMogul gives it', example: 2293710870 }),
  external_id: z.string(),
  subscription_set_external_id: z.string(),
  quantity: z.number(),
  uuid: z.string().openapi({ description: 'The subscription UUID without the sub_ prefix' }),
  mrr: z.number().openapi({ description: 'Cents' }),
  arr: z.number().openapi({ description: 'Cents' }),
  status: z.string().openapi({ description: '`active`, `past_due` or `inactive`', example: 'active' }),
  plan: z.string(),
  'billing-cycle': z.string().nullable().openapi({ example: 'month' }),
  'billing-cycle-count': z.number().int().nullable().openapi({ example: 1 }),
  'start-date': z.string().openapi({ example: '2016-02-24T00:00:00+00:00' }),
  'end-date': z.string().nullable().openapi({ description: 'Paid through, or when cancelled', example: '2017-02-24T00:00:00+00:00' }),
  currency: z.string().openapi({ example: 'EUR' }),
  'currency-sign': z.string().openapi({ example: '€' }),
}).openapi('CustomerSubscription');
export type CustomerSubscription = z.infer<typeof CustomerSubscription>;

export const CustomerSubscriptionList = z.object({
  entries: z.array(CustomerSubscription),
  has_more: z.boolean(),
  cursor: z.string().nullable(),
  per_page: z.number().int().optional(),
  page: z.number().int().optional(),
}).openapi('CustomerSubscriptionList');

export const CustomerParams = z.object({ cus: z.string().openapi({ example: example.customer }) });
export const SubscriptionParams = z.object({ sub: z.string().openapi({ example: example.subscription }) });

// Checked in code by the cancellations template parser (the messages /sync gives).
export const SubscriptionCancellation = z.looseObject({
  cancelled_at: z.unknown().optional().openapi({ type: 'string', description: 'Adds a cancellation at this instant', example: '2016-01-15T12:00:00Z' }),
  cancellation_dates: z.unknown().optional().openapi({
    type: 'array', items: { type: 'string' }, description: "Replaces all of the subscription's cancellations ([] removes them)", example: ['2016-01-15T12:00:00Z'],
  }),
}).openapi('SubscriptionCancellation');

export const SubscriptionConnection = z.looseObject({
  subscriptions: z.unknown().optional().openapi({
    type: 'array',
    description: 'Required: the subscriptions, each as {uuid} or {data_source_uuid, external_id}',
    example: [{ uuid: example.subscription }, { uuid: 'sub_dd7ef9f2-1f60-4e36-bd8d-af8b20ad8f4f' }],
  }),
}).openapi('SubscriptionConnection');

export const Accepted = z.object({}).openapi('Accepted');
