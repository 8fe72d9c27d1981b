/**
 * Edits of a stored invoice through /v1 (ChartMogul's Update and Disable an Invoice): its
 * fields changed in place and checked again as an import is (the invoice, then its lines
 * against it), the change recorded in its edit history; and its disabled state. The invoice
 * keeps its ID and external ID (its key), so a /sync re-send of its original row writes the
 * original values back over the edit, as the sheet is the source; the edit state stays (the
 * history shows only edits that still hold, serialize.ts heldHistory).
 */
import type { Tx } from '../../db/client.ts';
import type { EditHistory } from '../../db/schema.ts';
import { accountSettings } from '../../derived/recompute.ts';
import { notFound, validationFailed } from '../../http/errors.ts';
import { checkStoredReferences, type WriteScope } from '../../ingest/batch-write.ts';
import { FieldErrors, parseRows } from '../../ingest/template-rows.ts';
import { invoicesByExternalId, setInvoiceExtras, type InvoiceRow } from '../../store/invoices.ts';
import { lineItemsOf } from '../../store/line-items.ts';
import { updateRecordRow } from '../../store/record-write.ts';
import { disabledState, nextEditHistory, type Editor } from '../conventions/edit-state.ts';
import { PREFIX, uuidOf } from '../conventions/ids.ts';
import { findDataSource } from '../conventions/lookup.ts';
import { isoOut } from '../conventions/time.ts';
import { checkLinesWithTheirSubscriptions } from '../line-items/check.ts';
import { storedLineInput } from '../line-items/stored.ts';
import { INVOICE_FIELDS } from './fields.ts';
import { checkCollectionMethod } from './inputs.ts';

const given = (v: unknown) => v !== undefined && v !== null && v !== '';

/** The body's `disabled`: true or false, else a 422 naming it. */
export function disabledOf(body: Record<string, unknown>): boolean {
  if (typeof body.disabled !== 'boolean') throw validationFailed({ disabled: 'disabled is required: true or false' });
  return body.disabled;
}

/** The edit history after a change: `before` and `after` are the object's JSON, compared on `fields`. */
export function historyAfter(
  previous: EditHistory | null,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  fields: readonly string[],
  editor: Editor,
): EditHistory | null {
  const pick = (json: Record<string, unknown>) => Object.fromEntries(fields.map((f) => [f, json[f] ?? null]));
  return nextEditHistory(previous, pick(before), pick(after), editor.author, editor.at);
}

/**
 * The object a request names by `data_source_uuid` and `external_id` (the query's, else the
 * body's, as clients send either): 422 naming a missing one, 404 when there is none.
 */
export async function sourceAndExternalId(
  tx: Tx,
  accountId: string,
  query: Record<string, unknown>,
  body: Record<string, unknown>,
): Promise<{ dataSourceId: string; externalId: string }> {
  const ds = query.data_source_uuid ?? body.data_source_uuid;
  const externalId = query.external_id ?? body.external_id;
  const errors = new FieldErrors();
  if (!given(ds)) errors.add('data_source_uuid', 'data_source_uuid is required (with external_id) when no UUID is in the path');
  if (!given(externalId) || typeof externalId !== 'string') errors.add('external_id', 'external_id is required (with data_source_uuid) when no UUID is in the path');
  errors.throwIfAny();
  const dataSourceId = await findDataSource(tx, accountId, ds);
  if (!dataSourceId) throw notFound('data source', 'data_source_uuid');
  return { dataSourceId, externalId: externalId as string };
}

export async function requireInvoiceByExternalId(tx: Tx, accountId: string, ref: { dataSourceId: string; externalId: string }): Promise<InvoiceRow> {
  const [invoice] = await invoicesByExternalId(tx, accountId, ref.dataSourceId, [ref.externalId]);
  if (!invoice) throw notFound('invoice', 'external_id');
  return invoice;
}

/** The fields an invoice PATCH may change. */
export const INVOICE_EDITABLE = ['date', 'due_date', 'currency', 'collection_method'] as const;

function invoiceBody(i: InvoiceRow): Record<string, unknown> {
  return {
    customer_external_id: i.customerExternalId,
    external_id: i.externalId,
    date: i.date.toISOString(),
    due_date: isoOut(i.dueDate),
    currency: i.currency,
  };
}

/** The editable fields of an invoice as its JSON shows them. */
export const invoiceEditedJson = (i: InvoiceRow): Record<string, unknown> => ({
  date: i.date.toISOString(),
  due_date: isoOut(i.dueDate),
  currency: i.currency,
  collection_method: i.collectionMethod ?? null,
});

/** The fields that name the invoice may be sent, but only with its own values. */
function checkIdentity(stored: InvoiceRow, body: Record<string, unknown>, errors: FieldErrors): void {
  for (const [field, own] of [['external_id', stored.externalId], ['customer_external_id', stored.customerExternalId]] as const) {
    if (given(body[field]) && body[field] !== own) errors.add(field, `${field} cannot be changed (the invoice's is '${own}')`);
  }
  if (given(body.data_source_uuid) && uuidOf(PREFIX.dataSource, String(body.data_source_uuid)) !== stored.dataSourceId) {
    errors.add('data_source_uuid', `data_source_uuid must be the invoice's data source ${PREFIX.dataSource}${stored.dataSourceId} (or left out)`);
  }
}

/**
 * Changes the invoice's date, due date, currency or collection method. The changed invoice
 * goes through the invoices template's checks (a value it refuses is a 422 naming the field)
 * and the reference checks against what is stored; so do its line items after it (a currency
 * that would bill one subscription in two currencies is a 422 naming `currency`).
 */
export async function updateInvoice(tx: Tx, accountId: string, stored: InvoiceRow, body: Record<string, unknown>, today: number, editor: Editor): Promise<void> {
  const errors = new FieldErrors();
  checkIdentity(stored, body, errors);
  if ('collection_method' in body) checkCollectionMethod(body.collection_method, 'collection_method', errors);
  errors.throwIfAny();
  const changes = Object.fromEntries(['date', 'due_date', 'currency'].filter((f) => f in body).map((f) => [f, body[f]]));
  const rows = parseRows('invoices', INVOICE_FIELDS, [{ path: '', body: { ...invoiceBody(stored), ...changes } }], Math.max(1, stored.position), errors);
  errors.throwIfAny();
  const scope: WriteScope = { accountId, dataSourceId: stored.dataSourceId, settings: await accountSettings(tx, accountId), today };
  await checkStoredReferences(tx, 'invoices', rows, scope, errors);
  await updateRecordRow(tx, 'invoices', accountId, stored.id, rows.records[0]);
  const key = { dataSourceId: stored.dataSourceId, externalId: stored.externalId };
  if ('collection_method' in body) await setInvoiceExtras(tx, accountId, key, { collectionMethod: (body.collection_method as string | null) ?? null });

  const lines = await lineItemsOf(tx, accountId, [key]);
  if (lines.length > 0) {
    const inputs = lines.map((l, k) => ({ ...storedLineInput(l, `line_items[${k}]`), errorPaths: { invoice_external_id: 'currency' } }));
    await checkLinesWithTheirSubscriptions(tx, scope, inputs, { firstRow: 1, exceptIds: lines.map((l) => l.id), blame: 'currency' }, errors);
  }

  const [after] = await invoicesByExternalId(tx, accountId, stored.dataSourceId, [stored.externalId]);
  const sent = INVOICE_EDITABLE.filter((f) => f in body);
  const history = historyAfter(stored.editHistory, invoiceEditedJson(stored), invoiceEditedJson(after), sent, editor);
  if (history !== stored.editHistory) await setInvoiceExtras(tx, accountId, key, { editHistory: history });
}

/**
 * Disables or enables the invoice: a disabled one counts nowhere, with all its lines and
 * transactions. These keep their own disabled state (enabling the invoice gives back exactly
 * what it had, a line disabled on its own stays disabled).
 */
export async function setInvoiceDisabled(tx: Tx, accountId: string, stored: InvoiceRow, disabled: boolean, editor: Editor): Promise<void> {
  if (stored.disabled === disabled) return;
  await setInvoiceExtras(tx, accountId, { dataSourceId: stored.dataSourceId, externalId: stored.externalId }, disabledState(disabled, editor));
}
