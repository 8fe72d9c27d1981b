/**
 * The one error body of the API, in the three forms ChartMogul answers with and its clients
 * read: `{code, message, param}` (most errors; /sync adds a figure such as
 * `pending_customers`), `{errors: {field: message}}` (422, naming every bad field) and
 * `{error}` (data sources not found, as recorded).
 */
import { z } from '@hono/zod-openapi';

export const CodeMessageError = z.object({
  code: z.number().int().openapi({ description: 'The HTTP status again', example: 404 }),
  message: z.string().openapi({ example: 'The requested customer could not be found.' }),
  param: z.string().nullable().openapi({ description: 'The parameter or field at fault, if one is', example: 'customer_uuid' }),
  pending_customers: z.number().int().optional().openapi({ description: '503 only: customers still being computed' }),
}).openapi('Error');

export const FieldErrors = z.object({
  errors: z.record(z.string(), z.string()).openapi({ example: { external_id: 'The external ID for this customer already exists in our system.' } }),
}).openapi('FieldErrors');

export const BareError = z.object({ error: z.string().openapi({ example: 'Data source not found' }) }).openapi('BareError');

export const ErrorBody = z.union([CodeMessageError, FieldErrors, BareError]).openapi('ErrorBody');
export type ErrorBody = z.infer<typeof ErrorBody>;
