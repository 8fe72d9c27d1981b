/**
 * POST /v1/customers/{cus}/connect_subscriptions and …/disconnect_subscriptions.
 *
 * Connecting makes the listed subscriptions, with those already connected to any of them, one
 * subscription with one history: the engine walks them as one (shared/engine/connections.ts:
 * no churn and no new business or reactivation at a switch, also after a merge brought a
 * customer's other data source's subscriptions here; shown as the latest one). They are stored
 * as links (store/subscription-connections.ts), one group as a chain in order of first service
 * period, so re-sending billing rows never drops them. Disconnecting takes the listed
 * subscriptions out of their groups; the others of a group stay connected. Either way the
 * customer is recomputed; the answer is ChartMogul's 202 `{}`.
 *
 * A subscription is named by `{uuid}` (sub_ prefixed or bare) or `{data_source_uuid,
 * external_id}`. The data source may be the one it was imported into before a merge moved it
 * into this customer's: it is then found in this customer's data source. A subscription that a
 * group shows under a later one's ID is not listed while connected, but its sub_ UUID (a
 * function of its data source and external ID, store/subscription-ids.ts) and its external ID
 * still name it, so a disconnect takes what a connect took. Manual subscriptions are never
 * connected.
 */
import type { Tx } from '../../db/client.ts';
import { FieldErrors, isObject } from '../../ingest/template-rows.ts';
import {
  customerConnections, firstServiceStarts, replaceConnections,
} from '../../store/subscription-connections.ts';
import { subscriptionUuid } from '../../store/subscription-ids.ts';
import { subscriptionRefByExternalId, type SubscriptionRef } from '../../store/subscriptions.ts';
import { PREFIX, uuidOf } from '../conventions/ids.ts';
import { findDataSource, type CustomerRef } from '../conventions/lookup.ts';
import { findSubscription } from './lookup.ts';

const NOT_FOUND = 'No such subscription of this customer';

/** A listed subscription: its external ID in the customer's data source, or the error that names it. */
async function resolveOne(
  tx: Tx, accountId: string, customer: CustomerRef, item: Record<string, unknown>, connected: ReadonlySet<string>,
): Promise<string | { error: string }> {
  const check = (sub: SubscriptionRef) =>
    sub.customerId !== customer.id ? { error: 'This subscription belongs to another customer' }
    : sub.manual ? { error: 'Manual subscriptions cannot be connected' }
    : sub.externalId;
  if (item.uuid !== undefined && item.uuid !== null) {
    const sub = await findSubscription(tx, accountId, item.uuid);
    if (sub) return check(sub);
    // One a group hides is known by the UUID its row had (store/subscription-ids.ts).
    const id = typeof item.uuid === 'string' ? (uuidOf(PREFIX.subscription, item.uuid) ?? uuidOf('', item.uuid)) : null;
    const hidden = [...connected].find((externalId) => subscriptionUuid(customer.dataSourceId, externalId) === id);
    return hidden ?? { error: NOT_FOUND };
  }
  if (typeof item.external_id !== 'string') return { error: 'Each subscription needs its uuid, or its data_source_uuid and external_id' };
  const externalId = item.external_id;
  let named: SubscriptionRef | null = null;
  if (item.data_source_uuid !== undefined && item.data_source_uuid !== null) {
    const ds = await findDataSource(tx, accountId, item.data_source_uuid);
    if (!ds) return { error: `No data source with UUID '${String(item.data_source_uuid)}' in this account` };
    named = ds === customer.dataSourceId ? null : await subscriptionRefByExternalId(tx, accountId, ds, externalId);
    if (named && named.customerId === customer.id) return check(named);
  }
  // The customer's own data source: where a merge moved the subscription, if it named another.
  const own = await subscriptionRefByExternalId(tx, accountId, customer.dataSourceId, externalId);
  if (own) return check(own);
  if (connected.has(externalId)) return externalId;
  return named ? check(named) : { error: NOT_FOUND };
}

async function resolve(tx: Tx, accountId: string, customer: CustomerRef, body: Record<string, unknown>, connected: ReadonlySet<string>): Promise<string[]> {
  const errors = new FieldErrors();
  const list = body.subscriptions;
  if (!Array.isArray(list)) {
    errors.add('subscriptions', 'subscriptions is required: a list of {uuid} or {data_source_uuid, external_id}');
    errors.throwIfAny();
  }
  const out: string[] = [];
  for (const [i, item] of (list as unknown[]).entries()) {
    const path = `subscriptions[${i}]`;
    if (!isObject(item)) {
      errors.add(path, `${path} must be an object`);
      continue;
    }
    const found = await resolveOne(tx, accountId, customer, item, connected);
    if (typeof found === 'string') out.push(found);
    else errors.add(path, found.error);
  }
  errors.throwIfAny();
  return [...new Set(out)];
}

/** The connected groups of the stored links: each subscription's whole group, itself included. */
function groupsOf(links: readonly { subscription: string; continues: string }[]): Map<string, Set<string>> {
  const groups = new Map<string, Set<string>>();
  for (const { subscription, continues } of links) {
    const a = groups.get(subscription) ?? new Set([subscription]);
    const b = groups.get(continues) ?? new Set([continues]);
    const joined = a === b ? a : new Set([...a, ...b]);
    for (const id of joined) groups.set(id, joined);
  }
  return groups;
}

/** The subscriptions in the order they continue each other: first service period, then external ID. */
async function inOrder(tx: Tx, accountId: string, customer: CustomerRef, members: Iterable<string>): Promise<string[]> {
  const list = [...members];
  const first = await firstServiceStarts(tx, accountId, customer.dataSourceId, list);
  const at = (id: string) => first.get(id) ?? Infinity;
  return list.sort((a, b) => at(a) - at(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** Connects (connect = true) or disconnects the listed subscriptions; the caller marks the customer for recompute. */
export async function connectSubscriptions(tx: Tx, accountId: string, customer: CustomerRef, body: Record<string, unknown>, connect: boolean): Promise<void> {
  const links = await customerConnections(tx, accountId, customer);
  const groups = groupsOf(links);
  const listed = await resolve(tx, accountId, customer, body, new Set(groups.keys()));
  if (connect) {
    const members = new Set(listed.flatMap((id) => [...(groups.get(id) ?? [id])]));
    if (members.size < 2) {
      const errors = new FieldErrors();
      errors.add('subscriptions', 'Connecting needs at least two subscriptions');
      errors.throwIfAny();
    }
    await replaceConnections(tx, accountId, customer, [...members], [await inOrder(tx, accountId, customer, members)]);
    return;
  }
  const out = new Set(listed);
  const affected = new Set(listed.flatMap((id) => [...(groups.get(id) ?? [])]));
  const remaining = [...new Set(listed.map((id) => groups.get(id)).filter((g) => g !== undefined))]
    .map((g) => [...g].filter((id) => !out.has(id)))
    .filter((g) => g.length >= 2);
  if (affected.size === 0) return;
  const chains: string[][] = [];
  for (const g of remaining) chains.push(await inOrder(tx, accountId, customer, g));
  await replaceConnections(tx, accountId, customer, [...affected], chains);
}
