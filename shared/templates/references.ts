/**
 * Cross-dataset checks (DATA.md "Errors"): an invoice's customer, a line's invoice and plan,
 * a transaction's invoice, a cancellation's subscription, exchange rates for foreign
 * invoices, one customer per subscription, and the manual-subscription rules. Rows that
 * fail are reported and left out; everything else is kept.
 */
import type { SubscriptionConnection } from '../engine/connections.ts';
import { RateTable } from '../engine/rates.ts';
import { formatDate } from '../time.ts';
import { linkBillingData, type BillingLinks } from './links.ts';
import { DATASET_NAMES, DATASET_TABS, type DatasetName } from './datasets.ts';
import type { Settings } from './settings.ts';
import { forEachRecord, keepRecords, recordAt, type Records } from './records.ts';
import type { DatasetRecords } from './specs/index.ts';
import { FirstRows, parsedTable, type ParsedColumns, type ParsedTable, type RowError } from './table.ts';

/** The datasets `mogul report` keeps in columns (records.ts); the others are arrays everywhere. */
export type ColumnDataset = 'invoices' | 'line_items' | 'transactions';

export type ParsedDatasets = { [N in DatasetName]?: ParsedTable<DatasetRecords[N]> };

/** ParsedDatasets whose invoices, line items and transactions may be kept in columns. */
export type ParsedColumnDatasets = {
  [N in DatasetName]?: N extends ColumnDataset ? ParsedColumns<DatasetRecords[N]> : ParsedTable<DatasetRecords[N]>;
};

/** Validated billing data of one data source: every reference resolves. */
export interface BillingData {
  /** References resolved to positions; computed on demand when absent. */
  links?: BillingLinks;
  customers: DatasetRecords['customers'][];
  contacts: DatasetRecords['contacts'][];
  plans: DatasetRecords['plans'][];
  invoices: DatasetRecords['invoices'][];
  lineItems: DatasetRecords['line_items'][];
  transactions: DatasetRecords['transactions'][];
  subscriptionEvents: DatasetRecords['subscription_events'][];
  cancellations: DatasetRecords['cancellations'][];
  manualSubscriptions: DatasetRecords['manual_subscriptions'][];
  exchangeRates: DatasetRecords['exchange_rates'][];
  /** Subscriptions walked as one (engine/connections.ts); the API's connect_subscriptions stores them. */
  subscriptionConnections?: readonly SubscriptionConnection[];
}

/** BillingData whose invoices, line items and transactions may be columns (records.ts): what the engine reads. */
export type BillingRecords = Omit<BillingData, 'invoices' | 'lineItems' | 'transactions'> & {
  invoices: Records<DatasetRecords['invoices']>;
  lineItems: Records<DatasetRecords['line_items']>;
  transactions: Records<DatasetRecords['transactions']>;
};

export interface ReferenceOptions {
  /** End of the as-of day; manual subscriptions may not start after it. */
  asOfEnd?: number;
}

export interface ReferenceCheck<D extends BillingRecords = BillingData> {
  data: D;
  errors: RowError[];
  /**
   * Each line refused by the one-customer, one-currency rule of subscriptions: its row, and the
   * row of the subscription's owner line it disagrees with.
   */
  ownerRows: ReadonlyMap<number, number>;
}

/** Datasets of row objects give billing data of row objects; columns stay columns. */
export function checkReferences(parsed: ParsedDatasets, settings: Settings, options?: ReferenceOptions): ReferenceCheck;
export function checkReferences(
  parsed: ParsedColumnDatasets, settings: Settings, options?: ReferenceOptions,
): ReferenceCheck<BillingRecords>;
export function checkReferences(
  parsed: ParsedColumnDatasets,
  settings: Settings,
  options: ReferenceOptions = {},
): ReferenceCheck<BillingRecords> {
  const errors: RowError[] = [];
  const table = <N extends DatasetName>(name: N): ParsedTable<DatasetRecords[N]> =>
    (parsed[name] as ParsedTable<DatasetRecords[N]> | undefined) ?? parsedTable<DatasetRecords[N]>([]);
  const big = <N extends ColumnDataset>(name: N): ParsedColumns<DatasetRecords[N]> =>
    (parsed[name] as ParsedColumns<DatasetRecords[N]> | undefined) ?? parsedTable<DatasetRecords[N]>([]);

  /** "Customer 'x' is not in Customers" or "… was rejected (customers row 3)". */
  function missing(what: string, id: string, parent: DatasetName): string {
    const row = table(parent).rejectedKeys.get(id);
    return row !== undefined
      ? `${what} '${id}' was rejected (${parent} row ${row})`
      : `${what} '${id}' is not in ${DATASET_TABS[parent]}`;
  }
  function fail(dataset: DatasetName, row: number, column: string, value: string, message: string): false {
    errors.push({ dataset, row, column, value, message });
    return false;
  }

  const customers = table('customers').records;
  const customerIds = new Set(customers.map((c) => c.externalId));
  const plans = table('plans').records;
  const planIds = new Set(plans.map((p) => p.externalId));

  const invoicesRead = big('invoices').records;
  // Positions, not records, are kept from pass to pass: a column's record is made anew on each
  // read (records.ts), and one position per line is all a later pass needs.
  const invoicesKnown = keepRecords(
    invoicesRead,
    (inv) =>
      customerIds.has(inv.customerExternalId) ||
      fail('invoices', inv.row, 'Customer external ID', inv.customerExternalId,
        missing('Customer', inv.customerExternalId, 'customers')),
  );
  // Positions by invoice ID; FirstRows keeps increasing IDs as numbers (5.8M invoices at tier L).
  let invoiceIndex: FirstRows | null = new FirstRows();
  forEachRecord(invoicesKnown, (inv, i) => invoiceIndex!.set(inv.externalId, i));
  const invoiceAt = (i: number) => recordAt(invoicesKnown, i);

  // Each line's invoice is looked up once (a position in invoicesKnown, per kept line); later
  // passes read it from this parallel array.
  const lineRecords = big('line_items').records;
  let lineInvoice = new Int32Array(lineRecords.length);
  let linesKept = 0;
  let lineItems = keepRecords(lineRecords, (line) => {
    const invoice = invoiceIndex!.get(line.invoiceExternalId);
    if (invoice === undefined)
      return fail('line_items', line.row, 'Invoice external ID', line.invoiceExternalId,
        missing('Invoice', line.invoiceExternalId, 'invoices'));
    if (line.type === 'subscription' && !planIds.has(line.planExternalId!))
      return fail('line_items', line.row, 'Plan', line.planExternalId!, missing('Plan', line.planExternalId!, 'plans'));
    lineInvoice[linesKept++] = invoice;
    return true;
  });
  lineInvoice = lineInvoice.subarray(0, linesKept);

  // One customer per subscription. The owner is the customer of the subscription's earliest
  // line (then lowest invoice ID), so the verdict does not depend on row order.
  const owner = new Map<string, { invoice: number; invoiceId: string; start: number; row: number }>();
  forEachRecord(lineItems, (line, i) => {
    if (line.type !== 'subscription') return;
    const current = owner.get(line.subscriptionExternalId!);
    const start = line.servicePeriodStart!;
    if (current && start > current.start) return;
    const invoiceId = line.invoiceExternalId;
    if (!current || start < current.start || invoiceId < current.invoiceId) {
      owner.set(line.subscriptionExternalId!, { invoice: lineInvoice[i], invoiceId, start, row: line.row });
    }
  });
  const ownerRows = new Map<number, number>();
  {
    const kept = new Int32Array(lineInvoice.length);
    let n = 0;
    lineItems = keepRecords(lineItems, (line, i) => {
      const index = lineInvoice[i];
      if (line.type === 'subscription') {
        const o = owner.get(line.subscriptionExternalId!)!;
        if (o.invoice !== index) {
          const invoice = invoiceAt(index);
          const ownInvoice = invoiceAt(o.invoice);
          if (invoice.customerExternalId !== ownInvoice.customerExternalId || invoice.currency !== ownInvoice.currency)
            ownerRows.set(line.row, o.row);
          if (invoice.customerExternalId !== ownInvoice.customerExternalId)
            return fail('line_items', line.row, 'Subscription external ID', line.subscriptionExternalId!,
              `Subscription '${line.subscriptionExternalId}' belongs to customer '${ownInvoice.customerExternalId}' ` +
                `(line_items row ${o.row}); one subscription cannot belong to two customers`);
          if (invoice.currency !== ownInvoice.currency)
            return fail('line_items', line.row, 'Invoice external ID', line.invoiceExternalId,
              `Subscription '${line.subscriptionExternalId}' is billed in ${ownInvoice.currency} (line_items row ${o.row}); ` +
                `invoice '${line.invoiceExternalId}' is in ${invoice.currency}`);
        }
      }
      kept[n++] = index;
      return true;
    });
    lineInvoice = kept.subarray(0, n);
  }
  owner.clear();

  // Foreign-currency invoices need a rate on or before the first day they are priced on.
  const rates = new RateTable(settings.base_currency, table('exchange_rates').records);
  const base = settings.base_currency;
  const pricedFrom = new Map<number, number>();
  const invoiceCurrency: string[] = [];
  const invoiceDate = new Float64Array(invoicesKnown.length);
  forEachRecord(invoicesKnown, (inv, i) => {
    invoiceCurrency.push(inv.currency);
    invoiceDate[i] = inv.date;
  });
  forEachRecord(lineItems, (line, i) => {
    const index = lineInvoice[i];
    if (invoiceCurrency[index] === base) return;
    const day = line.type === 'subscription' ? line.servicePeriodStart! : invoiceDate[index];
    pricedFrom.set(index, Math.min(pricedFrom.get(index) ?? day, day));
  });
  const unpriced = new Set<string>();
  let invoices = keepRecords(invoicesKnown, (inv, i) => {
    if (inv.currency === base) return true;
    const day = pricedFrom.get(i) ?? inv.date;
    if (rates.rateAt(inv.currency, day) !== null) return true;
    unpriced.add(inv.externalId);
    return fail('invoices', inv.row, 'Currency', inv.currency,
      `No ${inv.currency} exchange rate on or before ${formatDate(day)}: add one to Exchange Rates ` +
        `(this invoice's line items and transactions are left out until then)`);
  });
  if (unpriced.size > 0) {
    const kept = new Int32Array(lineInvoice.length);
    let n = 0;
    lineItems = keepRecords(lineItems, (line, i) => {
      if (unpriced.has(line.invoiceExternalId)) return false;
      kept[n++] = lineInvoice[i];
      return true;
    });
    lineInvoice = kept.subarray(0, n);
  }

  // A fee in another currency than its invoice converts at the rates on the line's first day
  // before it is deducted (METRICS.md section 2); without them the line cannot be priced.
  if (settings.transaction_fees === 'deduct') {
    const kept = new Int32Array(lineInvoice.length);
    let n = 0;
    lineItems = keepRecords(lineItems, (line, i) => {
      const index = lineInvoice[i];
      const currency = invoiceCurrency[index];
      const feeCurrency = line.transactionFeesCurrency;
      if (line.transactionFeesInCents && feeCurrency !== null && feeCurrency !== currency) {
        const day = line.servicePeriodStart ?? invoiceDate[index];
        const lacking = [feeCurrency, currency].find((c) => rates.rateAt(c, day) === null);
        if (lacking !== undefined)
          return fail('line_items', line.row, 'Transaction fees currency', feeCurrency,
            `No ${lacking} exchange rate on or before ${formatDate(day)} to convert this line's fee: add one to ` +
              `Exchange Rates (the line is left out until then)`);
      }
      kept[n++] = index;
      return true;
    });
    lineInvoice = kept.subarray(0, n);
  }

  // A transaction of an invoice left out for want of a rate goes with it, unreported. A payment
  // or refund converts at the rate in force on its own day (METRICS.md section 6).
  const transactions = keepRecords(big('transactions').records, (t) => {
    const index = invoiceIndex!.get(t.invoiceExternalId);
    if (index === undefined)
      return fail('transactions', t.row, 'Invoice external ID', t.invoiceExternalId, missing('Invoice', t.invoiceExternalId, 'invoices'));
    if (unpriced.has(t.invoiceExternalId)) return false;
    const currency = invoiceCurrency[index];
    if (t.result === 'successful' && rates.rateAt(currency, t.date) === null)
      return fail('transactions', t.row, 'Date', formatDate(t.date),
        `No ${currency} exchange rate on or before ${formatDate(t.date)}: add one to Exchange Rates ` +
          `(this transaction is left out of cash flow until then)`);
    return true;
  });

  const subscriptionOwner = new Map<string, string>();
  forEachRecord(lineItems, (line, i) => {
    if (line.type === 'subscription') subscriptionOwner.set(line.subscriptionExternalId!, invoiceAt(lineInvoice[i]).customerExternalId);
  });
  // The links need positions in the invoices kept; unless some were left out, those are invoicesKnown's.
  if (unpriced.size > 0) invoiceIndex = null;

  const cancellations = table('cancellations').records.filter((c) => {
    const o = subscriptionOwner.get(c.subscriptionExternalId);
    if (o === undefined)
      return fail('cancellations', c.row, 'Subscription external ID', c.subscriptionExternalId,
        `Subscription '${c.subscriptionExternalId}' has no subscription line items to cancel`);
    if (c.customerExternalId !== null && c.customerExternalId !== o)
      return fail('cancellations', c.row, 'Customer external ID', c.customerExternalId,
        `Subscription '${c.subscriptionExternalId}' belongs to customer '${o}', not '${c.customerExternalId}'`);
    return true;
  });

  /** Subscription events and manual subscriptions name a customer and, optionally, a plan. */
  function customerAndPlanExist(
    dataset: DatasetName,
    r: { row: number; customerExternalId: string; planExternalId: string | null },
  ): boolean {
    if (!customerIds.has(r.customerExternalId))
      return fail(dataset, r.row, 'Customer external ID', r.customerExternalId,
        missing('Customer', r.customerExternalId, 'customers'));
    if (r.planExternalId !== null && !planIds.has(r.planExternalId))
      return fail(dataset, r.row, 'Plan external ID', r.planExternalId, missing('Plan', r.planExternalId, 'plans'));
    return true;
  }

  const eventRecords = table('subscription_events').records;
  const eventIds = new Set(eventRecords.map((e) => e.externalId).filter((id) => id !== null));
  const subscriptionEvents = eventRecords.filter((e) => {
    if (!customerAndPlanExist('subscription_events', e)) return false;
    if (e.retractedEventId !== null && !eventIds.has(e.retractedEventId))
      return fail('subscription_events', e.row, 'Retracted event ID', e.retractedEventId,
        `No subscription event has External ID '${e.retractedEventId}'`);
    const o = e.subscriptionExternalId === null ? undefined : subscriptionOwner.get(e.subscriptionExternalId);
    if (o !== undefined && o !== e.customerExternalId)
      return fail('subscription_events', e.row, 'Subscription external ID', e.subscriptionExternalId!,
        `Subscription '${e.subscriptionExternalId}' belongs to customer '${o}', not '${e.customerExternalId}'`);
    return true;
  });

  const manualSubscriptions = checkManualSubscriptions(
    table('manual_subscriptions').records.filter((m) => {
      if (!customerAndPlanExist('manual_subscriptions', m)) return false;
      if (subscriptionOwner.has(m.subscriptionExternalId))
        return fail('manual_subscriptions', m.row, 'Subscription external ID', m.subscriptionExternalId,
          `Subscription '${m.subscriptionExternalId}' is already billed through invoices; use another ID`);
      if (m.currency !== null && rates.rateAt(m.currency, m.effectiveDate) === null)
        return fail('manual_subscriptions', m.row, 'Currency', m.currency,
          `No ${m.currency} exchange rate on or before ${formatDate(m.effectiveDate)}: add one to Exchange Rates`);
      return true;
    }),
    options.asOfEnd,
    fail,
  );

  const contacts = table('contacts').records.filter(
    (c) =>
      customerIds.has(c.customerExternalId) ||
      fail('contacts', c.row, 'Customer external ID', c.customerExternalId,
        missing('Customer', c.customerExternalId, 'customers')),
  );

  // concat, not push(...): a dataset may hold more errors than a call can take arguments.
  const allErrors = DATASET_NAMES.reduce<RowError[]>((all, name) => all.concat(table(name).errors), []).concat(errors);
  return {
    data: {
      customers, contacts, plans, invoices, lineItems, transactions, subscriptionEvents, cancellations,
      manualSubscriptions, exchangeRates: table('exchange_rates').records,
      links: linkBillingData({ invoices, lineItems, transactions }, invoiceIndex ?? undefined),
    },
    errors: sortErrors(allErrors),
    ownerRows,
  };
}

type Manual = DatasetRecords['manual_subscriptions'];
type Fail = (dataset: DatasetName, row: number, column: string, value: string, message: string) => false;

const MANUAL_ORDER = { subscription_start: 0, subscription_updated: 1, subscription_cancelled: 2 } as const;

/**
 * The rules of manual subscriptions (METRICS.md section 7): each starts before it is
 * updated or cancelled, never starts in the future, never restarts after a cancellation,
 * and a customer has at most one active at a time.
 */
function checkManualSubscriptions(rows: Manual[], asOfEnd: number | undefined, fail: Fail): Manual[] {
  const bySubscription = new Map<string, Manual[]>();
  for (const m of rows) {
    let list = bySubscription.get(m.subscriptionExternalId);
    if (!list) bySubscription.set(m.subscriptionExternalId, (list = []));
    list.push(m);
  }
  const rejected = new Set<Manual>();
  const spans: { id: string; customer: string; start: Manual; from: number; to: number }[] = [];
  for (const [id, list] of bySubscription) {
    list.sort(
      (a, b) => a.effectiveDate - b.effectiveDate || MANUAL_ORDER[a.eventType] - MANUAL_ORDER[b.eventType] ||
        a.date - b.date || a.row - b.row,
    );
    let state: 'none' | 'active' | 'cancelled' = 'none';
    let start: Manual | null = null;
    for (const m of list) {
      const reject = (column: string, value: string, message: string) => {
        rejected.add(m);
        fail('manual_subscriptions', m.row, column, value, message);
      };
      if (m.customerExternalId !== list[0].customerExternalId) {
        reject('Customer external ID', m.customerExternalId,
          `Subscription '${id}' belongs to customer '${list[0].customerExternalId}' (row ${list[0].row})`);
        continue;
      }
      if (m.eventType === 'subscription_start') {
        if (state === 'active') reject('Event Type', 'subscription_start', `Subscription '${id}' is already started (row ${start!.row})`);
        else if (state === 'cancelled')
          reject('Event Type', 'subscription_start',
            `Subscription '${id}' was cancelled and cannot restart; start a new one with another Subscription external ID`);
        else if (asOfEnd !== undefined && m.effectiveDate > asOfEnd)
          reject('Effective Date', formatDate(m.effectiveDate),
            `Effective Date ${formatDate(m.effectiveDate)} is in the future; a manual subscription cannot start before it begins`);
        else {
          state = 'active';
          start = m;
          spans.push({ id, customer: m.customerExternalId, start: m, from: m.effectiveDate, to: Infinity });
        }
      } else if (state !== 'active') {
        reject('Event Type', m.eventType,
          state === 'cancelled'
            ? `Subscription '${id}' is already cancelled`
            : `Subscription '${id}' needs a subscription_start on or before ${formatDate(m.effectiveDate)}`);
      } else if (m.eventType === 'subscription_cancelled') {
        state = 'cancelled';
        spans[spans.length - 1].to = m.effectiveDate;
      }
    }
  }
  // At most one active manual subscription per customer: a later overlapping one is refused.
  spans.sort((a, b) => a.from - b.from || a.start.row - b.start.row);
  const activeUntil = new Map<string, { id: string; to: number }>();
  const refused = new Set<string>();
  for (const span of spans) {
    const current = activeUntil.get(span.customer);
    if (current && current.to > span.from) {
      refused.add(span.id);
      fail('manual_subscriptions', span.start.row, 'Subscription external ID', span.id,
        `Customer '${span.customer}' already has an active manual subscription '${current.id}' on ` +
          `${formatDate(span.from)}; cancel it first`);
      continue;
    }
    activeUntil.set(span.customer, { id: span.id, to: span.to });
  }
  return rows.filter((m) => {
    if (rejected.has(m)) return false;
    if (!refused.has(m.subscriptionExternalId)) return true;
    if (m.eventType !== 'subscription_start')
      fail('manual_subscriptions', m.row, 'Subscription external ID', m.subscriptionExternalId,
        `Subscription '${m.subscriptionExternalId}' was refused at its start`);
    return false;
  });
}

const DATASET_RANK = new Map<string, number>([...DATASET_NAMES, 'settings'].map((n, i) => [n, i]));

export function sortErrors(errors: RowError[]): RowError[] {
  return errors.sort(
    (a, b) =>
      DATASET_RANK.get(a.dataset)! - DATASET_RANK.get(b.dataset)! || a.row - b.row || a.column.localeCompare(b.column),
  );
}
