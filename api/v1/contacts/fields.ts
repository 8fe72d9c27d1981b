/**
 * A contact's fields in a body → the contacts template record (validated by the shared parser,
 * as /sync validates the Contacts tab), and its custom attribute values (no template column:
 * set through /v1 only, kept by /sync).
 */
import type { ContactRecord } from '../../../shared/index.ts';
import { validationFailed } from '../../http/errors.ts';
import { parseTemplateRow } from '../../ingest/template-rows.ts';
import type { ContactRow } from '../../store/contacts.ts';
import type { Body } from '../conventions/body.ts';
import { parseTypedAttributes, parseUpdates, type Custom } from '../customers/custom-attributes.ts';
import { storedCustom } from './serialize.ts';

/**
 * `custom` of a create or update, merged into `existing`: `[{key, value}]` as the clients
 * send it (with a `type`, the value is checked as customers' custom attributes are), or
 * `{key: value}`. An attribute stored already keeps its type; a new one takes its value's.
 * Absent or null leaves `existing` as it is.
 */
export function contactCustom(body: Body, existing: Custom): Custom {
  const v = body.custom;
  if (v === undefined || v === null) return existing;
  if (!Array.isArray(v)) return { ...existing, ...parseUpdates(existing, v, 'custom', true) };
  let out = existing;
  for (const item of v) {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      throw validationFailed({ custom: 'Each entry of custom must be an object {key, value}' });
    }
    const entry = item as Body;
    if (typeof entry.key !== 'string') throw validationFailed({ custom: `Each entry of custom needs a key (a string); got ${JSON.stringify(entry.key ?? null)}` });
    const update = entry.type === undefined ? parseUpdates(out, { [entry.key]: entry.value ?? null }, 'custom', true) : parseTypedAttributes([entry], 'custom');
    out = { ...out, ...update };
  }
  return out;
}

/** Template header → /v1 field → stored column (the customer comes from customer_uuid or the path). */
const FIELDS: readonly [header: string, field: string, column: keyof ContactRow][] = [
  ['First name', 'first_name', 'firstName'],
  ['Last name', 'last_name', 'lastName'],
  ['Title', 'title', 'title'],
  ['Email', 'email', 'email'],
  ['Phone', 'phone', 'phone'],
  ['LinkedIn', 'linked_in', 'linkedIn'],
  ['Twitter', 'twitter', 'twitter'],
  ['Note', 'notes', 'note'],
];

/** The record of a body's fields for the customer; `current` is the stored contact of an update. */
export function contactRecord(body: Body, customerExternalId: string, current?: ContactRow): ContactRecord {
  return parseTemplateRow('contacts', [
    { header: 'Customer external ID', field: 'customer_uuid', value: customerExternalId },
    ...FIELDS.map(([header, field, column]) => ({ header, field, value: field in body ? body[field] : current?.[column] ?? null })),
  ]);
}

/** The contact fields of `from` that `into` lacks, and both notes, for a merge (custom values: mergedCustom). */
export function mergedContact(into: ContactRow, from: ContactRow): Body {
  const out: Body = {};
  for (const [, field, column] of FIELDS) {
    if (column !== 'note' && into[column] === null) out[field] = from[column];
  }
  out.notes = [into.note, from.note].filter((n) => n !== null && n !== '').join('\n') || null;
  return out;
}

/** Both contacts' custom values, `into`'s where both have a key. */
export function mergedCustom(into: ContactRow, from: ContactRow): Custom {
  return { ...storedCustom(from), ...storedCustom(into) };
}

/** `position`: a whole number of 1 or more, when given. */
export function positionOf(body: Body): number | undefined {
  const v = body.position;
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 2_147_483_647) {
    throw validationFailed({ position: 'position must be a whole number of 1 or more' });
  }
  return v;
}

/** `external_id`: null to remove it, a string of 1 to 255 characters to set it. */
export function externalIdOf(body: Body): string | null | undefined {
  const v = body.external_id;
  if (v === undefined || v === null) return v as undefined | null;
  if (typeof v !== 'string' || v.trim() === '' || v.length > 255) {
    throw validationFailed({ external_id: 'external_id must be a string of 1 to 255 characters, or null' });
  }
  return v.trim();
}
