/**
 * Subscriptions in the two shapes of ChartMogul's API: the import API's (uuid, external_id,
 * cancellation_dates, plan_uuid) and the metrics API's customer subscriptions (mrr, arr,
 * status, plan, billing cycle, dates in the account currency), both from the derived
 * subscriptions table.
 */
import { arrOf } from '../../../shared/index.ts';
import { intId } from '../../store/int-id.ts';
import type { SubscriptionRow } from '../../store/subscriptions.ts';
import { PREFIX } from '../conventions/ids.ts';
import { currencySign } from '../conventions/money.ts';
import { metricsInstant } from '../conventions/time.ts';
import type { CustomerSubscription, ImportSubscription } from './schemas.ts';

export function importSubscriptionJson(s: SubscriptionRow, cancellationDates: string[]): ImportSubscription {
  return {
    uuid: `${PREFIX.subscription}${s.id}`,
    external_id: s.externalId,
    subscription_set_external_id: s.setExternalId ?? null,
    cancellation_dates: cancellationDates,
    plan_uuid: s.planId ? `${PREFIX.plan}${s.planId}` : null,
    customer_uuid: `${PREFIX.customer}${s.customerId}`,
    data_source_uuid: `${PREFIX.dataSource}${s.dataSourceId}`,
  };
}

/** The metrics API's status words: a cancelled subscription is "inactive". */
const STATUS: Record<string, string> = { active: 'active', past_due: 'past_due', cancelled: 'inactive' };

export function customerSubscriptionJson(s: SubscriptionRow, currency: string): CustomerSubscription {
  return {
    id: intId(s.id),
    external_id: s.externalId,
    subscription_set_external_id: s.setExternalId ?? s.externalId,
    quantity: Number(s.quantity),
    uuid: s.id,
    mrr: Number(s.mrr),
    arr: arrOf(Number(s.mrr)),
    status: STATUS[s.status] ?? s.status,
    plan: s.planName ?? s.planExternalId ?? '',
    'billing-cycle': s.intervalUnit ?? null,
    'billing-cycle-count': s.intervalCount ?? null,
    'start-date': metricsInstant(s.startedAt)!,
    'end-date': metricsInstant(s.status === 'cancelled' ? s.cancelledAt : s.paidThrough),
    currency,
    'currency-sign': currencySign(currency),
  };
}
