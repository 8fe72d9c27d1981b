/**
 * The template datasets of DATA.md: one per CSV file, sheet tab and /sync path.
 * Header lists are in template order, spelled as ChartMogul's CSV templates spell them.
 */
export const DATASET_NAMES = [
  'customers',
  'contacts',
  'plans',
  'invoices',
  'line_items',
  'transactions',
  'subscription_events',
  'cancellations',
  'manual_subscriptions',
  'exchange_rates',
] as const;

export type DatasetName = (typeof DATASET_NAMES)[number];

export const TEMPLATE_HEADERS: Record<DatasetName, readonly string[]> = {
  customers: [
    'Name', 'Email', 'Company', 'Country', 'State', 'City', 'Zip', 'External ID',
    'Lead created at', 'Free trial started at',
  ],
  contacts: [
    'Customer external ID', 'First name', 'Last name', 'Title', 'Email', 'Phone', 'LinkedIn',
    'Twitter', 'Note',
  ],
  plans: ['Name', 'Interval count', 'Interval unit', 'Plan ID'],
  invoices: ['Customer external ID', 'Invoice external ID', 'Invoiced date', 'Due Date', 'Currency'],
  line_items: [
    'Invoice external ID', 'External ID', 'Subscription external ID', 'Subscription set external ID',
    'Type', 'Amount in cents', 'Plan', 'Service period start', 'Service period end', 'Quantity',
    'Proration', 'Proration type', 'Discount code', 'Discount amount', 'Tax amount', 'Description',
    'Discount description', 'Transaction fee', 'Transaction fees currency', 'Account Code',
    'Event order', 'Balance transfer',
  ],
  transactions: ['Invoice external ID', 'External ID', 'Type', 'Result', 'Date', 'Amount in cents'],
  subscription_events: [
    'Customer external ID', 'Subscription external ID', 'External ID', 'Event Type',
    'Retracted event ID', 'Date', 'Effective Date', 'Plan external ID', 'Currency',
    'Amount in Cents', 'Quantity',
  ],
  cancellations: ['Customer external ID', 'Subscription external ID', 'Cancelled at'],
  manual_subscriptions: [
    'External ID', 'Subscription external ID', 'Customer external ID', 'Plan external ID', 'Date',
    'Effective Date', 'Event Type', 'Currency', 'Amount in cents', 'Quantity', 'Report Cash Flow',
  ],
  exchange_rates: ['Date', 'Currency', 'Rate'],
};

/** CSV file name in a template folder. */
export const DATASET_FILES: Record<DatasetName, string> = Object.fromEntries(
  DATASET_NAMES.map((name) => [name, `${name}.csv`]),
) as Record<DatasetName, string>;

/** Sheet tab name in the add-on. */
export const DATASET_TABS: Record<DatasetName, string> = {
  customers: 'Customers',
  contacts: 'Contacts',
  plans: 'Plans',
  invoices: 'Invoices',
  line_items: 'Line Items',
  transactions: 'Transactions',
  subscription_events: 'Subscription Events',
  cancellations: 'Cancellations',
  manual_subscriptions: 'Manual Subscriptions',
  exchange_rates: 'Exchange Rates',
};

/**
 * Parents before children: a dataset only references datasets earlier in this list,
 * so syncing in this order never sends a row before what it points at.
 */
export const DEPENDENCY_ORDER: readonly DatasetName[] = [
  'customers',
  'plans',
  'exchange_rates',
  'contacts',
  'invoices',
  'line_items',
  'transactions',
  'subscription_events',
  'cancellations',
  'manual_subscriptions',
];
