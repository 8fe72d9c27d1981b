/**
 * Dirty marks taken by recompute jobs running side by side (api/jobs/recompute-work.ts): each
 * job holds the account's advisory lock in shared mode (reads and writes hold it exclusively,
 * store/dirty.ts lockAccount) and takes marks no other job holds.
 */
import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { dirtyCustomers } from '../db/schema.ts';

/** The account's advisory lock shared with other jobs; waits while a read or write holds it (lockAccount). */
export async function lockAccountShared(tx: Tx, accountId: string): Promise<void> {
  await tx.db.execute(sql`SELECT pg_advisory_xact_lock_shared(hashtext(${accountId}))`);
}

/**
 * Removes at most `size` customer marks of the account (in key order) that no other
 * transaction holds, and answers them. Whole-data-source marks stay for a plan to expand.
 */
export async function takeUnheldDirtySlice(tx: Tx, accountId: string, size: number): Promise<{ dataSourceId: string; customerExternalId: string }[]> {
  const slice = tx.db
    .select({ ctid: sql`ctid` })
    .from(dirtyCustomers)
    .where(and(eq(dirtyCustomers.accountId, accountId), isNotNull(dirtyCustomers.customerExternalId)))
    .orderBy(asc(dirtyCustomers.dataSourceId), asc(dirtyCustomers.customerExternalId))
    .limit(size)
    .for('update', { skipLocked: true });
  const rows = await tx.db
    .delete(dirtyCustomers)
    .where(inArray(sql`ctid`, slice))
    .returning({ dataSourceId: dirtyCustomers.dataSourceId, customerExternalId: dirtyCustomers.customerExternalId });
  return rows as { dataSourceId: string; customerExternalId: string }[];
}
