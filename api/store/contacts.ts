/**
 * Contacts in the store: the /v1 lists (each contact with its customer's ID), the position a
 * new contact takes, key clashes and deletes.
 *
 * A contact's `key` (its identity within the data source) also carries its external ID:
 * `ext:<external_id>` for /v1 contacts given one, `con:<uuid>` for those without; /sync rows
 * are keyed by a digest of their content (`#…`) and have no external ID.
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { contacts, customers } from '../db/schema.ts';
import type { Page } from './pages.ts';

export const keyOfExternalId = (externalId: string) => `ext:${externalId}`;
export const keyWithoutExternalId = (uuid: string) => `con:${uuid}`;

export function externalIdOfKey(key: string): string | null {
  return key.startsWith('ext:') ? key.slice(4) : null;
}

/** The key of a contact with this external ID (or none). */
export const contactKey = (externalId: string | null, id: string) => (externalId === null ? keyWithoutExternalId(id) : keyOfExternalId(externalId));

export type ContactRow = Pick<
  typeof contacts.$inferSelect,
  'id' | 'key' | 'customerExternalId' | 'dataSourceId' | 'position' | 'firstName' | 'lastName' | 'title' | 'email' | 'phone' | 'linkedIn' | 'twitter' | 'note' | 'custom'
> & {
  /** Null when no customer of the data source has the contact's customer external ID. */
  customerId: string | null;
};

/**
 * Which contacts of the account a list shows. Each given filter narrows it; `none` (a filter
 * naming nothing of the account, such as a malformed customer ID) makes it empty.
 */
export interface ContactFilter {
  accountId: string;
  id?: string;
  customerId?: string;
  dataSourceId?: string;
  customerExternalId?: string;
  /** Matched without regard to case. */
  email?: string;
  externalId?: string;
  none?: boolean;
}

function conditions(f: ContactFilter): SQL | undefined {
  if (f.none) return sql`false`;
  return and(
    eq(contacts.accountId, f.accountId),
    f.id === undefined ? undefined : eq(contacts.id, f.id),
    f.customerId === undefined ? undefined : eq(customers.id, f.customerId),
    f.dataSourceId === undefined ? undefined : eq(contacts.dataSourceId, f.dataSourceId),
    f.customerExternalId === undefined ? undefined : eq(contacts.customerExternalId, f.customerExternalId),
    f.email === undefined ? undefined : sql`lower(${contacts.email}) = lower(${f.email})`,
    f.externalId === undefined ? undefined : eq(contacts.key, keyOfExternalId(f.externalId)),
  );
}

/** The contacts the filter selects, oldest first; one page (plus one row) when `page` is given. */
export async function readContacts(tx: Tx, filter: ContactFilter, page?: Page): Promise<ContactRow[]> {
  const query = tx.db
    .select({
      id: contacts.id, key: contacts.key, customerExternalId: contacts.customerExternalId, dataSourceId: contacts.dataSourceId,
      position: contacts.position, firstName: contacts.firstName, lastName: contacts.lastName, title: contacts.title,
      email: contacts.email, phone: contacts.phone, linkedIn: contacts.linkedIn, twitter: contacts.twitter, note: contacts.note,
      custom: contacts.custom, customerId: customers.id,
    })
    .from(contacts)
    .leftJoin(customers, and(eq(customers.dataSourceId, contacts.dataSourceId), eq(customers.externalId, contacts.customerExternalId)))
    .where(conditions(filter))
    .orderBy(contacts.createdAt, contacts.id)
    .$dynamic();
  return page ? query.offset(page.offset).limit(page.perPage + 1) : query;
}

export async function contactById(tx: Tx, accountId: string, id: string): Promise<ContactRow | null> {
  const [row] = await readContacts(tx, { accountId, id });
  return row ?? null;
}

/** The position after the customer's last contact; after one placed at the highest position (2^31 − 1), the next shares it. */
export async function nextContactPosition(tx: Tx, dataSourceId: string, customerExternalId: string): Promise<number> {
  const [row] = await tx.db
    .select({ p: sql<number>`least(coalesce(max(${contacts.position}), 0)::bigint + 1, 2147483647)`.mapWith(Number) })
    .from(contacts)
    .where(and(eq(contacts.dataSourceId, dataSourceId), eq(contacts.customerExternalId, customerExternalId)));
  return row.p;
}

/** The IDs of the data source's contacts stored under `key`. */
export async function contactIdsWithKey(tx: Tx, dataSourceId: string, key: string): Promise<string[]> {
  const rows = await tx.db.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.dataSourceId, dataSourceId), eq(contacts.key, key)));
  return rows.map((r) => r.id);
}

export async function deleteContact(tx: Tx, id: string): Promise<void> {
  await tx.db.delete(contacts).where(eq(contacts.id, id));
}
