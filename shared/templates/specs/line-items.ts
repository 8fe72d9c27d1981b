import { CENTS_NOTE, DATE_NOTE } from '../notes.ts';
import { defineDataset } from '../spec.ts';
import {
  boolean, cents, currency, externalId, instant, integer, nonZeroInteger, oneOf, text, unitsAsCents,
} from '../values.ts';
import { formatWhen } from '../../time.ts';

export type LineType = 'subscription' | 'one_time';
export type ProrationType = 'differential' | 'full' | 'differential_mrr';

export interface LineItemRecord {
  row: number;
  invoiceExternalId: string;
  externalId: string | null;
  subscriptionExternalId: string | null;
  subscriptionSetExternalId: string | null;
  type: LineType;
  amountInCents: number;
  planExternalId: string | null;
  servicePeriodStart: number | null;
  servicePeriodEnd: number | null;
  quantity: number;
  prorated: boolean;
  prorationType: ProrationType;
  discountCode: string | null;
  discountAmountInCents: number | null;
  taxAmountInCents: number | null;
  description: string | null;
  discountDescription: string | null;
  transactionFeesInCents: number | null;
  transactionFeesCurrency: string | null;
  accountCode: string | null;
  eventOrder: number | null;
  balanceTransfer: boolean;
}

export const lineType = oneOf<LineType>([
  { value: 'subscription', display: 'Subscription' },
  { value: 'one_time', display: 'OneTime', aliases: ['one-time', 'one time'] },
]);

export const prorationType = oneOf<ProrationType>([
  { value: 'differential', display: 'differential' },
  { value: 'full', display: 'full' },
  { value: 'differential_mrr', display: 'differential_mrr' },
]);

const t255 = text(255);

export const lineItemsSpec = defineDataset<LineItemRecord>({
  name: 'line_items',
  tab: 'Line Items',
  file: 'line_items.csv',
  blank: (row) => ({
    row, invoiceExternalId: '', externalId: null, subscriptionExternalId: null, subscriptionSetExternalId: null,
    type: 'subscription', amountInCents: 0, planExternalId: null, servicePeriodStart: null, servicePeriodEnd: null,
    quantity: 1, prorated: false, prorationType: 'differential', discountCode: null, discountAmountInCents: null,
    taxAmountInCents: null, description: null, discountDescription: null, transactionFeesInCents: null,
    transactionFeesCurrency: null, accountCode: null, eventOrder: null, balanceTransfer: false,
  }),
  columns: [
    {
      header: 'Invoice external ID', key: 'invoiceExternalId', parse: externalId, required: true, example: 'INV-0001',
      note: 'Required. The invoice this line belongs to (Invoices tab).',
    },
    { header: 'External ID', key: 'externalId', parse: externalId },
    {
      header: 'Subscription external ID', key: 'subscriptionExternalId', parse: externalId, example: 'sub_acme',
      note: 'Required on Subscription lines: the subscription\u2019s ID.',
    },
    { header: 'Subscription set external ID', key: 'subscriptionSetExternalId', parse: externalId },
    {
      header: 'Type', key: 'type', parse: lineType, required: true, example: 'Subscription',
      note: 'Required. Subscription or OneTime.',
    },
    {
      header: 'Amount in cents', key: 'amountInCents', parse: cents, required: true, example: 4900,
      alternative: { header: 'Amount', parse: unitsAsCents },
      note: `Required. The final amount after discounts, tax included, for the whole quantity. ${CENTS_NOTE} Negative only on prorated or one-time lines.`,
    },
    {
      header: 'Plan', key: 'planExternalId', parse: externalId, example: 'pro_monthly',
      note: 'Required on Subscription lines: a Plan ID from the Plans tab.',
    },
    {
      header: 'Service period start', key: 'servicePeriodStart', parse: instant, example: '2024-01-01',
      note: `Required on Subscription lines. ${DATE_NOTE}`,
    },
    {
      header: 'Service period end', key: 'servicePeriodEnd', parse: instant, example: '2024-02-01',
      note: `Required on Subscription lines; after the start. ${DATE_NOTE}`,
    },
    {
      header: 'Quantity', key: 'quantity', parse: nonZeroInteger, defaultValue: 1, example: 1,
      note: 'A non-zero whole number (default 1); negative only on prorated lines. Does not change MRR.',
    },
    {
      header: 'Proration', key: 'prorated', parse: boolean, required: true, example: 'FALSE',
      note: 'Required. TRUE when the line is prorated (an upgrade mid-period), else FALSE.',
    },
    {
      header: 'Proration type', key: 'prorationType', parse: prorationType, defaultValue: 'differential',
      note: 'differential (default), full or differential_mrr.',
    },
    { header: 'Discount code', key: 'discountCode', parse: text(64) },
    { header: 'Discount amount', key: 'discountAmountInCents', parse: cents },
    {
      header: 'Tax amount', key: 'taxAmountInCents', parse: cents,
      note: `Tax included in the amount. ${CENTS_NOTE}`,
    },
    { header: 'Description', key: 'description', parse: t255 },
    { header: 'Discount description', key: 'discountDescription', parse: t255 },
    { header: 'Transaction fee', key: 'transactionFeesInCents', parse: cents },
    { header: 'Transaction fees currency', key: 'transactionFeesCurrency', parse: currency },
    { header: 'Account Code', key: 'accountCode', parse: t255 },
    { header: 'Event order', key: 'eventOrder', parse: integer },
    { header: 'Balance transfer', key: 'balanceTransfer', parse: boolean, defaultValue: false },
  ],
  uniqueKey: { column: 'External ID', of: (r) => r.externalId },
  check(r, issue) {
    if (r.type === 'subscription') {
      if (r.subscriptionExternalId === null)
        issue('Subscription external ID', 'Subscription external ID is required on Subscription lines');
      if (r.planExternalId === null) issue('Plan', 'Plan is required on Subscription lines');
      if (r.servicePeriodStart === null)
        issue('Service period start', 'Service period start is required on Subscription lines');
      if (r.servicePeriodEnd === null)
        issue('Service period end', 'Service period end is required on Subscription lines');
      if (
        r.servicePeriodStart !== null && r.servicePeriodEnd !== null &&
        r.servicePeriodEnd <= r.servicePeriodStart
      ) {
        issue(
          'Service period end',
          `Service period end must be after Service period start (${formatWhen(r.servicePeriodStart)}); ` +
            `got '${formatWhen(r.servicePeriodEnd)}'`,
        );
      }
    }
    if (r.quantity < 0 && !r.prorated)
      issue('Quantity', 'Quantity may be negative only on prorated lines');
    if (r.amountInCents < 0 && r.type === 'subscription' && !r.prorated)
      issue('Amount in cents', 'Amount in cents may be negative only on prorated or one-time lines');
  },
});
