/**
 * Subscription events stored as rows of the subscription_events template: created, updated in
 * place (keeping their ID) or deleted, each checked as /sync checks them; and what only /v1 sets
 * on an event beside its template fields: its event_order and its disabled state.
 */
import type { Tx } from '../../db/client.ts';
import { accountSettings } from '../../derived/recompute.ts';
import { notFound, validationFailed } from '../../http/errors.ts';
import { checkAndStore, checkStoredReferences, refuseStoredExternalIds, type WriteScope } from '../../ingest/batch-write.ts';
import { FieldErrors, isObject, parseRows, type FieldSpec } from '../../ingest/template-rows.ts';
import { eventsByExternalId, eventsByIntId, setEventDisabled, type EventRow } from '../../store/events.ts';
import { intIdPrefix } from '../../store/int-id.ts';
import { idsByKey, keysOf, nextPosition, updateRecordRow } from '../../store/record-write.ts';
import { findDataSource } from '../conventions/lookup.ts';
import { disabledState, type Editor } from '../conventions/edit-state.ts';

export const EVENT_FIELDS: readonly FieldSpec[] = [
  { field: 'customer_external_id', header: 'Customer external ID' },
  { field: 'subscription_external_id', header: 'Subscription external ID' },
  { field: 'external_id', header: 'External ID' },
  { field: 'event_type', header: 'Event Type' },
  { field: 'retracted_event_id', header: 'Retracted event ID' },
  { field: 'event_date', header: 'Date', instant: true },
  { field: 'effective_date', header: 'Effective Date', instant: true },
  { field: 'plan_external_id', header: 'Plan external ID' },
  { field: 'currency', header: 'Currency' },
  { field: 'amount_in_cents', header: 'Amount in Cents' },
  { field: 'quantity', header: 'Quantity' },
];

/** The event object of a request: `{subscription_event: {…}}` as the clients send it, or flat. */
export function eventOf(body: Record<string, unknown>): Record<string, unknown> {
  return isObject(body.subscription_event) ? body.subscription_event : body;
}

/** A stored event by its integer `id`, or by `data_source_uuid` and `external_id`; 404 when none. */
export async function findEvent(tx: Tx, accountId: string, ref: Record<string, unknown>): Promise<EventRow> {
  let rows: EventRow[] = [];
  if (ref.id !== undefined && ref.id !== null) {
    const prefix = intIdPrefix(ref.id);
    if (prefix) rows = await eventsByIntId(tx, accountId, prefix);
  } else if (typeof ref.external_id === 'string') {
    const ds = await findDataSource(tx, accountId, ref.data_source_uuid);
    if (ds) rows = await eventsByExternalId(tx, accountId, ds, ref.external_id);
  }
  if (rows.length !== 1) throw notFound('subscription event');
  return rows[0];
}

async function scopeOf(tx: Tx, accountId: string, dataSourceId: string, today: number): Promise<WriteScope> {
  return { accountId, dataSourceId, settings: await accountSettings(tx, accountId), today };
}

/** Creates an event; its stored row's ID and customer. */
export async function createEvent(tx: Tx, accountId: string, event: Record<string, unknown>, today: number): Promise<{ id: string; customer: string; dataSourceId: string }> {
  const errors = new FieldErrors();
  const ds = await findDataSource(tx, accountId, event.data_source_uuid);
  if (!ds) errors.add('data_source_uuid', event.data_source_uuid ? `No data source ${String(event.data_source_uuid)}` : 'data_source_uuid is required');
  errors.throwIfAny();
  const input = { path: '', body: event };
  const rows = parseRows('subscription_events', EVENT_FIELDS, [input], await nextPosition(tx, 'subscription_events', ds!), errors);
  errors.throwIfAny();
  await refuseStoredExternalIds(tx, 'subscription_events', ds!, rows.records.map((r) => ({ input, externalId: r.externalId })), errors, 'subscription event');
  errors.throwIfAny();
  await checkAndStore(tx, 'subscription_events', rows, await scopeOf(tx, accountId, ds!, today), errors);
  const key = keysOf('subscription_events', rows.records)[0];
  const id = (await idsByKey(tx, 'subscription_events', ds!, [key])).get(key)!;
  return { id, customer: rows.records[0].customerExternalId, dataSourceId: ds! };
}

/** Updates a stored event with the fields given (the rest kept), in place. */
export async function updateEvent(tx: Tx, accountId: string, stored: EventRow, fields: Record<string, unknown>, merged: Record<string, unknown>, today: number): Promise<string> {
  const errors = new FieldErrors();
  const ds = stored.dataSourceId;
  const input = { path: '', body: merged };
  const rows = parseRows('subscription_events', EVENT_FIELDS, [input], Math.max(1, stored.position), errors);
  errors.throwIfAny();
  const record = rows.records[0];
  const key = keysOf('subscription_events', [record])[0];
  const holder = (await idsByKey(tx, 'subscription_events', ds, [key])).get(key);
  if (holder !== undefined && holder !== stored.id) {
    errors.add(fields.external_id !== undefined ? 'external_id' : 'base',
      record.externalId ? `The external ID of this subscription event already exists in this data source: '${record.externalId}'`
        : 'An identical subscription event is already stored');
  }
  errors.throwIfAny();
  await checkStoredReferences(tx, 'subscription_events', rows, await scopeOf(tx, accountId, ds, today), errors);
  await updateRecordRow(tx, 'subscription_events', accountId, stored.id, record, { key });
  return record.customerExternalId;
}

/** `event_order` of a body: undefined when absent, null to clear it, else a whole number. */
export function eventOrderOf(event: Record<string, unknown>): number | null | undefined {
  const v = event.event_order;
  if (v === undefined || v === null || v === '') return v === '' ? null : v;
  const n = typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < -2_147_483_648 || n > 2_147_483_647) {
    throw validationFailed({ event_order: `event_order must be a whole number (or null); got ${JSON.stringify(v)}` });
  }
  return n;
}

/** `disabled` of a body: undefined when absent, else a boolean. */
export function disabledOf(body: Record<string, unknown>, required = false): boolean | undefined {
  const v = body.disabled;
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'boolean') throw validationFailed({ disabled: `disabled must be true or false; got ${JSON.stringify(v ?? null)}` });
  return v;
}

/**
 * Disables or enables a stored event (it then counts nowhere, or again). As ChartMogul documents,
 * only an event with an external ID can be disabled.
 */
export async function setDisabledState(tx: Tx, accountId: string, stored: EventRow, disabled: boolean, editor: Editor): Promise<void> {
  if (stored.disabled === disabled) return;
  if (disabled && stored.externalId === null) {
    throw validationFailed({ external_id: 'Only a subscription event with an external_id can be disabled; delete it instead' });
  }
  await setEventDisabled(tx, accountId, stored.id, disabledState(disabled, editor));
}
