/**
 * Small builders of validated BillingData for the engine's tests. Not part of the engine:
 * only *.test.ts files import this module.
 */
import { parseDecimal } from '../money.ts';
import { DEFAULT_SETTINGS, type Settings } from '../templates/settings.ts';
import type { BillingData } from '../templates/references.ts';
import type {
  CancellationRecord, CustomerRecord, ExchangeRateRecord, InvoiceRecord, LineItemRecord, ManualSubscriptionRecord,
  PlanRecord, SubscriptionEventRecord, TransactionRecord,
} from '../templates/specs/index.ts';
import type { SubscriptionEventType } from '../templates/specs/subscription-events.ts';
import { parseInstant } from '../time.ts';
import { parseSegment } from '../segments/parse.ts';
import { computeReport, createEngineContext, type ReportOptions } from './report.ts';
import type { EngineContext } from './subscriptions.ts';
import type { Interval } from './intervals.ts';
import type { CohortInterval } from './cohorts.ts';

/** `YYYY-MM-DD` or an ISO date-time → epoch ms (throws on a typo). */
export function t(s: string): number {
  const v = parseInstant(s);
  if (v === null) throw new Error(`bad instant ${s}`);
  return v;
}

export const HOUR = 3_600_000;
export const MINUTE = 60_000;

export function emptyData(): BillingData {
  return {
    customers: [], contacts: [], plans: [], invoices: [], lineItems: [], transactions: [], subscriptionEvents: [],
    cancellations: [], manualSubscriptions: [], exchangeRates: [],
  };
}

export function planRecord(externalId: string, intervalUnit: PlanRecord['intervalUnit'], intervalCount = 1): PlanRecord {
  return { row: 0, name: externalId, intervalCount, intervalUnit, externalId };
}

export interface SubLineOptions {
  prorated?: boolean;
  prorationType?: LineItemRecord['prorationType'];
  quantity?: number;
  tax?: number;
  fees?: number;
  feesCurrency?: string;
  eventOrder?: number | null;
  set?: string | null;
  /** Invoice to attach to; by default a new invoice dated at the line's start. */
  invoice?: string;
  currency?: string;
}

type When = string | number;
const at = (w: When) => (typeof w === 'number' ? w : t(w));

/**
 * Fluent builder. Plans named like `m`, `3m`, `y`, `2y`, `7d`, `30d` are created on first use
 * (month 1, month 3, year 1, year 2, day 7, day 30); customers are created on first use.
 */
export class DataBuilder {
  readonly data: BillingData = emptyData();
  private invoiceSeq = 0;

  customer(externalId: string, extra: Partial<CustomerRecord> = {}): this {
    const existing = this.data.customers.find((c) => c.externalId === externalId);
    if (existing) {
      Object.assign(existing, extra);
      return this;
    }
    this.data.customers.push({
      row: this.data.customers.length + 2, name: externalId, email: null, company: null, country: null, state: null,
      city: null, zip: null, externalId, leadCreatedAt: null, freeTrialStartedAt: null, tags: [], attributes: {},
      ...extra,
    });
    return this;
  }

  plan(externalId: string, unit: PlanRecord['intervalUnit'], count = 1): this {
    if (!this.data.plans.some((p) => p.externalId === externalId)) {
      this.data.plans.push({ ...planRecord(externalId, unit, count), row: this.data.plans.length + 2 });
    }
    return this;
  }

  private ensurePlan(id: string): void {
    if (this.data.plans.some((p) => p.externalId === id)) return;
    const m = /^(\d*)([dmy])$/.exec(id);
    if (!m) throw new Error(`unknown plan ${id}`);
    this.plan(id, m[2] === 'd' ? 'day' : m[2] === 'm' ? 'month' : 'year', m[1] === '' ? 1 : Number(m[1]));
  }

  invoice(externalId: string, customer: string, date: When, currency = 'USD'): this {
    this.customer(customer);
    this.data.invoices.push({
      row: this.data.invoices.length + 2, customerExternalId: customer, externalId, date: at(date), dueDate: null,
      currency,
    });
    return this;
  }

  private invoiceFor(customer: string, date: When, currency: string | undefined, given: string | undefined): string {
    if (given !== undefined) {
      if (!this.data.invoices.some((i) => i.externalId === given)) this.invoice(given, customer, date, currency);
      return given;
    }
    const id = `inv${++this.invoiceSeq}`;
    this.invoice(id, customer, date, currency);
    return id;
  }

  /** One subscription line on its own invoice (or `opts.invoice`). */
  sub(
    customer: string, subscription: string, plan: string, amount: number, start: When, end: When,
    opts: SubLineOptions = {},
  ): this {
    this.ensurePlan(plan);
    const invoice = this.invoiceFor(customer, start, opts.currency, opts.invoice);
    this.data.lineItems.push({
      row: this.data.lineItems.length + 2, invoiceExternalId: invoice, externalId: null,
      subscriptionExternalId: subscription, subscriptionSetExternalId: opts.set ?? null, type: 'subscription',
      amountInCents: amount, planExternalId: plan, servicePeriodStart: at(start), servicePeriodEnd: at(end),
      quantity: opts.quantity ?? 1, prorated: opts.prorated ?? false, prorationType: opts.prorationType ?? 'differential',
      discountCode: null, discountAmountInCents: null, taxAmountInCents: opts.tax ?? null, description: null,
      discountDescription: null, transactionFeesInCents: opts.fees ?? null,
      transactionFeesCurrency: opts.feesCurrency ?? null, accountCode: null, eventOrder: opts.eventOrder ?? null,
      balanceTransfer: false,
    });
    return this;
  }

  /** A prorated line (default type differential). */
  prorated(
    customer: string, subscription: string, plan: string, amount: number, start: When, end: When,
    opts: SubLineOptions = {},
  ): this {
    return this.sub(customer, subscription, plan, amount, start, end, { ...opts, prorated: true });
  }

  oneTime(customer: string, amount: number, date: When, opts: { invoice?: string; currency?: string; tax?: number } = {}): this {
    const invoice = this.invoiceFor(customer, date, opts.currency, opts.invoice);
    this.data.lineItems.push({
      row: this.data.lineItems.length + 2, invoiceExternalId: invoice, externalId: null, subscriptionExternalId: null,
      subscriptionSetExternalId: null, type: 'one_time', amountInCents: amount, planExternalId: null,
      servicePeriodStart: null, servicePeriodEnd: null, quantity: 1, prorated: false, prorationType: 'differential',
      discountCode: null, discountAmountInCents: null, taxAmountInCents: opts.tax ?? null, description: null,
      discountDescription: null, transactionFeesInCents: null, transactionFeesCurrency: null, accountCode: null,
      eventOrder: null, balanceTransfer: false,
    });
    return this;
  }

  /** The id of the invoice created last (by sub, prorated, oneTime or invoice). */
  lastInvoice(): string {
    return this.data.invoices[this.data.invoices.length - 1].externalId;
  }

  transaction(
    invoice: string, date: When,
    opts: { type?: TransactionRecord['type']; result?: TransactionRecord['result']; amount?: number } = {},
  ): this {
    this.data.transactions.push({
      row: this.data.transactions.length + 2, invoiceExternalId: invoice, externalId: null,
      type: opts.type ?? 'payment', result: opts.result ?? 'successful', date: at(date),
      amountInCents: opts.amount ?? null,
    });
    return this;
  }

  cancel(subscription: string, when: When): this {
    const rec: CancellationRecord = {
      row: this.data.cancellations.length + 2, customerExternalId: null, subscriptionExternalId: subscription,
      cancelledAt: at(when),
    };
    this.data.cancellations.push(rec);
    return this;
  }

  rate(date: When, currency: string, rate: string): this {
    const r: ExchangeRateRecord = { row: this.data.exchangeRates.length + 2, date: at(date), currency, rate: parseDecimal(rate)! };
    this.data.exchangeRates.push(r);
    return this;
  }

  event(
    customer: string, type: SubscriptionEventType,
    opts: {
      subscription?: string | null; id?: string | null; retracts?: string | null; date: When; effective: When;
      plan?: string | null; currency?: string | null; amount?: number | null; quantity?: number; order?: number;
    },
  ): this {
    this.customer(customer);
    if (opts.plan) this.ensurePlan(opts.plan);
    const rec: SubscriptionEventRecord = {
      row: this.data.subscriptionEvents.length + 2, customerExternalId: customer,
      subscriptionExternalId: opts.subscription ?? null, externalId: opts.id ?? null, eventType: type,
      retractedEventId: opts.retracts ?? null, date: at(opts.date), effectiveDate: at(opts.effective),
      planExternalId: opts.plan ?? null, currency: opts.currency ?? (opts.plan ? 'USD' : null),
      amountInCents: opts.amount ?? null, quantity: opts.quantity ?? 1,
      ...(opts.order === undefined ? {} : { eventOrder: opts.order }),
    };
    this.data.subscriptionEvents.push(rec);
    return this;
  }

  manual(
    customer: string, subscription: string, type: ManualSubscriptionRecord['eventType'], effective: When,
    opts: { plan?: string; amount?: number; quantity?: number; currency?: string; cash?: boolean; date?: When } = {},
  ): this {
    this.customer(customer);
    if (opts.plan) this.ensurePlan(opts.plan);
    const priced = type !== 'subscription_cancelled';
    this.data.manualSubscriptions.push({
      row: this.data.manualSubscriptions.length + 2, externalId: null, subscriptionExternalId: subscription,
      customerExternalId: customer, planExternalId: priced ? (opts.plan ?? null) : null,
      date: at(opts.date ?? effective), effectiveDate: at(effective), eventType: type,
      currency: priced ? (opts.currency ?? 'USD') : null, amountInCents: priced ? (opts.amount ?? null) : null,
      quantity: opts.quantity ?? 1, reportCashFlow: opts.cash ?? false,
    });
    return this;
  }

  build(): BillingData {
    return this.data;
  }
}

/** The context the engine stages share, for tests that call a stage directly. */
export function engineContext(data: BillingData, s: Settings, asOf: number): EngineContext {
  return createEngineContext(data, s, asOf);
}

export const settings = (over: Partial<Settings> = {}): Settings => ({ ...DEFAULT_SETTINGS, ...over });

export interface RunOptions extends Partial<Settings> {
  asOf: string;
  start?: string;
  interval?: Interval;
  cohortInterval?: CohortInterval;
  revenue?: boolean;
  /** A segment in the filter language (METRICS.md section 11). */
  segment?: string;
}

/** computeReport with settings overrides and string dates. */
export function run(data: BillingData, o: RunOptions) {
  const { asOf, start, interval, cohortInterval, revenue, segment, ...over } = o;
  const options: ReportOptions = { asOf: t(asOf), interval, cohortInterval, revenue };
  if (start !== undefined) options.start = t(start);
  if (segment !== undefined) options.segment = parseSegment(segment);
  return computeReport(data, settings(over), options);
}

export type ReportResult = ReturnType<typeof run>;

/** Movements as compact tuples for readable expectations: [at, subscription, type, amount]. */
export function moves(r: ReportResult, customer?: string): [string, string, string, number][] {
  return r.movements
    .filter((m) => customer === undefined || m.customer_external_id === customer)
    .map((m) => [m.at.endsWith('T00:00:00.000Z') ? m.date : m.at, m.subscription_external_id, m.type, m.amount]);
}

export function sub(r: ReportResult, id: string) {
  const s = r.subscriptions.find((x) => x.external_id === id);
  if (!s) throw new Error(`no subscription ${id}`);
  return s;
}

export function cust(r: ReportResult, id: string) {
  const c = r.customers.find((x) => x.external_id === id);
  if (!c) throw new Error(`no customer ${id}`);
  return c;
}

export function entry(r: ReportResult, date: string) {
  const e = r.series.find((x) => x.date === date);
  if (!e) throw new Error(`no series entry ${date}`);
  return e;
}
