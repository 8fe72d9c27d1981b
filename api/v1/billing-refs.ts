/**
 * The account's objects behind the prefixed IDs a client sends (cus_, ds_, pl_, inv_, sub_).
 * Every lookup filters on account_id: another account's ID is as unknown as a made-up one.
 * Customers and data sources: conventions/lookup.ts.
 */
import type { Tx } from '../db/client.ts';
import { notFound } from '../http/errors.ts';
import { PREFIX, uuidOf } from './conventions/ids.ts';

/** Plan external IDs of pl_ IDs within one data source, keyed by the ID as sent (absent when unknown). */
export async function planExternalIds(tx: Tx, accountId: string, dataSourceId: string, values: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(values.map((v) => uuidOf(PREFIX.plan, v)).filter((v): v is string => v !== null))];
  const out = new Map<string, string>();
  if (ids.length === 0) return out;
  const rows = await tx.query<{ id: string; external_id: string }>(
    'SELECT id, external_id FROM plans WHERE account_id = $1 AND data_source_id = $2 AND id = ANY($3::uuid[])',
    [accountId, dataSourceId, ids],
  );
  const byUuid = new Map(rows.map((r) => [r.id, r.external_id]));
  for (const v of values) {
    const external = byUuid.get(uuidOf(PREFIX.plan, v) ?? '');
    if (external !== undefined) out.set(v, external);
  }
  return out;
}

export interface InvoiceRef {
  id: string;
  dataSourceId: string;
  externalId: string;
  customerExternalId: string;
}

export async function requireInvoice(tx: Tx, accountId: string, value: string | null | undefined): Promise<InvoiceRef> {
  const id = uuidOf(PREFIX.invoice, value);
  const rows = id
    ? await tx.query<{ id: string; data_source_id: string; external_id: string; customer_external_id: string }>(
        'SELECT id, data_source_id, external_id, customer_external_id FROM invoices WHERE account_id = $1 AND id = $2',
        [accountId, id],
      )
    : [];
  const r = rows[0];
  if (!r) throw notFound('invoice');
  return { id: r.id, dataSourceId: r.data_source_id, externalId: r.external_id, customerExternalId: r.customer_external_id };
}

export interface SubscriptionRef {
  id: string;
  dataSourceId: string;
  externalId: string;
  customerId: string;
  customerExternalId: string;
  manual: boolean;
}

const SUBSCRIPTION_SELECT =
  `SELECT s.id, s.data_source_id, s.external_id, s.customer_id, s.manual, c.external_id AS customer_external_id
     FROM subscriptions s JOIN customers c ON c.id = s.customer_id`;

type SubscriptionRow = {
  id: string; data_source_id: string; external_id: string; customer_id: string; manual: boolean; customer_external_id: string;
};

const subscriptionRef = (r: SubscriptionRow): SubscriptionRef => ({
  id: r.id, dataSourceId: r.data_source_id, externalId: r.external_id, customerId: r.customer_id,
  customerExternalId: r.customer_external_id, manual: r.manual,
});

/** A subscription by its sub_ ID (or bare UUID, as the metrics API shows it). */
export async function findSubscription(tx: Tx, accountId: string, value: unknown): Promise<SubscriptionRef | null> {
  if (typeof value !== 'string') return null;
  const id = uuidOf(PREFIX.subscription, value) ?? uuidOf('', value);
  if (!id) return null;
  const rows = await tx.query<SubscriptionRow>(`${SUBSCRIPTION_SELECT} WHERE s.account_id = $1 AND s.id = $2`, [accountId, id]);
  return rows[0] ? subscriptionRef(rows[0]) : null;
}

export async function findSubscriptionByExternalId(
  tx: Tx, accountId: string, dataSourceId: string, externalId: string,
): Promise<SubscriptionRef | null> {
  const rows = await tx.query<SubscriptionRow>(
    `${SUBSCRIPTION_SELECT} WHERE s.account_id = $1 AND s.data_source_id = $2 AND s.external_id = $3`,
    [accountId, dataSourceId, externalId],
  );
  return rows[0] ? subscriptionRef(rows[0]) : null;
}
