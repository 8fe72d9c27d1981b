/**
 * A customer's fields in a /v1 body → the customers template record (validated by the shared
 * parser), its attributes and the /v1-only fields (website_url, owner).
 */
import type { CustomerRecord } from '../../../shared/index.ts';
import { validationFailed } from '../../http/errors.ts';
import { parseTemplateRow } from '../../ingest/template-rows.ts';
import type { Attributes, CustomerFields } from '../../store/customers.ts';
import { clientInstant, optionalArray, optionalObject, type Body } from '../conventions/body.ts';
import { isoOut } from '../conventions/time.ts';
import { parseTypedAttributes, parseUpdates } from './custom-attributes.ts';

/** Template header → /v1 field. */
const FIELDS: readonly [header: string, field: string][] = [
  ['Name', 'name'],
  ['Email', 'email'],
  ['Company', 'company'],
  ['Country', 'country'],
  ['State', 'state'],
  ['City', 'city'],
  ['Zip', 'zip'],
  ['External ID', 'external_id'],
  ['Lead created at', 'lead_created_at'],
  ['Free trial started at', 'free_trial_started_at'],
];
const INSTANTS = new Set(['lead_created_at', 'free_trial_started_at']);

/** A stored customer's fields as /v1 values (the `current` of an update). */
export function currentValues(f: CustomerFields): Record<string, unknown> {
  return {
    name: f.name, email: f.email, company: f.company, country: f.country, state: f.state, city: f.city, zip: f.zip,
    external_id: f.externalId, lead_created_at: isoOut(f.leadCreatedAt), free_trial_started_at: isoOut(f.freeTrialStartedAt),
    website_url: f.websiteUrl, owner: f.owner,
  };
}

/** The record of a body's fields; `current` holds the stored values of an update. */
export function customerRecord(body: Body, current: Record<string, unknown> = {}): CustomerRecord {
  return parseTemplateRow(
    'customers',
    FIELDS.map(([header, field]) => {
      const value = field in body ? body[field] : current[field];
      return { header, field, value: INSTANTS.has(field) ? clientInstant(value) : value };
    }),
  );
}

/** A customer's fields that no template column holds: stored and answered as the client sent them. */
export interface CustomerExtras {
  website_url: string | null;
  owner: string | null;
}

/** website_url and owner of a body, each a string or null; absent ones keep `current` (the stored values of an update). */
export function customerExtras(body: Body, current: Record<string, unknown> = {}): CustomerExtras {
  const value = (field: keyof CustomerExtras): string | null => {
    const v = body[field] === undefined ? current[field] ?? null : body[field];
    if (v !== null && typeof v !== 'string') throw validationFailed({ [field]: `${field} must be a string or null` });
    return v;
  };
  return { website_url: value('website_url'), owner: value('owner') };
}

/** Attributes of a create: `{tags: [...], custom: [{type, key, value}]}`. */
export function createAttributes(body: Body): Attributes {
  const attributes = optionalObject(body, 'attributes') ?? {};
  return { tags: tagsOf(attributes), custom: attributes.custom === undefined ? {} : parseTypedAttributes(attributes.custom, 'attributes.custom') };
}

/** Attributes after an update: tags replaced when given, custom values merged in. */
export function updatedAttributes(body: Body, current: Attributes): Attributes {
  const attributes = optionalObject(body, 'attributes');
  if (!attributes) return current;
  return {
    tags: attributes.tags === undefined ? current.tags : tagsOf(attributes),
    custom: attributes.custom === undefined ? current.custom : { ...current.custom, ...parseUpdates(current.custom, attributes.custom, 'attributes.custom', true) },
  };
}

function tagsOf(attributes: Body): string[] {
  const tags = optionalArray(attributes, 'tags') ?? [];
  if (!tags.every((t) => typeof t === 'string')) throw validationFailed({ 'attributes.tags': 'tags must be an array of strings' });
  return uniqueTags(tags as string[]);
}

/** Tags trimmed, without blanks or repeats, in first-seen order. */
export function uniqueTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((t) => t.trim()).filter((t) => t !== ''))];
}
