/**
 * `primary_contact` of a customer create or update (ChartMogul's `{first_name, last_name,
 * email, title, phone, linked_in, twitter, notes}`, and `custom` as contacts take it): the
 * customer's first contact (position 1), listed with its contacts as ChartMogul lists it.
 * A create makes it; an update changes the customer's first contact by position (the fields
 * sent, the others kept), or makes one when the customer has none. Each bad field is a 422
 * naming `primary_contact.<field>`.
 */
import { randomUUID } from 'node:crypto';
import type { Tx } from '../../db/client.ts';
import { HttpError, validationFailed } from '../../http/errors.ts';
import { contactKey, readContacts, type ContactRow } from '../../store/contacts.ts';
import { insertRecordRow, updateRecordRow } from '../../store/record-write.ts';
import { optionalObject, type Body } from '../conventions/body.ts';
import { contactCustom, contactRecord } from '../contacts/fields.ts';
import { storedCustom } from '../contacts/serialize.ts';

const FIELD = 'primary_contact';
const FIELDS = ['first_name', 'last_name', 'email', 'title', 'phone', 'linked_in', 'twitter', 'notes', 'custom'];

/** The primary_contact object of a body; undefined when absent, null or without any contact field. */
export function primaryContactOf(body: Body): Body | undefined {
  const contact = optionalObject(body, FIELD);
  if (contact === undefined || !FIELDS.some((f) => contact[f] !== undefined)) return undefined;
  // Only the contact's own fields: an external_id or position there is not ChartMogul's.
  return Object.fromEntries(FIELDS.filter((f) => contact[f] !== undefined).map((f) => [f, contact[f]]));
}

/** Runs `work`, naming its field errors under primary_contact. */
function named<T>(work: () => T): T {
  try {
    return work();
  } catch (e) {
    if (e instanceof HttpError && 'errors' in e.body) {
      throw validationFailed(Object.fromEntries(Object.entries(e.body.errors).map(([k, v]) => [`${FIELD}.${k}`, v])));
    }
    throw e;
  }
}

interface Owner {
  dataSourceId: string;
  externalId: string;
}

/** Writes the customer's primary contact from `fields` (primaryContactOf). */
export async function savePrimaryContact(tx: Tx, accountId: string, customer: Owner, fields: Body): Promise<void> {
  const existing = await firstContact(tx, accountId, customer);
  if (existing) {
    const record = named(() => contactRecord(fields, customer.externalId, existing));
    const custom = named(() => contactCustom(fields, storedCustom(existing)));
    await updateRecordRow(tx, 'contacts', accountId, existing.id, record, { custom });
    return;
  }
  const record = named(() => contactRecord(fields, customer.externalId));
  const custom = named(() => contactCustom(fields, {}));
  const id = randomUUID();
  await insertRecordRow(tx, 'contacts', { accountId, dataSourceId: customer.dataSourceId }, record, {
    id, key: contactKey(null, id), position: 1, custom,
  });
}

/** The customer's contact of the lowest position (the first made among equals), or null. */
async function firstContact(tx: Tx, accountId: string, customer: Owner): Promise<ContactRow | null> {
  const rows = await readContacts(tx, { accountId, dataSourceId: customer.dataSourceId, customerExternalId: customer.externalId });
  return rows.reduce<ContactRow | null>((first, r) => (first === null || Number(r.position) < Number(first.position) ? r : first), null);
}
