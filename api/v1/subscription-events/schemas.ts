/** /v1/subscription_events: request and response schemas. */
import { z } from '@hono/zod-openapi';
import { PageQuery } from '../conventions/pages.ts';

/** ChartMogul answers "" for some fields it has no value for; this API answers null. */
const numberOrBlank = z.union([z.number().int(), z.literal('')]).nullable();
const textOrNull = z.string().nullable();

export const SubscriptionEvent = z.looseObject({
  id: z.number().int().openapi({ description: 'An integer ID, as ChartMogul gives it', example: 138979488 }),
  data_source_uuid: z.string().openapi({ example: 'ds_8a5c8aa6-de07-11ec-bf86-afa844e0d0e3' }),
  customer_external_id: z.string(),
  subscription_set_external_id: textOrNull.optional(),
  subscription_external_id: textOrNull,
  plan_external_id: textOrNull,
  event_date: z.string().openapi({ example: '2022-05-18T09:48:34Z' }),
  effective_date: z.string().openapi({ example: '2021-12-30T00:01:00Z' }),
  event_type: z.string().openapi({ example: 'subscription_start' }),
  external_id: textOrNull,
  errors: z.record(z.string(), z.unknown()),
  created_at: z.string(),
  updated_at: z.string(),
  quantity: numberOrBlank,
  currency: textOrNull,
  amount_in_cents: numberOrBlank,
  tax_amount_in_cents: z.number().int().nullable().optional(),
  retracted_event_id: textOrNull.optional(),
  event_order: z.number().int().nullable().optional().openapi({ description: 'Orders events of one subscription effective at the same instant (missing last)', example: 100 }),
  disabled: z.boolean().optional().openapi({ description: 'A disabled event counts nowhere' }),
  disabled_at: z.string().nullable().optional(),
  disabled_by: z.string().nullable().optional().openapi({ description: 'The account whose key disabled it' }),
  user_created: z.boolean().optional(),
}).openapi('SubscriptionEvent');
export type SubscriptionEvent = z.infer<typeof SubscriptionEvent>;

/** The older page keys ChartMogul's list answer carries beside the cursor. */
export const SubscriptionEventMeta = z.object({
  next_key: z.number().int().nullable().openapi({ description: 'The id of the first event of the next page (null on the last)' }),
  prev_key: z.number().int().nullable().openapi({ description: 'The id of the first event of the previous page (null on the first)' }),
  before_key: z.string().openapi({ description: 'When the list was read (events are newest first)', example: '2023-10-27T08:15:37.554Z' }),
  page: z.number().int(),
  total_pages: z.number().int(),
}).openapi('SubscriptionEventMeta');

/** The list key, `meta` (not to chartmogul-python, which cannot take it), has_more and cursor. */
export const SubscriptionEventList = z.object({
  subscription_events: z.array(SubscriptionEvent),
  meta: SubscriptionEventMeta.optional(),
  has_more: z.boolean().optional(),
  cursor: z.string().nullable().optional(),
}).openapi('SubscriptionEventList');

export const SubscriptionEventListQuery = PageQuery.extend({
  customer_uuid: z.string().optional().openapi({ description: "Only this customer's events" }),
  data_source_uuid: z.string().optional().openapi({ description: 'Only events of this data source' }),
  customer_external_id: z.string().optional().openapi({ description: 'Only events of customers with this external ID' }),
  subscription_external_id: z.string().optional().openapi({ description: 'Only events of this subscription' }),
  external_id: z.string().optional().openapi({ description: 'Only the event with this external ID' }),
  event_type: z.string().optional().openapi({ description: 'Only events of this type', example: 'subscription_start' }),
  plan_external_id: z.string().optional().openapi({ description: 'Only events of this plan' }),
});

/** Which event a DELETE means: by these query parameters, else by the body's fields. */
export const SubscriptionEventRef = z.object({
  'subscription_event[id]': z.string().optional().openapi({ description: 'The integer ID of the event' }),
  'subscription_event[data_source_uuid]': z.string().optional().openapi({ description: 'With subscription_event[external_id]' }),
  'subscription_event[external_id]': z.string().optional().openapi({ description: 'The external ID of the event' }),
  id: z.string().optional().openapi({ description: 'As subscription_event[id]' }),
  data_source_uuid: z.string().optional().openapi({ description: 'As subscription_event[data_source_uuid]' }),
  external_id: z.string().optional().openapi({ description: 'As subscription_event[external_id]' }),
});

// The fields are checked in code by the subscription events template parser (the messages
// /sync gives), each refusal naming its field.
const FIELDS = [
  'data_source_uuid (required on create)', 'customer_external_id', 'subscription_external_id', 'event_type', 'event_date',
  'effective_date', 'plan_external_id', 'currency', 'amount_in_cents', 'quantity', 'external_id', 'retracted_event_id',
  'event_order (a whole number, or null)', 'disabled (PATCH: true or false)',
  'id (the integer ID of the event a PATCH or DELETE means)',
];

/** The clients send the event inside `subscription_event`; a flat body is read the same. */
export const SubscriptionEventBody = z.looseObject({
  subscription_event: z.unknown().optional().openapi({ type: 'object', description: `The event's fields: ${FIELDS.join(', ')}` }),
}).openapi('SubscriptionEventBody', {
  example: {
    subscription_event: {
      data_source_uuid: 'ds_8a5c8aa6-de07-11ec-bf86-afa844e0d0e3', customer_external_id: 'cus-1', subscription_external_id: 'sub-1',
      event_type: 'subscription_start', event_date: '2022-05-18T09:48:34Z', effective_date: '2022-05-18T09:48:34Z',
      plan_external_id: 'gold', currency: 'USD', amount_in_cents: 1000, quantity: 1, external_id: 'ev-1',
    },
  },
});

export const SubscriptionEventIdParams = z.object({ id: z.string().openapi({ description: 'The integer ID of the event', example: '138979488' }) });

export const DisabledStateQuery = z.object({
  handle_as_user_edit: z.string().optional().openapi({ description: "Accepted as ChartMogul's clients send it; changes nothing here" }),
});

export const DisabledStateBody = z.looseObject({
  disabled: z.unknown().optional().openapi({ type: 'boolean', description: 'true to disable the event, false to enable it (required)' }),
}).openapi('SubscriptionEventDisabledState', { example: { disabled: true } });

export const DisabledStateByExternalIdBody = z.looseObject({
  subscription_event: z.unknown().optional().openapi({ type: 'object', description: 'The event: {data_source_uuid, external_id}' }),
  disabled: z.unknown().optional().openapi({ type: 'boolean', description: 'true to disable the event, false to enable it (required)' }),
}).openapi('SubscriptionEventDisabledStateByExternalId', {
  example: { subscription_event: { data_source_uuid: 'ds_8a5c8aa6-de07-11ec-bf86-afa844e0d0e3', external_id: 'ev-1' }, disabled: true },
});
