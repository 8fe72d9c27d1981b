/**
 * Dirty marks: customers whose stored data changed since their derived data was computed
 * (the recompute policy, api/ingest/policy.ts). A mark with no customer stands for its whole
 * data source. Also the account's write lock, which every recompute and /v1 write takes.
 */
import { and, asc, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { accounts, customers, dataSources, dirtyCustomers } from '../db/schema.ts';
import { sortedKeys } from './lock-order.ts';
import { insertUnnest } from './unnest.ts';

export interface DirtyMark {
  dataSourceId: string;
  /** Null: every customer of the data source. */
  customerExternalId: string | null;
}

/**
 * The account's write lock, and its row: a recompute updates the row (data_version) after
 * locking dirty marks, so it takes the row first, as a /sync batch rolling the day does.
 * (NO KEY UPDATE: inserts referencing the account still pass.)
 */
export async function lockAccount(tx: Tx, accountId: string): Promise<void> {
  await tx.db.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${accountId}))`);
  await tx.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, accountId)).for('no key update');
}

/** Marks customers of one data source (or all of it), in key order (store/lock-order.ts). */
export async function markDirty(tx: Tx, accountId: string, dataSourceId: string, customers: readonly string[] | 'all'): Promise<void> {
  const values = customers === 'all' ? [null] : sortedKeys(customers);
  // Bulk (a batch marks thousands): one statement over a JSON array, which drizzle cannot express.
  await insertUnnest(
    tx,
    'dirty_customers',
    [
      { name: 'account_id', type: 'uuid', value: accountId },
      { name: 'data_source_id', type: 'uuid', value: dataSourceId },
    ],
    [{ name: 'customer_external_id', type: 'text', values }],
    'ON CONFLICT DO NOTHING',
  );
  // No data_version bump: derived data changes only when the dirty customers are recomputed,
  // which bumps it; leaving the account row alone lets parallel batches commit side by side.
}

/** Marks every customer of the account, one whole-data-source mark each, in ID order. */
export async function markAccountDirty(tx: Tx, accountId: string): Promise<void> {
  for (const id of await dataSourceIdsOf(tx, accountId)) await markDirty(tx, accountId, id, 'all');
}

async function dataSourceIdsOf(tx: Tx, accountId: string): Promise<string[]> {
  const rows = await tx.db.select({ id: dataSources.id }).from(dataSources).where(eq(dataSources.accountId, accountId)).orderBy(asc(dataSources.id));
  return rows.map((r) => r.id);
}

/** Removes every mark of the account and answers them. */
export async function takeAllDirty(tx: Tx, accountId: string): Promise<DirtyMark[]> {
  return tx.db
    .delete(dirtyCustomers)
    .where(eq(dirtyCustomers.accountId, accountId))
    .returning({ dataSourceId: dirtyCustomers.dataSourceId, customerExternalId: dirtyCustomers.customerExternalId });
}

/** Replaces each whole-data-source mark with one mark per customer of that data source. */
export async function expandWholeSourceMarks(tx: Tx, accountId: string): Promise<void> {
  const whole = await tx.db
    .delete(dirtyCustomers)
    .where(and(eq(dirtyCustomers.accountId, accountId), isNull(dirtyCustomers.customerExternalId)))
    .returning({ dataSourceId: dirtyCustomers.dataSourceId });
  for (const { dataSourceId } of whole) {
    await tx.db
      .insert(dirtyCustomers)
      .select(
        tx.db
          .select({
            accountId: sql<string>`${accountId}::uuid`.as('account_id'),
            dataSourceId: customers.dataSourceId,
            customerExternalId: customers.externalId,
          })
          .from(customers)
          .where(eq(customers.dataSourceId, dataSourceId))
          .orderBy(sql`${customers.externalId} COLLATE "C"`),
      )
      .onConflictDoNothing();
  }
}

/** Removes at most `size` marks of the account (in key order) and answers them; no whole-source mark is among them. */
export async function takeDirtySlice(tx: Tx, accountId: string, size: number): Promise<{ dataSourceId: string; customerExternalId: string }[]> {
  const slice = tx.db
    .select({ ctid: sql`ctid` })
    .from(dirtyCustomers)
    .where(eq(dirtyCustomers.accountId, accountId))
    .orderBy(asc(dirtyCustomers.dataSourceId), asc(dirtyCustomers.customerExternalId))
    .limit(size);
  const rows = await tx.db
    .delete(dirtyCustomers)
    .where(inArray(sql`ctid`, slice))
    .returning({ dataSourceId: dirtyCustomers.dataSourceId, customerExternalId: dirtyCustomers.customerExternalId });
  return rows as { dataSourceId: string; customerExternalId: string }[];
}

/** How many marks the account has. */
export async function countDirty(tx: Tx, accountId: string): Promise<number> {
  const [row] = await tx.db.select({ n: count() }).from(dirtyCustomers).where(eq(dirtyCustomers.accountId, accountId));
  return row?.n ?? 0;
}

/**
 * The account's marks and the day its derived data was computed as of (YYYY-MM-DD, null
 * before the first recompute), in one statement: every read asks it first.
 */
export async function pendingWork(
  tx: Tx, accountId: string,
): Promise<{ dirty: number; computedDay: string | null; dataVersion: number } | null> {
  const [row] = await tx.db
    .select({
      computedDay: accounts.computedDay,
      dataVersion: accounts.dataVersion,
      dirty: sql<number>`(SELECT count(*) FROM ${dirtyCustomers} WHERE ${dirtyCustomers.accountId} = ${accounts.id})::int`,
    })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  return row ?? null;
}

/** The day the account's derived data was computed as of (YYYY-MM-DD), null before the first. */
export async function computedDayOf(tx: Tx, accountId: string): Promise<string | null> {
  const [row] = await tx.db.select({ day: accounts.computedDay }).from(accounts).where(eq(accounts.id, accountId));
  return row?.day ?? null;
}

/** The accounts with work waiting (figures not computed for `day`, or customers marked), in random order so none starves. */
export async function accountsWithWork(tx: Tx, day: string): Promise<string[]> {
  const rows = await tx.db
    .select({ id: accounts.id })
    .from(accounts)
    .where(sql`${accounts.computedDay} IS DISTINCT FROM ${day}::date OR EXISTS (SELECT 1 FROM ${dirtyCustomers} d WHERE d.account_id = ${accounts.id})`)
    .orderBy(sql`random()`);
  return rows.map((r) => r.id);
}
