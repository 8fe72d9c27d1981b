/** Transactions (payments and refunds of an invoice): request and response schemas. */
import { z } from '@hono/zod-openapi';

export const Transaction = z.looseObject({
  uuid: z.string().openapi({ example: 'tr_13920c67-3782-4d8c-b835-03deb3dd471c' }),
  external_id: z.string().nullable(),
  type: z.string().openapi({ description: '`payment` or `refund`', example: 'payment' }),
  date: z.string().openapi({ example: '2016-01-01T12:00:00.000Z' }),
  result: z.string().openapi({ description: '`successful` or `failed`', example: 'successful' }),
  amount_in_cents: z.number().int().nullable().openapi({ description: 'The amount; null for the whole invoice' }),
  transaction_fees_in_cents: z.number().int().nullable().optional().openapi({ description: 'Not stored: always null here' }),
  transaction_fees_currency: z.string().nullable().optional().openapi({ description: 'Not stored: always null here' }),
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

export const TransactionParams = z.object({ inv: z.string().openapi({ example: 'inv_8ab74614-4e62-49f6-b4b3-f779109e50d0' }) });
