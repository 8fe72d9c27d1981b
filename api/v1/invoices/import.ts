/**
 * POST /v1/import/customers/{cus}/invoices: invoices with their line items and transactions
 * (and a line's `cancelled_at`, a cancellation of its subscription) become template rows,
 * parsed and reference-checked exactly as /sync does, then stored in one transaction.
 */
import type { Tx } from '../../db/client.ts';
import { accountSettings } from '../../derived/recompute.ts';
import { checkAndStore, refuseStoredExternalIds, type WriteScope } from '../../ingest/batch-write.ts';
import { FieldErrors, parseRows, type ParsedRows } from '../../ingest/template-rows.ts';
import { setInvoiceExtras } from '../../store/invoices.ts';
import { nextPosition } from '../../store/record-write.ts';
import type { CustomerRef } from '../conventions/lookup.ts';
import { CANCELLATION_FIELDS } from '../subscriptions/cancel.ts';
import { TRANSACTION_FIELDS } from '../transactions/fields.ts';
import { INVOICE_FIELDS, LINE_ITEM_FIELDS } from './fields.ts';
import { batchInputs } from './inputs.ts';

/** Stores the invoices of one customer; their external IDs, in request order. */
export async function importInvoices(
  tx: Tx,
  accountId: string,
  customer: CustomerRef,
  body: Record<string, unknown>,
  today: number,
): Promise<string[]> {
  const errors = new FieldErrors();
  const inputs = await batchInputs(tx, accountId, customer, body, errors);
  errors.throwIfAny();

  const ds = customer.dataSourceId;
  const invoices = parseRows('invoices', INVOICE_FIELDS, inputs.invoices, await nextPosition(tx, 'invoices', ds), errors);
  const lines = parseRows('line_items', LINE_ITEM_FIELDS, inputs.lineItems, await nextPosition(tx, 'line_items', ds), errors);
  const transactions = parseRows('transactions', TRANSACTION_FIELDS, inputs.transactions, await nextPosition(tx, 'transactions', ds), errors);
  const cancellations = parseRows('cancellations', CANCELLATION_FIELDS, inputs.cancellations, await nextPosition(tx, 'cancellations', ds), errors);
  errors.throwIfAny();

  await refuseStoredExternalIds(tx, 'invoices', ds, invoices.records.map((r) => ({ input: invoices.inputOf(r), externalId: r.externalId })), errors, 'invoice');
  await refuseStoredExternalIds(tx, 'line_items', ds, lines.records.map((r) => ({ input: lines.inputOf(r), externalId: r.externalId })), errors, 'line item');
  await refuseStoredExternalIds(tx, 'transactions', ds, transactions.records.map((r) => ({ input: transactions.inputOf(r), externalId: r.externalId })), errors, 'transaction');
  errors.throwIfAny();

  const scope: WriteScope = { accountId, dataSourceId: ds, settings: await accountSettings(tx, accountId), today };
  // Parents first: each dataset is checked against what the previous steps stored.
  await checkAndStore(tx, 'invoices', invoices, scope, errors);
  await storeCollectionMethods(tx, accountId, ds, invoices);
  await checkAndStore(tx, 'line_items', lines, scope, errors);
  await checkAndStore(tx, 'transactions', transactions, scope, errors);
  await checkAndStore(tx, 'cancellations', cancellations, scope, errors);
  return invoices.records.map((r) => r.externalId);
}

/** Each invoice's `collection_method` (checked by batchInputs), kept beside its template columns. */
async function storeCollectionMethods(tx: Tx, accountId: string, dataSourceId: string, invoices: ParsedRows<'invoices'>): Promise<void> {
  for (const record of invoices.records) {
    const method = invoices.inputOf(record).body.collection_method;
    if (typeof method !== 'string') continue;
    await setInvoiceExtras(tx, accountId, { dataSourceId, externalId: record.externalId }, { collectionMethod: method });
  }
}
