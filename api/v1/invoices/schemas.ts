/** /v1 invoices (with their line items and transactions): request and response schemas. */
import { z } from '@hono/zod-openapi';
import { PageQuery } from '../conventions/pages.ts';
import { Transaction } from '../transactions/schemas.ts';

const cents = (description?: string) => z.number().int().openapi({ description });

/** What PATCH requests changed: each field's imported (`original_value`) and current (`edited_value`) value. */
export const EditHistorySummary = z.object({
  values_changed: z.record(z.string(), z.object({ original_value: z.unknown(), edited_value: z.unknown() })).optional(),
  latest_edit_author: z.string().nullable().optional(),
  latest_edit_performed_at: z.string().nullable().optional(),
}).openapi('EditHistorySummary', {
  example: {
    values_changed: { amount_in_cents: { original_value: 11000, edited_value: 10000 } },
    latest_edit_author: 'api', latest_edit_performed_at: '2025-08-04T12:36:50.574Z',
  },
});

/**
 * The Import API's edit state of an invoice, line item or transaction (optional: ChartMogul's
 * older answers lack it). A disabled object counts nowhere until enabled again.
 */
export const editStateFields = {
  disabled: z.boolean().optional(),
  disabled_at: z.string().nullable().optional().openapi({ example: '2025-08-04T12:56:45.173Z' }),
  disabled_by: z.string().nullable().optional(),
  user_created: z.boolean().optional(),
  edit_history_summary: EditHistorySummary.nullable().optional().openapi({ description: 'null when never edited' }),
};

/** A line item: every type carries the money fields; a subscription line also its subscription, plan and period. */
export const LineItem = z.looseObject({
  uuid: z.string().openapi({ example: 'li_dacad109-fc67-47f9-8381-462e0fe27201' }),
  external_id: z.string().nullable(),
  type: z.string().openapi({ description: '`subscription`, `one_time`, …', example: 'subscription' }),
  subscription_uuid: z.string().nullable().optional(),
  subscription_external_id: z.string().nullable().optional(),
  subscription_set_external_id: z.string().nullable().optional(),
  prorated: z.boolean().optional(),
  proration_type: z.string().nullable().optional(),
  service_period_start: z.string().nullable().optional().openapi({ example: '2016-01-01T12:00:00.000Z' }),
  service_period_end: z.string().nullable().optional().openapi({ example: '2016-02-01T12:00:00.000Z' }),
  plan_uuid: z.string().nullable().optional(),
  plan_external_id: z.string().nullable().optional().openapi({ example: 'gold_plan' }),
  description: z.string().nullable().optional(),
  amount_in_cents: cents('The line amount after discount, before tax'),
  quantity: z.number().int(),
  discount_code: z.string(),
  discount_amount_in_cents: cents(),
  tax_amount_in_cents: cents(),
  transaction_fees_in_cents: cents(),
  account_code: z.string(),
  transaction_fees_currency: z.string().nullable(),
  discount_description: z.string().nullable(),
  event_order: z.number().int().nullable(),
  balance_transfer: z.boolean().nullable().optional(),
  invoice_uuid: z.string().nullable().optional().openapi({ description: 'The invoice (answers of /v1/line_items)' }),
  ...editStateFields,
}).openapi('LineItem');
export type LineItem = z.infer<typeof LineItem>;

export const Invoice = z.looseObject({
  uuid: z.string().openapi({ example: 'inv_8ab74614-4e62-49f6-b4b3-f779109e50d0' }),
  external_id: z.string(),
  date: z.string().openapi({ example: '2016-01-01T12:00:00.000Z' }),
  due_date: z.string().nullable(),
  currency: z.string().openapi({ example: 'USD' }),
  customer_uuid: z.string().nullable().optional(),
  customer_external_id: z.string().optional(),
  data_source_uuid: z.string().optional(),
  collection_method: z.string().nullable().optional().openapi({ description: '`automatic`, `manual` or null' }),
  status: z.string().optional().openapi({ description: '`open`, `paid`, `refunded` (from its transactions), `voided` or `written_off`', example: 'paid' }),
  errors: z.record(z.string(), z.unknown()),
  ...editStateFields,
  line_items: z.array(LineItem),
  transactions: z.array(Transaction),
}).openapi('Invoice');
export type Invoice = z.infer<typeof Invoice>;

/** The invoice after a status change: its status beside it. */
export const InvoiceWithStatus = Invoice.extend({ status: z.string().openapi({ example: 'voided' }) }).openapi('InvoiceWithStatus');

const pageFields = {
  has_more: z.boolean().optional(),
  cursor: z.string().nullable().optional(),
  current_page: z.number().int().optional(),
  total_pages: z.number().int().optional(),
};

export const InvoiceList = z.object({ invoices: z.array(Invoice), ...pageFields }).openapi('InvoiceList');
export const CustomerInvoiceList = z.object({ customer_uuid: z.string(), invoices: z.array(Invoice), ...pageFields }).openapi('CustomerInvoiceList');
export const ImportedInvoices = z.object({ invoices: z.array(Invoice) }).openapi('ImportedInvoices');

export const InvoiceListQuery = PageQuery.extend({
  customer_uuid: z.string().optional().openapi({ description: "Only this customer's invoices" }),
  data_source_uuid: z.string().optional().openapi({ description: 'Only invoices of this data source' }),
  external_id: z.string().optional().openapi({ description: 'Only invoices with this external ID' }),
});

const example = {
  customer: 'cus_23551596-2c7e-11ee-9ea1-2bfe193640c0',
  dataSource: 'ds_03cfd2c4-2c7e-11ee-ab23-cb0f008cff46',
  invoice: 'inv_8ab74614-4e62-49f6-b4b3-f779109e50d0',
};
export const CustomerParams = z.object({ cus: z.string().openapi({ example: example.customer }) });
export const InvoiceParams = z.object({ inv: z.string().openapi({ example: example.invoice }) });
export const SourceCustomerParams = z.object({
  ds: z.string().openapi({ example: example.dataSource }),
  cus: z.string().openapi({ example: example.customer }),
});
export const StatusParams = z.object({
  ds: z.string().openapi({ example: example.dataSource }),
  external_id: z.string().openapi({ description: "The invoice's external ID", example: 'INV-0001' }),
});

// The fields are checked in code by the template parsers (the messages /sync gives), each
// refusal naming its place: invoices[0].line_items[1].amount_in_cents.
export const InvoiceImport = z.looseObject({
  invoices: z.unknown().optional().openapi({
    type: 'array',
    description: 'Required, at least one: invoices with their line_items and transactions (the fields of the Invoices, '
      + 'Line items and Transactions templates; plan_uuid names a plan; a line\'s cancelled_at cancels its subscription)',
    example: [{
      external_id: 'INV-0001', date: '2016-01-01T12:00:00Z', currency: 'USD',
      line_items: [{
        type: 'subscription', subscription_external_id: 'sub-1', plan_uuid: 'pl_eed05d54-75b4-431b-adb2-eb6b9e543206',
        service_period_start: '2016-01-01T12:00:00Z', service_period_end: '2016-02-01T12:00:00Z', amount_in_cents: 1000, quantity: 1,
      }],
      transactions: [{ date: '2016-01-01T12:00:00Z', type: 'payment', result: 'successful' }],
    }],
  }),
}).openapi('InvoiceImport');

export const InvoiceStatusUpdate = z.looseObject({
  status: z.unknown().optional().openapi({ type: 'string', description: '`voided` or `written_off` (left out of MRR)', example: 'voided' }),
}).openapi('InvoiceStatusUpdate');

const field = (type: 'string' | 'boolean', description: string, example?: unknown) =>
  z.unknown().optional().openapi({ type, description, example });

// Checked in code by the invoices template parser, as an import's invoice is.
export const InvoiceUpdate = z.looseObject({
  date: field('string', 'ISO 8601', '2024-11-10T00:00:00Z'),
  due_date: field('string', 'ISO 8601, or null', '2024-12-02T00:00:00Z'),
  currency: field('string', 'A currency code', 'EUR'),
  collection_method: field('string', '`automatic`, `manual` or null', 'manual'),
}).openapi('InvoiceUpdate', { description: 'The fields to change; the others keep their values' });

export const DisabledState = z.looseObject({
  disabled: field('boolean', 'Required: true disables (the invoice counts nowhere), false enables', true),
}).openapi('InvoiceDisabledState');

const flag = (description: string) => z.string().optional().openapi({ description, example: 'true' });

/** An invoice named by its data source and external ID (the query's, else the body's). */
export const ExternalIdQuery = z.object({
  data_source_uuid: z.string().optional().openapi({ description: "With external_id: the invoice's data source", example: example.dataSource }),
  external_id: z.string().optional().openapi({ description: "With data_source_uuid: the invoice's external ID", example: 'INV-0001' }),
  handle_as_user_edit: flag('Accepted and ignored: in custom sources an edit changes the invoice in place'),
});
