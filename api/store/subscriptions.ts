/**
 * The derived subscriptions (the engine writes them) as /v1 reads them: lookups by ID and
 * external ID, and a customer's subscriptions with their plan.
 */
import { and, count, eq } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { customers, plans, subscriptions } from '../db/schema.ts';
import type { Page } from './pages.ts';

export interface SubscriptionRef {
  id: string;
  dataSourceId: string;
  externalId: string;
  customerId: string;
  customerExternalId: string;
  manual: boolean;
}

const REF = {
  id: subscriptions.id,
  dataSourceId: subscriptions.dataSourceId,
  externalId: subscriptions.externalId,
  customerId: subscriptions.customerId,
  customerExternalId: customers.externalId,
  manual: subscriptions.manual,
};

const refs = (tx: Tx) => tx.db.select(REF).from(subscriptions).innerJoin(customers, eq(customers.id, subscriptions.customerId));

export async function subscriptionRefByUuid(tx: Tx, accountId: string, id: string): Promise<SubscriptionRef | null> {
  const [row] = await refs(tx).where(and(eq(subscriptions.accountId, accountId), eq(subscriptions.id, id)));
  return row ?? null;
}

export async function subscriptionRefByExternalId(tx: Tx, accountId: string, dataSourceId: string, externalId: string): Promise<SubscriptionRef | null> {
  const [row] = await refs(tx).where(and(
    eq(subscriptions.accountId, accountId), eq(subscriptions.dataSourceId, dataSourceId), eq(subscriptions.externalId, externalId),
  ));
  return row ?? null;
}

/** A stored subscription with its plan's ID, name and interval (null when the plan is unknown). */
export type SubscriptionRow = typeof subscriptions.$inferSelect & {
  planId: string | null;
  planName: string | null;
  intervalUnit: string | null;
  intervalCount: number | null;
};

const withPlan = (tx: Tx) => tx.db.select({
  subscription: subscriptions, planId: plans.id, planName: plans.name, intervalUnit: plans.intervalUnit, intervalCount: plans.intervalCount,
}).from(subscriptions)
  .leftJoin(plans, and(eq(plans.dataSourceId, subscriptions.dataSourceId), eq(plans.externalId, subscriptions.planExternalId)));

type Joined = Awaited<ReturnType<ReturnType<typeof withPlan>['execute']>>[number];
const flat = ({ subscription, ...plan }: Joined): SubscriptionRow => ({ ...subscription, ...plan });

export async function subscriptionById(tx: Tx, accountId: string, id: string): Promise<SubscriptionRow | null> {
  const [row] = await withPlan(tx).where(and(eq(subscriptions.accountId, accountId), eq(subscriptions.id, id)));
  return row ? flat(row) : null;
}

/** One page (plus one row) of a customer's subscriptions, oldest first. */
export async function customerSubscriptions(tx: Tx, accountId: string, customerId: string, page: Page): Promise<SubscriptionRow[]> {
  const rows = await withPlan(tx)
    .where(and(eq(subscriptions.accountId, accountId), eq(subscriptions.customerId, customerId)))
    .orderBy(subscriptions.startedAt, subscriptions.externalId, subscriptions.id)
    .offset(page.offset).limit(page.perPage + 1);
  return rows.map(flat);
}

export async function countCustomerSubscriptions(tx: Tx, accountId: string, customerId: string): Promise<number> {
  const [row] = await tx.db.select({ n: count() }).from(subscriptions)
    .where(and(eq(subscriptions.accountId, accountId), eq(subscriptions.customerId, customerId)));
  return Number(row?.n ?? 0);
}
