/**
 * The one recompute policy. Derived data (subscriptions, movements, customers' figures, the
 * series inputs: what the engine computes from the stored rows) follows these rules, and
 * every write and read keeps them:
 *
 * 1. A write recomputes nothing: it marks the customers it touches dirty, in its own
 *    transaction (markTouched). /sync rows and the /v1 imports mark the customers their rows
 *    touch (ingest.ts, affected.ts); the /v1 object writes mark the customers they name
 *    (write.ts).
 * 2. A read of derived data first recomputes what is dirty (api/derived/fresh-read.ts
 *    freshRead, api/derived/freshness.ts ensureFresh), within the request's limits
 *    (api/derived/recompute-limits.ts): a read that cannot finish answers 503 with
 *    Retry-After. So a /v1 write whose answer shows derived figures reads that answer
 *    through freshRead, and one that reads derived rows to decide (a subscription by its ID)
 *    starts from fresh data (write.ts).
 * 3. When every figure may change, every customer is marked: a settings change
 *    (markAllTouched), an exchange rate (account-wide), a new day (freshness.ts rollDay).
 *
 * The Worker's cron recomputes what is dirty ahead of the next read (api/worker.ts); that
 * changes when the work is done, not what a read sees.
 */
import type { Tx } from '../db/client.ts';
import { markAccountDirty, markDirty } from '../store/dirty.ts';

/**
 * Marks what a write touched: customers of a data source by external ID, or `'all'` for
 * every customer of the account (what affected.ts answers for an exchange rate).
 */
export async function markTouched(tx: Tx, accountId: string, dataSourceId: string, customers: readonly string[] | 'all'): Promise<void> {
  if (customers === 'all') await markAccountDirty(tx, accountId);
  else await markDirty(tx, accountId, dataSourceId, customers);
}

/** Marks every customer of the account: a write that may change every figure (a setting). */
export async function markAllTouched(tx: Tx, accountId: string): Promise<void> {
  await markAccountDirty(tx, accountId);
}
