/** One example row per template tab: one small customer, consistent across the tabs (Validate finds no error). */
import type { DatasetName } from '../../shared/index.ts';

export const EXAMPLE_ROWS: Partial<Record<DatasetName, Record<string, string | number>>> = {
  customers: { Name: 'Acme Corp', Email: 'billing@acme.example', Country: 'US', 'External ID': 'acme' },
  contacts: { 'Customer external ID': 'acme', 'First name': 'Ada', 'Last name': 'Lovelace', Email: 'ada@acme.example' },
  plans: { Name: 'Pro Monthly', 'Interval count': 1, 'Interval unit': 'month', 'Plan ID': 'pro_monthly' },
  invoices: { 'Customer external ID': 'acme', 'Invoice external ID': 'INV-0001', 'Invoiced date': '2024-01-01', Currency: 'USD' },
  line_items: {
    'Invoice external ID': 'INV-0001', 'Subscription external ID': 'sub_acme', Type: 'Subscription', 'Amount in cents': 4900,
    Plan: 'pro_monthly', 'Service period start': '2024-01-01', 'Service period end': '2024-02-01', Quantity: 1, Proration: 'FALSE',
  },
  transactions: { 'Invoice external ID': 'INV-0001', Type: 'payment', Result: 'successful', Date: '2024-01-01' },
  subscription_events: {
    'Customer external ID': 'acme', 'Subscription external ID': 'sub_acme_support', 'External ID': 'EVT-0001',
    'Event Type': 'subscription_start', Date: '2024-01-01', 'Effective Date': '2024-01-01', 'Plan external ID': 'pro_monthly',
    Currency: 'USD', 'Amount in Cents': 1900, Quantity: 1,
  },
  cancellations: { 'Customer external ID': 'acme', 'Subscription external ID': 'sub_acme', 'Cancelled at': '2024-12-31' },
  manual_subscriptions: {
    'External ID': 'MAN-0001', 'Subscription external ID': 'sub_acme_manual', 'Customer external ID': 'acme',
    'Plan external ID': 'pro_monthly', Date: '2024-01-01', 'Effective Date': '2024-01-01', 'Event Type': 'subscription_start',
    Currency: 'USD', 'Amount in cents': 4900, Quantity: 1,
  },
  exchange_rates: { Date: '2024-01-01', Currency: 'EUR', Rate: 1.0825 },
};
