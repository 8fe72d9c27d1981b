/**
 * A customer's status and MRR, and the total MRR, at the end of a day on or before the report's
 * as-of day, read back from the report's rows (what the result tabs and /sync/results hold).
 * Money stays integer cents. The status answers through the report's own rule (customerStatus),
 * so an earlier day can be "Past due" exactly when a subscription was still running past its
 * paid-through date then.
 *
 * What the rows cannot tell: MRR moved by exchange rates between two movements (the customer's
 * MRR is its MRR after its last movement by the day), and a renewal paid late before the
 * subscription's last paid-through date (the rows keep only the last one).
 */
import { customerStatus, type CustomerStatus } from './customers.ts';
import type { CustomerRow, MovementRow, SubscriptionRow } from './report.ts';
import type { SeriesEntry } from './series.ts';

/** One customer's rows of the report; movements in time order (as the report lists them). */
export interface CustomerRows {
  customer: Pick<CustomerRow, 'status' | 'mrr'>;
  subscriptions: readonly Pick<SubscriptionRow, 'paid_through' | 'cancelled_at'>[];
  movements: readonly Pick<MovementRow, 'date' | 'type' | 'customer_mrr_after'>[];
}

export interface CustomerAtDate {
  status: CustomerStatus;
  /** Integer cents in the base currency. */
  mrr: number;
}

/**
 * The customer at the end of `day` (YYYY-MM-DD). On or after `asOf` it is the customer row
 * itself. Before, from its rows:
 * - Lead until its first movement (MRR is never positive before one);
 * - MRR: its MRR after its last movement by the day;
 * - Past due when a subscription's last paid-through date is on or before the day and it was
 *   not cancelled by then (paid_through ≤ day means no line of it starts after the day, so it
 *   ran unpaid that day: the report as of that day says past_due);
 * - otherwise Active unless its last movement by the day is a churn (a churn is the customer's
 *   last subscription ending), then Cancelled.
 */
export function customerAt(rows: CustomerRows, asOf: string, day: string): CustomerAtDate {
  if (day >= asOf) return { status: rows.customer.status, mrr: rows.customer.mrr };
  let last: CustomerRows['movements'][number] | null = null;
  for (const m of rows.movements) {
    if (m.date > day) break;
    last = m;
  }
  if (last === null) return { status: customerStatus(false, false, false), mrr: 0 };
  const pastDue = rows.subscriptions.some((s) =>
    s.paid_through !== null && s.paid_through <= day && (s.cancelled_at === null || s.cancelled_at > day));
  return { status: customerStatus(true, pastDue, last.type !== 'churn'), mrr: last.customer_mrr_after };
}

/**
 * Total MRR (cents) at the end of `day`. On or after `asOf`: the sum of the customers' MRR.
 * Before: the series entry on or before the day that is latest (its MRR counts exchange-rate
 * changes, which movements do not), plus the movements after that entry's date up to the day;
 * before the first entry, the customers' MRR at the day added up.
 */
export function totalMrrAt(
  report: {
    series: readonly Pick<SeriesEntry, 'date' | 'mrr'>[];
    movements: readonly Pick<MovementRow, 'date' | 'amount'>[];
    customers: Iterable<CustomerRows>;
  },
  asOf: string,
  day: string,
): number {
  let total = 0;
  if (day < asOf) {
    let from: string | null = null;
    for (const e of report.series) {
      if (e.date <= day && (from === null || e.date > from)) [from, total] = [e.date, e.mrr];
    }
    if (from !== null) {
      for (const m of report.movements) if (m.date > from && m.date <= day) total += m.amount;
      return total;
    }
  }
  for (const c of report.customers) total += customerAt(c, asOf, day).mrr;
  return total;
}
