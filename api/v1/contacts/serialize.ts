/** A stored contact → /v1 JSON, as ChartMogul sends it (`custom` as `{key: value}`, `{}` when none). */
import { externalIdOfKey, type ContactRow } from '../../store/contacts.ts';
import { PREFIX, prefixed } from '../conventions/ids.ts';
import type { Custom } from '../customers/custom-attributes.ts';
import type { Contact } from './schemas.ts';

export function contactJson(row: ContactRow): Contact {
  return {
    uuid: prefixed(PREFIX.contact, row.id),
    customer_uuid: row.customerId ? prefixed(PREFIX.customer, row.customerId) : null,
    customer_external_id: row.customerExternalId,
    data_source_uuid: prefixed(PREFIX.dataSource, row.dataSourceId),
    external_id: externalIdOfKey(row.key),
    position: Number(row.position),
    first_name: row.firstName,
    last_name: row.lastName,
    title: row.title,
    email: row.email,
    phone: row.phone,
    linked_in: row.linkedIn,
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
