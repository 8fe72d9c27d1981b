/**
 * Changes to a stored transaction (ChartMogul's update and disabled_state endpoints).
 *
 * A PATCH is the stored transaction with the fields sent replaced, parsed again by the shared
 * transactions spec and checked against its invoice as /sync checks a row (a bad value is a
 * 422 naming the field), then rewritten in place: its ID, `key` and position stay, and what
 * changed goes into its edit history (conventions/edit-state.ts).
 *
 * The key stays the row's identity as imported (store/row-key.ts): its external ID, or the
 * digest of the content it was imported with. So a later /sync re-send of the original row
 * finds this same row and stores the values it sends over the edit (the sheet is the source,
 * as ChartMogul's custom sources keep no edits apart from the data); it never adds a second
 * transaction. The edit state (disabled, edit history) is the store's own (store/tables.ts
 * BOOKKEEPING): a re-send leaves a disabled transaction disabled. A deleted transaction is
 * stored again by a re-send of its row.
 */
import type { Tx } from '../../db/client.ts';
import { accountSettings } from '../../derived/recompute.ts';
import { checkStoredReferences } from '../../ingest/batch-write.ts';
import { FieldErrors, parseRows } from '../../ingest/template-rows.ts';
import { updateRecordRow } from '../../store/record-write.ts';
import { setTransactionEditState, type TransactionRow } from '../../store/transactions.ts';
import { disabledState, nextEditHistory } from '../conventions/edit-state.ts';
import { TRANSACTION_FIELDS, transactionInput } from './fields.ts';
import { editableJson } from './serialize.ts';

const EDITABLE = ['type', 'date', 'result', 'amount_in_cents'] as const;

/** Who made a change: the account whose key the request carried (Mogul has no users). */
export interface Change {
  accountId: string;
  author: string | null;
  at: Date;
  /** The day of the write (today). */
  today: number;
}

/** Fields a transaction does not change or does not hold, sent with another value: 422 naming each. */
function refuseUnchangeable(stored: TransactionRow, body: Record<string, unknown>, errors: FieldErrors): void {
  if ('external_id' in body && (body.external_id ?? null) !== stored.externalId) {
    errors.add('external_id', `A transaction keeps its external ID (${stored.externalId === null ? 'none' : `'${stored.externalId}'`}): `
      + 'delete it and add it again to change it');
  }
  const fees = body.transaction_fees_in_cents;
  if (fees !== undefined && fees !== null && fees !== 0) {
    errors.add('transaction_fees_in_cents', "transaction_fees_in_cents is recorded on the invoice's line items, not on transactions");
  }
  if (body.transaction_fees_currency !== undefined && body.transaction_fees_currency !== null) {
    errors.add('transaction_fees_currency', "transaction_fees_currency is recorded on the invoice's line items, not on transactions");
  }
}

/** Applies a PATCH body to the stored transaction. */
export async function modifyTransaction(tx: Tx, change: Change, stored: TransactionRow, body: Record<string, unknown>): Promise<void> {
  const errors = new FieldErrors();
  refuseUnchangeable(stored, body, errors);
  const before = editableJson(stored);
  const merged: Record<string, unknown> = { ...before, external_id: stored.externalId };
  for (const field of EDITABLE) if (field in body) merged[field] = body[field];
  const input = transactionInput(merged, '', stored.invoiceExternalId, 'invoice_uuid');
  const rows = parseRows('transactions', TRANSACTION_FIELDS, [input], Math.max(1, stored.position), errors);
  errors.throwIfAny();
  const scope = { accountId: change.accountId, dataSourceId: stored.dataSourceId, settings: await accountSettings(tx, change.accountId), today: change.today };
  await checkStoredReferences(tx, 'transactions', rows, scope, errors);
  const record = rows.records[0];
  // No key or position in the extras: the row keeps both (see above).
  await updateRecordRow(tx, 'transactions', change.accountId, stored.id, record);
  const after = editableJson({ ...record, date: new Date(record.date) });
  const editHistory = nextEditHistory(stored.editHistory, before, after, change.author, change.at);
  if (editHistory !== stored.editHistory) await setTransactionEditState(tx, change.accountId, stored.id, { editHistory });
}

/** Disables or enables the transaction; enabling clears who disabled it and when. */
export async function setDisabled(tx: Tx, change: Change, stored: TransactionRow, disabled: boolean): Promise<void> {
  if (stored.disabled === disabled) return;
  await setTransactionEditState(tx, change.accountId, stored.id, disabledState(disabled, change));
}
