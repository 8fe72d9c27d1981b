/**
 * Derived data: what the engine produced for each customer, stored as its rows say it (the
 * customer's figures, its subscriptions' figures, its movements and its series inputs row), and
 * read back as those rows for /sync/results, /v1 metrics and activities. No figure is derived
 * here: the engine's row functions turn stored figures into report rows.
 */
import { and, asc, desc, eq, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import {
  customerRowOf, LEAD_FIGURES, movementRow, subscriptionFigures, subscriptionRow, type CustomerRow, type Movement,
  type MovementRow, type MovementType, type SubscriptionFigures, type SubscriptionRow,
} from '../../shared/index.ts';
import type { CustomerFigures, CustomerStatus } from '../../shared/engine/customers.ts';
import { NO_SERIES_INPUTS, type SeriesInputsRow } from '../../shared/engine/series-inputs.ts';
import type { Tx } from '../db/client.ts';
import { accounts, customerMetrics, customers, movements, plans, subscriptions } from '../db/schema.ts';
import { compareKeys } from './lock-order.ts';
import { subscriptionUuid } from './subscription-ids.ts';
import { bulkInsert } from './bulk-insert.ts';

const uuidIn = (column: AnyColumn, ids: readonly string[]): SQL => sql`${column} = ANY(${sql.param(ids)}::uuid[])`;

// ---- Written by recompute ----

/** The customers of a data source (all, or those external IDs) by external ID → uuid. */
export async function customerUuids(tx: Tx, dataSourceId: string, externalIds: readonly string[] | null): Promise<Map<string, string>> {
  const rows = await tx.db
    .select({ id: customers.id, externalId: customers.externalId })
    .from(customers)
    .where(and(
      eq(customers.dataSourceId, dataSourceId),
      externalIds === null ? undefined : sql`${customers.externalId} = ANY(${sql.param(externalIds)}::text[])`,
    ));
  return new Map(rows.map((r) => [r.externalId, r.id]));
}

/** What the engine computed for one customer, keyed by its uuid. */
export interface CustomerDerived {
  id: string;
  figures: CustomerFigures;
  netPayments: number;
  seriesInputs: SeriesInputsRow;
  /** In time order (their position keeps the order at one instant), each with the plan in force at it. */
  movements: readonly Movement[];
  subscriptions: readonly (SubscriptionFigures & { currency: string; manual: boolean })[];
}

/**
 * Replaces the derived rows of `customerIds` with `derived` (those of them the engine still
 * knows), in key order as every write (lock-order.ts). Subscriptions keep their IDs across
 * recomputes (clients hold sub_ IDs): see dropSubscriptions.
 */
export async function replaceDerived(
  tx: Tx, scope: { accountId: string; dataSourceId: string }, customerIds: readonly string[], derived: readonly CustomerDerived[],
): Promise<void> {
  await tx.db.delete(movements).where(uuidIn(movements.customerId, customerIds));
  await tx.db.delete(customerMetrics).where(uuidIn(customerMetrics.customerId, customerIds));

  const rows = [...derived].sort((a, b) => compareKeys(a.id, b.id));
  const account = [{ name: 'account_id', type: 'uuid', value: scope.accountId }];
  const source = [...account, { name: 'data_source_id', type: 'uuid', value: scope.dataSourceId }];
  await bulkInsert(tx, 'customer_metrics', account, [
    { name: 'customer_id', type: 'uuid', values: rows.map((c) => c.id) },
    { name: 'status', type: 'text', values: rows.map((c) => c.figures.status) },
    { name: 'mrr', type: 'numeric', values: rows.map((c) => c.figures.mrr) },
    { name: 'subscriber_since', type: 'timestamptz', epochMs: true, values: rows.map((c) => c.figures.subscriberSince) },
    { name: 'net_payments', type: 'numeric', values: rows.map((c) => c.netPayments) },
    { name: 'subscriptions', type: 'integer', values: rows.map((c) => c.figures.subscriptions) },
    { name: 'quantity', type: 'numeric', values: rows.map((c) => c.figures.quantity) },
    { name: 'inputs', type: 'jsonb', values: rows.map((c) => JSON.stringify(c.seriesInputs)) },
  ]);

  const moves = rows.flatMap((c) => c.movements.map((m, position) => ({ m, position, customer: c.id })));
  await bulkInsert(tx, 'movements', source, [
    { name: 'customer_id', type: 'uuid', values: moves.map((x) => x.customer) },
    // The engine names a movement's customer by its external ID.
    { name: 'customer_external_id', type: 'text', values: moves.map((x) => x.m.customerId) },
    { name: 'subscription_external_id', type: 'text', values: moves.map((x) => x.m.subscriptionId) },
    { name: 'at', type: 'timestamptz', epochMs: true, values: moves.map((x) => x.m.t) },
    { name: 'type', type: 'text', values: moves.map((x) => x.m.type) },
    { name: 'amount', type: 'numeric', values: moves.map((x) => x.m.amount) },
    { name: 'customer_mrr_after', type: 'numeric', values: moves.map((x) => x.m.customerMrrAfter) },
    { name: 'plan_external_id', type: 'text', values: moves.map((x) => x.m.planId ?? null) },
    { name: 'position', type: 'integer', values: moves.map((x) => x.position) },
  ]);

  const subs = rows.flatMap((c) => c.subscriptions.map((s) => ({ s, f: subscriptionFigures(s), customer: c.id })))
    .sort((a, b) => compareKeys(a.f.id, b.f.id));
  // Subscriptions keep their IDs (clients hold sub_ IDs): the rows of these customers, and those
  // now computed for them (a subscription may change customers), go, their IDs kept for the
  // new rows; a new subscription's ID is its name's (subscription-ids.ts).
  const kept = await dropSubscriptions(tx, scope.dataSourceId, customerIds, subs.map((x) => x.f.id));
  await bulkInsert(tx, 'subscriptions', source, [
    { name: 'id', type: 'uuid', values: subs.map((x) => kept.get(x.f.id) ?? subscriptionUuid(scope.dataSourceId, x.f.id)) },
    { name: 'customer_id', type: 'uuid', values: subs.map((x) => x.customer) },
    { name: 'external_id', type: 'text', values: subs.map((x) => x.f.id) },
    { name: 'set_external_id', type: 'text', values: subs.map((x) => x.f.setId) },
    { name: 'plan_external_id', type: 'text', values: subs.map((x) => x.f.planId) },
    { name: 'currency', type: 'text', values: subs.map((x) => x.s.currency) },
    { name: 'status', type: 'text', values: subs.map((x) => x.f.status) },
    { name: 'mrr', type: 'numeric', values: subs.map((x) => x.f.mrr) },
    { name: 'quantity', type: 'numeric', values: subs.map((x) => x.f.quantity) },
    { name: 'started_at', type: 'timestamptz', epochMs: true, values: subs.map((x) => x.f.startedAt) },
    { name: 'paid_through', type: 'timestamptz', epochMs: true, values: subs.map((x) => x.f.paidThrough) },
    { name: 'cancelled_at', type: 'timestamptz', epochMs: true, values: subs.map((x) => x.f.cancelledAt) },
    { name: 'manual', type: 'boolean', values: subs.map((x) => x.s.manual) },
  ]);
}

/** Deletes the subscriptions of `customerIds` and those named `externalIds`; answers their IDs by external ID. */
async function dropSubscriptions(
  tx: Tx, dataSourceId: string, customerIds: readonly string[], externalIds: readonly string[],
): Promise<Map<string, string>> {
  const rows = await tx.db
    .delete(subscriptions)
    .where(and(
      eq(subscriptions.dataSourceId, dataSourceId),
      sql`(${uuidIn(subscriptions.customerId, customerIds)} OR ${subscriptions.externalId} = ANY(${sql.param(externalIds)}::text[]))`,
    ))
    .returning({ id: subscriptions.id, externalId: subscriptions.externalId });
  return new Map(rows.map((r) => [r.externalId, r.id]));
}

// ---- Read back as the report's rows (/sync/results pages them) ----

const ms = (d: Date | null) => (d === null ? null : d.getTime());

/** Customers (all, or these uuids) in external ID order, as the report's customer rows. */
export async function customerRows(
  tx: Tx, accountId: string, offset: number, limit: number, customerIds?: readonly string[],
): Promise<CustomerRow[]> {
  const rows = await tx.db
    .select({
      externalId: customers.externalId, name: customers.name, status: customerMetrics.status, mrr: customerMetrics.mrr,
      subscriberSince: customerMetrics.subscriberSince, netPayments: customerMetrics.netPayments,
      subscriptions: customerMetrics.subscriptions, quantity: customerMetrics.quantity,
    })
    .from(customers)
    .leftJoin(customerMetrics, eq(customerMetrics.customerId, customers.id))
    .where(and(eq(customers.accountId, accountId), customerIds === undefined ? undefined : uuidIn(customers.id, customerIds)))
    .orderBy(asc(customers.externalId), asc(customers.id))
    .offset(offset)
    .limit(limit);
  return rows.map((r) => {
    // A customer not computed yet has the figures of one with nothing: a Lead.
    const figures: CustomerFigures = r.status === null ? LEAD_FIGURES : {
      status: r.status as CustomerStatus,
      mrr: r.mrr!,
      subscriberSince: ms(r.subscriberSince),
      subscriptions: r.subscriptions!,
      quantity: r.quantity!,
    };
    return customerRowOf(r.externalId, r.name, figures, r.netPayments ?? 0);
  });
}

/** Subscriptions (of all customers, or of these uuids) in (customer, subscription) external ID order, as the report's subscription rows. */
export async function subscriptionRows(
  tx: Tx, accountId: string, offset: number, limit: number, customerIds?: readonly string[],
): Promise<SubscriptionRow[]> {
  const rows = await tx.db
    .select({
      id: subscriptions.externalId, customerId: customers.externalId, setId: subscriptions.setExternalId,
      planId: subscriptions.planExternalId, status: subscriptions.status, mrr: subscriptions.mrr,
      quantity: subscriptions.quantity, startedAt: subscriptions.startedAt, paidThrough: subscriptions.paidThrough,
      cancelledAt: subscriptions.cancelledAt,
    })
    .from(subscriptions)
    .innerJoin(customers, eq(customers.id, subscriptions.customerId))
    .where(and(eq(subscriptions.accountId, accountId), customerIds === undefined ? undefined : uuidIn(subscriptions.customerId, customerIds)))
    .orderBy(asc(customers.externalId), asc(subscriptions.externalId))
    .offset(offset)
    .limit(limit);
  return rows.map((r) => subscriptionRow({
    ...r,
    status: r.status as SubscriptionRow['status'],
    startedAt: r.startedAt.getTime(),
    paidThrough: ms(r.paidThrough),
    cancelledAt: ms(r.cancelledAt),
  }));
}

/** A stored movement's columns; the customer is named by the caller (external ID or uuid). */
const MOVEMENT = {
  at: movements.at, subscriptionId: movements.subscriptionExternalId, type: movements.type, amount: movements.amount,
  customerMrrAfter: movements.customerMrrAfter,
};

const movementOf = ({ at, type, ...m }: { at: Date; type: string; customerId: string; subscriptionId: string; amount: number; customerMrrAfter: number }): Movement =>
  ({ ...m, t: at.getTime(), type: type as MovementType });

/**
 * Movements (of all customers, or of these uuids) in (instant, customer external ID, position)
 * order (the movement ID breaks ties), as the report's movement rows: `limit` from `offset`, or
 * right after the movement `after` while it is still stored (read along movements_account_order,
 * in its order: no sort, no join). `lastId` names the last row's movement.
 */
export async function movementPage(
  tx: Tx, accountId: string, offset: number, limit: number, customerIds?: readonly string[], after?: string,
): Promise<{ rows: MovementRow[]; lastId: string | null }> {
  const anchor = after === undefined ? null : await movementKey(tx, accountId, after);
  const rows = await tx.db
    .select({ ...MOVEMENT, customerId: movements.customerExternalId, id: movements.id })
    .from(movements)
    .where(and(
      eq(movements.accountId, accountId),
      customerIds === undefined ? undefined : uuidIn(movements.customerId, customerIds),
      anchor === null ? undefined : sql`${movements.at} >= ${anchor.at.toISOString()}::timestamptz`,
      anchor === null ? undefined : sql`(${movements.at}, ${movements.customerExternalId}, ${movements.position}, ${movements.id}) > (${anchor.at.toISOString()}::timestamptz, ${anchor.externalId}, ${anchor.position}::int, ${after}::uuid)`,
    ))
    .orderBy(asc(movements.at), asc(movements.customerExternalId), asc(movements.position), asc(movements.id))
    .offset(anchor === null ? offset : 0)
    .limit(limit);
  return { rows: rows.map(({ id: _, ...r }) => movementRow(movementOf(r))), lastId: rows.at(-1)?.id ?? null };
}

// ---- The series inputs of a whole account (/v1 metrics, /sync/results' series) ----

export interface StoredSeriesCustomer {
  id: string;
  externalId: string;
  dataSourceId: string;
  country: string | null;
  leadCreatedAt: number | null;
  freeTrialStartedAt: number | null;
  seriesInputs: SeriesInputsRow;
}

export async function seriesCustomers(tx: Tx, accountId: string): Promise<StoredSeriesCustomer[]> {
  const rows = await tx.db
    .select({
      id: customers.id, externalId: customers.externalId, dataSourceId: customers.dataSourceId, country: customers.country,
      leadCreatedAt: customers.leadCreatedAt, freeTrialStartedAt: customers.freeTrialStartedAt,
      seriesInputs: customerMetrics.inputs,
    })
    .from(customers)
    .leftJoin(customerMetrics, eq(customerMetrics.customerId, customers.id))
    .where(eq(customers.accountId, accountId))
    .orderBy(asc(customers.externalId));
  return rows.map((r) => ({
    ...r,
    leadCreatedAt: ms(r.leadCreatedAt),
    freeTrialStartedAt: ms(r.freeTrialStartedAt),
    seriesInputs: r.seriesInputs ?? NO_SERIES_INPUTS,
  }));
}

/** Every movement of the account by (instant, customer uuid, position); customerId is the uuid. */
export async function accountMovements(tx: Tx, accountId: string): Promise<Movement[]> {
  const rows = await tx.db
    .select({ ...MOVEMENT, customerId: movements.customerId })
    .from(movements)
    .where(eq(movements.accountId, accountId))
    .orderBy(asc(movements.at), asc(movements.customerId), asc(movements.position));
  return rows.map(movementOf);
}

/** The account's settings (as stored) and its data version, read now. */
export async function accountState(tx: Tx, accountId: string): Promise<{ settings: Record<string, unknown>; dataVersion: number } | null> {
  const [row] = await tx.db
    .select({ settings: accounts.settings, dataVersion: accounts.dataVersion })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  return row ?? null;
}

// ---- Activities: movements with their customer, subscription and plan ----

export interface ActivityFilter {
  customerId?: string;
  /** Only these customers (uuids): a segment's. */
  customerIds?: readonly string[];
  /** Days (YYYY-MM-DD), inclusive. */
  startDay?: string;
  endDay?: string;
  /** Instants (epoch ms), inclusive. */
  startAt?: number;
  endAt?: number;
  type?: MovementType;
  descending: boolean;
}

export interface ActivityRow {
  id: string;
  at: Date;
  type: MovementType;
  amount: number;
  customerMrrAfter: number;
  subscriptionExternalId: string;
  dataSourceId: string;
  customerId: string;
  customerName: string;
  customerExternalId: string;
  setExternalId: string | null;
  planExternalId: string | null;
  planName: string | null;
}

/** Where a page of activities starts after: the order's keys of the movement with this ID, if it is still stored. */
async function movementKey(tx: Tx, accountId: string, id: string): Promise<{ at: Date; externalId: string; position: number } | null> {
  const [row] = await tx.db
    .select({ at: movements.at, externalId: movements.customerExternalId, position: movements.position })
    .from(movements)
    .where(and(eq(movements.accountId, accountId), eq(movements.id, id)));
  return row ?? null;
}

/**
 * Movements in the order of instant, customer external ID, position (the movement ID breaks
 * ties), `limit` of them from `offset`, or right after the movement `after` when it is still
 * stored (recomputes rewrite movements: then `offset` counts). The page is chosen on the
 * movements alone, read along movements_account_order in its order (no sort), and only its
 * rows are joined to their customer, subscription and plan.
 */
export async function activityRows(
  tx: Tx, accountId: string, f: ActivityFilter, offset: number, limit: number, after?: string,
): Promise<ActivityRow[]> {
  const dir = f.descending ? desc : asc;
  const anchor = after === undefined ? null : await movementKey(tx, accountId, after);
  const past = (op: 'after' | 'from') => sql.raw(f.descending ? (op === 'after' ? '<' : '<=') : (op === 'after' ? '>' : '>='));
  const page = tx.db
    .select({ pageId: sql<string>`${movements.id}`.as('page_id') })
    .from(movements)
    .where(and(
      eq(movements.accountId, accountId),
      f.customerId === undefined ? undefined : eq(movements.customerId, f.customerId),
      f.customerIds === undefined ? undefined : uuidIn(movements.customerId, f.customerIds),
      // Bounds as dates, made instants by PostgreSQL: the day after 9999-12-31 is no ISO text.
      f.startDay === undefined ? undefined : sql`${movements.at} >= (${f.startDay}::date)::timestamp AT TIME ZONE 'UTC'`,
      f.endDay === undefined ? undefined : sql`${movements.at} < (${f.endDay}::date + 1)::timestamp AT TIME ZONE 'UTC'`,
      // Epoch milliseconds: an instant past 9999-12-31 (a late day with a zone offset) has no ISO text PostgreSQL reads.
      f.startAt === undefined ? undefined : sql`${movements.at} >= to_timestamp(${f.startAt}::float8 / 1000)`,
      f.endAt === undefined ? undefined : sql`${movements.at} <= to_timestamp(${f.endAt}::float8 / 1000)`,
      f.type === undefined ? undefined : eq(movements.type, f.type),
      anchor === null ? undefined : sql`${movements.at} ${past('from')} ${anchor.at.toISOString()}::timestamptz`,
      anchor === null ? undefined : sql`(${movements.at}, ${movements.customerExternalId}, ${movements.position}, ${movements.id}) ${past('after')} (${anchor.at.toISOString()}::timestamptz, ${anchor.externalId}, ${anchor.position}::int, ${after}::uuid)`,
    ))
    .orderBy(dir(movements.at), dir(movements.customerExternalId), dir(movements.position), dir(movements.id))
    .offset(anchor === null ? offset : 0)
    .limit(limit)
    .as('page');
  const rows = await tx.db
    .select({
      id: movements.id, at: movements.at, type: movements.type, amount: movements.amount,
      customerMrrAfter: movements.customerMrrAfter, subscriptionExternalId: movements.subscriptionExternalId,
      dataSourceId: movements.dataSourceId, customerId: customers.id, customerName: customers.name,
      customerExternalId: customers.externalId, setExternalId: subscriptions.setExternalId,
      planExternalId: movements.planExternalId, planName: plans.name,
    })
    .from(page)
    .innerJoin(movements, eq(movements.id, page.pageId))
    .innerJoin(customers, eq(customers.id, movements.customerId))
    .leftJoin(subscriptions, and(
      eq(subscriptions.dataSourceId, movements.dataSourceId), eq(subscriptions.externalId, movements.subscriptionExternalId),
    ))
    // The plan in force at the movement, not the subscription's latest.
    .leftJoin(plans, and(eq(plans.dataSourceId, movements.dataSourceId), eq(plans.externalId, movements.planExternalId)))
    .orderBy(dir(movements.at), dir(movements.customerExternalId), dir(movements.position), dir(movements.id));
  return rows.map((r) => ({ ...r, type: r.type as MovementType }));
}
