/** /v1/activities_export: request and response schemas (ChartMogul's activities export). */
import { z } from '@hono/zod-openapi';

// Values are checked in code (request.ts), with messages naming the field.
export const ActivitiesExportCreate = z.looseObject({
  'start-date': z.unknown().optional().openapi({ type: 'string', description: 'Only activities on or after this day (a date, or a date-time: its UTC day)', example: '2022-01-01T00:00:00Z' }),
  'end-date': z.unknown().optional().openapi({ type: 'string', description: 'Only activities on or before this day', example: '2022-12-31T00:00:00Z' }),
  type: z.unknown().optional().openapi({ type: 'string', description: '`new_biz`, `expansion`, `contraction`, `churn` or `reactivation`', example: 'churn' }),
}).openapi('ActivitiesExportCreate');

export const ActivitiesExportParams = z.object({ id: z.string().openapi({ example: '17042239-3674-4a61-b838-b6b307f28506' }) });

export const ActivitiesExportFileQuery = z.object({
  token: z.string().optional().openapi({ description: "The token of the export's file_url" }),
});

export const ActivitiesExport = z.object({
  id: z.string().openapi({ example: '17042239-3674-4a61-b838-b6b307f28506' }),
  status: z.enum(['pending', 'processing', 'succeeded', 'failed']).openapi({ example: 'succeeded' }),
  file_url: z.string().nullable().openapi({
    description: 'Once succeeded: where the CSV is downloaded, without the API key, until expires_at',
    example: 'https://mogul.example.com/exports/activities/17042239-3674-4a61-b838-b6b307f28506?token=…',
  }),
  params: z.object({
    kind: z.literal('activities'),
    params: z.object({
      activity_type: z.string().optional(),
      start_date: z.string().optional(),
      end_date: z.string().optional(),
    }),
  }).openapi({ example: { kind: 'activities', params: { activity_type: 'churn', start_date: '2022-01-01T00:00:00.000+00:00', end_date: '2022-12-31T00:00:00.000+00:00' } } }),
  expires_at: z.string().nullable().openapi({ example: '2023-07-16T14:37:43+00:00' }),
  created_at: z.string().openapi({ example: '2023-07-09T14:37:32+00:00' }),
}).openapi('ActivitiesExport');
export type ActivitiesExport = z.infer<typeof ActivitiesExport>;
