/**
 * POST /v1/customers/{cus}/connect_subscriptions and …/disconnect_subscriptions.
 *
 * What connecting does here: the subscriptions become one subscription set (their line items
 * get the first one's set external ID, or its own external ID when it has none), so they
 * count as one subscription in the customer's and the series' subscription counts and show
 * one `subscription_set_external_id`. Their MRR and movements stay per subscription (the
 * engine's smart grouping already merges a same-moment plan switch). Disconnecting clears the
 * set of the listed subscriptions (also a set given at import). The line items keep their
 * stored content keys, so re-sending the original rows through /sync restores the imported
 * sets. Manual subscriptions have no line items and cannot be connected.
 */
import type { Tx } from '../../db/client.ts';
import { FieldErrors, objectList } from '../../ingest/template-rows.ts';
import { setSubscriptionSet, subscriptionSetOf } from '../../store/invoices.ts';
import { subscriptionRefByExternalId, type SubscriptionRef } from '../../store/subscriptions.ts';
import { findDataSource, type CustomerRef } from '../conventions/lookup.ts';
import { findSubscription } from './lookup.ts';

async function resolve(tx: Tx, accountId: string, customer: CustomerRef, body: Record<string, unknown>, errors: FieldErrors): Promise<SubscriptionRef[]> {
  if (body.subscriptions === undefined) errors.add('subscriptions', 'subscriptions is required: a list of {uuid} or {data_source_uuid, external_id}');
  const items = objectList(body.subscriptions, 'subscriptions', errors);
  const out: SubscriptionRef[] = [];
  for (const [i, item] of items.entries()) {
    const path = `subscriptions[${i}]`;
    let sub: SubscriptionRef | null = null;
    if (item.uuid !== undefined && item.uuid !== null) {
      sub = await findSubscription(tx, accountId, item.uuid);
    } else if (typeof item.external_id === 'string') {
      const ds = item.data_source_uuid === undefined ? customer.dataSourceId : await findDataSource(tx, accountId, item.data_source_uuid);
      sub = ds ? await subscriptionRefByExternalId(tx, accountId, ds, item.external_id) : null;
    } else {
      errors.add(path, 'Each subscription needs its uuid, or its data_source_uuid and external_id');
      continue;
    }
    if (!sub || sub.customerId !== customer.id) errors.add(path, "No such subscription of this customer");
    else if (sub.manual) errors.add(path, 'Manual subscriptions cannot be connected');
    else out.push(sub);
  }
  if (new Set(out.map((s) => s.dataSourceId)).size > 1) errors.add('subscriptions', 'Only subscriptions of one data source can be connected');
  return out;
}

/** Connects (set = true) or disconnects the listed subscriptions; the customer is then recomputed. */
export async function connectSubscriptions(tx: Tx, accountId: string, customer: CustomerRef, body: Record<string, unknown>, connect: boolean): Promise<string> {
  const errors = new FieldErrors();
  const subs = await resolve(tx, accountId, customer, body, errors);
  if (connect && subs.length < 2 && !errors.any) errors.add('subscriptions', 'Connecting needs at least two subscriptions');
  errors.throwIfAny();
  if (subs.length === 0) return customer.dataSourceId;
  const ds = subs[0].dataSourceId;
  const ids = subs.map((s) => s.externalId);
  const set = connect ? (await subscriptionSetOf(tx, accountId, ds, ids[0])) ?? ids[0] : null;
  await setSubscriptionSet(tx, accountId, ds, ids, set);
  return ds;
}
