/**
 * /v1/customers: request and response schemas. Request bodies are documented here and checked
 * in code (fields.ts, custom-attributes.ts), which names each bad field with the messages the
 * clients are answered today.
 */
import { z } from '@hono/zod-openapi';
import { PageQuery } from '../conventions/pages.ts';

const CUSTOMER_ID = 'cus_5915ee5a-babd-406b-b8ce-d207133fb4cb';
const DATA_SOURCE_ID = 'ds_5ee8bf93-b0b4-4722-8a17-6b624a3af072';

/** A body field documented with its type, checked in code. */
const field = (type: 'string' | 'object' | 'array', description: string, example?: unknown) =>
  z.unknown().optional().openapi({ type, description, ...(example === undefined ? {} : { example }) });

export const CustomerParams = z.object({ uuid: z.string().openapi({ example: CUSTOMER_ID }) });

export const CustomerListQuery = PageQuery.extend({
  data_source_uuid: z.string().optional().openapi({ description: 'Only customers of this data source', example: DATA_SOURCE_ID }),
  external_id: z.string().optional().openapi({ description: 'Only the customer with this external ID' }),
  status: z.string().optional().openapi({ description: 'Only customers of this status: New Lead, Active, Past Due or Cancelled', example: 'Active' }),
  system: z.string().optional().openapi({ description: 'Only customers of data sources of this billing system', example: 'Import API' }),
});

export const CustomerSearchQuery = PageQuery.extend({
  email: z.string().optional().openapi({ description: 'The email (required; case does not matter)', example: 'adam@example.com' }),
});

export const CustomerAttributes = z.object({
  tags: z.array(z.string()),
  stripe: z.record(z.string(), z.unknown()),
  clearbit: z.record(z.string(), z.unknown()).optional(),
  custom: z.record(z.string(), z.unknown()).openapi({ description: 'Custom attributes, key → value', example: { channel: 'Facebook', seats: 3 } }),
}).openapi('CustomerAttributes');
export type CustomerAttributes = z.infer<typeof CustomerAttributes>;

export const Customer = z.object({
  id: z.number().int().openapi({ description: 'A stable whole number for the customer' }),
  uuid: z.string().openapi({ example: CUSTOMER_ID }),
  external_id: z.string(),
  name: z.string(),
  email: z.string(),
  status: z.string().openapi({ description: 'New Lead, Active, Past Due or Cancelled', example: 'Active' }),
  'customer-since': z.string().nullable().openapi({ example: '2016-01-01T12:00:00+00:00' }),
  attributes: CustomerAttributes,
  data_source_uuid: z.string().openapi({ example: DATA_SOURCE_ID }),
  data_source_uuids: z.array(z.string()),
  external_ids: z.array(z.string()),
  company: z.string(),
  country: z.string().nullable(),
  state: z.string().nullable(),
  city: z.string().nullable(),
  zip: z.string().nullable(),
  lead_created_at: z.string().nullable(),
  free_trial_started_at: z.string().nullable(),
  address: z.object({
    country: z.string().nullable().openapi({ description: 'The country name' }),
    state: z.string().nullable(),
    city: z.string().nullable(),
    address_zip: z.string().nullable(),
  }),
  mrr: z.number().openapi({ description: 'MRR in cents of the base currency' }),
  arr: z.number().openapi({ description: 'ARR (12 × MRR) in cents of the base currency' }),
  website_url: z.string().nullable().optional(),
  'billing-system-url': z.string().nullable(),
  'chartmogul-url': z.string(),
  'billing-system-type': z.string(),
  currency: z.string().openapi({ example: 'USD' }),
  'currency-sign': z.string().openapi({ example: '$' }),
  owner: z.string().nullable().optional(),
}).openapi('Customer');
export type Customer = z.infer<typeof Customer>;

/** The page of a list: the cursor, and the page numbers (this API always sends them; ChartMogul's answers lack some at times). */
const pageFields = {
  has_more: z.boolean(),
  cursor: z.string().nullable().optional(),
  current_page: z.number().int().optional(),
  total_pages: z.number().int().nullable().optional(),
  per_page: z.number().int().optional(),
  page: z.number().int().optional(),
};

export const CustomerList = z.object({ entries: z.array(Customer), ...pageFields }).openapi('CustomerList');

/** The customers an attribute change by email reached (ChartMogul answers a shorter customer object). */
export const CustomerEntries = z.object({
  entries: z.array(z.looseObject({
    id: z.number().int(),
    uuid: z.string(),
    external_id: z.string(),
    name: z.string(),
    email: z.string(),
    status: z.string(),
    'customer-since': z.string().nullable(),
    attributes: CustomerAttributes,
  })),
}).openapi('CustomerEntries');

export const CustomerCreate = z.looseObject({
  data_source_uuid: field('string', 'The data source (required)', DATA_SOURCE_ID),
  external_id: field('string', 'Unique within the data source (required)', 'cus_0001'),
  name: field('string', 'The name (required)', 'Adam Smith'),
  email: field('string', 'Email'),
  company: field('string', 'Company'),
  country: field('string', 'ISO 3166-1 alpha-2 code', 'US'),
  state: field('string', 'State or region'),
  city: field('string', 'City'),
  zip: field('string', 'Postal code'),
  lead_created_at: field('string', 'When the customer became a lead (ISO 8601)'),
  free_trial_started_at: field('string', 'When the free trial started (ISO 8601)'),
  website_url: field('string', 'Website (string or null)'),
  owner: field('string', 'CRM owner, e.g. a user email (string or null)'),
  attributes: field('object', 'Attributes: {tags: [string], custom: [{type, key, value}]}'),
  primary_contact: field('object', "The customer's first contact: {first_name, last_name, email, title, phone, linked_in, twitter, notes, custom}", {
    first_name: 'Anna', last_name: 'Gardner', email: 'anna@example.com', title: 'CFO',
  }),
}).openapi('CustomerCreate');

export const CustomerUpdate = CustomerCreate.extend({
  data_source_uuid: field('string', "The customer's data source (it cannot change)"),
  attributes: field('object', 'Attributes: {tags: [string] (replaces them), custom: {key: value} (merged in)}'),
  primary_contact: field('object', "Changes the customer's first contact (the fields sent), or makes it when the customer has none"),
}).openapi('CustomerUpdate');

const customerRef = field('object', 'A customer: {customer_uuid} or {external_id, data_source_uuid}', { customer_uuid: CUSTOMER_ID });
export const CustomerMerge = z.looseObject({ from: customerRef, into: customerRef }).openapi('CustomerMerge');
export const MergeAccepted = z.object({}).openapi('CustomerMergeAccepted');
export const CustomerUnmerge = z.looseObject({
  customer_uuid: field('string', 'The customer the other was merged into (required)', CUSTOMER_ID),
  data_source_uuid: field('string', "The merged customer's data source (required)", DATA_SOURCE_ID),
  external_id: field('string', "The merged customer's external ID in it (required)", 'cus_0001'),
  move_to_new_customer: field('array', 'CRM objects to move (tasks, opportunities, notes): accepted, Mogul keeps none', []),
}).openapi('CustomerUnmerge');

export const TagsChange = z.looseObject({ tags: field('array', 'Tags (non-empty strings)', ['important']) }).openapi('CustomerTagsChange');
export const TagsByEmail = TagsChange.extend({ email: field('string', 'The customers of this email (case does not matter)') }).openapi('CustomerTagsByEmail');
export const CustomAdd = z.looseObject({
  custom: field('array', 'Custom attributes: [{type (String, Integer, Decimal, Timestamp, Boolean), key, value}]', [{ type: 'Integer', key: 'seats', value: 3 }]),
}).openapi('CustomerCustomAdd');
export const CustomByEmail = CustomAdd.extend({ email: field('string', 'The customers of this email (case does not matter)') }).openapi('CustomerCustomByEmail');
export const CustomUpdate = z.looseObject({ custom: field('object', 'key → new value; each keeps its type', { seats: 4 }) }).openapi('CustomerCustomUpdate');
export const CustomRemove = z.looseObject({ custom: field('array', 'The keys to remove', ['seats']) }).openapi('CustomerCustomRemove');

export const Tags = z.object({ tags: z.array(z.string()) }).openapi('CustomerTags');
export const Custom = z.object({ custom: z.record(z.string(), z.unknown()) }).openapi('CustomerCustom');
export const AllAttributes = z.object({
  tags: z.array(z.string()),
  stripe: z.record(z.string(), z.unknown()),
  custom: z.record(z.string(), z.unknown()),
}).openapi('CustomerAllAttributes');
