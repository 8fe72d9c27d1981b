/** Data sources in the store: lookups by ID or name within an account, the /v1 lists, creation. */
import { and, count, eq, exists, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { customers, dataSources, invoices, plans } from '../db/schema.ts';

export interface DataSourceRow {
  id: string;
  name: string;
  system: string;
  createdAt: Date;
}

const COLUMNS = { id: dataSources.id, name: dataSources.name, system: dataSources.system, createdAt: dataSources.createdAt };

export async function dataSourceByUuid(tx: Tx, accountId: string, id: string): Promise<DataSourceRow | null> {
  const [row] = await tx.db.select(COLUMNS).from(dataSources).where(and(eq(dataSources.accountId, accountId), eq(dataSources.id, id)));
  return row ?? null;
}

/** Which data sources of the account a list shows; each given filter narrows it. */
export interface DataSourceFilter {
  accountId: string;
  id?: string;
  name?: string;
  system?: string;
}

/** A data source with whether anything was imported into it and, when asked for, how many rows were. */
export interface DataSourceListRow extends DataSourceRow {
  /** It holds customers or plans. */
  imported: boolean;
  /** Its customers, plans and invoices, counted (when asked for). */
  processed?: number;
}

const owns = (table: typeof customers | typeof plans | typeof invoices) => eq(table.dataSourceId, dataSources.id);

export async function readDataSources(tx: Tx, filter: DataSourceFilter, withProcessed: boolean): Promise<DataSourceListRow[]> {
  const any = (table: typeof customers | typeof plans) => exists(tx.db.select({ one: sql`1` }).from(table).where(owns(table)));
  const counted = (table: typeof customers | typeof plans | typeof invoices): SQL => sql`(${tx.db.select({ n: count() }).from(table).where(owns(table))})`;
  const processed = { processed: sql<number>`${counted(customers)} + ${counted(plans)} + ${counted(invoices)}`.mapWith(Number) };
  return tx.db
    .select({
      ...COLUMNS,
      imported: sql<boolean>`(${any(customers)} or ${any(plans)})`,
      ...(withProcessed ? processed : {}),
    })
    .from(dataSources)
    .where(and(
      eq(dataSources.accountId, filter.accountId),
      filter.id === undefined ? undefined : eq(dataSources.id, filter.id),
      filter.name === undefined ? undefined : eq(dataSources.name, filter.name),
      filter.system === undefined ? undefined : eq(dataSources.system, filter.system),
    ))
    .orderBy(dataSources.createdAt, dataSources.id);
}

/** A new data source of the Import API; null when the account has one of that name already. */
export async function insertDataSource(tx: Tx, accountId: string, name: string): Promise<string | null> {
  const rows = await tx.db.insert(dataSources).values({ accountId, name, system: 'Import API' }).onConflictDoNothing().returning({ id: dataSources.id });
  return rows[0]?.id ?? null;
}

/** The data source of that name, if the account has one. */
export async function dataSourceNamed(tx: Tx, accountId: string, name: string): Promise<string | null> {
  const [row] = await tx.db
    .select({ id: dataSources.id })
    .from(dataSources)
    .where(and(eq(dataSources.accountId, accountId), eq(dataSources.name, name)));
  return row?.id ?? null;
}

/**
 * The data source of that name, created (system 'Mogul Sync') when the account has none. Looks
 * up before inserting, and inserts with DO NOTHING: no row lock is taken on an existing data
 * source, so parallel batches cannot deadlock on it.
 */
export async function dataSourceByName(tx: Tx, accountId: string, name: string): Promise<string> {
  const existing = await dataSourceNamed(tx, accountId, name);
  if (existing !== null) return existing;
  const [inserted] = await tx.db
    .insert(dataSources)
    .values({ accountId, name, system: 'Mogul Sync' })
    .onConflictDoNothing({ target: [dataSources.accountId, dataSources.name] })
    .returning({ id: dataSources.id });
  return inserted?.id ?? (await dataSourceNamed(tx, accountId, name))!;
}
