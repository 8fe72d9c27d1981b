/**
 * What the metric series are built from, for a whole account: each customer's stored
 * states, fx and cash, and the movements. Loaded once per data version and kept in memory,
 * so metrics requests only run the shared buildSeries over it.
 */
import {
  buildBuckets, buildSeries, type CashEvent, type CustomerState, type FxImpact, type Interval, type Movement,
  type MovementType, type SeriesEntry,
} from '../../shared/index.ts';
import type { Database, Tx } from '../db/client.ts';
import type { SeriesInputs } from '../db/schema.ts';

export interface CustomerInputs {
  id: string;
  externalId: string;
  dataSourceId: string;
  country: string | null;
  leadCreatedAt: number | null;
  freeTrialStartedAt: number | null;
  states: CustomerState[];
  fx: FxImpact[];
  cash: CashEvent[];
  /** Plan external IDs of its subscriptions (for the plans filter). */
  plans: Set<string>;
}

export interface AccountInputs {
  version: number;
  customers: CustomerInputs[];
  movements: Movement[];
  /** Every customer's states, fx and cash, gathered once per version (unfiltered queries use them). */
  states: CustomerState[][];
  fx: FxImpact[];
  cash: CashEvent[];
}

const KIND = { p: 'payment', r: 'refund', f: 'failed' } as const;
const ms = (v: unknown) => (v === null ? null : v instanceof Date ? v.getTime() : Date.parse(String(v)));

async function load(tx: Tx, accountId: string, version: number): Promise<AccountInputs> {
  const rows = await tx.query<{
    id: string; external_id: string; data_source_id: string; country: string | null; lead_created_at: unknown;
    free_trial_started_at: unknown; inputs: SeriesInputs | string | null; plans: string[] | null;
  }>(
    `SELECT c.id, c.external_id, c.data_source_id, c.country, c.lead_created_at, c.free_trial_started_at, m.inputs,
            (SELECT array_agg(DISTINCT s.plan_external_id) FROM subscriptions s WHERE s.customer_id = c.id) AS plans
       FROM customers c LEFT JOIN customer_metrics m ON m.customer_id = c.id
      WHERE c.account_id = $1 ORDER BY c.external_id`,
    [accountId],
  );
  const customers = rows.map<CustomerInputs>((r) => {
    const inputs: SeriesInputs = typeof r.inputs === 'string' ? JSON.parse(r.inputs) : (r.inputs ?? { states: [], fx: [], cash: [] });
    const customerId = r.id;
    return {
      id: r.id,
      externalId: r.external_id,
      dataSourceId: r.data_source_id,
      country: r.country,
      leadCreatedAt: ms(r.lead_created_at),
      freeTrialStartedAt: ms(r.free_trial_started_at),
      states: inputs.states.map(([t, mrr, counted, subscriptions, quantity]) => ({ t, mrr, counted: counted === 1, subscriptions, quantity })),
      fx: inputs.fx.map(([t, amount, subscriptionId]) => ({ t, amount, customerId, subscriptionId })),
      cash: inputs.cash.map(([t, kind, amount, nonRecurring]) => ({ t, customerId, kind: KIND[kind as 'p'], amount, nonRecurring })),
      plans: new Set((r.plans ?? []).filter((p): p is string => p !== null)),
    };
  });
  const movementRows = await tx.query<{ customer_id: string; subscription_external_id: string; at: unknown; type: string; amount: unknown; customer_mrr_after: unknown }>(
    `SELECT customer_id, subscription_external_id, at, type, amount, customer_mrr_after FROM movements
      WHERE account_id = $1 ORDER BY at, customer_id, position`,
    [accountId],
  );
  const movements = movementRows.map<Movement>((m) => ({
    t: ms(m.at)!,
    customerId: m.customer_id,
    subscriptionId: m.subscription_external_id,
    type: m.type as MovementType,
    amount: Number(m.amount),
    customerMrrAfter: Number(m.customer_mrr_after),
  }));
  const fx: FxImpact[] = [];
  const cash: CashEvent[] = [];
  for (const c of customers) {
    for (const f of c.fx) fx.push(f);
    for (const e of c.cash) cash.push(e);
  }
  return { version, customers, movements, states: customers.map((c) => c.states), fx, cash };
}

export class SeriesInputsCache {
  private readonly entries = new Map<string, Promise<AccountInputs>>();

  constructor(private readonly db: Database) {}

  get(accountId: string, version: number): Promise<AccountInputs> {
    const cached = this.entries.get(accountId);
    if (cached) {
      return cached.then((inputs) => (inputs.version === version ? inputs : this.reload(accountId, version)));
    }
    return this.reload(accountId, version);
  }

  private reload(accountId: string, version: number): Promise<AccountInputs> {
    const loading = this.db.read((tx) => load(tx, accountId, version));
    this.entries.set(accountId, loading);
    loading.catch(() => this.entries.delete(accountId));
    return loading;
  }
}

export interface SeriesQuery {
  start: number;
  end: number;
  interval: Interval;
  /** Keep only these customers (geo and plans filters). */
  customer?: (c: CustomerInputs) => boolean;
}

export function seriesOf(inputs: AccountInputs, q: SeriesQuery): SeriesEntry[] {
  const buckets = buildBuckets(q.start, q.end, q.interval);
  if (!q.customer) {
    return buildSeries({
      buckets, customerStates: inputs.states, movements: inputs.movements, fx: inputs.fx, cash: inputs.cash,
      leads: inputs.customers,
    });
  }
  const customers = inputs.customers.filter(q.customer);
  const kept = new Set(customers.map((c) => c.id));
  return buildSeries({
    buckets,
    customerStates: customers.map((c) => c.states),
    movements: inputs.movements.filter((m) => kept.has(m.customerId)),
    fx: customers.flatMap((c) => c.fx),
    cash: customers.flatMap((c) => c.cash),
    leads: customers,
  });
}
