/** The account's subscription behind a sub_ ID (or the bare UUID, as the metrics API shows it). */
import type { Tx } from '../../db/client.ts';
import { subscriptionRefByUuid, type SubscriptionRef } from '../../store/subscriptions.ts';
import { PREFIX, uuidOf } from '../conventions/ids.ts';

export async function findSubscription(tx: Tx, accountId: string, value: unknown): Promise<SubscriptionRef | null> {
  if (typeof value !== 'string') return null;
  const id = uuidOf(PREFIX.subscription, value) ?? uuidOf('', value);
  return id ? subscriptionRefByUuid(tx, accountId, id) : null;
}
