/** Cancellations of subscriptions in the store: the dates /v1 shows, and replacing them. */
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { cancellations } from '../db/schema.ts';
import { inSourceKeys, type SourceKey } from './source-keys.ts';

/** As ChartMogul writes instants (2016-01-15T12:00:00.000Z), by PostgreSQL for every year it stores. */
const isoText = sql<string>`to_char(${cancellations.cancelledAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The key of cancellationDatesOf's answer. */
export const cancellationKey = (dataSourceId: string, externalId: string) => `${dataSourceId}\u0000${externalId}`;

/** Each subscription's distinct cancellation dates in order, by `dataSourceId \0 externalId`. */
export async function cancellationDatesOf(tx: Tx, accountId: string, subscriptions: readonly SourceKey[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (subscriptions.length === 0) return out;
  const rows = await tx.db.selectDistinct({
    dataSourceId: cancellations.dataSourceId,
    externalId: cancellations.subscriptionExternalId,
    at: isoText,
  }).from(cancellations)
    .where(and(eq(cancellations.accountId, accountId), inSourceKeys(cancellations.dataSourceId, cancellations.subscriptionExternalId, subscriptions)))
    .orderBy(isoText);
  for (const r of rows) {
    const k = cancellationKey(r.dataSourceId, r.externalId);
    const list = out.get(k);
    if (list) list.push(r.at);
    else out.set(k, [r.at]);
  }
  return out;
}


export async function deleteCancellationsOf(tx: Tx, accountId: string, subscription: SourceKey): Promise<void> {
  await tx.db.delete(cancellations).where(and(
    eq(cancellations.accountId, accountId),
    eq(cancellations.dataSourceId, subscription.dataSourceId),
    eq(cancellations.subscriptionExternalId, subscription.externalId),
  ));
}
