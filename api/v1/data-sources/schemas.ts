/** /v1/data_sources: request and response schemas. */
import { z } from '@hono/zod-openapi';

const flag = (description: string) => z.string().optional().openapi({ description: `${description} (\`true\` to include it)`, example: 'true' });

/** The query of a data source answer: which optional parts to include. */
export const DataSourceParts = z.object({
  with_processing_status: flag('processing_status: rows processed'),
  with_auto_churn_subscription_setting: flag('auto_churn_subscription_setting: the auto_churn setting'),
  with_invoice_handling_setting: flag('invoice_handling_setting: how invoices make subscriptions'),
});

export const DataSourceListQuery = DataSourceParts.extend({
  name: z.string().optional().openapi({ description: 'Only the data source of this name' }),
  system: z.string().optional().openapi({ description: 'Only data sources of this billing system', example: 'Import API' }),
});

export const DataSourceParams = z.object({ ds: z.string().openapi({ example: 'ds_5ee8bf93-b0b4-4722-8a17-6b624a3af072' }) });

export const DataSourceCreate = z.object({
  // Checked in code: a missing, null or blank name has ChartMogul's own message.
  name: z.unknown().optional().openapi({ type: 'string', description: 'Unique within the account; 1 to 255 characters', example: 'Import API source' }),
}).openapi('DataSourceCreate');

const InvoiceHandling = z.object({
  create_subscription_when_invoice_is: z.string(),
  update_subscription_when_invoice_is: z.string(),
  prevent_subscription_for_invoice_voided: z.boolean(),
  prevent_subscription_for_invoice_refunded: z.boolean(),
  prevent_subscription_for_invoice_written_off: z.boolean(),
});

export const DataSource = z.object({
  uuid: z.string().openapi({ example: 'ds_5ee8bf93-b0b4-4722-8a17-6b624a3af072' }),
  name: z.string(),
  system: z.string().optional().openapi({ example: 'Import API' }),
  created_at: z.string().openapi({ example: '2016-06-05T18:52:00.931Z' }),
  status: z.string().openapi({ description: '`never_imported` until it holds customers or plans, then `idle`', example: 'idle' }),
  processing_status: z.object({ processed: z.number().int(), failed: z.number().int(), pending: z.number().int() }).optional(),
  auto_churn_subscription_setting: z.object({ enabled: z.boolean(), interval: z.number().int().nullable() }).optional(),
  invoice_handling_setting: z.object({ manual: InvoiceHandling, automatic: InvoiceHandling }).optional(),
}).openapi('DataSource');
export type DataSource = z.infer<typeof DataSource>;

export const DataSourceList = z.object({ data_sources: z.array(DataSource) }).openapi('DataSourceList');
