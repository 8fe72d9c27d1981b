/**
 * What the metric series and cohorts are built from, for a whole account: each customer's
 * stored states, fx and cash, and the movements. Loaded once per data version and kept in
 * memory, so metrics requests only run the shared buildSeries / buildCohorts over it (or over
 * a segment's part of it, api/segments/).
 */
import {
  buildBuckets, buildCohorts, buildSeries, type CashEvent, type Cohort, type CohortInterval, type CustomerState,
  type FxImpact, type Interval, type Movement, type SeriesEntry, type SeriesLead,
} from '../../shared/index.ts';
import { seriesInputsOf } from '../../shared/engine/series-inputs.ts';
import type { AppContext } from '../context.ts';
import type { Database, Tx } from '../db/client.ts';
import { accountMovements, seriesCustomers, type StoredSeriesCustomer } from '../store/derived.ts';
import { freshVersion, type SeenAccount } from './freshness.ts';

/** A customer as stored (store/derived.ts), its series inputs row read back for buildSeries. */
export interface CustomerInputs extends Omit<StoredSeriesCustomer, 'seriesInputs'> {
  /** The ID its movements carry (the uuid), as buildSeries joins leads to first new_biz by it. */
  customerId: string;
  states: CustomerState[];
  fx: FxImpact[];
  cash: CashEvent[];
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
  const customers = (await seriesCustomers(tx, accountId)).map<CustomerInputs>(({ seriesInputs, ...c }) => ({
    ...c,
    customerId: c.id,
    // Keyed by uuid, as the stored movements are.
    ...seriesInputsOf(seriesInputs, c.id),
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

/** The account's series inputs as of today (derived data made fresh first). */
export async function freshAccountInputs(ctx: AppContext, accountId: string, seen?: SeenAccount): Promise<AccountInputs> {
  return ctx.inputs.get(accountId, await freshVersion(ctx.db, accountId, ctx.today(), ctx.recompute, seen));
}

/**
 * What a series or a cohort table is built from: the whole account's inputs, or a segment's
 * (some customers' stored inputs, or what the engine gave under plan conditions).
 */
export interface SeriesView {
  /** Each customer's states in time order, under the ID its movements carry. */
  customers: readonly { customerId: string; states: readonly CustomerState[] }[];
  movements: readonly Movement[];
  fx: readonly FxImpact[];
  cash: readonly CashEvent[];
  /** Every customer counted for leads, trials and cash (under plan conditions, not only those on the plans). */
  leads: readonly SeriesLead[];
}

/** The whole account's inputs as a view. */
export function wholeAccount(inputs: AccountInputs): SeriesView {
  return { customers: inputs.customers, movements: inputs.movements, fx: inputs.fx, cash: inputs.cash, leads: inputs.customers };
}

/** Only the customers (uuids) kept, with everything of theirs. */
export function customersOf(inputs: AccountInputs, kept: ReadonlySet<string>): SeriesView {
  const customers = inputs.customers.filter((c) => kept.has(c.id));
  return {
    customers,
    movements: inputs.movements.filter((m) => kept.has(m.customerId)),
    fx: customers.flatMap((c) => c.fx),
    cash: customers.flatMap((c) => c.cash),
    leads: customers,
  };
}

export interface SeriesQuery {
  start: number;
  end: number;
  interval: Interval;
}

export function seriesOf(source: AccountInputs | SeriesView, q: SeriesQuery): SeriesEntry[] {
  const view = 'version' in source ? wholeAccount(source) : source;
  const customerStates = 'version' in source ? source.states : view.customers.map((c) => c.states);
  return buildSeries({
    buckets: buildBuckets(q.start, q.end, q.interval),
    customerStates,
    movements: view.movements,
    fx: view.fx,
    cash: view.cash,
    leads: view.leads,
  });
}

export interface CohortsQuery {
  /** The end day: the last period is clipped to it. */
  end: number;
  interval: CohortInterval;
  /** Only cohorts whose interval ends on or after this day. */
  start?: number;
}

export function cohortsOf(source: AccountInputs | SeriesView, q: CohortsQuery): Cohort[] {
  const view = 'version' in source ? wholeAccount(source) : source;
  return buildCohorts({ customers: view.customers, movements: view.movements, end: q.end, interval: q.interval, start: q.start });
}
