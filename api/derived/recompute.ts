/**
 * Recomputes the derived data (subscriptions, movements, customer figures and series
 * inputs) of some customers with the shared engine, as of one day, inside the caller's
 * transaction (which holds the account's lock, freshness.ts). Rows are written in key order
 * all the same (store/lock-order.ts), as every other write.
 */
import {
  analyse, DEFAULT_SETTINGS, endOfDay, parseSettingsJson, type Settings,
} from '../../shared/index.ts';
import type { Tx } from '../db/client.ts';
import type { SeriesInputs } from '../db/schema.ts';
import { compareKeys } from '../store/lock-order.ts';
import { insertUnnest } from '../store/unnest.ts';
import { loadBillingData, type Scope } from './billing-data.ts';

export async function accountSettings(tx: Tx, accountId: string): Promise<Settings> {
  const rows = await tx.query<{ settings: Record<string, unknown> }>('SELECT settings FROM accounts WHERE id = $1', [accountId]);
  return rows.length ? parseSettingsJson(rows[0].settings ?? {}).settings : { ...DEFAULT_SETTINGS };
}

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

export async function recompute(tx: Tx, scope: Scope, asOf: number): Promise<void> {
  const settings = await accountSettings(tx, scope.accountId);
  const data = await loadBillingData(tx, scope, settings, endOfDay(asOf));
  const analysis = analyse(data, settings, asOf);

  const ids = await tx.query<{ id: string; external_id: string }>(
    scope.customers === null
      ? 'SELECT id, external_id FROM customers WHERE data_source_id = $1'
      : 'SELECT id, external_id FROM customers WHERE data_source_id = $1 AND external_id = ANY($2::text[])',
    scope.customers === null ? [scope.dataSourceId] : [scope.dataSourceId, scope.customers],
  );
  const uuid = new Map(ids.map((r) => [r.external_id, r.id]));
  const customerUuids = ids.map((r) => r.id);

  await tx.query('DELETE FROM movements WHERE customer_id = ANY($1::uuid[])', [customerUuids]);
  await tx.query('DELETE FROM customer_metrics WHERE customer_id = ANY($1::uuid[])', [customerUuids]);

  const results = analysis.customers.filter((c) => uuid.has(c.customerId))
    .sort((a, b) => compareKeys(uuid.get(a.customerId)!, uuid.get(b.customerId)!));
  const inputs = results.map<SeriesInputs>((c) => ({
    states: c.states.map((s) => [s.t, s.mrr, s.counted ? 1 : 0, s.subscriptions, s.quantity]),
    fx: c.fx.map((f) => [f.t, f.amount, f.subscriptionId]),
    cash: c.cash.map((e) => [e.t, e.kind[0], e.amount, e.nonRecurring]),
  }));
  const scalars = [{ name: 'account_id', type: 'uuid', value: scope.accountId }];
  await insertUnnest(tx, 'customer_metrics', scalars, [
    { name: 'customer_id', type: 'uuid', values: results.map((c) => uuid.get(c.customerId)) },
    { name: 'status', type: 'text', values: results.map((c) => c.figures.status) },
    { name: 'mrr', type: 'numeric', values: results.map((c) => c.figures.mrr) },
    { name: 'subscriber_since', type: 'timestamptz', values: results.map((c) => iso(c.figures.subscriberSince)) },
    { name: 'net_payments', type: 'numeric', values: results.map((c) => c.netPayments) },
    { name: 'subscriptions', type: 'integer', values: results.map((c) => c.figures.subscriptions) },
    { name: 'quantity', type: 'numeric', values: results.map((c) => c.figures.quantity) },
    { name: 'inputs', type: 'jsonb', values: inputs.map((i) => JSON.stringify(i)) },
  ]);

  const movements = results.flatMap((c) => c.movements.map((m, position) => ({ m, position, customer: uuid.get(c.customerId) })));
  await insertUnnest(tx, 'movements', [...scalars, { name: 'data_source_id', type: 'uuid', value: scope.dataSourceId }], [
    { name: 'customer_id', type: 'uuid', values: movements.map((x) => x.customer) },
    { name: 'subscription_external_id', type: 'text', values: movements.map((x) => x.m.subscriptionId) },
    { name: 'at', type: 'timestamptz', values: movements.map((x) => iso(x.m.t)) },
    { name: 'type', type: 'text', values: movements.map((x) => x.m.type) },
    { name: 'amount', type: 'numeric', values: movements.map((x) => x.m.amount) },
    { name: 'customer_mrr_after', type: 'numeric', values: movements.map((x) => x.m.customerMrrAfter) },
    { name: 'position', type: 'integer', values: movements.map((x) => x.position) },
  ]);

  // Subscriptions keep their IDs across recomputes (clients hold sub_ IDs): upsert, then
  // drop the ones of these customers that no longer exist.
  const subs = results.flatMap((c) => c.subscriptions.map((s) => ({ s, customer: uuid.get(c.customerId)! })))
    .sort((a, b) => compareKeys(a.s.id, b.s.id));
  await insertUnnest(
    tx,
    'subscriptions',
    [...scalars, { name: 'data_source_id', type: 'uuid', value: scope.dataSourceId }],
    [
      { name: 'customer_id', type: 'uuid', values: subs.map((x) => x.customer) },
      { name: 'external_id', type: 'text', values: subs.map((x) => x.s.id) },
      { name: 'set_external_id', type: 'text', values: subs.map((x) => x.s.setId) },
      { name: 'plan_external_id', type: 'text', values: subs.map((x) => x.s.planId) },
      { name: 'currency', type: 'text', values: subs.map((x) => x.s.currency) },
      { name: 'status', type: 'text', values: subs.map((x) => x.s.status) },
      { name: 'mrr', type: 'numeric', values: subs.map((x) => (x.s.status === 'cancelled' ? 0 : x.s.mrr)) },
      { name: 'quantity', type: 'numeric', values: subs.map((x) => (x.s.status === 'cancelled' ? 0 : x.s.quantity)) },
      { name: 'started_at', type: 'timestamptz', values: subs.map((x) => iso(x.s.startedAt)) },
      { name: 'paid_through', type: 'timestamptz', values: subs.map((x) => iso(x.s.paidThrough)) },
      { name: 'cancelled_at', type: 'timestamptz', values: subs.map((x) => iso(x.s.cancelledAt)) },
      { name: 'manual', type: 'boolean', values: subs.map((x) => x.s.manual) },
    ],
    'ON CONFLICT (data_source_id, external_id) DO UPDATE SET customer_id = excluded.customer_id, ' +
      'set_external_id = excluded.set_external_id, plan_external_id = excluded.plan_external_id, ' +
      'currency = excluded.currency, status = excluded.status, mrr = excluded.mrr, quantity = excluded.quantity, ' +
      'started_at = excluded.started_at, paid_through = excluded.paid_through, cancelled_at = excluded.cancelled_at, ' +
      'manual = excluded.manual',
  );
  await tx.query(
    'DELETE FROM subscriptions WHERE customer_id = ANY($1::uuid[]) AND NOT (external_id = ANY($2::text[]))',
    [customerUuids, subs.map((x) => x.s.id)],
  );
  await tx.query('UPDATE accounts SET data_version = data_version + 1 WHERE id = $1', [scope.accountId]);
}
