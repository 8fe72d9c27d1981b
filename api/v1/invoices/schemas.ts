/** /v1 invoices (with their line items and transactions): request and response schemas. */
import { z } from '@hono/zod-openapi';
import { PageQuery } from '../conventions/pages.ts';
import { Transaction } from '../transactions/schemas.ts';

const cents = (description?: string) => z.number().int().openapi({ description });

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
  errors: z.record(z.string(), z.unknown()),
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
