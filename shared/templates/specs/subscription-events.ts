import { DATE_NOTE } from '../notes.ts';
import { defineDataset } from '../spec.ts';
import { cents, currency, externalId, instant, nonZeroInteger, oneOf, unitsAsCents } from '../values.ts';

export const SUBSCRIPTION_EVENT_TYPES = [
  'subscription_start',
  'subscription_updated',
  'subscription_cancelled',
  'subscription_start_scheduled',
  'subscription_update_scheduled',
  'subscription_cancellation_scheduled',
  'subscription_event_retracted',
  'scheduled_subscription_start_retracted',
  'scheduled_subscription_update_retracted',
  'scheduled_subscription_cancellation_retracted',
] as const;

export type SubscriptionEventType = (typeof SUBSCRIPTION_EVENT_TYPES)[number];

export interface SubscriptionEventRecord {
  row: number;
  customerExternalId: string;
  subscriptionExternalId: string | null;
  externalId: string | null;
  eventType: SubscriptionEventType;
  retractedEventId: string | null;
  date: number;
  effectiveDate: number;
  planExternalId: string | null;
  currency: string | null;
  amountInCents: number | null;
  quantity: number;
  /**
   * Orders scheduled events of one subscription effective at the same instant (ChartMogul's
   * `event_order`, set through /v1 only: no template column). Absent or null: after ordered ones.
   */
  eventOrder?: number | null;
}

export const subscriptionEventType = oneOf<SubscriptionEventType>(
  SUBSCRIPTION_EVENT_TYPES.map((value) => ({ value, display: value })),
);

/** Types that carry a price: they need a plan, a currency and an amount. */
export const PRICED_EVENT_TYPES: ReadonlySet<SubscriptionEventType> = new Set([
  'subscription_start',
  'subscription_updated',
  'subscription_start_scheduled',
  'subscription_update_scheduled',
]);

export const subscriptionEventsSpec = defineDataset<SubscriptionEventRecord>({
  name: 'subscription_events',
  tab: 'Subscription Events',
  file: 'subscription_events.csv',
  blank: (row) => ({
    row, customerExternalId: '', subscriptionExternalId: null, externalId: null, eventType: 'subscription_start',
    retractedEventId: null, date: 0, effectiveDate: 0, planExternalId: null, currency: null, amountInCents: null,
    quantity: 1,
  }),
  columns: [
    { header: 'Customer external ID', key: 'customerExternalId', parse: externalId, required: true, example: 'acme' },
    {
      header: 'Subscription external ID', key: 'subscriptionExternalId', parse: externalId, example: 'sub_acme_support',
    },
    { header: 'External ID', key: 'externalId', parse: externalId, example: 'EVT-0001' },
    {
      header: 'Event Type', key: 'eventType', parse: subscriptionEventType, required: true, example: 'subscription_start',
      note: 'Required. subscription_start, subscription_updated, subscription_cancelled, the *_scheduled kinds or a retraction.',
    },
    { header: 'Retracted event ID', key: 'retractedEventId', parse: externalId },
    { header: 'Date', key: 'date', parse: instant, required: true, example: '2024-01-01' },
    {
      header: 'Effective Date', key: 'effectiveDate', parse: instant, required: true, example: '2024-01-01',
      note: `Required. ${DATE_NOTE}`,
    },
    { header: 'Plan external ID', key: 'planExternalId', parse: externalId, example: 'pro_monthly' },
    { header: 'Currency', key: 'currency', parse: currency, example: 'USD' },
    {
      header: 'Amount in Cents', key: 'amountInCents', parse: cents, example: 1900,
      alternative: { header: 'Amount', parse: unitsAsCents },
    },
    { header: 'Quantity', key: 'quantity', parse: nonZeroInteger, defaultValue: 1, example: 1 },
  ],
  uniqueKey: { column: 'External ID', of: (r) => r.externalId },
  check(r, issue) {
    if (r.eventType === 'subscription_event_retracted') {
      if (r.retractedEventId === null)
        issue('Retracted event ID', 'Retracted event ID is required on subscription_event_retracted events');
      return;
    }
    if (r.subscriptionExternalId === null)
      issue('Subscription external ID', `Subscription external ID is required on ${r.eventType} events`);
    if (PRICED_EVENT_TYPES.has(r.eventType)) {
      if (r.planExternalId === null) issue('Plan external ID', `Plan external ID is required on ${r.eventType} events`);
      if (r.currency === null) issue('Currency', `Currency is required on ${r.eventType} events`);
      if (r.amountInCents === null) issue('Amount in Cents', `Amount in Cents is required on ${r.eventType} events`);
      else if (r.amountInCents < 0) issue('Amount in Cents', 'Amount in Cents must be zero or more');
    }
  },
});
