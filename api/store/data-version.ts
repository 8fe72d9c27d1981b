/**
 * The account's data_version, which readers' caches compare (the series inputs, counts, whole
 * answers: http/answer-cache.ts): bumped whenever what a read answers changes. A write that
 * marks customers dirty bumps it through their recompute (which every read waits for); the
 * others bump it themselves: a delete that removes derived rows without a recompute, a change
 * of attributes (customer lists and segments show them), a plan's create or update (activities
 * name the plan). Settings are compared by the caches beside it.
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
