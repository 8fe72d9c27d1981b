/**
 * The part of the account a segment's plan conditions keep (METRICS.md section 11): the plan
 * in force at each instant decides, which only the engine knows. The customers that ever had
 * a line or manual subscription on a matching plan are loaded and analysed as recompute does
 * (as of today), and the engine narrows each to its subscriptions while on a matching plan,
 * with segment_entry and segment_exit; nobody else has anything in the segment. Remembered per
 * data version and plan conditions (customer conditions are applied by the caller, on facts
 * read per request).
 */
import {
  analyse, customerRow, endOfDay, subscriptionRow, type CustomerRow, type CustomerState, type FxImpact, type Movement,
  type Segment, type SubscriptionRow,
} from '../../shared/index.ts';
import { segmentAnalysis } from '../../shared/engine/segment.ts';
import type { AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { loadBillingData } from '../derived/billing-data.ts';
import { accountSettings } from '../derived/recompute.ts';
import type { AccountInputs } from '../derived/series-inputs.ts';
import { VersionMemo } from '../derived/version-memo.ts';
import { customersOfPlans } from '../store/customers-of.ts';
import { customerUuids } from '../store/derived.ts';
import { matchingPlans, plansBySource } from './facts.ts';
import { segmentKey } from './request.ts';

/** A movement of the segment with the plan in force at it (activities name it). */
export interface PlannedMovement extends Movement {
  planId: string | null;
  /** The data source of its customer (uuid). */
  dataSourceId: string;
  customerExternalId: string;
}

/** A customer with something in the segment: its states and report rows in the segment. */
export interface PlannedCustomer {
  /** The uuid. */
  customerId: string;
  externalId: string;
  states: CustomerState[];
  /** Its MRR, subscriptions and quantity the segment's; status and subscriber_since the whole customer's. */
  row: CustomerRow;
  subscriptions: SubscriptionRow[];
}

export interface PlanView {
  /** Customers with anything in the segment, in data source then external ID order. */
  customers: PlannedCustomer[];
  /** By instant, then customer external ID (each customer's in the engine's order), as stored movements are listed. */
  movements: PlannedMovement[];
  fx: FxImpact[];
}

const memo = new VersionMemo<Promise<PlanView>>(16);

/** Above this many candidates in a data source, it is loaded whole (as freshness.ts recomputes). */
const WHOLE_SOURCE = 5_000;

export function planView(ctx: AppContext, accountId: string, inputs: AccountInputs, segment: Segment, today: number): Promise<PlanView> {
  const plansOnly: Segment = { text: '', customer: [], plan: segment.plan };
  const key = `${today} ${segmentKey(plansOnly)}`;
  const built = memo.get(inputs, key, () => ctx.db.read((tx) => buildPlanView(tx, accountId, plansOnly, today)));
  built.catch(() => memo.drop(inputs, key));
  return built;
}

async function buildPlanView(tx: Tx, accountId: string, segment: Segment, today: number): Promise<PlanView> {
  const plans = await plansBySource(tx, accountId);
  const settings = await accountSettings(tx, accountId);
  const out: PlanView = { customers: [], movements: [], fx: [] };
  for (const [dataSourceId, planIds] of matchingPlans(segment, plans)) {
    const candidates = await customersOfPlans(tx, dataSourceId, planIds);
    if (candidates.length === 0) continue;
    // Many customers of a source are read faster whole (bulk reads) than by a list of IDs; the
    // engine leaves out those never on a matching plan either way.
    const customers = candidates.length > WHOLE_SOURCE ? null : candidates;
    const scope = { accountId, dataSourceId, customers };
    const data = await loadBillingData(tx, scope, settings, endOfDay(today));
    const uuid = await customerUuids(tx, dataSourceId, customers);
    const narrowed = segmentAnalysis(analyse(data, settings, today), segment, { plans: plans.get(dataSourceId) });
    const names = new Map(data.customers.map((c) => [c.externalId, c.name]));
    for (const c of narrowed.customers) {
      const id = uuid.get(c.customerId);
      if (id === undefined) continue;
      out.customers.push({
        customerId: id, externalId: c.customerId, states: c.states, row: customerRow(c, names.get(c.customerId) ?? ''),
        subscriptions: c.subscriptions.map(subscriptionRow),
      });
      for (const m of c.movements) out.movements.push({ ...m, planId: m.planId ?? null, customerId: id, dataSourceId, customerExternalId: c.customerId });
      for (const f of c.fx) out.fx.push({ ...f, customerId: id });
    }
  }
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  out.movements.sort((a, b) => a.t - b.t || byText(a.customerExternalId, b.customerExternalId) || byText(a.customerId, b.customerId));
  return out;
}
