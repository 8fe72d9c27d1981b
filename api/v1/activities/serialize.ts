/**
 * MRR movements as the metrics API's activities: the account-wide list (with the customer and
 * data source of each) and a customer's list (with an integer id), amounts in the account
 * currency, dates as 2016-01-01T12:00:00+00:00, each naming the plan in force at it.
 */
import { arrOf } from '../../../shared/index.ts';
import type { ActivityRow } from '../../store/derived.ts';
import { intId } from '../../store/int-id.ts';
import { PREFIX } from '../conventions/ids.ts';
import { currencySign } from '../conventions/money.ts';
import { metricsInstant } from '../conventions/time.ts';
import type { Activity, CustomerActivity } from './schemas.ts';

const VERB: Record<string, string> = {
  new_biz: 'purchased the',
  reactivation: 'reactivated their',
  expansion: 'expanded their',
  contraction: 'reduced their',
  churn: 'cancelled their',
  segment_entry: 'moved into the segment with their',
  segment_exit: 'moved out of the segment from their',
};

export function activityDescription(type: string, planName: string | null): string {
  return planName ? `${VERB[type] ?? type} ${planName} plan` : `${VERB[type] ?? type} subscription`;
}

function common(m: ActivityRow, currency: string) {
  return {
    description: activityDescription(m.type, m.planName),
    'activity-mrr-movement': m.amount,
    'activity-mrr': m.customerMrrAfter,
    'activity-arr': arrOf(m.customerMrrAfter),
    date: metricsInstant(m.at)!,
    type: m.type,
    currency,
  };
}

export function activityJson(m: ActivityRow, currency: string): Activity {
  return {
    ...common(m, currency),
    'subscription-external-id': m.subscriptionExternalId,
    'subscription-set-external-id': m.setExternalId ?? m.subscriptionExternalId,
    // Strict clients take no null here (the Python client's schema).
    'plan-external-id': m.planExternalId ?? '',
    'customer-name': m.customerName,
    'customer-uuid': `${PREFIX.customer}${m.customerId}`,
    'customer-external-id': m.customerExternalId,
    'billing-connector-uuid': `${PREFIX.dataSource}${m.dataSourceId}`,
    uuid: m.id,
  };
}

export function customerActivityJson(m: ActivityRow, currency: string): CustomerActivity {
  return {
    id: intId(m.id),
    ...common(m, currency),
    'currency-sign': currencySign(currency),
    'subscription-external-id': m.subscriptionExternalId,
  };
}
