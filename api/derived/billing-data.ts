/**
 * Loads one data source's billing data (all of it, or the part about some customers) and
 * validates it with the shared checks, giving the engine what `mogul report` would give it.
 */
import {
  checkReferences, parsedTable, type BillingData, type DatasetName, type ParsedDatasets, type Settings,
} from '../../shared/index.ts';
import type { Tx } from '../db/client.ts';
import { addReferenceRates } from '../rates/account-rates.ts';
import { loadRecords } from '../store/load.ts';
import { connectionsOfScope } from '../store/subscription-connections.ts';

export interface Scope {
  accountId: string;
  dataSourceId: string;
  /** Customer external IDs, or null for the whole data source. */
  customers: readonly string[] | null;
}

export async function loadParsed(tx: Tx, scope: Scope): Promise<ParsedDatasets> {
  const base = { accountId: scope.accountId, dataSourceId: scope.dataSourceId, bulk: true };
  const byCustomer = scope.customers === null ? {} : { values: scope.customers };
  const customers = await loadRecords(tx, 'customers', { ...base, column: 'external_id', ...byCustomer });
  const invoices = await loadRecords(tx, 'invoices', {
    ...base, column: 'customer_external_id', ...byCustomer, where: "status = 'active' AND NOT disabled",
  });
  const invoiceIds = scope.customers === null ? {} : { column: 'invoice_external_id', values: invoices.map((i) => i.externalId) };
  // A disabled invoice, line or transaction (or event) counts nowhere; it stays stored to be enabled again.
  const enabled = { where: 'NOT disabled' };
  const lineItems = await loadRecords(tx, 'line_items', { ...base, ...invoiceIds, ...enabled });
  const transactions = await loadRecords(tx, 'transactions', { ...base, ...invoiceIds, ...enabled });
  const subscriptionIds = [...new Set(lineItems.map((l) => l.subscriptionExternalId).filter((s) => s !== null))] as string[];
  const bySubscription = scope.customers === null ? {} : { column: 'subscription_external_id', values: subscriptionIds };
  const cancellations = await loadRecords(tx, 'cancellations', { ...base, ...bySubscription });
  const customerRows = scope.customers === null ? {} : { column: 'customer_external_id', values: scope.customers };
  const subscriptionEvents = await loadRecords(tx, 'subscription_events', { ...base, ...customerRows, ...enabled });
  const manualSubscriptions = await loadRecords(tx, 'manual_subscriptions', { ...base, ...customerRows });
  const plans = await loadRecords(tx, 'plans', base);
  const exchangeRates = await loadRecords(tx, 'exchange_rates', { accountId: scope.accountId, bulk: true });
  const parsed: ParsedDatasets = {
    customers: parsedTable(customers),
    plans: parsedTable(plans),
    invoices: parsedTable(invoices),
    line_items: parsedTable(lineItems),
    transactions: parsedTable(transactions),
    cancellations: parsedTable(cancellations),
    subscription_events: parsedTable(subscriptionEvents),
    manual_subscriptions: parsedTable(manualSubscriptions),
    exchange_rates: parsedTable(exchangeRates),
  } satisfies Partial<Record<DatasetName, unknown>>;
  return parsed;
}

/** Stored data passed its checks when written; the shared checks also resolve its links. */
export async function loadBillingData(tx: Tx, scope: Scope, settings: Settings, asOfEnd: number): Promise<BillingData> {
  const parsed = await loadParsed(tx, scope);
  await addReferenceRates(tx, parsed, settings.base_currency);
  const data = checkReferences(parsed, settings, { asOfEnd }).data;
  return { ...data, subscriptionConnections: await connectionsOfScope(tx, scope) };
}
