/**
 * Cross-dataset checks of a batch (/sync rows, /v1 imports) against what the data source
 * already holds: the batch's parents come from the database, and the shared checkReferences
 * (the same rules as `mogul report`) decides. Only the batch's own rows are reported.
 */
import {
  checkReferences, formatDate, parsedTable, type DatasetName, type DatasetRecords, type ParsedDatasets, type RowError,
  type Settings,
} from '../../shared/index.ts';
import type { Tx } from '../db/client.ts';
import { addReferenceRates, type ReferenceExplanation } from '../rates/account-rates.ts';
import { loadOwnerLines, loadRecords } from '../store/load.ts';
import { rowKeys } from '../store/row-key.ts';
import { unique } from './affected.ts';
import { invoiceMovesSplittingSubscriptions } from './invoice-moves.ts';

type AnyRecord = DatasetRecords[DatasetName];

/** Stored rows get negative row numbers so their errors are told apart from the batch's. */
function stored<R extends { row: number }>(records: R[]): R[] {
  records.forEach((r, i) => (r.row = -(i + 1)));
  return records;
}

export interface BatchCheck {
  /** Errors of the batch's own rows. */
  errors: RowError[];
  /**
   * Customer of each stored invoice the check read (the batch's invoices among them). For an
   * invoices batch it holds every stored invoice the batch names, as it was before the batch.
   */
  invoiceCustomers: ReadonlyMap<string, string>;
}

export async function checkBatchReferences(
  tx: Tx,
  dataset: DatasetName,
  batch: AnyRecord[],
  scope: { accountId: string; dataSourceId: string },
  settings: Settings,
  asOfEnd: number,
): Promise<BatchCheck> {
  const invoiceCustomers = new Map<string, string>();
  if (batch.length === 0) return { errors: [], invoiceCustomers };
  const base = { accountId: scope.accountId, dataSourceId: scope.dataSourceId };
  const parsed: ParsedDatasets = {};
  const put = <N extends DatasetName>(name: N, records: DatasetRecords[N][]) => {
    (parsed as Record<string, unknown>)[name] = parsedTable(records);
  };
  const field = (name: string) => batch.map((r) => (r as unknown as Record<string, string | null>)[name]);

  const plans = () => loadRecords(tx, 'plans', base).then(stored);
  const rates = () => loadRecords(tx, 'exchange_rates', { accountId: scope.accountId }).then(stored);
  const customersById = (ids: string[]) =>
    loadRecords(tx, 'customers', { ...base, column: 'external_id', values: ids, bulk: true }).then(stored);

  /**
   * Each subscription's owner line among the stored ones (its earliest subscription line, then
   * lowest invoice ID, as checkReferences decides ownership), with its invoice and customer,
   * plus the invoices named in `extraInvoices`. One line per subscription is all the rules need,
   * however long its history; stored rows the batch replaces (`replacedKeys`) do not count.
   */
  async function subscriptionContext(subscriptionIds: string[], extraInvoices: string[] = [], replacedKeys: string[] = []) {
    const lines = stored(await loadOwnerLines(tx, base, subscriptionIds, replacedKeys));
    const invoices = stored(await loadRecords(tx, 'invoices', {
      ...base, column: 'external_id', values: unique([...lines.map((l) => l.invoiceExternalId), ...extraInvoices]), bulk: true,
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
      return { errors: [], invoiceCustomers }; // no references
    case 'contacts':
    case 'invoices':
      put('customers', await customersById(unique(field('customerExternalId'))));
      put('exchange_rates', await rates());
      put(dataset, batch as never);
      break;
    case 'line_items': {
      const replaced = rowKeys('line_items', batch as unknown as Record<string, unknown>[]);
      const ctx = await subscriptionContext(unique(field('subscriptionExternalId')), unique(field('invoiceExternalId')), replaced);
      put('customers', ctx.customers);
      put('invoices', ctx.invoices);
      put('plans', await plans());
      put('exchange_rates', await rates());
      put('line_items', [...ctx.lines, ...(batch as DatasetRecords['line_items'][])]);
      break;
    }
    case 'transactions': {
      put('invoices', stored(await loadRecords(tx, 'invoices', { ...base, column: 'external_id', values: unique(field('invoiceExternalId')), bulk: true })));
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
      const events = await loadRecords(tx, 'subscription_events', { ...base, column: 'customer_external_id', values: customerIds, bulk: true });
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
      const manual = await loadRecords(tx, 'manual_subscriptions', { ...base, column: 'customer_external_id', values: customerIds, bulk: true });
      put('manual_subscriptions', await withStored('manual_subscriptions', manual));
      break;
    }
  }
  for (const invoice of (parsed.invoices?.records ?? []) as DatasetRecords['invoices'][]) {
    if (invoice.row < 0) invoiceCustomers.set(invoice.externalId, invoice.customerExternalId);
  }
  // Rates: the account's own and the server's reference rates of the currencies in play.
  const explain = parsed.exchange_rates ? await addReferenceRates(tx, parsed, settings.base_currency) : null;
  const { errors: checked, takeovers } = dataset === 'line_items'
    ? checkRefusingTakeovers(parsed, settings, asOfEnd)
    : { errors: checkReferences(parsed, settings, { asOfEnd }).errors, takeovers: [] };
  const errors = explain ? checked.map((e) => withRateHelp(e, explain)) : checked;
  const own = [...errors, ...takeovers]
    .filter((e) => e.dataset === dataset && e.row > 0)
    .map((e) => ({ ...e, message: e.message.replace(/\(([a-z_]+) row -\d+\)/g, '(stored earlier)') }));
  let splits: RowError[] = [];
  if (dataset === 'invoices') {
    const moves = await invoiceMovesSplittingSubscriptions(tx, base, batch as DatasetRecords['invoices'][]);
    splits = moves.errors;
    for (const [invoice, customer] of moves.storedCustomers) invoiceCustomers.set(invoice, customer);
  }
  return { errors: [...own, ...splits, ...linesOfUnpricedInvoices(dataset, batch, parsed, errors)], invoiceCustomers };
}

/**
 * checkReferences over stored owner lines plus the batch's lines, where no batch line may take
 * a subscription over from its stored lines. A batch line earlier than a subscription's stored
 * owner line becomes the owner; if its customer or currency differs, the stored owner line (and
 * with it every stored line of the subscription) fails, and as a stored row its error would not
 * be reported: the next recompute would leave those lines out without a word. Such a batch line
 * is refused instead, and the rules run again without it (another batch line may then be the
 * earliest, or the batch's other lines of the subscription may now fail against the stored
 * owner), until no stored line fails for a batch line's sake. Lines moving a whole subscription
 * at once (every stored line re-sent) take nothing over: the stored lines they replace do not count.
 */
function checkRefusingTakeovers(parsed: ParsedDatasets, settings: Settings, asOfEnd: number): { errors: RowError[]; takeovers: RowError[] } {
  const all = parsed.line_items!.records as DatasetRecords['line_items'][];
  const invoices = new Map(((parsed.invoices?.records ?? []) as DatasetRecords['invoices'][]).map((i) => [i.externalId, i]));
  const storedLines = new Map(all.filter((l) => l.row < 0).map((l) => [l.row, l]));
  const byRow = new Map(all.filter((l) => l.row > 0).map((l) => [l.row, l]));
  const refused = new Set<number>();
  const takeovers: RowError[] = [];
  for (;;) {
    const checked = checkReferences(parsed, settings, { asOfEnd });
    const found = new Map<number, DatasetRecords['line_items']>(); // batch row -> the stored owner line it overtakes
    for (const [row, ownerRow] of checked.ownerRows) {
      const storedLine = storedLines.get(row);
      if (storedLine && byRow.has(ownerRow) && !found.has(ownerRow)) found.set(ownerRow, storedLine);
    }
    if (found.size === 0) return { errors: checked.errors, takeovers };
    for (const [row, storedLine] of found) {
      refused.add(row);
      takeovers.push(takeoverError(byRow.get(row)!, storedLine, invoices));
    }
    parsed.line_items = parsedTable(all.filter((l) => !refused.has(l.row)));
  }
}

function takeoverError(
  line: DatasetRecords['line_items'],
  storedLine: DatasetRecords['line_items'],
  invoices: ReadonlyMap<string, DatasetRecords['invoices']>,
): RowError {
  const mine = invoices.get(line.invoiceExternalId)!;
  const theirs = invoices.get(storedLine.invoiceExternalId)!;
  const s = line.subscriptionExternalId!;
  const stored = `its stored lines from ${formatDate(storedLine.servicePeriodStart!)} on`;
  const why = 'it would take the subscription over and leave those lines out; send the subscription\'s lines together ' +
    'to move it, or correct this line';
  return mine.customerExternalId !== theirs.customerExternalId
    ? {
      dataset: 'line_items', row: line.row, column: 'Subscription external ID', value: s,
      message: `Subscription '${s}' belongs to customer '${theirs.customerExternalId}' (${stored}); this line of ` +
        `customer '${mine.customerExternalId}' starts earlier: ${why}`,
    }
    : {
      dataset: 'line_items', row: line.row, column: 'Invoice external ID', value: line.invoiceExternalId,
      message: `Subscription '${s}' is billed in ${theirs.currency} (${stored}); invoice '${line.invoiceExternalId}' is in ` +
        `${mine.currency} and this line starts earlier: ${why}`,
    };
}

const NO_RATE = /^No ([A-Z]{3}) exchange rate on or before (\d{4}-\d{2}-\d{2})([^:]*): add one to Exchange Rates/;

/** A missing exchange rate's error says why the reference rates have none, and how to get one. */
function withRateHelp(error: RowError, explain: ReferenceExplanation): RowError {
  const message = error.message.replace(NO_RATE, (_, currency: string, day: string, purpose: string) =>
    `No ${currency} exchange rate on or before ${day}${purpose}: ${explain(currency)} and the account none of its own: ` +
      'add one to Exchange Rates through /sync');
  return message === error.message ? error : { ...error, message };
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
