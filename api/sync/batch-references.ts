/**
 * Cross-dataset checks of a /sync batch against what the data source already holds: the
 * batch's parents come from the database, and the shared checkReferences (the same rules as
 * `mogul report`) decides. Only the batch's own rows are reported.
 */
import {
  checkReferences, parsedTable, type DatasetName, type DatasetRecords, type ParsedDatasets, type RowError,
  type Settings,
} from '../../shared/index.ts';
import type { Tx } from '../db/client.ts';
import { loadRecords } from '../store/load.ts';
import { rowKeys } from '../store/row-key.ts';
import { unique } from './affected.ts';

type AnyRecord = DatasetRecords[DatasetName];

/** Stored rows get negative row numbers so their errors are told apart from the batch's. */
function stored<R extends { row: number }>(records: R[]): R[] {
  records.forEach((r, i) => (r.row = -(i + 1)));
  return records;
}

export async function checkBatchReferences(
  tx: Tx,
  dataset: DatasetName,
  batch: AnyRecord[],
  scope: { accountId: string; dataSourceId: string },
  settings: Settings,
  asOfEnd: number,
): Promise<RowError[]> {
  if (batch.length === 0) return [];
  const base = { accountId: scope.accountId, dataSourceId: scope.dataSourceId };
  const parsed: ParsedDatasets = {};
  const put = <N extends DatasetName>(name: N, records: DatasetRecords[N][]) => {
    (parsed as Record<string, unknown>)[name] = parsedTable(records);
  };
  const field = (name: string) => batch.map((r) => (r as unknown as Record<string, string | null>)[name]);

  const plans = () => loadRecords(tx, 'plans', base).then(stored);
  const rates = () => loadRecords(tx, 'exchange_rates', { accountId: scope.accountId }).then(stored);
  const customersById = (ids: string[]) =>
    loadRecords(tx, 'customers', { ...base, column: 'external_id', values: ids }).then(stored);

  /** Lines of these subscriptions already stored, with their invoices and customers. */
  async function subscriptionContext(subscriptionIds: string[], extraInvoices: string[] = []) {
    const lines = stored(await loadRecords(tx, 'line_items', { ...base, column: 'subscription_external_id', values: subscriptionIds }));
    const invoices = stored(await loadRecords(tx, 'invoices', {
      ...base, column: 'external_id', values: unique([...lines.map((l) => l.invoiceExternalId), ...extraInvoices]),
    }));
    const customers = await customersById(unique(invoices.map((i) => i.customerExternalId)));
    return { lines, invoices, customers };
  }

  /** The batch's rows plus the stored rows of the same dataset it does not replace. */
  async function withStored<N extends DatasetName>(name: N, others: DatasetRecords[N][]) {
    const keys = new Set(rowKeys(name, batch as unknown as Record<string, unknown>[]));
    const kept = others.filter((r, i) => !keys.has(rowKeys(name, [r as unknown as Record<string, unknown>])[0] ?? String(i)));
    return [...stored(kept), ...(batch as DatasetRecords[N][])];
  }

  switch (dataset) {
    case 'customers':
    case 'plans':
    case 'exchange_rates':
      return []; // no references
    case 'contacts':
    case 'invoices':
      put('customers', await customersById(unique(field('customerExternalId'))));
      put('exchange_rates', await rates());
      put(dataset, batch as never);
      break;
    case 'line_items': {
      const invoiceIds = unique(field('invoiceExternalId'));
      const ctx = await subscriptionContext(unique(field('subscriptionExternalId')), invoiceIds);
      put('customers', ctx.customers);
      put('invoices', ctx.invoices);
      put('plans', await plans());
      put('exchange_rates', await rates());
      put('line_items', await withStored('line_items', ctx.lines));
      break;
    }
    case 'transactions': {
      put('invoices', stored(await loadRecords(tx, 'invoices', { ...base, column: 'external_id', values: unique(field('invoiceExternalId')) })));
      put('customers', await customersById(unique((parsed.invoices!.records as DatasetRecords['invoices'][]).map((i) => i.customerExternalId))));
      put('exchange_rates', await rates());
      put('transactions', batch as never);
      break;
    }
    case 'cancellations': {
      const ctx = await subscriptionContext(unique(field('subscriptionExternalId')));
      put('customers', ctx.customers);
      put('invoices', ctx.invoices);
      put('plans', await plans());
      put('exchange_rates', await rates());
      put('line_items', ctx.lines);
      put('cancellations', batch as never);
      break;
    }
    case 'subscription_events': {
      const customerIds = unique(field('customerExternalId'));
      const ctx = await subscriptionContext(unique(field('subscriptionExternalId')));
      put('customers', await customersById(unique([...customerIds, ...ctx.customers.map((c) => c.externalId)])));
      put('invoices', ctx.invoices);
      put('plans', await plans());
      put('exchange_rates', await rates());
      put('line_items', ctx.lines);
      const events = await loadRecords(tx, 'subscription_events', { ...base, column: 'customer_external_id', values: customerIds });
      put('subscription_events', await withStored('subscription_events', events));
      break;
    }
    case 'manual_subscriptions': {
      const customerIds = unique(field('customerExternalId'));
      const ctx = await subscriptionContext(unique(field('subscriptionExternalId')));
      put('customers', await customersById(customerIds));
      put('invoices', ctx.invoices);
      put('plans', await plans());
      put('exchange_rates', await rates());
      put('line_items', ctx.lines);
      const manual = await loadRecords(tx, 'manual_subscriptions', { ...base, column: 'customer_external_id', values: customerIds });
      put('manual_subscriptions', await withStored('manual_subscriptions', manual));
      break;
    }
  }
  const { errors } = checkReferences(parsed, settings, { asOfEnd });
  const own = errors
    .filter((e) => e.dataset === dataset && e.row > 0)
    .map((e) => ({ ...e, message: e.message.replace(/\(([a-z_]+) row -\d+\)/g, '(stored earlier)') }));
  return [...own, ...linesOfUnpricedInvoices(dataset, batch, parsed, errors)];
}

/**
 * A stored invoice without an exchange rate for the day a batch line prices it on leaves
 * that line out; the line is told why (the invoice's own error names the day).
 */
function linesOfUnpricedInvoices(
  dataset: DatasetName,
  batch: AnyRecord[],
  parsed: ParsedDatasets,
  errors: RowError[],
): RowError[] {
  if (dataset !== 'line_items' && dataset !== 'transactions') return [];
  const storedInvoices = (parsed.invoices?.records ?? []) as DatasetRecords['invoices'][];
  const reasons = new Map<string, string>();
  for (const e of errors) {
    if (e.dataset !== 'invoices' || e.column !== 'Currency' || e.row > 0) continue;
    const invoice = storedInvoices.find((i) => i.row === e.row);
    if (invoice) reasons.set(invoice.externalId, e.message);
  }
  return (batch as { row: number; invoiceExternalId: string }[])
    .filter((r) => reasons.has(r.invoiceExternalId))
    .map((r) => ({
      dataset,
      row: r.row,
      column: 'Invoice external ID',
      value: r.invoiceExternalId,
      message: `Invoice '${r.invoiceExternalId}': ${reasons.get(r.invoiceExternalId)}`,
    }));
}
