/** Plans in the store: lookups by ID, the /v1 list, whether billing data uses a plan, deletion. */
import { and, count, eq, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { dataSources, lineItems, manualSubscriptions, plans, subscriptionEvents } from '../db/schema.ts';
import type { Page } from './pages.ts';

export interface PlanRow {
  id: string;
  dataSourceId: string;
  externalId: string;
  name: string;
  intervalCount: number;
  intervalUnit: string;
}

const COLUMNS = {
  id: plans.id,
  dataSourceId: plans.dataSourceId,
  externalId: plans.externalId,
  name: plans.name,
  intervalCount: plans.intervalCount,
  intervalUnit: plans.intervalUnit,
};

export async function planByUuid(tx: Tx, accountId: string, id: string): Promise<PlanRow | null> {
  const [row] = await tx.db.select(COLUMNS).from(plans).where(and(eq(plans.accountId, accountId), eq(plans.id, id)));
  return row ?? null;
}

/**
 * Which plans of the account a list shows; each given filter narrows it, `none` (a filter
 * naming nothing of the account) makes it empty.
 */
export interface PlanFilter {
  accountId: string;
  dataSourceId?: string;
  externalId?: string;
  /** The data source's billing system. */
  system?: string;
  none?: boolean;
}

function conditions(f: PlanFilter): SQL | undefined {
  if (f.none) return sql`false`;
  return and(
    eq(plans.accountId, f.accountId),
    f.dataSourceId === undefined ? undefined : eq(plans.dataSourceId, f.dataSourceId),
    f.externalId === undefined ? undefined : eq(plans.externalId, f.externalId),
    f.system === undefined ? undefined : eq(dataSources.system, f.system),
  );
}

/** One page (plus one row) of the plans the filter selects, oldest first. */
export async function readPlans(tx: Tx, filter: PlanFilter, page: Page): Promise<PlanRow[]> {
  return tx.db.select(COLUMNS).from(plans)
    .innerJoin(dataSources, eq(dataSources.id, plans.dataSourceId))
    .where(conditions(filter))
    .orderBy(plans.createdAt, plans.id)
    .offset(page.offset).limit(page.perPage + 1);
}

export async function countPlans(tx: Tx, filter: PlanFilter): Promise<number> {
  const [row] = await tx.db.select({ n: count() }).from(plans)
    .innerJoin(dataSources, eq(dataSources.id, plans.dataSourceId))
    .where(conditions(filter));
  return Number(row?.n ?? 0);
}

/** Whether any line item, manual subscription or subscription event names the plan. */
export async function planInUse(tx: Tx, plan: PlanRow): Promise<boolean> {
  for (const table of [lineItems, manualSubscriptions, subscriptionEvents]) {
    const rows = await tx.db.select({ one: sql`1` }).from(table)
      .where(and(eq(table.dataSourceId, plan.dataSourceId), eq(table.planExternalId, plan.externalId)))
      .limit(1);
    if (rows.length > 0) return true;
  }
  return false;
}

export async function deletePlan(tx: Tx, accountId: string, id: string): Promise<void> {
  await tx.db.delete(plans).where(and(eq(plans.accountId, accountId), eq(plans.id, id)));
}

/** The external IDs of the data source's plans among `ids` (UUIDs), by UUID. */
export async function planExternalIdsByUuid(tx: Tx, accountId: string, dataSourceId: string, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.db.select({ id: plans.id, externalId: plans.externalId }).from(plans).where(and(
    eq(plans.accountId, accountId),
    eq(plans.dataSourceId, dataSourceId),
    sql`${plans.id} = ANY(${sql.param(ids)}::uuid[])`,
  ));
  return new Map(rows.map((r) => [r.id, r.externalId]));
}
