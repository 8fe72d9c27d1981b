/**
 * One write of the account: locked against other writes, then the named customers of one
 * data source recomputed by the engine, all in one transaction.
 */
import type { AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { ensureFresh, lockAccount } from '../derived/freshness.ts';
import { recompute } from '../derived/recompute.ts';

export async function writeThenRecompute<T>(
  ctx: AppContext,
  accountId: string,
  work: (tx: Tx) => Promise<{ result: T; recompute?: { dataSourceId: string; customers: string[] }[] }>,
): Promise<T> {
  const today = ctx.today();
  await ensureFresh(ctx.db, accountId, today, ctx.recompute);
  return ctx.db.transaction(async (tx) => {
    await lockAccount(tx, accountId);
    const { result, recompute: scopes = [] } = await work(tx);
    for (const s of scopes) {
      if (s.customers.length > 0) await recompute(tx, { accountId, dataSourceId: s.dataSourceId, customers: s.customers }, today);
    }
    return result;
  });
}
