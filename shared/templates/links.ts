/**
 * References of validated billing data resolved to array positions, once. The engine joins
 * line items and transactions to their invoices, and lines to their subscriptions, through
 * these integer arrays instead of string-keyed lookups on every pass.
 */
import { forEachRecord, type Records } from './records.ts';
import type { InvoiceRecord, LineItemRecord, TransactionRecord } from './specs/index.ts';

export interface BillingLinks {
  /** Per line item: index of its invoice in `invoices`. */
  lineInvoice: Int32Array;
  /** Per line item: its subscription's number (index into subscriptionIds); -1 for one-time lines. */
  lineSubscription: Int32Array;
  /** Subscription external IDs in order of first appearance. */
  subscriptionIds: string[];
  /** Per transaction: index of its invoice in `invoices`. */
  transactionInvoice: Int32Array;
}

export interface LinkableData {
  invoices: Records<InvoiceRecord>;
  lineItems: Records<LineItemRecord>;
  transactions: Records<TransactionRecord>;
}

/**
 * Resolves every reference; throws on a dangling one (validated data has none). `known` is the
 * invoices' index by external ID when the caller has it already.
 */
export function linkBillingData(data: LinkableData, known?: { get(id: string): number | undefined }): BillingLinks {
  let invoiceIndex = known;
  if (invoiceIndex === undefined) {
    const index = new Map<string, number>();
    forEachRecord(data.invoices, (inv, i) => index.set(inv.externalId, i));
    invoiceIndex = index;
  }
  const invoices = invoiceIndex;
  const find = (id: string) => {
    const i = invoices.get(id);
    if (i === undefined) throw new Error(`Invoice '${id}' is not in the data`);
    return i;
  };
  const subscriptionNumber = new Map<string, number>();
  const subscriptionIds: string[] = [];
  const lineInvoice = new Int32Array(data.lineItems.length);
  const lineSubscription = new Int32Array(data.lineItems.length);
  forEachRecord(data.lineItems, (line, i) => {
    lineInvoice[i] = find(line.invoiceExternalId);
    const id = line.subscriptionExternalId;
    if (line.type !== 'subscription' || id === null) {
      lineSubscription[i] = -1;
      return;
    }
    let n = subscriptionNumber.get(id);
    if (n === undefined) {
      n = subscriptionIds.length;
      subscriptionNumber.set(id, n);
      subscriptionIds.push(id);
    }
    lineSubscription[i] = n;
  });
  const transactionInvoice = new Int32Array(data.transactions.length);
  forEachRecord(data.transactions, (t, i) => (transactionInvoice[i] = find(t.invoiceExternalId)));
  return { lineInvoice, lineSubscription, subscriptionIds, transactionInvoice };
}
