/** Subscription events as ChartMogul's API shows them (flat objects with an integer id). */
import type { EventRow } from '../../store/events.ts';
import { intId } from '../../store/int-id.ts';
import { PREFIX } from '../conventions/ids.ts';
import { eventInstant, isoOut } from '../conventions/time.ts';
import type { SubscriptionEvent } from './schemas.ts';

export function subscriptionEventJson(e: EventRow): SubscriptionEvent {
  const created = eventInstant(e.createdAt)!;
  return {
    id: intId(e.id),
    data_source_uuid: `${PREFIX.dataSource}${e.dataSourceId}`,
    customer_external_id: e.customerExternalId,
    // Not stored: the templates have no subscription set on events.
    subscription_set_external_id: null,
    subscription_external_id: e.subscriptionExternalId ?? null,
    plan_external_id: e.planExternalId ?? null,
    event_date: eventInstant(e.date)!,
    effective_date: eventInstant(e.effectiveDate)!,
    event_type: e.eventType,
    external_id: e.externalId ?? null,
    errors: {},
    created_at: created,
    updated_at: created,
    quantity: e.quantity,
    currency: e.currency ?? null,
    amount_in_cents: e.amountInCents ?? null,
    // Not stored (the templates have no tax on events).
    tax_amount_in_cents: null,
    retracted_event_id: e.retractedEventId ?? null,
    event_order: e.eventOrder ?? null,
    disabled: e.disabled,
    disabled_at: isoOut(e.disabledAt),
    disabled_by: e.disabledBy,
    // Events come through the API or /sync, never made by a user in an app.
    user_created: false,
  };
}

/** A stored event as the JSON fields a PATCH merges into (instants as ISO strings). */
export function eventFields(e: EventRow): Record<string, unknown> {
  return {
    customer_external_id: e.customerExternalId,
    subscription_external_id: e.subscriptionExternalId,
    external_id: e.externalId,
    event_type: e.eventType,
    retracted_event_id: e.retractedEventId,
    event_date: e.date.toISOString(),
    effective_date: e.effectiveDate.toISOString(),
    plan_external_id: e.planExternalId,
    currency: e.currency,
    amount_in_cents: e.amountInCents ?? null,
    quantity: e.quantity,
  };
}
