import { CENTS_NOTE, DATE_NOTE } from '../notes.ts';
import { defineDataset } from '../spec.ts';
import {
  boolean, cents, currency, externalId, instant, nonZeroInteger, oneOf, unitsAsCents,
} from '../values.ts';

export type ManualEventType = 'subscription_start' | 'subscription_updated' | 'subscription_cancelled';

export interface ManualSubscriptionRecord {
  row: number;
  externalId: string | null;
  subscriptionExternalId: string;
  customerExternalId: string;
  planExternalId: string | null;
  date: number;
  effectiveDate: number;
  eventType: ManualEventType;
  currency: string | null;
  amountInCents: number | null;
  quantity: number;
  reportCashFlow: boolean;
}

export const manualEventType = oneOf<ManualEventType>([
  { value: 'subscription_start', display: 'subscription_start', aliases: ['started', 'start'] },
  { value: 'subscription_updated', display: 'subscription_updated', aliases: ['updated', 'update'] },
  { value: 'subscription_cancelled', display: 'subscription_cancelled', aliases: ['cancelled', 'canceled'] },
]);

export const manualSubscriptionsSpec = defineDataset<ManualSubscriptionRecord>({
  name: 'manual_subscriptions',
  tab: 'Manual Subscriptions',
  file: 'manual_subscriptions.csv',
  blank: (row) => ({
    row, externalId: null, subscriptionExternalId: '', customerExternalId: '', planExternalId: null, date: 0,
    effectiveDate: 0, eventType: 'subscription_start', currency: null, amountInCents: null, quantity: 1,
    reportCashFlow: false,
  }),
  columns: [
    { header: 'External ID', key: 'externalId', parse: externalId, example: 'MAN-0001' },
    {
      header: 'Subscription external ID', key: 'subscriptionExternalId', parse: externalId, required: true, example: 'sub_acme_manual',
    },
    { header: 'Customer external ID', key: 'customerExternalId', parse: externalId, required: true, example: 'acme' },
    { header: 'Plan external ID', key: 'planExternalId', parse: externalId, example: 'pro_monthly' },
    { header: 'Date', key: 'date', parse: instant, required: true, example: '2024-01-01' },
    {
      header: 'Effective Date', key: 'effectiveDate', parse: instant, required: true, example: '2024-01-01',
      note: `Required. ${DATE_NOTE}`,
    },
    {
      header: 'Event Type', key: 'eventType', parse: manualEventType, required: true, example: 'subscription_start',
      note: 'Required. subscription_start, subscription_updated or subscription_cancelled.',
    },
    { header: 'Currency', key: 'currency', parse: currency, example: 'USD' },
    {
      header: 'Amount in cents', key: 'amountInCents', parse: cents, example: 4900,
      alternative: { header: 'Amount', parse: unitsAsCents },
      note: `Required for starts and updates: the amount per plan interval. ${CENTS_NOTE}`,
    },
    { header: 'Quantity', key: 'quantity', parse: nonZeroInteger, defaultValue: 1, example: 1 },
    { header: 'Report Cash Flow', key: 'reportCashFlow', parse: boolean, defaultValue: false },
  ],
  uniqueKey: { column: 'External ID', of: (r) => r.externalId },
  check(r, issue) {
    if (r.eventType === 'subscription_cancelled') return;
    const what = r.eventType === 'subscription_start' ? 'a start' : 'an update';
    if (r.planExternalId === null) issue('Plan external ID', `Plan external ID is required on ${what}`);
    if (r.currency === null) issue('Currency', `Currency is required on ${what}`);
    if (r.amountInCents === null) issue('Amount in cents', `Amount in cents is required on ${what}`);
    else if (r.amountInCents < 0) issue('Amount in cents', 'Amount in cents must be zero or more');
  },
});
