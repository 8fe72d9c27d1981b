/**
 * PATCH /v1/import/subscriptions/{sub}: `cancelled_at` adds a cancellation; `cancellation_dates`
 * replaces all of the subscription's cancellations ([] removes them). Stored as rows of the
 * cancellations template, checked as /sync checks them.
 */
import type { Tx } from '../../db/client.ts';
import { accountSettings } from '../../derived/recompute.ts';
import { checkAndStore } from '../../ingest/batch-write.ts';
import { FieldErrors, parseRows, type FieldSpec, type RowInput } from '../../ingest/template-rows.ts';
import { deleteCancellationsOf } from '../../store/cancellations.ts';
import { nextPosition } from '../../store/record-write.ts';
import type { SubscriptionRef } from '../../store/subscriptions.ts';

/** The JSON fields of a cancellation and their template columns (also a line's cancelled_at in an invoice import). */
export const CANCELLATION_FIELDS: readonly FieldSpec[] = [
  { field: 'customer_external_id', header: 'Customer external ID' },
  { field: 'subscription_external_id', header: 'Subscription external ID' },
  { field: 'cancelled_at', header: 'Cancelled at', instant: true },
];

function inputs(body: Record<string, unknown>, sub: SubscriptionRef, errors: FieldErrors): { rows: RowInput[]; replace: boolean } {
  const row = (path: string, value: unknown): RowInput => ({
    path,
    body: { cancelled_at: value },
    overrides: { subscription_external_id: sub.externalId },
    errorPaths: { cancelled_at: path || 'cancelled_at', subscription_external_id: path || 'cancelled_at' },
  });
  if (body.cancellation_dates !== undefined) {
    if (!Array.isArray(body.cancellation_dates)) {
      errors.add('cancellation_dates', 'cancellation_dates must be a list of date-times');
      return { rows: [], replace: true };
    }
    return { rows: body.cancellation_dates.map((v, i) => row(`cancellation_dates[${i}]`, v)), replace: true };
  }
  if (body.cancelled_at === undefined) errors.add('cancelled_at', 'cancelled_at (or cancellation_dates) is required');
  return { rows: [row('', body.cancelled_at)], replace: false };
}

export async function updateCancellations(tx: Tx, accountId: string, sub: SubscriptionRef, body: Record<string, unknown>, today: number): Promise<void> {
  const errors = new FieldErrors();
  if (sub.manual) {
    errors.add(body.cancellation_dates !== undefined ? 'cancellation_dates' : 'cancelled_at',
      'This is a manual subscription: cancel it with a subscription_cancelled row of Manual Subscriptions');
  }
  const { rows, replace } = inputs(body, sub, errors);
  errors.throwIfAny();
  const ds = sub.dataSourceId;
  const parsed = parseRows('cancellations', CANCELLATION_FIELDS, rows, await nextPosition(tx, 'cancellations', ds), errors);
  errors.throwIfAny();
  if (replace) {
    await deleteCancellationsOf(tx, accountId, { dataSourceId: ds, externalId: sub.externalId });
  }
  await checkAndStore(tx, 'cancellations', parsed, { accountId, dataSourceId: ds, settings: await accountSettings(tx, accountId), today }, errors);
}
