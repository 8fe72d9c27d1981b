import type { AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { ensureFresh } from './freshness.ts';

/**
 * Reads of derived data happen on data computed for today: what writes marked dirty is
 * recomputed first (rule 2 of the recompute policy, api/ingest/policy.ts).
 */
export async function freshRead<T>(ctx: AppContext, accountId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  await ensureFresh(ctx.db, accountId, ctx.today(), ctx.recompute);
  return ctx.db.read(work);
}
