/** The JSON fields of invoices and line items, and their template columns. */
import type { FieldSpec } from '../../ingest/template-rows.ts';

export const INVOICE_FIELDS: readonly FieldSpec[] = [
  { field: 'customer_external_id', header: 'Customer external ID' },
  { field: 'external_id', header: 'Invoice external ID' },
  { field: 'date', header: 'Invoiced date', instant: true },
  { field: 'due_date', header: 'Due Date', instant: true },
  { field: 'currency', header: 'Currency' },
];

/** `plan_uuid` carries the plan's external ID once resolved; `invoice_external_id` comes from the invoice. */
export const LINE_ITEM_FIELDS: readonly FieldSpec[] = [
  { field: 'invoice_external_id', header: 'Invoice external ID' },
  { field: 'external_id', header: 'External ID' },
  { field: 'subscription_external_id', header: 'Subscription external ID' },
  { field: 'subscription_set_external_id', header: 'Subscription set external ID' },
  { field: 'type', header: 'Type' },
  { field: 'amount_in_cents', header: 'Amount in cents' },
  { field: 'plan_uuid', header: 'Plan' },
  { field: 'service_period_start', header: 'Service period start', instant: true },
  { field: 'service_period_end', header: 'Service period end', instant: true },
  { field: 'quantity', header: 'Quantity' },
  { field: 'prorated', header: 'Proration' },
  { field: 'proration_type', header: 'Proration type' },
  { field: 'discount_code', header: 'Discount code' },
  { field: 'discount_amount_in_cents', header: 'Discount amount' },
  { field: 'tax_amount_in_cents', header: 'Tax amount' },
  { field: 'description', header: 'Description' },
  { field: 'discount_description', header: 'Discount description' },
  { field: 'transaction_fees_in_cents', header: 'Transaction fee' },
  { field: 'transaction_fees_currency', header: 'Transaction fees currency' },
  { field: 'account_code', header: 'Account Code' },
  { field: 'event_order', header: 'Event order' },
  { field: 'balance_transfer', header: 'Balance transfer' },
];
