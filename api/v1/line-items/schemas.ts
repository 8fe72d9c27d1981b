/** /v1 line items (ChartMogul's LineItem endpoints): request and response schemas. */
import { z } from '@hono/zod-openapi';
import { LineItem } from '../invoices/schemas.ts';

export { LineItem };

const example = {
  invoice: 'inv_8ab74614-4e62-49f6-b4b3-f779109e50d0',
  lineItem: 'li_b86028e7-c28c-4a0f-9518-fbbdbc259824',
  dataSource: 'ds_03cfd2c4-2c7e-11ee-ab23-cb0f008cff46',
};

export const InvoiceParams = z.object({ inv: z.string().openapi({ example: example.invoice }) });
export const LineItemParams = z.object({ li: z.string().openapi({ example: example.lineItem }) });

const flag = (description: string) => z.string().optional().openapi({ description, example: 'true' });

/** Accepted as ChartMogul's clients send them; Mogul's sources are all custom ones, where they change nothing. */
const clientFlags = {
  handle_as_user_edit: flag('On a create, marks the line `user_created`; otherwise ignored (custom sources keep edits in place)'),
  include_edit_histories: flag('Ignored: edit_history_summary is always there'),
  with_disabled: flag('Ignored: disabled lines are always there, with `disabled` true'),
};

export const CreateQuery = z.object(clientFlags);
export const UuidQuery = z.object(clientFlags);

/** A line named by its data source and external ID (the query's, else the body's). */
export const ExternalIdQuery = z.object({
  data_source_uuid: z.string().optional().openapi({ description: 'With external_id: the line\'s data source', example: example.dataSource }),
  external_id: z.string().optional().openapi({ description: 'With data_source_uuid: the line\'s external ID', example: 'li_ext_id_00762' }),
  ...clientFlags,
});

// The values are checked in code by the line items template parser (the messages an invoice
// import gives), each refusal naming the field.
const field = (type: 'string' | 'integer' | 'boolean', description: string, example?: unknown) =>
  z.unknown().optional().openapi({ type, description, example });

const lineFields = {
  type: field('string', '`subscription` or `one_time`', 'subscription'),
  external_id: field('string', 'Unique in the data source', 'li_ext_id_00762'),
  subscription_external_id: field('string', 'Required on subscription lines', 'sub_0001'),
  subscription_set_external_id: field('string', 'The subscription set', 'set_0001'),
  plan_uuid: field('string', 'Required on subscription lines: a plan of the invoice\'s data source', 'pl_eed05d54-75b4-431b-adb2-eb6b9e543206'),
  service_period_start: field('string', 'Required on subscription lines: ISO 8601', '2025-06-14T21:39:06Z'),
  service_period_end: field('string', 'Required on subscription lines: after the start', '2025-07-14T21:39:06Z'),
  amount_in_cents: field('integer', 'Required: the amount after discount, tax included', 10000),
  quantity: field('integer', 'A non-zero whole number (default 1)', 1),
  prorated: field('boolean', 'Default false', false),
  proration_type: field('string', '`differential` (default), `full` or `differential_mrr`', 'full'),
  discount_code: field('string', 'The discount code', 'PSO86'),
  discount_amount_in_cents: field('integer', 'The discount', 1000),
  discount_description: field('string', 'The discount\'s description'),
  tax_amount_in_cents: field('integer', 'Tax included in the amount', 900),
  transaction_fees_in_cents: field('integer', 'Fees of the payment', 200),
  transaction_fees_currency: field('string', 'The fees\' currency', 'USD'),
  description: field('string', 'A one-time line\'s description', 'Setup fees'),
  account_code: field('string', 'The accounting code'),
  event_order: field('integer', 'Orders lines of one subscription at one instant', 3),
  balance_transfer: field('boolean', 'Default false', false),
};

export const LineItemCreate = z.looseObject({
  ...lineFields,
  cancelled_at: field('string', 'Cancels the line\'s subscription at this instant', '2025-07-14T21:39:06Z'),
}).openapi('LineItemCreate');

export const LineItemUpdate = z.looseObject(lineFields).openapi('LineItemUpdate', {
  description: 'The fields to change; the others keep their values',
});

export const DisabledState = z.looseObject({
  disabled: field('boolean', 'Required: true disables (the object counts nowhere), false enables', true),
}).openapi('DisabledState');
