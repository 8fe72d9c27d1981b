/**
 * What the metric series are built from, for a whole account: each customer's stored
 * states, fx and cash, and the movements. Loaded once per data version and kept in memory,
 * so metrics requests only run the shared buildSeries over it.
 */
import {
  buildBuckets, buildSeries, type CashEvent, type CustomerState, type FxImpact, type Interval, type Movement,
  type SeriesEntry,
} from '../../shared/index.ts';
import { seriesInputsOf } from '../../shared/engine/series-inputs.ts';
import type { Database, Tx } from '../db/client.ts';
import { accountMovements, seriesCustomers, type StoredSeriesCustomer } from '../store/derived.ts';

/** A customer as stored (store/derived.ts), its series inputs row read back for buildSeries. */
export interface CustomerInputs extends Omit<StoredSeriesCustomer, 'seriesInputs' | 'plans'> {
  /** The ID its movements carry (the uuid), as buildSeries joins leads to first new_biz by it. */
  customerId: string;
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

async function load(tx: Tx, accountId: string, version: number): Promise<AccountInputs> {
  const customers = (await seriesCustomers(tx, accountId)).map<CustomerInputs>(({ seriesInputs, plans, ...c }) => ({
    ...c,
    customerId: c.id,
    // Keyed by uuid, as the stored movements are.
    ...seriesInputsOf(seriesInputs, c.id),
    plans: new Set(plans),
  }));
  const movements = await accountMovements(tx, accountId);
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
