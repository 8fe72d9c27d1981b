/** /v1/contacts: request and response schemas. Bodies are checked in code (fields.ts), which names each bad field. */
import { z } from '@hono/zod-openapi';
import { PageQuery } from '../conventions/pages.ts';

const CONTACT_ID = 'con_8b1a4c5e-6a8e-11ee-8c99-0242ac120002';

/** A body field documented with its type, checked in code. */
const field = (type: 'string' | 'integer' | 'array', description: string, example?: unknown) =>
  z.unknown().optional().openapi({ type, description, ...(example === undefined ? {} : { example }) });

export const ContactParams = z.object({ con: z.string().openapi({ example: CONTACT_ID }) });
export const ContactMergeParams = z.object({
  into: z.string().openapi({ description: 'The contact that stays', example: CONTACT_ID }),
  from: z.string().openapi({ description: 'The contact merged into it (then deleted)' }),
});

const filters = {
  data_source_uuid: z.string().optional().openapi({ description: 'Only contacts of this data source' }),
  email: z.string().optional().openapi({ description: 'Only contacts with this email (case does not matter)' }),
  external_id: z.string().optional().openapi({ description: 'Only the contact with this external ID' }),
};
export const ContactListQuery = PageQuery.extend({
  customer_uuid: z.string().optional().openapi({ description: 'Only contacts of this customer' }),
  ...filters,
});
export const CustomerContactListQuery = PageQuery.extend({
  customer_uuid: z.string().optional().openapi({ description: 'Only contacts of this customer (besides the path)' }),
  ...filters,
});

const contactFields = {
  data_source_uuid: field('string', "The customer's data source (optional; it must be the customer's)"),
  external_id: field('string', 'Unique within the data source; null for none'),
  position: field('integer', 'Order among the customer\'s contacts (1 or more); after the last when absent', 1),
  first_name: field('string', 'First name'),
  last_name: field('string', 'Last name'),
  title: field('string', 'Job title'),
  email: field('string', 'Email'),
  phone: field('string', 'Phone'),
  linked_in: field('string', 'LinkedIn URL'),
  twitter: field('string', 'Twitter URL'),
  notes: field('string', 'Notes'),
  custom: field('array', 'Custom attributes: [{key, value}] or {key: value}', [{ key: 'Toggle', value: true }]),
};

export const ContactCreate = z.looseObject({
  customer_uuid: field('string', 'The customer (required)', 'cus_5915ee5a-babd-406b-b8ce-d207133fb4cb'),
  ...contactFields,
}).openapi('ContactCreate');
export const CustomerContactCreate = z.looseObject(contactFields).openapi('CustomerContactCreate');
export const ContactUpdate = z.looseObject(contactFields).openapi('ContactUpdate');

export const Contact = z.object({
  uuid: z.string().openapi({ example: CONTACT_ID }),
  customer_uuid: z.string().nullable().openapi({ description: 'Null when no customer of the data source has customer_external_id' }),
  customer_external_id: z.string(),
  data_source_uuid: z.string(),
  external_id: z.string().nullable().optional(),
  position: z.number().int(),
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
  title: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  linked_in: z.string().nullable(),
  twitter: z.string().nullable(),
  notes: z.string().nullable(),
  custom: z.record(z.string(), z.unknown()).openapi({ description: 'Custom attributes, key → value' }),
}).openapi('Contact');
export type Contact = z.infer<typeof Contact>;

export const ContactList = z.object({ entries: z.array(Contact), has_more: z.boolean(), cursor: z.string().nullable() }).openapi('ContactList');
export const Deleted = z.object({}).openapi('ContactDeleted');
