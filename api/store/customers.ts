/**
 * Customers in the store: lookups by ID and external ID, the /v1 lists (each customer with its
 * data source's system and the engine's figures), a customer's stored fields and attributes.
 */
import { and, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { customerMetrics, customers, dataSources } from '../db/schema.ts';
import { compareKeys } from './lock-order.ts';
import type { Page } from './pages.ts';

export interface CustomerRef {
  id: string;
  dataSourceId: string;
  externalId: string;
  name: string;
}

const REF = { id: customers.id, dataSourceId: customers.dataSourceId, externalId: customers.externalId, name: customers.name };

export async function customerByUuid(tx: Tx, accountId: string, id: string): Promise<CustomerRef | null> {
  const [row] = await tx.db.select(REF).from(customers).where(and(eq(customers.accountId, accountId), eq(customers.id, id)));
  return row ?? null;
}

export async function customerByExternalId(tx: Tx, accountId: string, dataSourceId: string, externalId: string): Promise<CustomerRef | null> {
  const [row] = await tx.db.select(REF).from(customers).where(and(
    eq(customers.accountId, accountId), eq(customers.dataSourceId, dataSourceId), eq(customers.externalId, externalId),
  ));
  return row ?? null;
}

export async function externalIdTaken(tx: Tx, dataSourceId: string, externalId: string): Promise<boolean> {
  const rows = await tx.db.select({ id: customers.id }).from(customers)
    .where(and(eq(customers.dataSourceId, dataSourceId), eq(customers.externalId, externalId)));
  return rows.length > 0;
}

/** A customer's tags and custom attribute values, as stored. */
export interface Attributes {
  tags: string[];
  custom: Record<string, unknown>;
}

/** Stored attributes with both parts present (rows written before either existed lack them). */
export function attributesOf(value: unknown): Attributes {
  const a = (typeof value === 'string' ? JSON.parse(value) : value ?? {}) as Partial<Attributes>;
  return { tags: Array.isArray(a.tags) ? a.tags : [], custom: a.custom && typeof a.custom === 'object' ? a.custom : {} };
}

/**
 * Which customers of the account a list shows. Each given filter narrows it; `none` (a filter
 * naming nothing of the account, such as a malformed data source ID) makes it empty.
 */
export interface CustomerFilter {
  accountId: string;
  id?: string;
  dataSourceId?: string;
  externalId?: string;
  /** The engine's status as stored (`Lead` for a customer without figures yet). */
  status?: string;
  system?: string;
  /** Matched without regard to case. */
  email?: string;
  none?: boolean;
}

function conditions(f: CustomerFilter): SQL | undefined {
  if (f.none) return sql`false`;
  return and(
    eq(customers.accountId, f.accountId),
    f.id === undefined ? undefined : eq(customers.id, f.id),
    f.dataSourceId === undefined ? undefined : eq(customers.dataSourceId, f.dataSourceId),
    f.externalId === undefined ? undefined : eq(customers.externalId, f.externalId),
    f.status === undefined ? undefined : sql`coalesce(${customerMetrics.status}, 'Lead') = ${f.status}`,
    f.system === undefined ? undefined : eq(dataSources.system, f.system),
    f.email === undefined ? undefined : sql`lower(${customers.email}) = lower(${f.email})`,
  );
}

type StoredCustomer = typeof customers.$inferSelect;

/** A stored customer's fields that an update starts from. */
export type CustomerFields = Pick<
  StoredCustomer,
  'name' | 'email' | 'company' | 'country' | 'state' | 'city' | 'zip' | 'externalId' | 'leadCreatedAt' | 'freeTrialStartedAt' | 'websiteUrl' | 'owner'
> & { attributes: Attributes };

const FIELD_COLUMNS = {
  name: customers.name, email: customers.email, company: customers.company, country: customers.country,
  state: customers.state, city: customers.city, zip: customers.zip, externalId: customers.externalId,
  leadCreatedAt: customers.leadCreatedAt, freeTrialStartedAt: customers.freeTrialStartedAt,
  attributes: customers.attributes, websiteUrl: customers.websiteUrl, owner: customers.owner,
};

/** A customer as the /v1 answers show it: stored fields, its data source's system, its figures. */
export type CustomerRow = CustomerFields & Pick<StoredCustomer, 'id' | 'dataSourceId'> & {
  system: string;
  /** Null until the engine has computed the customer. */
  status: string | null;
  mrr: number | null;
  subscriberSince: Date | null;
};

/** The account's customer with this ID, if it is still there (the anchor of a page's cursor). */
async function customerExists(tx: Tx, accountId: string, id: string): Promise<boolean> {
  const rows = await tx.db.select({ id: customers.id }).from(customers).where(and(eq(customers.accountId, accountId), eq(customers.id, id)));
  return rows.length > 0;
}

/**
 * The customers the filter selects, oldest first (the ID breaks ties so pages never overlap);
 * one page (plus one row) when `page` is given: after its anchor customer (Page.after) along
 * the index of this order, or when that customer is gone, `offset` rows in.
 */
export async function readCustomers(tx: Tx, filter: CustomerFilter, page?: Page): Promise<CustomerRow[]> {
  const anchored = page?.after !== undefined && (await customerExists(tx, filter.accountId, page.after));
  const after = anchored
    ? sql`(${customers.createdAt}, ${customers.id}) > ((SELECT c.created_at FROM customers c WHERE c.id = ${page!.after}), ${page!.after}::uuid)`
    : undefined;
  const query = tx.db
    .select({
      id: customers.id, ...FIELD_COLUMNS, dataSourceId: customers.dataSourceId, system: dataSources.system,
      status: customerMetrics.status, mrr: customerMetrics.mrr, subscriberSince: customerMetrics.subscriberSince,
    })
    .from(customers)
    .innerJoin(dataSources, eq(dataSources.id, customers.dataSourceId))
    .leftJoin(customerMetrics, eq(customerMetrics.customerId, customers.id))
    .where(and(conditions(filter), after))
    .orderBy(customers.createdAt, customers.id)
    .$dynamic();
  const rows = await (page ? query.offset(anchored ? 0 : page.offset).limit(page.perPage + 1) : query);
  return rows.map((r) => ({ ...r, attributes: attributesOf(r.attributes) }));
}

/** How many customers the filter selects (for the page numbers of list answers). */
export async function countCustomers(tx: Tx, filter: CustomerFilter): Promise<number> {
  const [row] = await tx.db
    .select({ n: count() })
    .from(customers)
    .innerJoin(dataSources, eq(dataSources.id, customers.dataSourceId))
    .leftJoin(customerMetrics, eq(customerMetrics.customerId, customers.id))
    .where(conditions(filter));
  return Number(row?.n ?? 0);
}

export async function customerFields(tx: Tx, customerId: string): Promise<CustomerFields> {
  const [row] = await tx.db
    .select(FIELD_COLUMNS)
    .from(customers)
    .where(eq(customers.id, customerId));
  return { ...row, attributes: attributesOf(row.attributes) };
}

/** The attributes of the customers with these IDs. */
export async function attributesByCustomer(tx: Tx, ids: readonly string[]): Promise<Map<string, Attributes>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.db.select({ id: customers.id, attributes: customers.attributes }).from(customers).where(inArray(customers.id, [...ids]));
  return new Map(rows.map((r) => [r.id, attributesOf(r.attributes)]));
}

/** The IDs of the account's customers with this email (whatever its case). */
export async function customerIdsByEmail(tx: Tx, accountId: string, email: string): Promise<string[]> {
  const rows = await tx.db.select({ id: customers.id }).from(customers)
    .where(and(eq(customers.accountId, accountId), sql`lower(${customers.email}) = lower(${email})`));
  return rows.map((r) => r.id);
}

export async function saveAttributes(tx: Tx, customerId: string, attributes: Attributes): Promise<void> {
  await tx.db.update(customers).set({ attributes }).where(eq(customers.id, customerId));
}

/** The uuid and attributes of the data source's customers with these external IDs, by external ID. */
export async function attributesByExternalId(
  tx: Tx, dataSourceId: string, externalIds: readonly string[],
): Promise<Map<string, { id: string; attributes: Attributes }>> {
  if (externalIds.length === 0) return new Map();
  const rows = await tx.db.select({ id: customers.id, externalId: customers.externalId, attributes: customers.attributes }).from(customers)
    .where(and(eq(customers.dataSourceId, dataSourceId), sql`${customers.externalId} = ANY(${sql.param(externalIds)}::text[])`));
  return new Map(rows.map((r) => [r.externalId, { id: r.id, attributes: attributesOf(r.attributes) }]));
}

/** Saves the attributes of many customers in one statement, in key order (store/lock-order.ts). */
export async function saveAttributesOf(tx: Tx, rows: readonly { id: string; attributes: Attributes }[]): Promise<void> {
  if (rows.length === 0) return;
  const sorted = [...rows].sort((a, b) => compareKeys(a.id, b.id));
  await tx.db.update(customers)
    .set({ attributes: sql`r.attributes` })
    .from(sql`jsonb_to_recordset(${JSON.stringify(sorted)}::jsonb) AS r(id uuid, attributes jsonb)`)
    .where(sql`${customers.id} = r.id`);
}

/** `into` takes `from`'s website_url and owner where it has none (a merge). */
export async function fillWebsiteAndOwner(tx: Tx, intoId: string, fromId: string): Promise<void> {
  const [from] = await tx.db.select({ websiteUrl: customers.websiteUrl, owner: customers.owner }).from(customers).where(eq(customers.id, fromId));
  if (!from) return;
  await tx.db.update(customers)
    .set({ websiteUrl: sql`coalesce(${customers.websiteUrl}, ${from.websiteUrl})`, owner: sql`coalesce(${customers.owner}, ${from.owner})` })
    .where(eq(customers.id, intoId));
}

/** The customer row alone (its data and derived rows are the caller's: customer-data.ts). */
export async function deleteCustomerRow(tx: Tx, customerId: string): Promise<void> {
  await tx.db.delete(customers).where(eq(customers.id, customerId));
}
