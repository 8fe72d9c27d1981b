/** Transactions (payments and refunds of an invoice): request and response schemas. */
import { z } from '@hono/zod-openapi';
import { PageQuery } from '../conventions/pages.ts';

const EditHistorySummary = z.object({
  values_changed: z.record(z.string(), z.object({ original_value: z.unknown(), edited_value: z.unknown() })),
  latest_edit_author: z.string().nullable(),
  latest_edit_performed_at: z.string().nullable(),
}).openapi('EditHistorySummary', {
  description: 'What PATCH requests changed: each field with its imported value and its edited one',
  example: {
    values_changed: { amount_in_cents: { original_value: 1000, edited_value: 800 } },
    latest_edit_author: 'Acme', latest_edit_performed_at: '2025-08-04T13:59:09.486Z',
  },
});

export const Transaction = z.looseObject({
  uuid: z.string().openapi({ example: 'tr_13920c67-3782-4d8c-b835-03deb3dd471c' }),
  external_id: z.string().nullable(),
  type: z.string().openapi({ description: '`payment` or `refund`', example: 'payment' }),
  date: z.string().openapi({ example: '2016-01-01T12:00:00.000Z' }),
  result: z.string().openapi({ description: '`successful` or `failed`', example: 'successful' }),
  amount_in_cents: z.number().int().nullable().openapi({ description: 'The amount; null for the whole invoice' }),
  transaction_fees_in_cents: z.number().int().nullable().optional().openapi({ description: "Not stored on transactions (fees are the invoice's line items'): always null here" }),
  transaction_fees_currency: z.string().nullable().optional().openapi({ description: 'Not stored on transactions: always null here' }),
  // The edit state is optional only because ChartMogul's older recorded answers lack it; Mogul always sends it.
  disabled: z.boolean().optional().openapi({ description: 'A disabled transaction counts nowhere (cash flow, the customer profile) until enabled again' }),
  disabled_at: z.string().nullable().optional().openapi({ example: '2025-08-04T13:59:09.486Z' }),
  disabled_by: z.string().nullable().optional().openapi({ description: 'The account whose key disabled it' }),
  user_created: z.boolean().optional().openapi({ description: 'Created alone through the API (POST …/transactions), not imported with its invoice' }),
  edit_history_summary: EditHistorySummary.nullable().optional().openapi({ description: 'Null when never edited' }),
}).openapi('Transaction');
export type Transaction = z.infer<typeof Transaction>;

// Field values are checked in code by the transactions template parser (the messages /sync gives).
const field = (type: 'string' | 'integer', description: string, example?: unknown) =>
  z.unknown().optional().openapi({ type, description, example });

export const TransactionCreate = z.looseObject({
  type: field('string', 'Required: `payment` or `refund`', 'payment'),
  date: field('string', 'Required: ISO 8601', '2016-01-01T12:00:00Z'),
  result: field('string', 'Required: `successful` or `failed`', 'successful'),
  amount_in_cents: field('integer', 'Part of the invoice; the whole invoice when left out', 500),
  external_id: field('string', 'Unique in the data source', 'tr_ext_1'),
}).openapi('TransactionCreate');

export const TransactionUpdate = z.looseObject({
  type: field('string', '`payment` or `refund`', 'refund'),
  date: field('string', 'ISO 8601', '2016-01-02T12:00:00Z'),
  result: field('string', '`successful` or `failed`', 'failed'),
  amount_in_cents: field('integer', 'Part of the invoice; null for the whole invoice', 800),
  external_id: field('string', 'Accepted only unchanged: a transaction keeps its external ID'),
  transaction_fees_in_cents: field('integer', 'Accepted only as 0 or null: fees are recorded on line items'),
  transaction_fees_currency: field('string', 'Accepted only as null'),
}).openapi('TransactionUpdate');

export const DisabledState = z.object({
  disabled: z.boolean().openapi({ description: 'true disables the transaction, false enables it again' }),
}).openapi('TransactionDisabledState');

export const TransactionParams = z.object({ inv: z.string().openapi({ example: 'inv_8ab74614-4e62-49f6-b4b3-f779109e50d0' }) });
export const TransactionPath = z.object({ tr: z.string().openapi({ example: 'tr_13920c67-3782-4d8c-b835-03deb3dd471c' }) });

const withDisabled = z.enum(['true', 'false']).optional().openapi({ description: 'Disabled transactions too (default false)' });

// ChartMogul shows edit_history_summary only when asked; here it is always there (null when never edited).
const includeEditHistories = z.string().optional().openapi({ description: 'Accepted for ChartMogul\'s clients: edit_history_summary is always shown' });

export const TransactionReadQuery = z.object({ with_disabled: withDisabled, include_edit_histories: includeEditHistories });

/** A transaction named by its data source and external ID (the query-parameter forms of ChartMogul's endpoints). */
export const TransactionRef = z.object({
  data_source_uuid: z.string().openapi({ example: 'ds_fef05d54-47b4-431b-aed2-eb6b9e545430' }),
  external_id: z.string().openapi({ example: 'tr_ext_001' }),
});

export const TransactionListQuery = PageQuery.extend({
  data_source_uuid: z.string().optional().openapi({ description: 'With external_id: the transaction\'s data source (the answer is that transaction); alone: only transactions of this data source' }),
  external_id: z.string().optional().openapi({ description: 'With data_source_uuid: the transaction\'s external ID (the answer is that transaction); alone: only transactions with this external ID' }),
  with_disabled: withDisabled,
  include_edit_histories: includeEditHistories,
});

export const TransactionList = z.object({
  transactions: z.array(Transaction),
  has_more: z.boolean(),
  cursor: z.string().nullable(),
}).openapi('TransactionList');

/** GET /v1/transactions: the transaction itself when named by data_source_uuid and external_id, else a page. */
export const TransactionOrList = z.union([Transaction, TransactionList]);
