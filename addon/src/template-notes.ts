/** The note on each template header, explaining what the column takes. */
import type { DatasetName } from '../../shared/index.ts';

const DATE = 'A date YYYY-MM-DD (or a date cell), or an ISO date-time such as 2024-01-01T10:30:00Z.';
const CENTS = 'Whole cents, no decimal point (12.50 USD is 1250).';

export const HEADER_NOTES: Partial<Record<DatasetName, Record<string, string>>> = {
  customers: {
    Name: 'Required. The customer\u2019s name (up to 255 characters).',
    'External ID': 'Required. The customer\u2019s ID in your billing system; unique.',
    'Lead created at': `When the lead was created. ${DATE}`,
    'Free trial started at': `When the free trial started. ${DATE}`,
  },
  plans: {
    Name: 'Required. The plan\u2019s name.',
    'Interval count': 'Required. A whole number of 1 or more: 3 with month = quarterly.',
    'Interval unit': 'Required. day, month or year.',
    'Plan ID': 'Required. The plan\u2019s ID in your billing system; unique. Line items name it in Plan.',
  },
  invoices: {
    'Customer external ID': 'Required. External ID of the customer (Customers tab).',
    'Invoice external ID': 'Required. The invoice number; unique.',
    'Invoiced date': `Required. ${DATE}`,
    'Due Date': `Optional. ${DATE}`,
    Currency: 'Required. Three upper-case letters (ISO 4217), e.g. USD.',
  },
  line_items: {
    'Invoice external ID': 'Required. The invoice this line belongs to (Invoices tab).',
    'Subscription external ID': 'Required on Subscription lines: the subscription\u2019s ID.',
    Type: 'Required. Subscription or OneTime.',
    'Amount in cents': `Required. The final amount after discounts, tax included, for the whole quantity. ${CENTS} Negative only on prorated or one-time lines.`,
    Plan: 'Required on Subscription lines: a Plan ID from the Plans tab.',
    'Service period start': `Required on Subscription lines. ${DATE}`,
    'Service period end': `Required on Subscription lines; after the start. ${DATE}`,
    Quantity: 'A non-zero whole number (default 1); negative only on prorated lines. Does not change MRR.',
    Proration: 'Required. TRUE when the line is prorated (an upgrade mid-period), else FALSE.',
    'Proration type': 'differential (default), full or differential_mrr.',
    'Tax amount': `Tax included in the amount. ${CENTS}`,
  },
  transactions: {
    'Invoice external ID': 'Required. The invoice paid or refunded.',
    Type: 'Required. payment or refund.',
    Result: 'Required. successful or failed.',
    Date: `Required. ${DATE}`,
    'Amount in cents': `Optional; default the invoice total. ${CENTS}`,
  },
  cancellations: {
    'Subscription external ID': 'Required. The subscription that was cancelled.',
    'Cancelled at': `Required. ${DATE}`,
  },
  exchange_rates: {
    Date: `Required. From this day on, the rate is in force. ${DATE}`,
    Currency: 'Required. Three upper-case letters, e.g. EUR.',
    Rate: 'Required. Value of 1 unit of the currency in the base currency, e.g. 1.0825.',
  },
  manual_subscriptions: {
    'Event Type': 'Required. subscription_start, subscription_updated or subscription_cancelled.',
    'Effective Date': `Required. ${DATE}`,
    'Amount in cents': `Required for starts and updates: the amount per plan interval. ${CENTS}`,
  },
  subscription_events: {
    'Event Type': 'Required. subscription_start, subscription_updated, subscription_cancelled, the *_scheduled kinds or a retraction.',
    'Effective Date': `Required. ${DATE}`,
  },
};
