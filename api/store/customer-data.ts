/**
 * A customer's stored billing data as a whole: its invoices (with their lines and
 * transactions), cancellations of its subscriptions, subscription events, manual
 * subscriptions and contacts. Deleting a customer deletes it; renaming or merging a customer
 * moves it to the other customer's external ID (and data source), saying which rows moved;
 * unmerging moves those rows back.
 */
import { and, eq, exists, inArray, isNotNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from '../db/client.ts';
import { cancellations, contacts, invoices, lineItems, manualSubscriptions, plans, subscriptionEvents, transactions } from '../db/schema.ts';
import { deleteCustomerData, deleteDerivedData } from './delete.ts';
import { deleteCustomerRow, type CustomerRef } from './customers.ts';
import { moveConnectionsOfSubscriptions, moveSubscriptionConnections } from './subscription-connections.ts';

/** A customer's place: its data source and external ID. */
interface Scope {
  dataSourceId: string;
  externalId: string;
}

/** The external IDs of the customer's invoices. */
const invoicesOf = (tx: Tx, s: Scope) => tx.db.select({ e: invoices.externalId }).from(invoices)
  .where(and(eq(invoices.dataSourceId, s.dataSourceId), eq(invoices.customerExternalId, s.externalId)));

/** The customer's subscriptions, as its invoices' lines name them. */
const linesOf = (tx: Tx, s: Scope) => tx.db.select({ s: lineItems.subscriptionExternalId }).from(lineItems)
  .where(and(eq(lineItems.dataSourceId, s.dataSourceId), isNotNull(lineItems.subscriptionExternalId), inArray(lineItems.invoiceExternalId, invoicesOf(tx, s))));

interface OwnedTable {
  table: PgTable;
  name: string;
  id: PgColumn;
  dataSourceId: PgColumn;
  /** The row's identity within its data source (field name and column). */
  keyField: string;
  key: PgColumn;
  /** Present where the table names the customer (rewritten when the data moves to another customer). */
  customerExternalId?: PgColumn;
  /** The customer's rows of the table, within its data source. */
  owned: (tx: Tx, s: Scope) => SQL | undefined;
}

/** In the order they must be moved or deleted: dependents first. */
const OWNED: OwnedTable[] = [
  {
    table: cancellations, name: 'cancellations', id: cancellations.id, dataSourceId: cancellations.dataSourceId, keyField: 'key', key: cancellations.key,
    customerExternalId: cancellations.customerExternalId,
    owned: (tx, s) => or(eq(cancellations.customerExternalId, s.externalId), inArray(cancellations.subscriptionExternalId, linesOf(tx, s))),
  },
  {
    table: transactions, name: 'transactions', id: transactions.id, dataSourceId: transactions.dataSourceId, keyField: 'key', key: transactions.key,
    owned: (tx, s) => inArray(transactions.invoiceExternalId, invoicesOf(tx, s)),
  },
  {
    table: lineItems, name: 'line_items', id: lineItems.id, dataSourceId: lineItems.dataSourceId, keyField: 'key', key: lineItems.key,
    owned: (tx, s) => inArray(lineItems.invoiceExternalId, invoicesOf(tx, s)),
  },
  {
    table: invoices, name: 'invoices', id: invoices.id, dataSourceId: invoices.dataSourceId, keyField: 'externalId', key: invoices.externalId,
    customerExternalId: invoices.customerExternalId, owned: (_, s) => eq(invoices.customerExternalId, s.externalId),
  },
  {
    table: subscriptionEvents, name: 'subscription_events', id: subscriptionEvents.id, dataSourceId: subscriptionEvents.dataSourceId, keyField: 'key', key: subscriptionEvents.key,
    customerExternalId: subscriptionEvents.customerExternalId, owned: (_, s) => eq(subscriptionEvents.customerExternalId, s.externalId),
  },
  {
    table: manualSubscriptions, name: 'manual_subscriptions', id: manualSubscriptions.id, dataSourceId: manualSubscriptions.dataSourceId, keyField: 'key', key: manualSubscriptions.key,
    customerExternalId: manualSubscriptions.customerExternalId, owned: (_, s) => eq(manualSubscriptions.customerExternalId, s.externalId),
  },
  {
    table: contacts, name: 'contacts', id: contacts.id, dataSourceId: contacts.dataSourceId, keyField: 'key', key: contacts.key,
    customerExternalId: contacts.customerExternalId, owned: (_, s) => eq(contacts.customerExternalId, s.externalId),
  },
];

const rowsOf = (tx: Tx, t: OwnedTable, s: Scope) => and(eq(t.dataSourceId, s.dataSourceId), t.owned(tx, s));

/** Deletes the customer and all its data, derived data included. */
export async function purgeCustomer(tx: Tx, accountId: string, customer: CustomerRef): Promise<void> {
  await deleteCustomerData(tx, accountId, customer.dataSourceId, customer.externalId);
  for (const t of OWNED.filter((o) => o.table === cancellations || o.table === contacts)) {
    await tx.db.delete(t.table).where(rowsOf(tx, t, customer));
  }
  await deleteDerivedData(tx, customer.id);
  await deleteCustomerRow(tx, customer.id);
}

/** The IDs of the rows that moved, by table name (customer_merges.moved). */
export type MovedRows = Record<string, string[]>;

/**
 * Moves everything of `from` to `into` (another external ID, maybe another data source),
 * copying the plans the moved rows use into the target data source; the subscription
 * connections of the moving subscriptions follow them. When rows would collide with rows the
 * target data source holds already, nothing moves: `clash` says which.
 */
export async function moveCustomerData(tx: Tx, from: Scope, into: Scope): Promise<{ clash: string } | { moved: MovedRows }> {
  if (from.dataSourceId !== into.dataSourceId) {
    const clash = await prepareTarget(tx, from, into.dataSourceId);
    if (clash !== null) return { clash };
  }
  await moveSubscriptionConnections(tx, from, into);
  const moved: MovedRows = {};
  for (const t of OWNED) {
    const rows = await tx.db.update(t.table).set(placeOf(t, into)).where(rowsOf(tx, t, from)).returning({ id: t.id });
    if (rows.length > 0) moved[t.name] = rows.map((r) => String(r.id));
  }
  return { moved };
}

function placeOf(t: OwnedTable, s: Scope): Record<string, unknown> {
  const set: Record<string, unknown> = { dataSourceId: s.dataSourceId };
  if (t.customerExternalId) set.customerExternalId = s.externalId;
  return set;
}

/**
 * Moves rows a merge moved (`moved`, as moveCustomerData answered it) from `from` (the customer
 * they were merged into) back to `back` (the merged customer, restored), with the connections of
 * their subscriptions. Rows deleted since are skipped; a row whose key `back`'s data source
 * holds again is a clash, and nothing moves.
 */
export async function moveRowsBack(tx: Tx, moved: MovedRows, from: Scope, back: Scope): Promise<string | null> {
  const ids = (t: OwnedTable) => moved[t.name] ?? [];
  // One array parameter, however many rows moved.
  const ofMoved = (t: OwnedTable) => and(eq(t.dataSourceId, from.dataSourceId), sql`${t.id} = ANY(${sql.param(ids(t))}::uuid[])`);
  if (from.dataSourceId !== back.dataSourceId) {
    for (const t of OWNED.filter((o) => ids(o).length > 0)) {
      const u = alias(t.table, 'u') as unknown as Record<string, PgColumn>;
      const [clash] = await tx.db.select({ k: t.key }).from(t.table)
        .where(and(ofMoved(t), exists(tx.db.select({ one: sql`1` }).from(u as never).where(and(eq(u.dataSourceId, back.dataSourceId), eq(u[t.keyField], t.key))))))
        .limit(1);
      if (clash) return `The data source holds ${t.name.replace('_', ' ')} '${String(clash.k)}' again; the customer cannot be unmerged`;
    }
  }
  const lines = OWNED.find((o) => o.table === lineItems)!;
  const subscriptions = ids(lines).length === 0 ? [] : await tx.db.selectDistinct({ s: lineItems.subscriptionExternalId }).from(lineItems)
    .where(and(ofMoved(lines), isNotNull(lineItems.subscriptionExternalId)));
  await moveConnectionsOfSubscriptions(tx, from, subscriptions.map((r) => r.s!), back);
  for (const t of OWNED) {
    if (ids(t).length > 0) await tx.db.update(t.table).set(placeOf(t, back)).where(ofMoved(t));
  }
  return null;
}

/** Checks that the rows can move to another data source and copies the plans they use; or what collides. */
async function prepareTarget(tx: Tx, from: Scope, target: string): Promise<string | null> {
  for (const t of OWNED) {
    const u = alias(t.table, 'u') as unknown as Record<string, PgColumn>;
    const [clash] = await tx.db.select({ k: t.key }).from(t.table)
      .where(and(rowsOf(tx, t, from), exists(tx.db.select({ one: sql`1` }).from(u as never).where(and(eq(u.dataSourceId, target), eq(u[t.keyField], t.key))))))
      .limit(1);
    if (clash) return `Both data sources hold ${t.name.replace('_', ' ')} '${String(clash.k)}'; the customers cannot be merged`;
  }
  const shared = await sharedSubscription(tx, from, target);
  if (shared !== null) return `Both data sources hold subscription '${shared}'; the customers cannot be merged`;
  return copyPlans(tx, from, target);
}

/** A subscription of the customer that the target data source holds too, or null. */
async function sharedSubscription(tx: Tx, from: Scope, target: string): Promise<string | null> {
  const l = alias(lineItems, 'u');
  const [line] = await tx.db.select({ s: lineItems.subscriptionExternalId }).from(lineItems)
    .where(and(
      eq(lineItems.dataSourceId, from.dataSourceId), isNotNull(lineItems.subscriptionExternalId), inArray(lineItems.invoiceExternalId, invoicesOf(tx, from)),
      exists(tx.db.select({ one: sql`1` }).from(l).where(and(eq(l.dataSourceId, target), eq(l.subscriptionExternalId, lineItems.subscriptionExternalId)))),
    ))
    .limit(1);
  if (line?.s) return line.s;
  const m = alias(manualSubscriptions, 'u');
  const [manual] = await tx.db.select({ s: manualSubscriptions.subscriptionExternalId }).from(manualSubscriptions)
    .where(and(
      eq(manualSubscriptions.dataSourceId, from.dataSourceId), eq(manualSubscriptions.customerExternalId, from.externalId),
      exists(tx.db.select({ one: sql`1` }).from(m).where(and(eq(m.dataSourceId, target), eq(m.subscriptionExternalId, manualSubscriptions.subscriptionExternalId)))),
    ))
    .limit(1);
  return manual?.s ?? null;
}

/** The plans the customer's lines, events and manual subscriptions use, copied into the target data source; or the one whose intervals differ there. */
async function copyPlans(tx: Tx, from: Scope, target: string): Promise<string | null> {
  const used = or(
    inArray(plans.externalId, tx.db.select({ p: lineItems.planExternalId }).from(lineItems)
      .where(and(eq(lineItems.dataSourceId, from.dataSourceId), inArray(lineItems.invoiceExternalId, invoicesOf(tx, from))))),
    inArray(plans.externalId, tx.db.select({ p: subscriptionEvents.planExternalId }).from(subscriptionEvents)
      .where(and(eq(subscriptionEvents.dataSourceId, from.dataSourceId), eq(subscriptionEvents.customerExternalId, from.externalId)))),
    inArray(plans.externalId, tx.db.select({ p: manualSubscriptions.planExternalId }).from(manualSubscriptions)
      .where(and(eq(manualSubscriptions.dataSourceId, from.dataSourceId), eq(manualSubscriptions.customerExternalId, from.externalId)))),
  );
  const u = alias(plans, 'u');
  const [differing] = await tx.db.select({ e: plans.externalId }).from(plans)
    .innerJoin(u, and(eq(u.dataSourceId, target), eq(u.externalId, plans.externalId)))
    .where(and(
      eq(plans.dataSourceId, from.dataSourceId), used,
      or(ne(u.intervalCount, plans.intervalCount), ne(u.intervalUnit, plans.intervalUnit)),
    ))
    .limit(1);
  if (differing) return `Plan '${differing.e}' has different intervals in the two data sources; the customers cannot be merged`;
  const copies = await tx.db.select({
    accountId: plans.accountId, externalId: plans.externalId, name: plans.name,
    intervalCount: plans.intervalCount, intervalUnit: plans.intervalUnit, position: plans.position,
  }).from(plans).where(and(eq(plans.dataSourceId, from.dataSourceId), used));
  if (copies.length > 0) {
    await tx.db.insert(plans).values(copies.map((p) => ({ ...p, dataSourceId: target })))
      .onConflictDoNothing({ target: [plans.dataSourceId, plans.externalId] });
  }
  return null;
}
