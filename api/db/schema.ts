/**
 * The database: accounts and keys, the billing data of the templates (one table per
 * dataset, upserted by `key` within a data source), and the derived data the engine
 * produces. Every row carries account_id and every query filters on it.
 *
 * `key` is the row's external ID, or for rows that may lack one (line items, transactions,
 * events, …) a digest of the row's content, so sending the same rows again never
 * duplicates them.
 */
import {
  bigint, boolean, customType, date, index, integer, json, jsonb, numeric, pgTable, primaryKey, text, unique, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';
import type { SeriesInputsRow } from '../../shared/engine/series-inputs.ts';
import type { TransactionRow } from '../../shared/engine/transactions.ts';
import { sql } from 'drizzle-orm';
import { parseInstant } from './instant.ts';

/** timestamptz as a Date, read exactly for every year (instant.ts). */
const instant = customType<{ data: Date; driverData: string | Date }>({
  dataType: () => 'timestamp with time zone',
  toDriver: (value) => value.toISOString(),
  fromDriver: (value) => (value instanceof Date ? value : parseInstant(value)),
});
const cents = (name: string) => bigint(name, { mode: 'number' });
/**
 * A figure the engine sums over rows (a customer's MRR over its subscriptions, net payments,
 * seats): each row's value fits a bigint, but no count of rows is bounded, and a sum past
 * bigint would fail the recompute and every read after it. numeric holds any sum.
 */
const total = (name: string) => numeric(name, { mode: 'number' });
const id = () => uuid('id').primaryKey().defaultRandom();
const accountId = () => uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' });
const dataSourceId = () =>
  uuid('data_source_id').notNull().references(() => dataSources.id, { onDelete: 'cascade' });
const createdAt = () => instant('created_at').notNull().default(sql`now()`);
/**
 * What ChartMogul's Import API keeps on an invoice, a line item or a transaction beside its
 * billing content: disabled rows count nowhere (METRICS.md leaves them out like a deleted row,
 * but they stay to be enabled again), and `edit_history_summary` says what a PATCH changed.
 */
const editState = () => ({
  disabled: boolean('disabled').notNull().default(false),
  disabledAt: instant('disabled_at'),
  disabledBy: text('disabled_by'),
  userCreated: boolean('user_created').notNull().default(false),
  /** `{ values_changed: { field: { original_value, edited_value } }, latest_edit_author, latest_edit_performed_at }`, or null when never edited. */
  editHistory: jsonb('edit_history').$type<EditHistory>(),
});

export interface EditHistory {
  values_changed: Record<string, { original_value: unknown; edited_value: unknown }>;
  latest_edit_author: string | null;
  latest_edit_performed_at: string | null;
}
/**
 * The bulk billing tables (invoices, line items, transactions, events, cancellations, manual
 * subscriptions) take millions of rows through /sync. A foreign key costs a trigger per
 * inserted row (it halves ingest speed), so they carry plain columns; deleting a data source
 * deletes their rows in code (api/store/delete.ts).
 */
const bulkAccountId = () => uuid('account_id').notNull();
const bulkDataSourceId = () => uuid('data_source_id').notNull();

export const accounts = pgTable('accounts', {
  id: id(),
  name: text('name').notNull(),
  /** Settings of METRICS.md section 9 that differ from the defaults. */
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  /** Bumped by every write; readers' caches compare it. */
  dataVersion: bigint('data_version', { mode: 'number' }).notNull().default(0),
  /** The day the derived data was computed as of (figures that depend on today). */
  computedDay: date('computed_day', { mode: 'string' }),
  createdAt: createdAt(),
});

export const apiKeys = pgTable('api_keys', {
  id: id(),
  accountId: accountId(),
  /** SHA-256 of the key, hex. The key itself is never stored. */
  keyHash: text('key_hash').notNull().unique(),
  label: text('label').notNull().default(''),
  createdAt: createdAt(),
});

export const dataSources = pgTable(
  'data_sources',
  {
    id: id(),
    accountId: accountId(),
    name: text('name').notNull(),
    system: text('system').notNull().default('Import API'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('data_sources_account_name').on(t.accountId, t.name)],
);

export const customers = pgTable(
  'customers',
  {
    id: id(),
    accountId: accountId(),
    dataSourceId: dataSourceId(),
    externalId: text('external_id').notNull(),
    name: text('name').notNull(),
    email: text('email'),
    company: text('company'),
    country: text('country'),
    state: text('state'),
    city: text('city'),
    zip: text('zip'),
    leadCreatedAt: instant('lead_created_at'),
    freeTrialStartedAt: instant('free_trial_started_at'),
    /** `{ tags: string[], custom: Record<string, unknown> }` */
    attributes: jsonb('attributes').$type<{ tags: string[]; custom: Record<string, unknown> }>()
      .notNull()
      .default({ tags: [], custom: {} }),
    /** Set through /v1 only (no template column): /sync leaves them as they are. */
    websiteUrl: text('website_url'),
    /** The CRM owner (a user's email in ChartMogul), as the client sent it. */
    owner: text('owner'),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('customers_source_external').on(t.dataSourceId, t.externalId),
    // The /v1 list's order (oldest first), so a page is read from the index, not sorted from all customers.
    index('customers_account_created').on(t.accountId, t.createdAt, t.id),
  ],
);

export const contacts = pgTable(
  'contacts',
  {
    id: id(),
    accountId: accountId(),
    dataSourceId: dataSourceId(),
    key: text('key').notNull(),
    customerExternalId: text('customer_external_id').notNull(),
    firstName: text('first_name'),
    lastName: text('last_name'),
    title: text('title'),
    email: text('email'),
    phone: text('phone'),
    linkedIn: text('linked_in'),
    twitter: text('twitter'),
    note: text('note'),
    /** Custom attribute values `{key: value}`, set through /v1 only (no template column). */
    custom: jsonb('custom').$type<Record<string, unknown>>().notNull().default({}),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('contacts_source_key').on(t.dataSourceId, t.key), index('contacts_account').on(t.accountId)],
);

export const plans = pgTable(
  'plans',
  {
    id: id(),
    accountId: accountId(),
    dataSourceId: dataSourceId(),
    externalId: text('external_id').notNull(),
    name: text('name').notNull(),
    intervalCount: integer('interval_count').notNull(),
    intervalUnit: text('interval_unit').notNull(),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('plans_source_external').on(t.dataSourceId, t.externalId), index('plans_account').on(t.accountId)],
);

export const invoices = pgTable(
  'invoices',
  {
    id: id(),
    accountId: bulkAccountId(),
    dataSourceId: bulkDataSourceId(),
    externalId: text('external_id').notNull(),
    customerExternalId: text('customer_external_id').notNull(),
    date: instant('date').notNull(),
    dueDate: instant('due_date'),
    currency: text('currency').notNull(),
    /** `active`, or `voided` / `written_off` (left out of MRR). */
    status: text('status').notNull().default('active'),
    /** ChartMogul's `collection_method`: `automatic`, `manual` or null when not given. */
    collectionMethod: text('collection_method'),
    ...editState(),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('invoices_source_external').on(t.dataSourceId, t.externalId),
    index('invoices_customer').on(t.dataSourceId, t.customerExternalId),
  ],
);

export const lineItems = pgTable(
  'line_items',
  {
    id: id(),
    accountId: bulkAccountId(),
    dataSourceId: bulkDataSourceId(),
    key: text('key').notNull(),
    invoiceExternalId: text('invoice_external_id').notNull(),
    externalId: text('external_id'),
    subscriptionExternalId: text('subscription_external_id'),
    subscriptionSetExternalId: text('subscription_set_external_id'),
    type: text('type').notNull(),
    amountInCents: cents('amount_in_cents').notNull(),
    planExternalId: text('plan_external_id'),
    servicePeriodStart: instant('service_period_start'),
    servicePeriodEnd: instant('service_period_end'),
    quantity: integer('quantity').notNull(),
    prorated: boolean('prorated').notNull(),
    prorationType: text('proration_type').notNull(),
    discountCode: text('discount_code'),
    discountAmountInCents: cents('discount_amount_in_cents'),
    taxAmountInCents: cents('tax_amount_in_cents'),
    description: text('description'),
    discountDescription: text('discount_description'),
    transactionFeesInCents: cents('transaction_fees_in_cents'),
    transactionFeesCurrency: text('transaction_fees_currency'),
    accountCode: text('account_code'),
    eventOrder: integer('event_order'),
    balanceTransfer: boolean('balance_transfer').notNull(),
    ...editState(),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('line_items_source_key').on(t.dataSourceId, t.key),
    index('line_items_invoice').on(t.dataSourceId, t.invoiceExternalId),
    index('line_items_subscription').on(t.dataSourceId, t.subscriptionExternalId),
  ],
);

export const transactions = pgTable(
  'transactions',
  {
    id: id(),
    accountId: bulkAccountId(),
    dataSourceId: bulkDataSourceId(),
    key: text('key').notNull(),
    invoiceExternalId: text('invoice_external_id').notNull(),
    externalId: text('external_id'),
    type: text('type').notNull(),
    result: text('result').notNull(),
    date: instant('date').notNull(),
    amountInCents: cents('amount_in_cents'),
    ...editState(),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('transactions_source_key').on(t.dataSourceId, t.key),
    index('transactions_invoice').on(t.dataSourceId, t.invoiceExternalId),
  ],
);

export const subscriptionEvents = pgTable(
  'subscription_events',
  {
    id: id(),
    accountId: bulkAccountId(),
    dataSourceId: bulkDataSourceId(),
    key: text('key').notNull(),
    customerExternalId: text('customer_external_id').notNull(),
    subscriptionExternalId: text('subscription_external_id'),
    externalId: text('external_id'),
    eventType: text('event_type').notNull(),
    retractedEventId: text('retracted_event_id'),
    date: instant('date').notNull(),
    effectiveDate: instant('effective_date').notNull(),
    planExternalId: text('plan_external_id'),
    currency: text('currency'),
    amountInCents: cents('amount_in_cents'),
    quantity: integer('quantity').notNull(),
    /** Orders events of one subscription at one instant (ChartMogul's `event_order`). */
    eventOrder: integer('event_order'),
    disabled: boolean('disabled').notNull().default(false),
    disabledAt: instant('disabled_at'),
    disabledBy: text('disabled_by'),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('subscription_events_source_key').on(t.dataSourceId, t.key),
    index('subscription_events_customer').on(t.dataSourceId, t.customerExternalId),
  ],
);

export const cancellations = pgTable(
  'cancellations',
  {
    id: id(),
    accountId: bulkAccountId(),
    dataSourceId: bulkDataSourceId(),
    key: text('key').notNull(),
    customerExternalId: text('customer_external_id'),
    subscriptionExternalId: text('subscription_external_id').notNull(),
    cancelledAt: instant('cancelled_at').notNull(),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('cancellations_source_key').on(t.dataSourceId, t.key),
    index('cancellations_subscription').on(t.dataSourceId, t.subscriptionExternalId),
  ],
);

export const manualSubscriptions = pgTable(
  'manual_subscriptions',
  {
    id: id(),
    accountId: bulkAccountId(),
    dataSourceId: bulkDataSourceId(),
    key: text('key').notNull(),
    externalId: text('external_id'),
    subscriptionExternalId: text('subscription_external_id').notNull(),
    customerExternalId: text('customer_external_id').notNull(),
    planExternalId: text('plan_external_id'),
    date: instant('date').notNull(),
    effectiveDate: instant('effective_date').notNull(),
    eventType: text('event_type').notNull(),
    currency: text('currency'),
    amountInCents: cents('amount_in_cents'),
    quantity: integer('quantity').notNull(),
    reportCashFlow: boolean('report_cash_flow').notNull(),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('manual_subscriptions_source_key').on(t.dataSourceId, t.key),
    index('manual_subscriptions_customer').on(t.dataSourceId, t.customerExternalId),
  ],
);

export const exchangeRates = pgTable(
  'exchange_rates',
  {
    accountId: accountId(),
    date: instant('date').notNull(),
    currency: text('currency').notNull(),
    /** Exact decimal as written, e.g. "1.0825". */
    rate: text('rate').notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.currency, t.date] })],
);

/**
 * Connected subscriptions (POST /v1/customers/{cus}/connect_subscriptions): each member names
 * the subscription whose history it continues (the group's first). Kept apart from the billing
 * rows so /sync never drops a connection made through /v1.
 */
export const subscriptionConnections = pgTable(
  'subscription_connections',
  {
    accountId: accountId(),
    customerId: uuid('customer_id').notNull().references(() => customers.id, { onDelete: 'cascade' }),
    dataSourceId: uuid('data_source_id').notNull(),
    subscriptionExternalId: text('subscription_external_id').notNull(),
    /** The subscription this one continues. */
    connectedToDataSourceId: uuid('connected_to_data_source_id').notNull(),
    connectedToExternalId: text('connected_to_external_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.dataSourceId, t.subscriptionExternalId] }),
    index('subscription_connections_customer').on(t.customerId),
  ],
);

/**
 * One merge of a customer into another (POST /v1/customers/merges), kept so it can be undone
 * (POST /v1/customers/unmerges): the merged customer's row as it was and the rows that moved.
 */
export const customerMerges = pgTable(
  'customer_merges',
  {
    id: id(),
    accountId: accountId(),
    intoCustomerId: uuid('into_customer_id').notNull().references(() => customers.id, { onDelete: 'cascade' }),
    /** The merged customer's id, given back on unmerge so its cus_ UUID stays the same. */
    fromCustomerId: uuid('from_customer_id').notNull(),
    fromDataSourceId: uuid('from_data_source_id').notNull(),
    fromExternalId: text('from_external_id').notNull(),
    /** The merged customer's row (every column) before the merge. */
    fromCustomer: jsonb('from_customer').$type<Record<string, unknown>>().notNull(),
    /** Ids of the rows that moved, per table name. */
    moved: jsonb('moved').$type<Record<string, string[]>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('customer_merges_into').on(t.intoCustomerId)],
);

/**
 * The European Central Bank's daily reference rates, for every account (METRICS.md section 1's
 * exchange rates, unless an account loads its own): units of `currency` per 1 EUR on `date`.
 */
export const referenceRates = pgTable(
  'reference_rates',
  {
    currency: text('currency').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    /** Exact decimal as published, e.g. "1.0921". */
    perEur: text('per_eur').notNull(),
  },
  (t) => [primaryKey({ columns: [t.currency, t.date] })],
);

/** When the reference rates were last fetched, from where, and up to which day. */
export const referenceRateUpdates = pgTable('reference_rate_updates', {
  source: text('source').primaryKey(),
  url: text('url').notNull(),
  fetchedAt: instant('fetched_at').notNull(),
  latestDate: date('latest_date', { mode: 'string' }),
  rows: integer('rows').notNull(),
});

/** POST /v1/data_sources/{ds}/json_imports: a bulk import run after the answer. */
export const jsonImports = pgTable(
  'json_imports',
  {
    id: id(),
    accountId: accountId(),
    dataSourceId: dataSourceId(),
    /** `queued`, `processing`, `completed` or `failed` (ChartMogul's statuses). */
    status: text('status').notNull(),
    /** The request body as received; cleared once it has been imported. */
    payload: jsonb('payload').$type<Record<string, unknown>>(),
    /** Per dataset: how many rows were accepted and which were rejected, with why. */
    result: jsonb('result').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
    updatedAt: instant('updated_at').notNull().default(sql`now()`),
  },
  (t) => [index('json_imports_account').on(t.accountId)],
);

/** POST /v1/activities_export: a CSV of activities produced after the answer. */
export const activityExports = pgTable(
  'activity_exports',
  {
    id: id(),
    accountId: accountId(),
    /** `pending`, `processing`, `succeeded` or `failed` (ChartMogul's statuses). */
    status: text('status').notNull(),
    params: jsonb('params').$type<Record<string, unknown>>().notNull(),
    csv: text('csv'),
    error: text('error'),
    createdAt: createdAt(),
    updatedAt: instant('updated_at').notNull().default(sql`now()`),
    expiresAt: instant('expires_at').notNull(),
  },
  (t) => [index('activity_exports_account').on(t.accountId)],
);

/**
 * Customers whose stored data changed through /sync since their derived data was computed;
 * the next read recomputes them first. customer_external_id NULL means the whole data source.
 */
export const dirtyCustomers = pgTable(
  'dirty_customers',
  {
    accountId: accountId(),
    dataSourceId: dataSourceId(),
    customerExternalId: text('customer_external_id'),
  },
  (t) => [
    unique('dirty_customers_unique').on(t.accountId, t.dataSourceId, t.customerExternalId).nullsNotDistinct(),
  ],
);

// ---- Derived data: rewritten by the engine for the customers a write touched ----
// No foreign keys here either: a recompute of every customer writes hundreds of thousands
// of rows, and a key's trigger per row cost more than the rest of the write. Deleting a
// customer or a data source deletes its derived rows in code (api/store/delete.ts).

export const subscriptions = pgTable(
  'subscriptions',
  {
    id: id(),
    accountId: bulkAccountId(),
    dataSourceId: bulkDataSourceId(),
    customerId: uuid('customer_id').notNull(),
    externalId: text('external_id').notNull(),
    setExternalId: text('set_external_id'),
    planExternalId: text('plan_external_id'),
    currency: text('currency').notNull(),
    status: text('status').notNull(),
    mrr: total('mrr').notNull(),
    quantity: total('quantity').notNull(),
    startedAt: instant('started_at').notNull(),
    paidThrough: instant('paid_through'),
    cancelledAt: instant('cancelled_at'),
    manual: boolean('manual').notNull().default(false),
  },
  (t) => [
    uniqueIndex('subscriptions_source_external').on(t.dataSourceId, t.externalId),
    index('subscriptions_customer').on(t.customerId),
    index('subscriptions_account').on(t.accountId),
  ],
);

export const movements = pgTable(
  'movements',
  {
    id: id(),
    accountId: bulkAccountId(),
    dataSourceId: bulkDataSourceId(),
    customerId: uuid('customer_id').notNull(),
    /**
     * The customer's external ID as the recompute that wrote the movement had it (every change
     * of it recomputes the customer): lists of movements are ordered by it at one instant, and
     * read in that order from movements_account_order without joining the customers.
     */
    customerExternalId: text('customer_external_id').notNull(),
    subscriptionExternalId: text('subscription_external_id').notNull(),
    at: instant('at').notNull(),
    type: text('type').notNull(),
    amount: total('amount').notNull(),
    customerMrrAfter: total('customer_mrr_after').notNull(),
    /** The plan in force of its subscription at the movement (METRICS.md section 11), as the engine had it. */
    planExternalId: text('plan_external_id'),
    /** Order of movements at one instant. */
    position: integer('position').notNull().default(0),
  },
  // The order of activities and /sync/results' movements: (instant, customer external ID, position, ID).
  (t) => [index('movements_account_order').on(t.accountId, t.at, t.customerExternalId, t.position, t.id), index('movements_customer').on(t.customerId)],
);

/**
 * A customer's figures as of the computed day (the engine's CustomerFigures and net payments:
 * what its customer row says) and what the series needs of it (the engine's SeriesInputsRow).
 * JSON lists here are json, not jsonb: written whole by every recompute and read whole, never
 * queried inside, so the text is kept as written (about half the cost of jsonb both ways).
 */
export const customerMetrics = pgTable(
  'customer_metrics',
  {
    customerId: uuid('customer_id').primaryKey(),
    accountId: bulkAccountId(),
    status: text('status').notNull(),
    mrr: total('mrr').notNull(),
    subscriberSince: instant('subscriber_since'),
    netPayments: total('net_payments').notNull(),
    subscriptions: integer('subscriptions').notNull(),
    quantity: total('quantity').notNull(),
    inputs: json('inputs').$type<SeriesInputsRow>().notNull(),
  },
  (t) => [index('customer_metrics_account').on(t.accountId)],
);

/**
 * A customer's revenue recognition schedule and transactions as the engine listed them
 * (shared/engine/revenue.ts, transactions.ts) as of the computed day, each list stored one
 * array per field (rows without the customer they belong to; a transaction's instant in epoch
 * ms): the profile and /sync/results' revenue and transactions lists. One row per customer,
 * with the lists' lengths beside them so a page across customers is found without reading the
 * lists.
 */
export const customerLedgers = pgTable(
  'customer_ledgers',
  {
    customerId: uuid('customer_id').primaryKey().references(() => customers.id, { onDelete: 'cascade' }),
    accountId: bulkAccountId(),
    revenue: json('revenue').$type<{ month: string[]; amount: number[] }>().notNull(),
    revenueCount: integer('revenue_count').notNull(),
    transactions: json('transactions').$type<{
      invoice_external_id: string[];
      external_id: (string | null)[];
      at: number[];
      type: TransactionRow['type'][];
      result: TransactionRow['result'][];
      amount: number[];
    }>().notNull(),
    transactionCount: integer('transaction_count').notNull(),
  },
  (t) => [index('customer_ledgers_account').on(t.accountId)],
);
