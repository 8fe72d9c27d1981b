import type { DatasetName } from '../datasets.ts';
import type { DatasetSpec } from '../spec.ts';
import { cancellationsSpec, type CancellationRecord } from './cancellations.ts';
import { contactsSpec, type ContactRecord } from './contacts.ts';
import { customersSpec, type CustomerRecord } from './customers.ts';
import { exchangeRatesSpec, type ExchangeRateRecord } from './exchange-rates.ts';
import { invoicesSpec, type InvoiceRecord } from './invoices.ts';
import { lineItemsSpec, type LineItemRecord } from './line-items.ts';
import { manualSubscriptionsSpec, type ManualSubscriptionRecord } from './manual-subscriptions.ts';
import { plansSpec, type PlanRecord } from './plans.ts';
import { subscriptionEventsSpec, type SubscriptionEventRecord } from './subscription-events.ts';
import { transactionsSpec, type TransactionRecord } from './transactions.ts';

/** The parsed record type of each dataset. */
export interface DatasetRecords {
  customers: CustomerRecord;
  contacts: ContactRecord;
  plans: PlanRecord;
  invoices: InvoiceRecord;
  line_items: LineItemRecord;
  transactions: TransactionRecord;
  subscription_events: SubscriptionEventRecord;
  cancellations: CancellationRecord;
  manual_subscriptions: ManualSubscriptionRecord;
  exchange_rates: ExchangeRateRecord;
}

export const DATASET_SPECS: { [N in DatasetName]: DatasetSpec<DatasetRecords[N]> } = {
  customers: customersSpec,
  contacts: contactsSpec,
  plans: plansSpec,
  invoices: invoicesSpec,
  line_items: lineItemsSpec,
  transactions: transactionsSpec,
  subscription_events: subscriptionEventsSpec,
  cancellations: cancellationsSpec,
  manual_subscriptions: manualSubscriptionsSpec,
  exchange_rates: exchangeRatesSpec,
};

export type {
  CancellationRecord, ContactRecord, CustomerRecord, ExchangeRateRecord, InvoiceRecord, LineItemRecord,
  ManualSubscriptionRecord, PlanRecord, SubscriptionEventRecord, TransactionRecord,
};
