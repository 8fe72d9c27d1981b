/** /v1/plans: request and response schemas. */
import { z } from '@hono/zod-openapi';
import { PageQuery } from '../conventions/pages.ts';

/** Exactly the six recorded keys: the Python client refuses unknown ones. */
export const Plan = z.object({
  external_id: z.string().openapi({ example: 'gold_monthly' }),
  name: z.string().openapi({ example: 'Gold monthly' }),
  interval_count: z.number().int().openapi({ example: 1 }),
  interval_unit: z.string().openapi({ description: '`day`, `month` or `year`', example: 'month' }),
  data_source_uuid: z.string().openapi({ example: 'ds_5ee8bf93-b0b4-4722-8a17-6b624a3af072' }),
  uuid: z.string().openapi({ example: 'pl_eed05d54-75b4-431b-adb2-eb6b9e543206' }),
}).openapi('Plan');
export type Plan = z.infer<typeof Plan>;

export const PlanList = z.object({
  plans: z.array(Plan),
  has_more: z.boolean(),
  cursor: z.string().nullable(),
  current_page: z.number().int().optional(),
  total_pages: z.number().int().optional(),
  per_page: z.number().int().optional(),
  page: z.number().int().optional(),
}).openapi('PlanList');

export const PlanListQuery = PageQuery.extend({
  data_source_uuid: z.string().optional().openapi({ description: 'Only plans of this data source' }),
  external_id: z.string().optional().openapi({ description: 'Only plans with this external ID' }),
  system: z.string().optional().openapi({ description: "Only plans of data sources of this billing system", example: 'Import API' }),
});

export const PlanParams = z.object({ uuid: z.string().openapi({ example: 'pl_eed05d54-75b4-431b-adb2-eb6b9e543206' }) });

// Field values are checked in code by the plans template parser (the messages /sync gives).
const field = (type: 'string' | 'integer', description: string, example: unknown) =>
  z.unknown().optional().openapi({ type, description, example });

export const PlanCreate = z.looseObject({
  data_source_uuid: field('string', 'The data source the plan belongs to (required)', 'ds_5ee8bf93-b0b4-4722-8a17-6b624a3af072'),
  name: field('string', 'Required', 'Gold monthly'),
  interval_count: field('integer', 'Required: how many interval units one billing period lasts', 1),
  interval_unit: field('string', 'Required: `day`, `month` or `year`', 'month'),
  external_id: field('string', 'Unique in the data source; the plan UUID when left out', 'gold_monthly'),
}).openapi('PlanCreate');

export const PlanUpdate = z.looseObject({
  name: field('string', 'The new name', 'Gold monthly'),
  interval_count: field('integer', 'The new interval count (recomputes the customers on the plan)', 1),
  interval_unit: field('string', 'The new interval unit (recomputes the customers on the plan)', 'month'),
  data_source_uuid: field('string', "Accepted when it is the plan's own: a plan never changes data source", 'ds_5ee8bf93-b0b4-4722-8a17-6b624a3af072'),
  external_id: field('string', "Accepted when it is the plan's own: invoices and subscriptions refer to it", 'gold_monthly'),
}).openapi('PlanUpdate');
