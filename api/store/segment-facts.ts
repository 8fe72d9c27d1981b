/**
 * What a segment (the `filters` of /v1 metrics, activities and /sync/results) is decided on:
 * each customer's stored facts (location, tags and custom attributes, data source, the
 * currencies its subscriptions are billed in), the account's plans and data sources (to
 * resolve a filter's plan or data source by UUID, external ID or name).
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { customers, dataSources, plans, subscriptions } from '../db/schema.ts';
import { attributesOf, type Attributes } from './customers.ts';
import type { PlanRow } from './plans.ts';

export interface CustomerFactsRow {
  id: string;
  externalId: string;
  dataSourceId: string;
  country: string | null;
  state: string | null;
  city: string | null;
  attributes: Attributes;
  /** Currencies of its subscriptions (as last computed). */
  currencies: string[];
}

/** Every customer of the account with the facts a customer condition reads. */
export async function customerFacts(tx: Tx, accountId: string): Promise<CustomerFactsRow[]> {
  const rows = await tx.db
    .select({
      id: customers.id, externalId: customers.externalId, dataSourceId: customers.dataSourceId, country: customers.country,
      state: customers.state, city: customers.city, attributes: customers.attributes,
    })
    .from(customers)
    .where(eq(customers.accountId, accountId))
    .orderBy(asc(customers.externalId), asc(customers.id));
  const billed = await tx.db
    .selectDistinct({ customerId: subscriptions.customerId, currency: subscriptions.currency })
    .from(subscriptions)
    .where(eq(subscriptions.accountId, accountId));
  const currencies = new Map<string, string[]>();
  for (const b of billed) {
    const list = currencies.get(b.customerId);
    if (list) list.push(b.currency);
    else currencies.set(b.customerId, [b.currency]);
  }
  return rows.map((r) => ({ ...r, attributes: attributesOf(r.attributes), currencies: currencies.get(r.id) ?? [] }));
}

export async function accountPlans(tx: Tx, accountId: string): Promise<PlanRow[]> {
  return tx.db
    .select({
      id: plans.id, dataSourceId: plans.dataSourceId, externalId: plans.externalId, name: plans.name,
      intervalCount: plans.intervalCount, intervalUnit: plans.intervalUnit,
    })
    .from(plans)
    .where(eq(plans.accountId, accountId))
    .orderBy(asc(plans.dataSourceId), asc(plans.externalId));
}

export async function accountDataSources(tx: Tx, accountId: string): Promise<{ id: string; name: string }[]> {
  return tx.db.select({ id: dataSources.id, name: dataSources.name }).from(dataSources)
    .where(eq(dataSources.accountId, accountId)).orderBy(asc(dataSources.name));
}

/** What an activity shows of its customer and subscription, for movements computed on demand. */
export interface ActivityContext {
  customers: Map<string, { name: string; externalId: string }>;
  /** Subscription set external IDs by `${dataSourceId} ${subscription external ID}`. */
  sets: Map<string, string | null>;
}

export async function activityContext(tx: Tx, accountId: string, customerIds: readonly string[]): Promise<ActivityContext> {
  if (customerIds.length === 0) return { customers: new Map(), sets: new Map() };
  const ids = sql`ANY(${sql.param([...customerIds])}::uuid[])`;
  const people = await tx.db.select({ id: customers.id, name: customers.name, externalId: customers.externalId }).from(customers)
    .where(and(eq(customers.accountId, accountId), sql`${customers.id} = ${ids}`));
  const subs = await tx.db
    .select({ dataSourceId: subscriptions.dataSourceId, externalId: subscriptions.externalId, setExternalId: subscriptions.setExternalId })
    .from(subscriptions)
    .where(and(eq(subscriptions.accountId, accountId), sql`${subscriptions.customerId} = ${ids}`));
  return {
    customers: new Map(people.map((p) => [p.id, { name: p.name, externalId: p.externalId }])),
    sets: new Map(subs.map((s) => [`${s.dataSourceId} ${s.externalId}`, s.setExternalId])),
  };
}
