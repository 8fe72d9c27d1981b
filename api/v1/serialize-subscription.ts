/**
 * Subscriptions in the two shapes of ChartMogul's API: the import API's (uuid, external_id,
 * cancellation_dates, plan_uuid) and the metrics API's customer subscriptions (mrr, arr,
 * status, plan, billing cycle, dates in the account currency), both from the derived
 * subscriptions table.
 */
import type { Tx } from '../db/client.ts';
import { PREFIX } from './conventions/ids.ts';
import { intId } from '../store/int-id.ts';
import { currencySign } from './conventions/money.ts';
import { metricsInstant } from './conventions/time.ts';

type Row = Record<string, unknown>;

/** Subscriptions `s` with plan `p` and their cancellation dates (ISO text), for a WHERE over `s` ($1 = account). */
export const SUBSCRIPTION_SELECT = `
  SELECT s.*, p.id AS plan_id, p.name AS plan_name, p.interval_unit, p.interval_count,
         ARRAY(SELECT DISTINCT to_char(x.cancelled_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
                 FROM cancellations x
                WHERE x.account_id = s.account_id AND x.data_source_id = s.data_source_id
                  AND x.subscription_external_id = s.external_id
                ORDER BY 1) AS cancellation_dates
    FROM subscriptions s
    LEFT JOIN plans p ON p.data_source_id = s.data_source_id AND p.external_id = s.plan_external_id`;

export const SUBSCRIPTION_ORDER = 'ORDER BY s.started_at, s.external_id, s.id';

export async function subscriptionRows(tx: Tx, accountId: string, where: string, params: unknown[], tail = SUBSCRIPTION_ORDER): Promise<Row[]> {
  return tx.query<Row>(`${SUBSCRIPTION_SELECT} WHERE s.account_id = $1 AND ${where} ${tail}`, [accountId, ...params]);
}

const dates = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

export function importSubscriptionJson(s: Row): Record<string, unknown> {
  return {
    uuid: `${PREFIX.subscription}${s.id}`,
    external_id: s.external_id,
    subscription_set_external_id: s.set_external_id ?? null,
    cancellation_dates: dates(s.cancellation_dates),
    plan_uuid: s.plan_id ? `${PREFIX.plan}${s.plan_id}` : null,
    customer_uuid: `${PREFIX.customer}${s.customer_id}`,
    data_source_uuid: `${PREFIX.dataSource}${s.data_source_id}`,
  };
}

/** The metrics API's status words: a cancelled subscription is "inactive". */
const STATUS: Record<string, string> = { active: 'active', past_due: 'past_due', cancelled: 'inactive' };

export function customerSubscriptionJson(s: Row, currency: string): Record<string, unknown> {
  const mrr = Number(s.mrr);
  return {
    id: intId(String(s.id)),
    external_id: s.external_id,
    subscription_set_external_id: s.set_external_id ?? s.external_id,
    quantity: Number(s.quantity),
    uuid: s.id,
    mrr,
    arr: 12 * mrr,
    status: STATUS[String(s.status)] ?? s.status,
    plan: s.plan_name ?? s.plan_external_id ?? '',
    'billing-cycle': s.interval_unit ?? null,
    'billing-cycle-count': s.interval_count === null || s.interval_count === undefined ? null : Number(s.interval_count),
    'start-date': metricsInstant(s.started_at),
    'end-date': metricsInstant(s.status === 'cancelled' ? s.cancelled_at : s.paid_through),
    currency,
    'currency-sign': currencySign(currency),
  };
}
