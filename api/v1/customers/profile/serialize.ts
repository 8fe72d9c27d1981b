/**
 * A customer's profile as JSON: every figure is the engine's (its customer row, its series over
 * its stored inputs, its ledger), written out in the metrics API's conventions.
 */
import type { CustomerRow as ReportCustomerRow, SeriesEntry } from '../../../../shared/index.ts';
import type { CustomerFigures } from '../../../../shared/engine/customers.ts';
import type { ActivityRow } from '../../../store/derived.ts';
import type { Ledger } from '../../../store/customer-ledgers.ts';
import type { CustomerRow } from '../../../store/customers.ts';
import type { SubscriptionRow } from '../../../store/subscriptions.ts';
import { customerActivityJson } from '../../activities/serialize.ts';
import { PREFIX, prefixed } from '../../conventions/ids.ts';
import { currencySign } from '../../conventions/money.ts';
import { metricsInstant } from '../../conventions/time.ts';
import { customerSubscriptionJson } from '../../subscriptions/serialize.ts';
import { countryName, STATUS_OUT } from '../serialize.ts';
import type { CustomerProfile } from './schemas.ts';

export interface ProfileParts {
  asOf: string;
  currency: string;
  customer: CustomerRow;
  dataSourceName: string;
  /** The engine's row of the customer and the figures it was made from. */
  row: ReportCustomerRow;
  figures: CustomerFigures;
  series: readonly SeriesEntry[];
  subscriptions: readonly SubscriptionRow[];
  movements: readonly ActivityRow[];
  ledger: Ledger;
}

export function profileJson(p: ProfileParts): CustomerProfile {
  const { customer: c, row, currency } = p;
  return {
    'as-of': p.asOf,
    currency,
    'currency-sign': currencySign(currency),
    header: {
      status: STATUS_OUT[row.status] ?? row.status,
      mrr: row.mrr,
      arr: row.arr,
      'net-payments': row.net_payments,
      'subscriber-since': metricsInstant(p.figures.subscriberSince),
      'customer-since': metricsInstant(p.figures.subscriberSince),
      subscriptions: row.subscriptions,
      quantity: row.quantity,
    },
    details: {
      uuid: prefixed(PREFIX.customer, c.id),
      'external-id': c.externalId,
      name: c.name ?? '',
      email: c.email ?? '',
      company: c.company ?? '',
      country: c.country,
      'country-name': countryName(c.country),
      state: c.state,
      city: c.city,
      zip: c.zip,
      'lead-created-at': metricsInstant(c.leadCreatedAt),
      'free-trial-started-at': metricsInstant(c.freeTrialStartedAt),
      'data-source-uuid': prefixed(PREFIX.dataSource, c.dataSourceId),
      'data-source-name': p.dataSourceName,
      'billing-system-type': c.system,
      'website-url': c.websiteUrl ?? null,
      owner: c.owner ?? null,
    },
    attributes: { tags: c.attributes.tags, custom: c.attributes.custom },
    'mrr-series': p.series.map((e) => ({
      date: e.date,
      mrr: e.mrr,
      arr: e.arr,
      'mrr-new-business': e.new_biz,
      'mrr-expansion': e.expansion,
      'mrr-contraction': e.contraction,
      'mrr-churn': e.churn,
      'mrr-reactivation': e.reactivation,
    })),
    subscriptions: p.subscriptions.map((s) => customerSubscriptionJson(s, currency)),
    movements: p.movements.map((m) => customerActivityJson(m, currency)),
    'revenue-schedule': p.ledger.revenue.map((e) => ({ month: e.month, amount: e.amount })),
    transactions: p.ledger.transactions.map((t) => ({
      date: metricsInstant(t.at)!,
      'external-id': t.external_id,
      'invoice-external-id': t.invoice_external_id,
      type: t.type,
      result: t.result,
      amount: t.amount,
    })),
  };
}
