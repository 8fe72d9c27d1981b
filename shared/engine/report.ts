/**
 * The report of DATA.md: customers, subscriptions, movements, the series and the
 * committed-MRR forecast, computed from validated billing data as of one day.
 */
import type { BillingRecords } from '../templates/references.ts';
import { linkBillingData } from '../templates/links.ts';
import type { Settings } from '../templates/settings.ts';
import type { RowError, TableWarning } from '../templates/table.ts';
import { DAY_MS, endOfDay, formatDate, formatInstant, startOfDay, ymd } from '../time.ts';
import { arrOf } from './arr.ts';
import { cashEvents, netPayments } from './cash.ts';
import { buildCohorts, type Cohort, type CohortInterval } from './cohorts.ts';
import { connectTimelines } from './connections.ts';
import { customerFigures, type CustomerFigures, type CustomerStatus } from './customers.ts';
import { retractedEvents } from './events.ts';
import { walkCustomers } from './customer-walk.ts';
import { buildForecast, withScheduledChanges, type ForecastEntry } from './forecast.ts';
import { buildBuckets, type Interval } from './intervals.ts';
import { manualSubscriptions } from './manual.ts';
import { customerMovements } from './movements.ts';
import { RateTable } from './rates.ts';
import { revenueSchedule, type RevenueEntry } from './revenue.ts';
import { buildSeries, type SeriesEntry } from './series.ts';
import { segmentReportInputs } from './segment.ts';
import type { Segment } from '../segments/segment.ts';
import { cancellationsBySubscription, invoicedSubscriptions, type EngineContext } from './subscriptions.ts';
import type {
  CashEvent, CustomerState, FxImpact, Movement, MovementType, SubscriptionStatus, SubscriptionTimeline,
} from './types.ts';

export interface ReportOptions {
  /** The as-of day (any instant in it); the report covers instants up to its end. */
  asOf: number;
  /** First day of the series; default the first of the month of the first movement. */
  start?: number;
  interval?: Interval;
  /** The cohorts' interval (METRICS.md section 12); default month. */
  cohortInterval?: CohortInterval;
  /** Include the per-customer revenue recognition schedule. */
  revenue?: boolean;
  /** Narrow the report to a segment (METRICS.md section 11). */
  segment?: Segment;
  /** The data source's name, as `data_source` conditions see it (a CSV folder's name). */
  dataSource?: string;
}

export interface CustomerRow {
  external_id: string;
  name: string;
  status: CustomerStatus;
  mrr: number;
  arr: number;
  subscriber_since: string | null;
  net_payments: number;
  subscriptions: number;
  quantity: number;
}

export interface SubscriptionRow {
  external_id: string;
  customer_external_id: string;
  set_external_id: string | null;
  plan_external_id: string | null;
  status: SubscriptionStatus;
  mrr: number;
  quantity: number;
  started_at: string;
  paid_through: string | null;
  cancelled_at: string | null;
}

export interface MovementRow {
  date: string;
  at: string;
  customer_external_id: string;
  subscription_external_id: string;
  type: MovementType;
  amount: number;
  customer_mrr_after: number;
}

export interface Report {
  as_of: string;
  currency: string;
  customers: CustomerRow[];
  subscriptions: SubscriptionRow[];
  movements: MovementRow[];
  series: SeriesEntry[];
  /** Every cohort up to as-of, whatever the series start. */
  cohorts: Cohort[];
  forecast: ForecastEntry[];
  revenue?: RevenueEntry[];
  errors: RowError[];
  warnings: TableWarning[];
}

export class ReportOptionsError extends Error {}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Per-customer results of the engine: what the report formats and the API stores. */
export interface CustomerAnalysis {
  customerId: string;
  figures: CustomerFigures;
  /** Movements up to as-of, in time order. */
  movements: Movement[];
  /** The customer's state after each event up to as-of (what the series counts). */
  states: CustomerState[];
  fx: FxImpact[];
  cash: CashEvent[];
  netPayments: number;
  subscriptions: SubscriptionTimeline[];
  /** Its subscriptions continued by scheduled changes after as-of, when the account has any (a segment's forecast walks them). */
  scheduled?: SubscriptionTimeline[];
}

export interface Analysis {
  asOfDay: number;
  asOfEnd: number;
  settings: Settings;
  /** In customer external ID order. */
  customers: CustomerAnalysis[];
  /** All movements up to as-of, by (instant, customer, subscription). */
  movements: Movement[];
  fx: FxImpact[];
  cash: CashEvent[];
  /** Scheduled changes after as-of (section 8): states of every customer, committed movements and fx. */
  forecast: { lastInstant: number; states: CustomerState[][]; movements: Movement[]; fx: FxImpact[] } | null;
}

/** Everything the engine knows per customer as of one day. */
export function analyse(data: BillingRecords, settings: Settings, asOf: number): Analysis {
  const asOfDay = startOfDay(asOf);
  const asOfEnd = endOfDay(asOf);
  const ctx = createEngineContext(data, settings, asOf);

  const retracted = retractedEvents(data.subscriptionEvents);
  const cancellations = cancellationsBySubscription(data, retracted, asOfEnd);
  const customers = [...data.customers].sort((a, b) => byString(a.externalId, b.externalId));
  const subsByCustomer = groupBy(
    [
      ...connectTimelines(invoicedSubscriptions(data, cancellations, ctx), data.subscriptionConnections, ctx.rates),
      ...manualSubscriptions(data, ctx),
    ],
    (s) => s.customerId,
  );
  for (const list of subsByCustomer.values()) list.sort((a, b) => byString(a.id, b.id));
  // In customer order, then subscription ID order (each customer's list is short).
  const subscriptions = customers.flatMap((c) => subsByCustomer.get(c.externalId) ?? []);
  const extended = withScheduledChanges(subscriptions, data.subscriptionEvents, retracted, ctx);
  const extendedByCustomer = extended === subscriptions ? subsByCustomer : groupBy(extended, (s) => s.customerId);

  let lastScheduled = -Infinity;
  for (const s of extended) {
    const last = s.points[s.points.length - 1];
    if (last && last.t > lastScheduled) lastScheduled = last.t;
  }
  const hasScheduled = lastScheduled > asOfEnd;

  const cash = cashEvents(data, ctx);
  const cashByCustomer = groupBy(cash, (e) => e.customerId);
  const movements: Movement[] = [];
  const committed: Movement[] = [];
  const fx: FxImpact[] = [];
  const committedFx: FxImpact[] = [];
  const allStates: CustomerState[][] = [];
  const results: CustomerAnalysis[] = [];
  for (const customer of customers) {
    const id = customer.externalId;
    const result = customerMovements(id, extendedByCustomer.get(id) ?? [], settings.sac_window_minutes);
    // Only scheduled changes lie after as-of; without them nothing needs splitting.
    const past = hasScheduled ? result.movements.filter((m) => m.t <= asOfEnd) : result.movements;
    const states = hasScheduled ? result.states.filter((s) => s.t <= asOfEnd) : result.states;
    const pastFx = hasScheduled ? result.fx.filter((f) => f.t <= asOfEnd) : result.fx;
    for (const m of result.movements) (m.t <= asOfEnd ? movements : committed).push(m);
    for (const f of result.fx) (f.t <= asOfEnd ? fx : committedFx).push(f);
    allStates.push(result.states);
    const customerCash = cashByCustomer.get(id) ?? [];
    const subs = subsByCustomer.get(id) ?? [];
    results.push({
      customerId: id,
      figures: customerFigures(subs, states, past),
      movements: past,
      states,
      fx: pastFx,
      cash: customerCash,
      netPayments: netPayments(customerCash).get(id) ?? 0,
      subscriptions: subs,
      ...(hasScheduled ? { scheduled: extendedByCustomer.get(id) ?? [] } : {}),
    });
  }
  // Customers come in ID order and each one's movements in (instant, subscription) order,
  // so a stable sort on the instant alone gives (instant, customer, subscription).
  movements.sort((a, b) => a.t - b.t);
  return {
    asOfDay,
    asOfEnd,
    settings,
    customers: results,
    movements,
    fx,
    cash,
    forecast: hasScheduled ? { lastInstant: lastScheduled, states: allStates, movements: committed, fx: committedFx } : null,
  };
}

/** The series start default: the first of the month of the first movement (or of as-of). */
export function defaultSeriesStart(movements: readonly Movement[], asOfDay: number): number {
  return firstOfMonth(movements.length > 0 ? movements[0].t : asOfDay);
}

/**
 * Report rows made when read, `slice` by `slice`: a writer streaming the report formats a few
 * hundred rows at a time instead of holding every row (and the string of each date) at once.
 */
export interface RowList<T> {
  readonly length: number;
  slice(start: number, end: number): T[];
}

function rowList<S, T>(items: { readonly length: number; slice(start: number, end: number): S[] }, row: (item: S) => T): RowList<T> {
  return { length: items.length, slice: (start, end) => items.slice(start, end).map(row) };
}

function allRows<T>(list: RowList<T>): T[] {
  return list.slice(0, list.length);
}

/** The report with its customer, subscription and movement rows as RowLists. */
export type ReportSections = Omit<Report, 'customers' | 'subscriptions' | 'movements' | 'errors' | 'warnings'> & {
  customers: RowList<CustomerRow>;
  subscriptions: RowList<SubscriptionRow>;
  movements: RowList<MovementRow>;
};

export function computeReport(
  data: BillingRecords,
  settings: Settings,
  options: ReportOptions,
): Omit<Report, 'errors' | 'warnings'> {
  const sections = computeReportSections(data, settings, options);
  return {
    ...sections,
    customers: allRows(sections.customers),
    subscriptions: allRows(sections.subscriptions),
    movements: allRows(sections.movements),
  };
}

/**
 * computeReport with its three row lists made when read. The lists keep only what their rows
 * show (figures, movements, customer names), not the billing data or the engine's timelines,
 * so a caller that streams the report can let those go first (issue 13).
 */
export function computeReportSections(data: BillingRecords, settings: Settings, options: ReportOptions): ReportSections {
  const asOfDay = startOfDay(options.asOf);
  const asOfEnd = endOfDay(options.asOf);
  // Without a segment, one customer at a time (customer-walk.ts); a segment narrows the whole analysis.
  const walk = options.segment ? null : walkCustomers(
    data, settings, createEngineContext(data, settings, options.asOf),
    [...data.customers].sort((a, b) => byString(a.externalId, b.externalId)),
  );
  if (walk !== null) {
    return reportSections(data, settings, options, {
      customers: walk.customers, states: walk.states, movements: walk.movements, fx: walk.fx, cash: walk.cash,
      forecast: null, asOfDay, asOfEnd, leadCustomers: data.customers,
    });
  }
  const whole = analyse(data, settings, options.asOf);
  const { analysis, customers: leadCustomers } = options.segment
    ? segmentReportInputs(data, whole, options.segment, options.dataSource ?? null)
    : { analysis: whole, customers: data.customers };
  return reportSections(data, settings, options, {
    customers: analysis.customers, states: analysis.customers, movements: analysis.movements, fx: analysis.fx,
    cash: analysis.cash, forecast: analysis.forecast, asOfDay, asOfEnd, leadCustomers,
  });
}

/** What the report's sections are made of: a whole analysis's, or a customer walk's. */
interface ReportParts {
  customers: readonly { customerId: string; figures: CustomerFigures; netPayments: number; subscriptions: readonly SubscriptionFigures[] }[];
  states: Iterable<{ customerId: string; states: readonly CustomerState[] }>;
  /** By (instant, customer, subscription). */
  movements: Iterable<Movement> & { readonly length: number; slice(start: number, end: number): Movement[] };
  fx: Iterable<{ t: number; amount: number }>;
  cash: readonly CashEvent[];
  forecast: Analysis['forecast'];
  asOfDay: number;
  asOfEnd: number;
  leadCustomers: BillingRecords['customers'];
}

function* statesOnly(customers: Iterable<{ states: readonly CustomerState[] }>): Iterable<readonly CustomerState[]> {
  for (const c of customers) yield c.states;
}

function reportSections(data: BillingRecords, settings: Settings, options: ReportOptions, parts: ReportParts): ReportSections {
  const { asOfDay, asOfEnd, leadCustomers } = parts;
  const interval = options.interval ?? 'month';
  const firstMovement = parts.movements.length > 0 ? parts.movements.slice(0, 1)[0].t : asOfDay;
  const start = startOfDay(options.start ?? firstOfMonth(firstMovement));
  if (start > asOfDay) {
    throw new ReportOptionsError(`The series start ${formatDate(start)} is after the as-of day ${formatDate(asOfDay)}`);
  }
  const series = buildSeries({
    buckets: buildBuckets(start, asOfDay, interval),
    customerStates: statesOnly(parts.states),
    movements: parts.movements,
    fx: parts.fx,
    cash: parts.cash,
    leads: leadCustomers.map((c) => ({
      customerId: c.externalId, leadCreatedAt: c.leadCreatedAt, freeTrialStartedAt: c.freeTrialStartedAt,
    })),
  });

  let forecast: ForecastEntry[] = [];
  if (parts.forecast) {
    const mrrAtAsOf = series.length > 0 ? series[series.length - 1].mrr : 0;
    forecast = buildForecast(
      buildBuckets(asOfDay + DAY_MS, startOfDay(parts.forecast.lastInstant), interval),
      mrrAtAsOf,
      parts.forecast.states,
      asOfEnd,
      parts.forecast.movements,
      parts.forecast.fx,
    );
  }

  const names = new Map(data.customers.map((c) => [c.externalId, c.name]));
  const customerFigures = parts.customers.map((c) => ({ id: c.customerId, figures: c.figures, netPayments: c.netPayments }));
  return {
    as_of: formatDate(asOfDay),
    currency: settings.base_currency,
    customers: rowList(customerFigures, (c) => customerRowOf(c.id, names.get(c.id) ?? '', c.figures, c.netPayments)),
    subscriptions: rowList(parts.customers.flatMap((c) => c.subscriptions.map(subscriptionFigures)), subscriptionRow),
    movements: rowList(parts.movements, movementRow),
    series,
    cohorts: buildCohorts({
      customers: parts.states, movements: parts.movements, end: asOfDay, interval: options.cohortInterval,
    }),
    forecast,
    ...(options.revenue ? { revenue: revenueOf(data, settings, options.asOf, leadCustomers) } : {}),
  };
}

/** The revenue schedule of the given customers (a segment's customer conditions narrow it; its plan conditions do not). */
function revenueOf(data: BillingRecords, settings: Settings, asOf: number, customers: BillingRecords['customers']): RevenueEntry[] {
  const all = revenueSchedule(data, createEngineContext(data, settings, asOf));
  if (customers === data.customers) return all;
  const kept = new Set(customers.map((c) => c.externalId));
  return all.filter((e) => kept.has(e.customer_external_id));
}

export function customerRow(c: CustomerAnalysis, name: string): CustomerRow {
  return customerRowOf(c.customerId, name, c.figures, c.netPayments);
}

/** The customer row from its figures (what the API stores of a customer between recomputes). */
export function customerRowOf(externalId: string, name: string, f: CustomerFigures, netPayments: number): CustomerRow {
  return {
    external_id: externalId,
    name,
    status: f.status,
    mrr: f.mrr,
    arr: arrOf(f.mrr),
    subscriber_since: f.subscriberSince === null ? null : formatDate(f.subscriberSince),
    net_payments: netPayments,
    subscriptions: f.subscriptions,
    quantity: f.quantity,
  };
}

/** The figures of a customer with no subscription yet: a Lead with nothing. */
export const LEAD_FIGURES: CustomerFigures = customerFigures([], [], []);

export function movementRow(m: Movement): MovementRow {
  return {
    date: formatDate(m.t),
    at: formatInstant(m.t),
    customer_external_id: m.customerId,
    subscription_external_id: m.subscriptionId,
    type: m.type,
    amount: m.amount,
    customer_mrr_after: m.customerMrrAfter,
  };
}

/** Rates, plans and reference links resolved once for every stage of one report. */
export function createEngineContext(data: BillingRecords, settings: Settings, asOf: number): EngineContext {
  return {
    settings,
    rates: new RateTable(settings.base_currency, data.exchangeRates),
    asOfEnd: endOfDay(asOf),
    plans: new Map(data.plans.map((p) => [p.externalId, p])),
    links: data.links ?? linkBillingData(data),
  };
}

/** What a subscription's row says, with instants: what the API stores of it between recomputes. */
export type SubscriptionFigures = Pick<
  SubscriptionTimeline,
  'id' | 'customerId' | 'setId' | 'planId' | 'status' | 'mrr' | 'quantity' | 'startedAt' | 'paidThrough' | 'cancelledAt'
>;

/** A subscription's figures as of the report's day: a cancelled one has no MRR and no quantity. */
export function subscriptionFigures(s: SubscriptionFigures): SubscriptionFigures {
  const cancelled = s.status === 'cancelled';
  return {
    id: s.id,
    customerId: s.customerId,
    setId: s.setId,
    planId: s.planId,
    status: s.status,
    mrr: cancelled ? 0 : s.mrr,
    quantity: cancelled ? 0 : s.quantity,
    startedAt: s.startedAt,
    paidThrough: s.paidThrough,
    cancelledAt: s.cancelledAt,
  };
}

export function subscriptionRow(s: SubscriptionFigures): SubscriptionRow {
  const f = subscriptionFigures(s);
  return {
    external_id: f.id,
    customer_external_id: f.customerId,
    set_external_id: f.setId,
    plan_external_id: f.planId,
    status: f.status,
    mrr: f.mrr,
    quantity: f.quantity,
    started_at: formatDate(f.startedAt),
    paid_through: f.paidThrough === null ? null : formatDate(f.paidThrough),
    cancelled_at: f.cancelledAt === null ? null : formatDate(f.cancelledAt),
  };
}

function firstOfMonth(t: number): number {
  const { year, month } = ymd(t);
  return Date.UTC(year, month - 1, 1);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    let list = map.get(k);
    if (!list) map.set(k, (list = []));
    list.push(item);
  }
  return map;
}
