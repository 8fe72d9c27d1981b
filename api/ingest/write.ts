/**
 * One /v1 write of the account, in one transaction under the account's write lock: `work`
 * writes and names the customers it touched (`touched`), which are marked for recompute
 * (policy.ts rule 1); the next read of derived data recomputes them. A write whose answer
 * shows derived figures reads it afterwards through freshRead (rule 2).
 */
import type { AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { ensureFresh } from '../derived/freshness.ts';
import { lockAccount } from '../store/dirty.ts';
import { markTouched } from './policy.ts';

export async function writeAndMark<T>(
  ctx: AppContext,
  accountId: string,
  work: (tx: Tx) => Promise<{ result: T; touched?: { dataSourceId: string; customers: string[] }[] }>,
): Promise<T> {
  // The write may read derived rows to decide (a subscription by its ID): today's figures.
  await ensureFresh(ctx.db, accountId, ctx.today(), ctx.recompute);
  return ctx.db.transaction(async (tx) => {
    await lockAccount(tx, accountId);
    const { result, touched = [] } = await work(tx);
    // Data sources in ID order, each one's customers in key order: the order marks are taken in.
    const bySource = [...touched].sort((a, b) => (a.dataSourceId < b.dataSourceId ? -1 : a.dataSourceId > b.dataSourceId ? 1 : 0));
    for (const t of bySource) await markTouched(tx, accountId, t.dataSourceId, t.customers);
    return result;
  });
}
