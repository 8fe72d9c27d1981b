/**
 * A segment's part of the account, as the series and cohorts are built from it (METRICS.md
 * section 11):
 * - no segment: the whole account's stored inputs;
 * - customer conditions only: the stored inputs of the customers whose facts match (a report
 *   on a customer segment is the report on those customers' rows);
 * - plan conditions: the plan in force at each instant decides, which the stored inputs do not
 *   hold. Only customers that ever had a line on a matching plan can have anything in the
 *   segment; those are run through the engine on demand (plan-view.ts), everyone else
 *   contributes no MRR, movements or customers. Leads, trials and cash stay the customers'
 *   (kept by the customer conditions), as plan conditions do not narrow them.
 */
import { hasPlanConditions, type Segment } from '../../shared/index.ts';
import type { AppContext } from '../context.ts';
import { customersOf, wholeAccount, type AccountInputs, type SeriesView } from '../derived/series-inputs.ts';
import { customersKept } from './facts.ts';
import { planView, type PlannedCustomer, type PlannedMovement } from './plan-view.ts';
import { segmentKey } from './request.ts';

export interface SegmentedView {
  view: SeriesView;
  /** Names what the view holds for caches of one data version ('' for the whole account). */
  key: string;
  /** The customers (uuids) in it; null for the whole account. */
  customers: ReadonlySet<string> | null;
  /** The customers kept by its customer conditions (uuids); null when it has none. */
  kept: ReadonlySet<string> | null;
  /** Under plan conditions, the segment's customers and movements as the engine gave them. */
  planned: { customers: PlannedCustomer[]; movements: PlannedMovement[] } | null;
}

/** FNV-1a over the sorted IDs: which customers a view keeps, in a few characters. */
export function digestOf(ids: Iterable<string>): string {
  let h = 0x811c9dc5;
  for (const id of [...ids].sort()) {
    for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ 10, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

export async function segmentedView(
  ctx: AppContext, accountId: string, inputs: AccountInputs, segment: Segment | null, today: number,
): Promise<SegmentedView> {
  if (segment === null) return { view: wholeAccount(inputs), key: '', customers: null, kept: null, planned: null };
  // Facts are read per request (tags and attributes change without a new data version): the
  // customers they keep are part of the key.
  const kept = segment.customer.length > 0 ? await ctx.db.read((tx) => customersKept(tx, accountId, segment)) : null;
  const key = kept === null ? segmentKey(segment) : `${segmentKey(segment)} ${kept.size} ${digestOf(kept)}`;
  if (!hasPlanConditions(segment)) return { view: customersOf(inputs, kept!), key, customers: kept, kept, planned: null };
  const planned = await planView(ctx, accountId, inputs, segment, today);
  const mine = kept === null ? () => true : (id: string) => kept.has(id);
  const leads = kept === null ? inputs.customers : inputs.customers.filter((c) => kept.has(c.id));
  const customers = planned.customers.filter((c) => mine(c.customerId));
  const movements = kept === null ? planned.movements : planned.movements.filter((m) => kept.has(m.customerId));
  return {
    view: {
      customers,
      movements,
      fx: kept === null ? planned.fx : planned.fx.filter((f) => kept.has(f.customerId)),
      cash: kept === null ? inputs.cash : leads.flatMap((c) => c.cash),
      leads,
    },
    key,
    customers: new Set(customers.map((c) => c.customerId)),
    kept,
    planned: { customers, movements },
  };
}
