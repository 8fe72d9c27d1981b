/**
 * Line items written one at a time (ChartMogul's LineItem endpoints), on the one write path:
 * parsed by the line items template spec and checked against what the data source holds,
 * as an invoice import's lines are (a bad value is a 422 naming the field), and with the other
 * lines of their subscriptions (check.ts).
 *
 * Keys (store/row-key.ts): a line with an external ID is keyed by it. A new line without one
 * takes its content key, numbered past the identical lines the data source holds (`#…:1`), as
 * identical rows of one /sync batch are: a later /sync re-send of those rows then finds each
 * line once. A PATCH keeps a line's key while it has no external ID, so a /sync re-send of its
 * original row writes the original values back over the edit (the sheet is the source) and
 * never adds a second copy; its edit history then no longer shows the overwritten edit
 * (serialize.ts heldHistory). A PATCH that gives the line an external ID keys it by that ID.
 */
import type { Tx } from '../../db/client.ts';
import { accountSettings } from '../../derived/recompute.ts';
import { notFound, validationFailed } from '../../http/errors.ts';
import { checkAndStore, refuseStoredExternalIds, type WriteScope } from '../../ingest/batch-write.ts';
import { FieldErrors, parseRows } from '../../ingest/template-rows.ts';
import type { InvoiceRow } from '../../store/invoices.ts';
import { lineItemByExternalId, lineItemByUuid, lineKeysLike, setLineItemEditState, type LineItemRow } from '../../store/line-items.ts';
import { idsByKey, insertRecordRow, keysOf, nextPosition, updateRecordRow } from '../../store/record-write.ts';
import type { Editor } from '../conventions/edit-state.ts';
import { PREFIX, uuidOf } from '../conventions/ids.ts';
import { historyAfter } from '../invoices/edit.ts';
import { LINE_ITEM_FIELDS } from '../invoices/fields.ts';
import { lineItemInputs, planExternalIds, resolvedPlan } from '../invoices/inputs.ts';
import { lineItemJson } from '../invoices/serialize.ts';
import { CANCELLATION_FIELDS } from '../subscriptions/cancel.ts';
import { checkLinesWithTheirSubscriptions } from './check.ts';
import { storedLineBody } from './stored.ts';

const given = (v: unknown) => v !== undefined && v !== null && v !== '';

/** The fields a line item PATCH may change (its invoice stays). */
export const LINE_EDITABLE = LINE_ITEM_FIELDS.map((f) => f.field).filter((f) => f !== 'invoice_external_id');

export async function requireLineItem(tx: Tx, accountId: string, value: string): Promise<LineItemRow> {
  const id = uuidOf(PREFIX.lineItem, value);
  const row = id ? await lineItemByUuid(tx, accountId, id) : null;
  if (!row) throw notFound('line item');
  return row;
}

export async function requireLineItemByExternalId(tx: Tx, accountId: string, ref: { dataSourceId: string; externalId: string }): Promise<LineItemRow> {
  const row = await lineItemByExternalId(tx, accountId, ref.dataSourceId, ref.externalId);
  if (!row) throw notFound('line item', 'external_id');
  return row;
}

async function scopeOf(tx: Tx, accountId: string, dataSourceId: string, today: number): Promise<WriteScope> {
  return { accountId, dataSourceId, settings: await accountSettings(tx, accountId), today };
}

/** The first of `key`, `key:1`, `key:2`, … no line of the data source holds. */
async function freeContentKey(tx: Tx, dataSourceId: string, key: string): Promise<string> {
  const taken = await lineKeysLike(tx, dataSourceId, key);
  if (!taken.has(key)) return key;
  let n = 1;
  while (taken.has(`${key}:${n}`)) n += 1;
  return `${key}:${n}`;
}

/** A data_source_uuid or invoice_uuid sent with a line must be its own. */
function checkParents(body: Record<string, unknown>, invoice: { id: string | null; dataSourceId: string }, errors: FieldErrors): void {
  if (given(body.data_source_uuid) && uuidOf(PREFIX.dataSource, String(body.data_source_uuid)) !== invoice.dataSourceId) {
    errors.add('data_source_uuid', `data_source_uuid must be the invoice's data source ${PREFIX.dataSource}${invoice.dataSourceId} (or left out)`);
  }
  if (given(body.invoice_uuid) && invoice.id !== null && uuidOf(PREFIX.invoice, String(body.invoice_uuid)) !== invoice.id) {
    errors.add('invoice_uuid', `invoice_uuid must be the line's invoice ${PREFIX.invoice}${invoice.id} (or left out)`);
  }
}

async function plansOf(tx: Tx, accountId: string, dataSourceId: string, value: unknown): Promise<Map<string, string>> {
  return planExternalIds(tx, accountId, dataSourceId, typeof value === 'string' ? [value] : []);
}

/** Adds a line item to the invoice (with the cancellation its `cancelled_at` asks for); its ID. */
export async function createLineItem(
  tx: Tx,
  accountId: string,
  invoice: InvoiceRow,
  body: Record<string, unknown>,
  opts: { today: number; userCreated: boolean },
): Promise<string> {
  const ds = invoice.dataSourceId;
  const errors = new FieldErrors();
  checkParents(body, invoice, errors);
  const plans = await plansOf(tx, accountId, ds, body.plan_uuid);
  const inputs = lineItemInputs(body, '', invoice.externalId, 'invoice_uuid', invoice.customerExternalId, plans, errors);
  errors.throwIfAny();
  const position = await nextPosition(tx, 'line_items', ds);
  const rows = parseRows('line_items', LINE_ITEM_FIELDS, [inputs.line], position, errors);
  errors.throwIfAny();
  const record = rows.records[0];
  await refuseStoredExternalIds(tx, 'line_items', ds, [{ input: inputs.line, externalId: record.externalId }], errors, 'line item');
  errors.throwIfAny();
  const scope = await scopeOf(tx, accountId, ds, opts.today);
  await checkLinesWithTheirSubscriptions(tx, scope, [inputs.line], { firstRow: position, exceptIds: [], blame: 'subscription_external_id' }, errors);
  const key = record.externalId ?? await freeContentKey(tx, ds, keysOf('line_items', [record])[0]);
  const id = await insertRecordRow(tx, 'line_items', { accountId, dataSourceId: ds }, record, { key, position });
  if (id === null) throw validationFailed({ external_id: `The external ID of this line item already exists in this data source: '${record.externalId}'` });
  if (opts.userCreated) await setLineItemEditState(tx, accountId, id, { userCreated: true });
  if (inputs.cancellation) {
    const cancellations = parseRows('cancellations', CANCELLATION_FIELDS, [inputs.cancellation], await nextPosition(tx, 'cancellations', ds), errors);
    errors.throwIfAny();
    await checkAndStore(tx, 'cancellations', cancellations, scope, errors);
  }
  return id;
}

/**
 * Changes the fields the body names (the others kept): the changed line is parsed and
 * reference-checked as a new one would be, rewritten in place (same ID), and the change
 * recorded in its edit history.
 */
export async function updateLineItem(tx: Tx, accountId: string, stored: LineItemRow, body: Record<string, unknown>, today: number, editor: Editor): Promise<void> {
  const ds = stored.dataSourceId;
  const errors = new FieldErrors();
  checkParents(body, { id: stored.invoiceId, dataSourceId: ds }, errors);
  const sent = LINE_EDITABLE.filter((f) => f in body);
  const merged: Record<string, unknown> = { ...storedLineBody(stored), ...Object.fromEntries(sent.map((f) => [f, body[f]])) };
  let plan: unknown = stored.planExternalId;
  if ('plan_uuid' in body) plan = resolvedPlan(body.plan_uuid, await plansOf(tx, accountId, ds, body.plan_uuid), 'plan_uuid', errors);
  const input = {
    path: '',
    body: merged,
    overrides: { invoice_external_id: stored.invoiceExternalId, plan_uuid: plan, prorated: merged.prorated ?? false },
  };
  const rows = parseRows('line_items', LINE_ITEM_FIELDS, [input], Math.max(1, stored.position), errors);
  errors.throwIfAny();
  const record = rows.records[0];

  let key = stored.key;
  if (record.externalId !== null) key = record.externalId;
  else if (stored.externalId !== null) key = await freeContentKey(tx, ds, keysOf('line_items', [record])[0]);
  if (key !== stored.key) {
    const holder = (await idsByKey(tx, 'line_items', ds, [key])).get(key);
    if (holder !== undefined && holder !== stored.id) {
      throw validationFailed({ external_id: `The external ID of this line item already exists in this data source: '${record.externalId}'` });
    }
  }
  await checkLinesWithTheirSubscriptions(tx, await scopeOf(tx, accountId, ds, today), [input],
    { firstRow: Math.max(1, stored.position), exceptIds: [stored.id], blame: 'subscription_external_id' }, errors);
  await updateRecordRow(tx, 'line_items', accountId, stored.id, record, { key });

  const after = (await lineItemByUuid(tx, accountId, stored.id))!;
  const fields = sent.includes('plan_uuid') ? [...sent, 'plan_external_id'] : sent;
  const history = historyAfter(stored.editHistory, lineItemJson(stored), lineItemJson(after), fields, editor);
  if (history !== stored.editHistory) await setLineItemEditState(tx, accountId, stored.id, { editHistory: history });
}
