/** /v1/data_sources/{ds}/json_imports: request and response schemas (ChartMogul's bulk import). */
import { z } from '@hono/zod-openapi';

const list = (description: string, example: unknown) =>
  z.unknown().optional().openapi({ type: 'array', description, example });

// The objects are checked by the job, field by field, and their problems reported in the status.
export const JsonImportCreate = z.looseObject({
  external_id: z.unknown().optional().openapi({ type: 'string', description: 'Your ID of this import; the status can be read by it', example: 'ds_import_1' }),
  customers: list('Customers (the fields of POST /v1/customers)', [{ external_id: 'cus_0001', name: 'Andrew Jones', email: 'andrew@example.com', country: 'US' }]),
  plans: list('Plans (the fields of POST /v1/plans)', [{ external_id: 'gold_monthly', name: 'Gold monthly', interval_count: 1, interval_unit: 'month' }]),
  invoices: list('Invoices, each naming its customer by customer_external_id', [{ external_id: 'inv_001', customer_external_id: 'cus_0001', date: '2024-01-01 00:00:00', currency: 'USD' }]),
  line_items: list('Line items, each naming its invoice by invoice_external_id and its plan by plan_external_id', [{
    invoice_external_id: 'inv_001', type: 'subscription', subscription_external_id: 'sub_0001', plan_external_id: 'gold_monthly',
    service_period_start: '2024-01-01 00:00:00', service_period_end: '2024-02-01 00:00:00', amount_in_cents: 5000, quantity: 1,
  }]),
  transactions: list('Transactions, each naming its invoice by invoice_external_id', [{ invoice_external_id: 'inv_001', type: 'payment', result: 'successful', date: '2024-01-01 00:00:00' }]),
  subscription_events: list('Subscription events (the fields of POST /v1/subscription_events)', [{
    external_id: 'evt_1', customer_external_id: 'cus_0001', subscription_external_id: 'sub_0001', event_type: 'subscription_start',
    event_date: '2024-01-01', effective_date: '2024-01-01', plan_external_id: 'gold_monthly', currency: 'USD', amount_in_cents: 5000,
  }]),
}).openapi('JsonImportCreate');

export const JsonImportParams = z.object({ ds: z.string().openapi({ example: 'ds_1fm3eaac-62d0-31ec-clf4-4bf0mbe81aba' }) });
export const JsonImportStatusParams = JsonImportParams.extend({
  id: z.string().openapi({ description: "The import's ID, or the external_id it was sent with", example: 'ds_import_1' }),
});

export const JsonImport = z.object({
  id: z.string().openapi({ example: 'ac8c3e0a-14a4-11ee-9a1d-d3f5fa07b987' }),
  data_source_uuid: z.string().openapi({ example: 'ds_1fe3eaac-62d0-31ec-a1f4-4bf0abe81aba' }),
  status: z.enum(['queued', 'processing', 'completed', 'failed']).openapi({ example: 'completed' }),
  external_id: z.string().nullable().openapi({ example: 'ds_import_1' }),
  status_details: z.record(z.string(), z.unknown()).openapi({
    description: '`plans`, and per customer external ID its status and one per list of its rows: `imported`, or `failed` '
      + 'with `errors` naming each row left out (`row` as `invoices[3]`, `field`, `message`)',
    example: { plans: { status: 'imported' }, cus_0001: { status: 'imported', customers: { status: 'imported' }, invoices: { status: 'imported' } } },
  }),
  created_at: z.string().openapi({ example: '2023-06-27T14:12:38Z' }),
  updated_at: z.string().openapi({ example: '2023-06-27T14:12:38Z' }),
}).openapi('JsonImport');
export type JsonImport = z.infer<typeof JsonImport>;
