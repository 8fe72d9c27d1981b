/**
 * Subscription events (METRICS.md section 8): which ones stand after retractions, as known
 * today. A `subscription_event_retracted` names the event it takes back; a
 * `scheduled_*_retracted` takes back the latest earlier scheduled event of its kind for
 * the same subscription.
 */
import type { SubscriptionEventRecord } from '../templates/specs/index.ts';
import type { SubscriptionEventType } from '../templates/specs/subscription-events.ts';

const RETRACTS: Partial<Record<SubscriptionEventType, SubscriptionEventType>> = {
  scheduled_subscription_start_retracted: 'subscription_start_scheduled',
  scheduled_subscription_update_retracted: 'subscription_update_scheduled',
  scheduled_subscription_cancellation_retracted: 'subscription_cancellation_scheduled',
};

export function retractedEvents(events: readonly SubscriptionEventRecord[]): Set<SubscriptionEventRecord> {
  // Every row counts, whenever it was recorded (METRICS.md section 6); the Date column only
  // orders them, so a scheduled_*_retracted takes back the latest such event recorded before it.
  const known = [...events].sort((a, b) => a.date - b.date || a.row - b.row);
  const byId = new Map(known.filter((e) => e.externalId !== null).map((e) => [e.externalId!, e]));
  const retracted = new Set<SubscriptionEventRecord>();
  known.forEach((e, index) => {
    if (e.eventType === 'subscription_event_retracted') {
      const target = byId.get(e.retractedEventId!);
      if (target) retracted.add(target);
      return;
    }
    const kind = RETRACTS[e.eventType];
    if (!kind) return;
    for (let k = index - 1; k >= 0; k--) {
      const candidate = known[k];
      if (
        candidate.eventType === kind &&
        candidate.subscriptionExternalId === e.subscriptionExternalId &&
        !retracted.has(candidate)
      ) {
        retracted.add(candidate);
        return;
      }
    }
  });
  return retracted;
}
