/**
 * The account's data_version, which readers' caches compare: bumped when derived data changes
 * (a recompute, or a delete that removes derived rows without one).
 */
import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { accounts } from '../db/schema.ts';

export async function bumpDataVersion(tx: Tx, accountId: string): Promise<void> {
  await tx.db.update(accounts).set({ dataVersion: sql`${accounts.dataVersion} + 1` }).where(eq(accounts.id, accountId));
}

/** Derived data now holds as of `day` (YYYY-MM-DD): the version is bumped with it. */
export async function markComputedAsOf(tx: Tx, accountId: string, day: string): Promise<void> {
  await tx.db.update(accounts).set({ dataVersion: sql`${accounts.dataVersion} + 1`, computedDay: day }).where(eq(accounts.id, accountId));
}
