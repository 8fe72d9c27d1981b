import { PREFIX } from './conventions/ids.ts';
import { intId } from '../store/int-id.ts';
import { eventInstant } from './conventions/time.ts';
/** Subscription events as ChartMogul's API shows them (flat objects with an integer id). */

type Row = Record<string, unknown>;

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export function subscriptionEventJson(e: Row): Record<string, unknown> {
  const created = eventInstant(e.created_at);
  return {
    id: intId(String(e.id)),
    data_source_uuid: `${PREFIX.dataSource}${e.data_source_id}`,
    customer_external_id: e.customer_external_id,
    // Not stored: the templates have no subscription set on events.
    subscription_set_external_id: null,
    subscription_external_id: e.subscription_external_id ?? null,
    plan_external_id: e.plan_external_id ?? null,
    event_date: eventInstant(e.date),
    effective_date: eventInstant(e.effective_date),
    event_type: e.event_type,
    external_id: e.external_id ?? null,
    errors: {},
    created_at: created,
    updated_at: created,
    quantity: num(e.quantity),
    currency: e.currency ?? null,
    amount_in_cents: num(e.amount_in_cents),
    // Not stored (the templates have no tax on events).
    tax_amount_in_cents: null,
    retracted_event_id: e.retracted_event_id ?? null,
  };
}

/** A stored event as the JSON fields a PATCH merges into (instants as ISO strings). */
export function eventFields(e: Row): Record<string, unknown> {
  const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v instanceof Date ? v.getTime() : String(v)).toISOString());
  return {
    customer_external_id: e.customer_external_id,
    subscription_external_id: e.subscription_external_id,
    external_id: e.external_id,
    event_type: e.event_type,
    retracted_event_id: e.retracted_event_id,
    event_date: iso(e.date),
    effective_date: iso(e.effective_date),
    plan_external_id: e.plan_external_id,
    currency: e.currency,
    amount_in_cents: num(e.amount_in_cents),
    quantity: num(e.quantity),
  };
}
