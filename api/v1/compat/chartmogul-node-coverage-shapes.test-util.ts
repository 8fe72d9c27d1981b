/**
 * The shapes the coverage scenarios hold the answers to: a recorded ChartMogul response
 * (./recordings, compared key by key with shape.test-util.ts's rules) where one exists, and
 * otherwise the keys dev.chartmogul.com documents for the object.
 */
import { expect } from 'vitest';
import { readCassette } from './cassettes.test-util.ts';
import { compareShapes } from './shape.test-util.ts';

const cache = new Map<string, unknown>();

/**
 * The JSON of one recorded response: `cassette` under ./recordings, interaction `index`, and
 * optionally a path into it (`invoices.0.line_items.0`).
 */
export function recorded(cassette: string, index: number, path = ''): unknown {
  const key = `${cassette}#${index}`;
  if (!cache.has(key)) {
    const interaction = readCassette(cassette).interactions[index];
    if (!interaction) throw new Error(`${cassette} has no interaction #${index}`);
    cache.set(key, JSON.parse(interaction.response));
  }
  let value = cache.get(key);
  for (const step of path.split('.').filter(Boolean)) value = (value as Record<string, unknown>)[step];
  if (value === undefined) throw new Error(`${cassette} #${index} has nothing at ${path}`);
  return value;
}

/** Our answer has every key of the recorded one, recursively, with compatible types. */
export function expectRecordedShape(ours: unknown, cassette: string, index: number, path = ''): void {
  const { mismatches } = compareShapes(recorded(cassette, index, path), ours);
  expect(mismatches, `shape of ${cassette} #${index}${path ? ` at ${path}` : ''}`).toEqual([]);
}

/** Our object carries every documented key. */
export function expectKeys(ours: unknown, keys: readonly string[], what: string): void {
  expect(ours, `${what}: an object`).toBeTypeOf('object');
  expect(ours, `${what}: an object`).not.toBeNull();
  const missing = keys.filter((k) => !(k in (ours as Record<string, unknown>)));
  expect(missing, `${what}: documented keys missing`).toEqual([]);
}

// Keys as dev.chartmogul.com documents them (Import API reference, 2025), beyond what the
// recordings (made before these fields existed) show.

/** The edit state every invoice, line item and transaction carries (issue 12). */
export const EDIT_STATE = ['disabled', 'disabled_at', 'disabled_by', 'user_created'] as const;

/** Invoice object of Update an Invoice / Disable an Invoice. */
export const INVOICE_KEYS = [
  'uuid', 'external_id', 'date', 'due_date', 'currency', 'collection_method', 'status', 'errors', ...EDIT_STATE,
  'line_items', 'transactions',
] as const;

/** Line item of Retrieve / Update / Disable a Line Item. */
export const LINE_ITEM_KEYS = [
  'uuid', 'external_id', 'type', 'amount_in_cents', 'quantity', 'discount_code', 'discount_amount_in_cents',
  'tax_amount_in_cents', 'transaction_fees_in_cents', 'account_code', 'plan_uuid', 'plan_external_id',
  'transaction_fees_currency', 'discount_description', 'event_order', 'subscription_uuid', 'subscription_external_id',
  'prorated', 'proration_type', 'service_period_start', 'service_period_end', ...EDIT_STATE,
] as const;

/** Transaction of Retrieve / Update / Disable a Transaction. */
export const TRANSACTION_KEYS = [
  'uuid', 'external_id', 'type', 'date', 'result', 'amount_in_cents', 'transaction_fees_in_cents', 'transaction_fees_currency',
  ...EDIT_STATE,
] as const;

/** Subscription event of Disable a Subscription Event. */
export const SUBSCRIPTION_EVENT_KEYS = [
  'id', 'data_source_uuid', 'customer_external_id', 'subscription_external_id', 'plan_external_id', 'event_date',
  'effective_date', 'event_type', 'external_id', 'errors', 'created_at', 'updated_at', 'quantity', 'currency',
  'amount_in_cents', 'event_order', 'disabled', 'disabled_at', 'disabled_by', 'user_created',
] as const;

/** Import Data in Bulk and Track Import Status. */
export const JSON_IMPORT_KEYS = ['id', 'data_source_uuid', 'status', 'external_id', 'status_details', 'created_at', 'updated_at'] as const;

/** The account settings `include=` adds to Retrieve Account Details. */
export const ACCOUNT_INCLUDES = [
  'churn_recognition', 'churn_when_zero_mrr', 'auto_churn_subscription', 'refund_handling', 'proximate_movement_reclassification',
] as const;
