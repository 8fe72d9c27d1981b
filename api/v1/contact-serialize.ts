/**
 * Contacts as /v1 sends them, and a contact's fields in a body → the contacts template record
 * (validated by the shared parser, as /sync validates the Contacts tab), and its custom
 * attribute values (no template column: set through /v1 only, kept by /sync).
 *
 * A contact's `key` (its identity within the data source) also carries its external ID:
 * `ext:<external_id>` for /v1 contacts given one, `con:<uuid>` for those without; /sync rows
 * are keyed by a digest of their content (`#…`) and have no external ID.
 */
import type { ContactRecord } from '../../shared/index.ts';
import type { Tx } from '../db/client.ts';
import { validationFailed } from '../http/errors.ts';
import { parseTypedAttributes, parseUpdates, type Custom } from './custom-attributes.ts';
import { PREFIX, prefixed } from './conventions/ids.ts';
import type { Page } from './conventions/pages.ts';
import { pageSql } from '../store/pages.ts';
import { parseTemplateRow } from '../ingest/template-rows.ts';
import type { Body } from './conventions/body.ts';
import type { Where } from '../store/where.ts';

export interface ContactRow {
  id: string;
  key: string;
  customer_external_id: string;
  data_source_id: string;
  position: number;
  first_name: string | null;
  last_name: string | null;
  title: string | null;
  email: string | null;
  phone: string | null;
  linked_in: string | null;
  twitter: string | null;
  note: string | null;
  custom: unknown;
  customer_id: string | null;
}

const SELECT = `SELECT k.id, k.key, k.customer_external_id, k.data_source_id, k.position, k.first_name, k.last_name,
    k.title, k.email, k.phone, k.linked_in, k.twitter, k.note, k.custom, c.id AS customer_id
  FROM contacts k LEFT JOIN customers c ON c.data_source_id = k.data_source_id AND c.external_id = k.customer_external_id`;

/** Contacts matching `where` (on k = contacts, c = their customer), oldest first. */
export async function readContacts(tx: Tx, where: Where, page?: Page): Promise<ContactRow[]> {
  const sql = `${SELECT} WHERE ${where} ORDER BY k.created_at, k.id`;
  return tx.query<ContactRow>(page ? `${sql} ${pageSql(page)}` : sql, where.params);
}

export const keyOfExternalId = (externalId: string) => `ext:${externalId}`;
export const keyWithoutExternalId = (uuid: string) => `con:${uuid}`;

export function externalIdOfKey(key: string): string | null {
  return key.startsWith('ext:') ? key.slice(4) : null;
}

export function contactJson(row: ContactRow): Record<string, unknown> {
  return {
    uuid: prefixed(PREFIX.contact, row.id),
    customer_uuid: row.customer_id ? prefixed(PREFIX.customer, row.customer_id) : null,
    customer_external_id: row.customer_external_id,
    data_source_uuid: prefixed(PREFIX.dataSource, row.data_source_id),
    external_id: externalIdOfKey(row.key),
    position: Number(row.position),
    first_name: row.first_name,
    last_name: row.last_name,
    title: row.title,
    email: row.email,
    phone: row.phone,
    linked_in: row.linked_in,
    twitter: row.twitter,
    notes: row.note,
    custom: storedCustom(row),
  };
}

/** A contact's stored custom values `{key: value}` ({} when none). */
export function storedCustom(row: Pick<ContactRow, 'custom'>): Custom {
  const v = typeof row.custom === 'string' ? JSON.parse(row.custom) : row.custom;
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Custom) : {};
}

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

/** Template header → /v1 field (the customer comes from customer_uuid or the path). */
const FIELDS: readonly [header: string, field: string, column: keyof ContactRow][] = [
  ['First name', 'first_name', 'first_name'],
  ['Last name', 'last_name', 'last_name'],
  ['Title', 'title', 'title'],
  ['Email', 'email', 'email'],
  ['Phone', 'phone', 'phone'],
  ['LinkedIn', 'linked_in', 'linked_in'],
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
