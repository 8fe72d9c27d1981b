/**
 * MRR movements as the metrics API's activities: the account-wide list (with the customer and
 * data source of each) and a customer's list (with an integer id), amounts in the account
 * currency, dates as 2016-01-01T12:00:00+00:00.
 */
import type { Tx } from '../db/client.ts';
import { PREFIX } from './conventions/ids.ts';
import { intId } from '../store/int-id.ts';
import { currencySign } from './conventions/money.ts';
import { metricsInstant } from './conventions/time.ts';

type Row = Record<string, unknown>;

const VERB: Record<string, string> = {
  new_biz: 'purchased the',
  reactivation: 'reactivated their',
  expansion: 'expanded their',
  contraction: 'reduced their',
  churn: 'cancelled their',
};

export function activityDescription(type: string, planName: unknown): string {
  return planName ? `${VERB[type] ?? type} ${String(planName)} plan` : `${VERB[type] ?? type} subscription`;
}

/** Movements `m` with customer `c`, subscription `s` and plan `p`, for a WHERE over `m` ($1 = account). */
export async function activityRows(tx: Tx, where: string, params: unknown[], tail: string): Promise<Row[]> {
  return tx.query<Row>(
    `SELECT m.id, m.at, m.type, m.amount, m.customer_mrr_after, m.subscription_external_id, m.data_source_id,
            c.id AS customer_id, c.name AS customer_name, c.external_id AS customer_external_id,
            s.set_external_id, s.plan_external_id, p.name AS plan_name
       FROM movements m
       JOIN customers c ON c.id = m.customer_id
       LEFT JOIN subscriptions s ON s.data_source_id = m.data_source_id AND s.external_id = m.subscription_external_id
       LEFT JOIN plans p ON p.data_source_id = s.data_source_id AND p.external_id = s.plan_external_id
      WHERE m.account_id = $1 AND ${where} ${tail}`,
    params,
  );
}

function common(m: Row, currency: string): Record<string, unknown> {
  const mrr = Number(m.customer_mrr_after);
  return {
    description: activityDescription(String(m.type), m.plan_name),
    'activity-mrr-movement': Number(m.amount),
    'activity-mrr': mrr,
    'activity-arr': 12 * mrr,
    date: metricsInstant(m.at),
    type: m.type,
    currency,
  };
}

export function activityJson(m: Row, currency: string): Record<string, unknown> {
  return {
    ...common(m, currency),
    'subscription-external-id': m.subscription_external_id,
    'subscription-set-external-id': m.set_external_id ?? m.subscription_external_id,
    // Strict clients take no null here (the Python client's schema).
    'plan-external-id': m.plan_external_id ?? '',
    'customer-name': m.customer_name,
    'customer-uuid': `${PREFIX.customer}${m.customer_id}`,
    'customer-external-id': m.customer_external_id,
    'billing-connector-uuid': `${PREFIX.dataSource}${m.data_source_id}`,
    uuid: m.id,
  };
}

export function customerActivityJson(m: Row, currency: string): Record<string, unknown> {
  return {
    id: intId(String(m.id)),
    ...common(m, currency),
    'currency-sign': currencySign(currency),
    'subscription-external-id': m.subscription_external_id,
  };
}
