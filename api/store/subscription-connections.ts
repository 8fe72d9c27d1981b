/**
 * Connected subscriptions (POST /v1/customers/{cus}/connect_subscriptions): which subscription
 * continues which, by external ID in the customer's data source. The engine walks each
 * connected group as one subscription (shared/engine/connections.ts). Nothing but connect,
 * disconnect and a merge writes them: a /sync or import re-send of the billing rows leaves
 * them as they are; deleting the customer deletes them (foreign key).
 */
import { and, eq, inArray, isNotNull, min, not, or, sql, type SQLWrapper } from 'drizzle-orm';
import type { SubscriptionConnection } from '../../shared/index.ts';
import type { Tx } from '../db/client.ts';
import { customers, invoices, lineItems, subscriptionConnections as links } from '../db/schema.ts';

const CONNECTION = { subscription: links.subscriptionExternalId, continues: links.connectedToExternalId };

/** Links within the data source (a link to another data source cannot be walked: the engine walks one). */
const withinSource = (dataSourceId: string) => and(eq(links.dataSourceId, dataSourceId), eq(links.connectedToDataSourceId, dataSourceId));

/** The connections of a recompute's scope: every customer of a data source, or those external IDs. */
export async function connectionsOfScope(
  tx: Tx, scope: { accountId: string; dataSourceId: string; customers: readonly string[] | null },
): Promise<SubscriptionConnection[]> {
  const ofCustomers = scope.customers === null ? undefined : inArray(links.customerId, tx.db.select({ id: customers.id }).from(customers)
    .where(and(eq(customers.dataSourceId, scope.dataSourceId), sql`${customers.externalId} = ANY(${sql.param(scope.customers)}::text[])`)));
  return tx.db.select(CONNECTION).from(links)
    .where(and(eq(links.accountId, scope.accountId), withinSource(scope.dataSourceId), ofCustomers))
    .orderBy(links.subscriptionExternalId);
}

/** A customer as its connections are stored: its uuid and data source. */
export interface ConnectionOwner {
  id: string;
  dataSourceId: string;
}

export async function customerConnections(tx: Tx, accountId: string, customer: ConnectionOwner): Promise<SubscriptionConnection[]> {
  return tx.db.select(CONNECTION).from(links)
    .where(and(eq(links.accountId, accountId), eq(links.customerId, customer.id), withinSource(customer.dataSourceId)))
    .orderBy(links.subscriptionExternalId);
}

/**
 * Replaces every link of the customer that names one of `members` by `groups`: each group is
 * stored as a chain, every member continuing the one before it.
 */
export async function replaceConnections(
  tx: Tx, accountId: string, customer: ConnectionOwner, members: readonly string[], groups: readonly (readonly string[])[],
): Promise<void> {
  if (members.length > 0) {
    await tx.db.delete(links).where(and(
      eq(links.accountId, accountId), eq(links.customerId, customer.id),
      or(inArray(links.subscriptionExternalId, [...members]), inArray(links.connectedToExternalId, [...members])),
    ));
  }
  const rows = groups.flatMap((g) => g.slice(1).map((subscription, i) => ({
    accountId, customerId: customer.id, dataSourceId: customer.dataSourceId, subscriptionExternalId: subscription,
    connectedToDataSourceId: customer.dataSourceId, connectedToExternalId: g[i],
  })));
  if (rows.length === 0) return;
  // A link left behind by a subscription since deleted holds the key: the new one replaces it.
  await tx.db.insert(links).values(rows).onConflictDoUpdate({
    target: [links.accountId, links.dataSourceId, links.subscriptionExternalId],
    set: {
      customerId: sql`excluded.customer_id`,
      connectedToDataSourceId: sql`excluded.connected_to_data_source_id`,
      connectedToExternalId: sql`excluded.connected_to_external_id`,
    },
  });
}

/** Each subscription's earliest service period start among its lines in the data source (epoch ms). */
export async function firstServiceStarts(tx: Tx, accountId: string, dataSourceId: string, externalIds: readonly string[]): Promise<Map<string, number>> {
  if (externalIds.length === 0) return new Map();
  const rows = await tx.db.select({ s: lineItems.subscriptionExternalId, first: min(lineItems.servicePeriodStart) }).from(lineItems)
    .where(and(
      eq(lineItems.accountId, accountId), eq(lineItems.dataSourceId, dataSourceId),
      inArray(lineItems.subscriptionExternalId, [...externalIds]), isNotNull(lineItems.servicePeriodStart),
    ))
    .groupBy(lineItems.subscriptionExternalId);
  return new Map(rows.filter((r) => r.s !== null && r.first !== null).map((r) => [r.s!, new Date(r.first!).getTime()]));
}

/** A customer's place: its data source and external ID (customer-data.ts's Scope). */
interface Place {
  dataSourceId: string;
  externalId: string;
}

/**
 * The links of `from`'s invoiced subscriptions follow them to `into` (a merge, maybe into
 * another data source; a rename keeps them as they are). Called before the rows move. A link
 * between a moving subscription and one that stays would join two customers: it goes.
 */
export async function moveSubscriptionConnections(tx: Tx, from: Place, into: Place): Promise<void> {
  const moving = tx.db.selectDistinct({ s: lineItems.subscriptionExternalId }).from(lineItems)
    .where(and(
      eq(lineItems.dataSourceId, from.dataSourceId), isNotNull(lineItems.subscriptionExternalId),
      inArray(lineItems.invoiceExternalId, tx.db.select({ e: invoices.externalId }).from(invoices)
        .where(and(eq(invoices.dataSourceId, from.dataSourceId), eq(invoices.customerExternalId, from.externalId)))),
    ));
  await moveLinks(tx, from, moving, into);
}

/**
 * The links of the listed subscriptions of `from`'s data source follow them to `into` (an
 * unmerge moving a merge's rows back): as moveSubscriptionConnections, for these subscriptions.
 */
export async function moveConnectionsOfSubscriptions(tx: Tx, from: Place, subscriptions: readonly string[], into: Place): Promise<void> {
  if (subscriptions.length > 0) await moveLinks(tx, from, [...subscriptions], into);
}

async function moveLinks(tx: Tx, from: Place, moving: readonly string[] | SQLWrapper, into: Place): Promise<void> {
  const subscriptionMoves = inArray(links.subscriptionExternalId, moving);
  const continuedMoves = inArray(links.connectedToExternalId, moving);
  const inFrom = eq(links.dataSourceId, from.dataSourceId);
  await tx.db.delete(links).where(and(inFrom, or(and(subscriptionMoves, not(continuedMoves)), and(not(subscriptionMoves), continuedMoves))));
  const idOf = async (p: Place) => (await tx.db.select({ id: customers.id }).from(customers)
    .where(and(eq(customers.dataSourceId, p.dataSourceId), eq(customers.externalId, p.externalId))))[0]?.id ?? null;
  const target = await idOf(into);
  if (target === null) return; // a rename: same customer, same data source
  if (into.dataSourceId !== from.dataSourceId) {
    // Stale links of subscriptions the target no longer holds would hold the moving links' keys.
    await tx.db.delete(links).where(and(eq(links.dataSourceId, into.dataSourceId), inArray(links.subscriptionExternalId, moving)));
  }
  await tx.db.update(links)
    .set({ customerId: target, dataSourceId: into.dataSourceId, connectedToDataSourceId: into.dataSourceId })
    .where(and(inFrom, subscriptionMoves, continuedMoves));
}
