/**
 * Subscription events in the store: lookups by integer ID, ID and external ID, the /v1 list and
 * its count, deletion, and what only /v1 sets on an event (its event_order, its disabled state).
 */
import { and, count, desc, eq, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { subscriptionEvents } from '../db/schema.ts';
import { hasIntId } from './int-id.ts';
import type { Page } from './pages.ts';

export type EventRow = typeof subscriptionEvents.$inferSelect;

const ofAccount = (accountId: string) => eq(subscriptionEvents.accountId, accountId);

export async function eventByUuid(tx: Tx, accountId: string, id: string): Promise<EventRow | null> {
  const [row] = await tx.db.select().from(subscriptionEvents).where(and(ofAccount(accountId), eq(subscriptionEvents.id, id)));
  return row ?? null;
}

/** The events whose integer ID has this hex prefix (int-id.ts): one, or none or several when it names nothing for sure. */
export async function eventsByIntId(tx: Tx, accountId: string, prefix: string): Promise<EventRow[]> {
  return tx.db.select().from(subscriptionEvents).where(and(ofAccount(accountId), hasIntId(subscriptionEvents.id, prefix)));
}

export async function eventsByExternalId(tx: Tx, accountId: string, dataSourceId: string, externalId: string): Promise<EventRow[]> {
  return tx.db.select().from(subscriptionEvents).where(and(
    ofAccount(accountId), eq(subscriptionEvents.dataSourceId, dataSourceId), eq(subscriptionEvents.externalId, externalId),
  ));
}

/** Which events of the account a list shows: each given filter narrows it, `none` makes it empty. */
export interface EventFilter {
  accountId: string;
  /** Filters may name the data source twice (a customer's, and data_source_uuid): both must hold. */
  dataSourceIds: string[];
  customerExternalIds: string[];
  subscriptionExternalId?: string;
  externalId?: string;
  eventType?: string;
  planExternalId?: string;
  none?: boolean;
}

function conditions(f: EventFilter): SQL | undefined {
  if (f.none) return sql`false`;
  const t = subscriptionEvents;
  const optional = (column: AnyColumn, value: string | undefined) => (value === undefined ? undefined : eq(column, value));
  return and(
    ofAccount(f.accountId),
    ...f.dataSourceIds.map((id) => eq(t.dataSourceId, id)),
    ...f.customerExternalIds.map((id) => eq(t.customerExternalId, id)),
    optional(t.subscriptionExternalId, f.subscriptionExternalId),
    optional(t.externalId, f.externalId),
    optional(t.eventType, f.eventType),
    optional(t.planExternalId, f.planExternalId),
  );
}

/** One page (plus one row) of the events the filter selects, newest first. */
export async function readEvents(tx: Tx, filter: EventFilter, page: Page): Promise<EventRow[]> {
  const t = subscriptionEvents;
  return tx.db.select().from(t).where(conditions(filter))
    .orderBy(desc(t.createdAt), desc(t.position), t.id)
    .offset(page.offset).limit(page.perPage + 1);
}

/** How many events the filter selects. */
export async function countEvents(tx: Tx, filter: EventFilter): Promise<number> {
  const [row] = await tx.db.select({ n: count() }).from(subscriptionEvents).where(conditions(filter));
  return Number(row?.n ?? 0);
}

/** Sets (or with null clears) the event's event_order. */
export async function setEventOrder(tx: Tx, accountId: string, id: string, eventOrder: number | null): Promise<void> {
  await tx.db.update(subscriptionEvents).set({ eventOrder }).where(and(ofAccount(accountId), eq(subscriptionEvents.id, id)));
}

export interface DisabledState {
  disabled: boolean;
  disabledAt: Date | null;
  disabledBy: string | null;
}

export async function setEventDisabled(tx: Tx, accountId: string, id: string, state: DisabledState): Promise<void> {
  await tx.db.update(subscriptionEvents).set(state).where(and(ofAccount(accountId), eq(subscriptionEvents.id, id)));
}

export async function deleteEvent(tx: Tx, accountId: string, id: string): Promise<void> {
  await tx.db.delete(subscriptionEvents).where(and(ofAccount(accountId), eq(subscriptionEvents.id, id)));
}
