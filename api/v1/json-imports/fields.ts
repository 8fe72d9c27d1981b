/**
 * The lists of a JSON import and, for each, its dataset and the JSON fields with their template
 * columns: those of the single-object endpoints (invoices, line items, transactions and
 * subscription events take theirs from those endpoints; customers and plans have the columns
 * POST /v1/customers and POST /v1/plans fill). A line item names its plan by
 * `plan_external_id`, and each line or transaction its invoice by `invoice_external_id`.
 */
import type { DatasetName } from '../../../shared/index.ts';
import type { FieldSpec } from '../../ingest/template-rows.ts';
import { INVOICE_FIELDS, LINE_ITEM_FIELDS } from '../invoices/fields.ts';
import { EVENT_FIELDS } from '../subscription-events/write.ts';
import { TRANSACTION_FIELDS } from '../transactions/fields.ts';

/** The lists, parents first: each is checked against what the lists before it stored. */
export const IMPORT_LISTS = ['customers', 'plans', 'invoices', 'line_items', 'transactions', 'subscription_events'] as const;
export type ImportList = (typeof IMPORT_LISTS)[number];

const CUSTOMER_FIELDS: readonly FieldSpec[] = [
  { field: 'external_id', header: 'External ID' },
  { field: 'name', header: 'Name' },
  { field: 'email', header: 'Email' },
  { field: 'company', header: 'Company' },
  { field: 'country', header: 'Country' },
  { field: 'state', header: 'State' },
  { field: 'city', header: 'City' },
  { field: 'zip', header: 'Zip' },
  { field: 'lead_created_at', header: 'Lead created at', instant: true },
  { field: 'free_trial_started_at', header: 'Free trial started at', instant: true },
];

const PLAN_FIELDS: readonly FieldSpec[] = [
  { field: 'external_id', header: 'Plan ID' },
  { field: 'name', header: 'Name' },
  { field: 'interval_count', header: 'Interval count' },
  { field: 'interval_unit', header: 'Interval unit' },
];

/** The line item columns with the plan named by its external ID (the import endpoint's plan_uuid resolves to the same column). */
function lineItemFields(): FieldSpec[] {
  const plan = LINE_ITEM_FIELDS.find((f) => f.field === 'plan_uuid' || f.field === 'plan_external_id');
  const rest = LINE_ITEM_FIELDS.filter((f) => f !== plan && f.header !== plan?.header);
  return plan ? [...rest, { ...plan, field: 'plan_external_id' }] : rest;
}

export const LIST_SPECS: Record<ImportList, { dataset: DatasetName; fields: readonly FieldSpec[]; defaults?: Record<string, unknown> }> = {
  customers: { dataset: 'customers', fields: CUSTOMER_FIELDS },
  plans: { dataset: 'plans', fields: PLAN_FIELDS },
  invoices: { dataset: 'invoices', fields: INVOICE_FIELDS },
  // Not prorated unless said, as the invoice import takes a line.
  line_items: { dataset: 'line_items', fields: lineItemFields(), defaults: { prorated: false } },
  transactions: { dataset: 'transactions', fields: TRANSACTION_FIELDS },
  subscription_events: { dataset: 'subscription_events', fields: EVENT_FIELDS },
};
