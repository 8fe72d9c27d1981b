/**
 * A deterministic SaaS company: its plans, exchange rates, customers and their whole billing
 * history as template rows (cells exactly as a CSV holds them), streamed customer by customer.
 *
 * Two kinds of paying customers:
 * - anniversary-billed (`cus_` IDs): billed on the day they started, in USD or EUR, with add-ons
 *   in the main subscription's set, mid-period changes with prorated lines, cancellations at
 *   any instant, and a few that just stop paying;
 * - calendar-billed (`cal_` IDs, see isMonthAligned): USD, one subscription at a time, every
 *   service period from a 1st of a month to a 1st, changes only at renewal, and churn as a
 *   cancellation at the end of the last paid period.
 * Both can come back after churning, with a new subscription.
 */
import { DATASET_NAMES, TEMPLATE_HEADERS, type DatasetName } from '../templates/datasets.ts';
import {
  addonPlan, COMPANY_STEMS, COMPANY_SUFFIXES, FIRST_NAMES, LAST_NAMES, LEGAL_FORMS, mainPlan, PLANS,
  REGIONS, SETUP_FEES, type AddonKind, type Cadence, type Family, type PlanDef, type Region,
} from './catalog.ts';
import {
  civilFromDay, dayInMonth, firstOfMonth, formatDateTime, formatDay, monthOfDay, parseDay,
} from './dates.ts';
import { divRound } from '../money.ts';
import { mixSeed, Rng } from './random.ts';
import { MODEL, tierSpec, type CompanyProfile, type Tier } from './tiers.ts';

export interface GenerateOptions {
  tier: Tier;
  /** Default 1. */
  seed?: number;
  /** Last day of data, `YYYY-MM-DD`; default 2026-10-31. Nothing dated later is generated. */
  endDate?: string;
}

export interface GeneratedRow {
  dataset: DatasetName;
  /** Cells in TEMPLATE_HEADERS[dataset] order. */
  row: string[];
}

export const CALENDAR_PREFIX = 'cal_';

/** True for calendar-billed customers: month-aligned, non-prorated, USD, one subscription at a time. */
export function isMonthAligned(customerExternalId: string): boolean {
  return customerExternalId.startsWith(CALENDAR_PREFIX);
}

/** Column positions looked up by header, so rows follow TEMPLATE_HEADERS whatever its order. */
function columns<K extends string>(dataset: DatasetName, names: Record<K, string>): Record<K, number> {
  const headers = TEMPLATE_HEADERS[dataset];
  const out = {} as Record<K, number>;
  for (const key of Object.keys(names) as K[]) {
    const i = headers.indexOf(names[key]);
    if (i < 0) throw new Error(`${dataset} has no column '${names[key]}'`);
    out[key] = i;
  }
  return out;
}

const WIDTH = Object.fromEntries(DATASET_NAMES.map((d) => [d, TEMPLATE_HEADERS[d].length])) as Record<DatasetName, number>;

function blank(dataset: DatasetName): string[] {
  return new Array<string>(WIDTH[dataset]).fill('');
}

const CUS = columns('customers', {
  name: 'Name', email: 'Email', company: 'Company', country: 'Country', state: 'State', city: 'City',
  zip: 'Zip', id: 'External ID', lead: 'Lead created at', trial: 'Free trial started at',
});
const CON = columns('contacts', {
  customer: 'Customer external ID', first: 'First name', last: 'Last name', title: 'Title', email: 'Email',
  phone: 'Phone', linkedin: 'LinkedIn',
});
const PLN = columns('plans', { name: 'Name', count: 'Interval count', unit: 'Interval unit', id: 'Plan ID' });
const INV = columns('invoices', {
  customer: 'Customer external ID', id: 'Invoice external ID', date: 'Invoiced date', due: 'Due Date',
  currency: 'Currency',
});
const LI = columns('line_items', {
  invoice: 'Invoice external ID', id: 'External ID', sub: 'Subscription external ID',
  set: 'Subscription set external ID', type: 'Type', amount: 'Amount in cents', plan: 'Plan',
  start: 'Service period start', end: 'Service period end', quantity: 'Quantity', proration: 'Proration',
  prorationType: 'Proration type', discountCode: 'Discount code', discountAmount: 'Discount amount',
  tax: 'Tax amount', description: 'Description', discountDescription: 'Discount description',
});
const TX = columns('transactions', {
  invoice: 'Invoice external ID', id: 'External ID', type: 'Type', result: 'Result', date: 'Date',
  amount: 'Amount in cents',
});
const CAN = columns('cancellations', {
  customer: 'Customer external ID', sub: 'Subscription external ID', at: 'Cancelled at',
});
const FX = columns('exchange_rates', { date: 'Date', currency: 'Currency', rate: 'Rate' });

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Sequential external IDs; generation order is fixed, so they are deterministic. */
class Ids {
  private invoice = 0;
  private line = 0;
  private transaction = 0;
  private subscription = 0;
  private set = 0;
  nextInvoice = (): string => `inv_${pad(++this.invoice, 7)}`;
  nextLine = (): string => `li_${pad(++this.line, 8)}`;
  nextTransaction = (): string => `tr_${pad(++this.transaction, 8)}`;
  nextSubscription = (): string => `sub_${pad(++this.subscription, 7)}`;
  nextSet = (): string => `set_${pad(++this.set, 7)}`;
}

interface Line {
  type: 'Subscription' | 'OneTime';
  sub?: string;
  set?: string;
  plan?: PlanDef;
  start?: number;
  end?: number;
  quantity: number;
  prorationType?: 'differential' | 'full';
  /** Amount before tax, after discount. */
  net: number;
  discount?: { code: string; amount: number; description: string };
  description: string;
}

interface MainSub {
  id: string;
  set: string;
  family: Family;
  cadence: Cadence;
  seats: number;
}

interface Addon {
  id: string;
  kind: AddonKind;
  quantity: number;
}

const DISCOUNT = { code: 'WELCOME20', percent: 20, description: '20% off the first invoices' };

/** One customer's rows, generated in one go from its own random stream. */
class CustomerSim {
  readonly rows: GeneratedRow[] = [];
  private readonly id: string;
  private readonly currency: 'USD' | 'EUR';
  private readonly taxBp: number;
  private readonly netTerms: boolean;
  private readonly calendar: boolean;

  constructor(
    private readonly rng: Rng,
    private readonly ids: Ids,
    private readonly endDay: number,
    private readonly profile: CompanyProfile,
    customerNo: number,
    calendar: boolean,
    region: Region,
    taxed: boolean,
    netTerms: boolean,
  ) {
    this.calendar = calendar;
    this.id = `${calendar ? CALENDAR_PREFIX : 'cus_'}${pad(customerNo, 6)}`;
    this.currency = region.currency;
    this.taxBp = taxed ? region.taxBp : 0;
    this.netTerms = netTerms;
  }

  private emit(dataset: DatasetName, row: string[]): void {
    this.rows.push({ dataset, row });
  }

  customerRow(region: Region, lead: number | null, trial: number | null): void {
    const rng = this.rng;
    const stem = rng.pick(COMPANY_STEMS);
    const company = `${stem} ${rng.pick(COMPANY_SUFFIXES)}${rng.pick(LEGAL_FORMS)}`;
    const domain = `${stem}${this.id.slice(-4)}`.toLowerCase().replace(/[^a-z0-9]/g, '') + '.example';
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const place = rng.pick(region.places);
    const row = blank('customers');
    row[CUS.name] = company;
    row[CUS.email] = `billing@${domain}`;
    row[CUS.company] = company;
    row[CUS.country] = region.country;
    row[CUS.state] = place[0];
    row[CUS.city] = place[1];
    row[CUS.zip] = place[2];
    row[CUS.id] = this.id;
    row[CUS.lead] = lead === null ? '' : formatDay(lead);
    row[CUS.trial] = trial === null ? '' : formatDay(trial);
    this.emit('customers', row);
    if (rng.chance(0.3)) {
      const c = blank('contacts');
      c[CON.customer] = this.id;
      c[CON.first] = first;
      c[CON.last] = last;
      c[CON.title] = rng.pick(['CEO', 'CTO', 'Head of Finance', 'Office Manager', 'VP Engineering']);
      c[CON.email] = `${first}.${last}@${domain}`.toLowerCase().replace(/[^a-z0-9.@-]/g, '');
      c[CON.phone] = `+1-555-${pad(rng.int(0, 9999), 4)}`;
      c[CON.linkedin] = `https://www.linkedin.com/in/${first}-${last}`.toLowerCase().replace(/[^a-z0-9:/.-]/g, '');
      this.emit('contacts', c);
    }
  }

  /** An invoice dated `day` with `lines`, and its payments. */
  private invoice(day: number, lines: readonly Line[]): void {
    const invoiceId = this.ids.nextInvoice();
    const inv = blank('invoices');
    inv[INV.customer] = this.id;
    inv[INV.id] = invoiceId;
    inv[INV.date] = formatDay(day);
    inv[INV.due] = formatDay(this.netTerms ? day + 30 : day);
    inv[INV.currency] = this.currency;
    this.emit('invoices', inv);
    let total = 0;
    for (const line of lines) {
      const tax = this.taxBp ? divRound(line.net * this.taxBp, 10_000) : 0;
      const amount = line.net + tax;
      total += amount;
      const row = blank('line_items');
      row[LI.invoice] = invoiceId;
      row[LI.id] = this.ids.nextLine();
      row[LI.type] = line.type;
      row[LI.amount] = String(amount);
      row[LI.quantity] = String(line.quantity);
      row[LI.proration] = line.prorationType ? 'TRUE' : 'FALSE';
      row[LI.description] = line.description;
      if (this.taxBp) row[LI.tax] = String(tax);
      if (line.type === 'Subscription') {
        row[LI.sub] = line.sub!;
        row[LI.set] = line.set ?? '';
        row[LI.plan] = line.plan!.id;
        row[LI.start] = formatDay(line.start!);
        row[LI.end] = formatDay(line.end!);
        row[LI.prorationType] = line.prorationType ?? '';
      }
      if (line.discount) {
        row[LI.discountCode] = line.discount.code;
        row[LI.discountAmount] = String(line.discount.amount);
        row[LI.discountDescription] = line.discount.description;
      }
      this.emit('line_items', row);
    }
    if (total > 0) this.payments(invoiceId, day, total);
  }

  private transaction(invoiceId: string, type: 'payment' | 'refund', result: 'successful' | 'failed', day: number, amount: number): void {
    if (day > this.endDay) return;
    const row = blank('transactions');
    row[TX.invoice] = invoiceId;
    row[TX.id] = this.ids.nextTransaction();
    row[TX.type] = type;
    row[TX.result] = result;
    row[TX.date] = formatDateTime(day, this.rng.int(0, 86_399));
    row[TX.amount] = String(amount);
    this.emit('transactions', row);
  }

  /** A successful payment, sometimes after a failed attempt, and now and then a refund. */
  private payments(invoiceId: string, day: number, total: number): void {
    const rng = this.rng;
    let paid = this.netTerms ? day + rng.int(2, 28) : day;
    if (rng.chance(0.04)) {
      this.transaction(invoiceId, 'payment', 'failed', paid, total);
      paid += rng.int(2, 5);
    }
    this.transaction(invoiceId, 'payment', 'successful', paid, total);
    if (rng.chance(0.005)) {
      const refund = rng.chance(0.5) ? total : divRound(total, 2);
      this.transaction(invoiceId, 'refund', 'successful', paid + rng.int(1, 20), refund);
    }
  }

  private cancel(subscriptionId: string, at: string): void {
    const row = blank('cancellations');
    row[CAN.customer] = this.id;
    row[CAN.sub] = subscriptionId;
    row[CAN.at] = at;
    this.emit('cancellations', row);
  }

  private pickPlan(): { family: Family; cadence: Cadence; seats: number } {
    const rng = this.rng;
    const cadence = rng.weighted(this.calendar ? this.profile.cadenceMix.calendar : this.profile.cadenceMix.anniversary);
    const family: Family = cadence === 'quarterly' ? 'pro' : rng.weighted({ starter: 0.45, pro: 0.4, business: 0.15 });
    return { family, cadence, seats: seatsFor(rng, family) };
  }

  /** Sometimes changes plan, seats or cadence at a renewal (no proration). */
  private renewalChange(main: MainSub, months: number): void {
    const rng = this.rng;
    const p = Math.min(1, months / 12);
    const x = rng.next();
    const step = (): number => rng.int(1, Math.max(1, Math.round(main.seats * 0.3)));
    if (x < 0.15 * p) {
      if (main.cadence !== 'quarterly') main.family = main.family === 'starter' ? 'pro' : 'business';
    } else if (x < 0.21 * p) {
      if (main.cadence !== 'quarterly') main.family = main.family === 'business' ? 'pro' : 'starter';
    } else if (x < 0.45 * p) {
      main.seats += step();
    } else if (x < 0.55 * p) {
      main.seats = Math.max(1, main.seats - step());
    } else if (x < 0.55 * p + 0.002) {
      main.cadence = 'annual';
    } else if (x < 0.55 * p + 0.062) {
      if (main.cadence === 'annual') main.cadence = 'monthly';
    }
  }

  private mainLine(main: MainSub, start: number, end: number, discounted: boolean): Line {
    const plan = mainPlan(main.family, main.cadence);
    const list = plan.unitPrice * main.seats;
    const discount = discounted ? divRound(list * DISCOUNT.percent, 100) : 0;
    return {
      type: 'Subscription', sub: main.id, set: main.set, plan, start, end, quantity: main.seats,
      net: list - discount, description: `${plan.name} (${main.seats} seat${main.seats === 1 ? '' : 's'})`,
      discount: discount ? { code: DISCOUNT.code, amount: discount, description: DISCOUNT.description } : undefined,
    };
  }

  private setupFee(family: Family): Line {
    return { type: 'OneTime', quantity: 1, net: SETUP_FEES[family], description: 'Onboarding and setup fee' };
  }

  /**
   * One subscription life of a calendar-billed customer, from the 1st of month `mi`.
   * Returns the day it churned (the end of its last paid period), or null if still active.
   */
  calendarLife(mi: number, first: boolean): number | null {
    const rng = this.rng;
    const endDay = this.endDay;
    const main: MainSub = { id: this.ids.nextSubscription(), set: '', ...this.pickPlan() };
    const discountedPeriods = rng.chance(0.1) ? (main.cadence === 'monthly' ? 3 : 1) : 0;
    const withSetup = first && rng.chance(SETUP_CHANCE[main.family]);
    for (let k = 0; ; k++) {
      const start = firstOfMonth(mi);
      if (start > endDay) return null;
      if (k > 0) this.renewalChange(main, mainPlan(main.family, main.cadence).months);
      const months = mainPlan(main.family, main.cadence).months;
      const end = firstOfMonth(mi + months);
      const lines = [this.mainLine(main, start, end, k < discountedPeriods)];
      if (k === 0 && withSetup) lines.push(this.setupFee(main.family));
      this.invoice(start, lines);
      if (rng.chance(1 - (1 - this.profile.monthlyChurn[main.cadence]) ** months)) {
        if (end > endDay) return null;
        this.cancel(main.id, formatDay(end));
        return end;
      }
      mi += months;
    }
  }

  /**
   * One subscription life of an anniversary-billed customer from `startDay`. Returns the day
   * it churned (cancellation, or end of the last paid period when it just stops paying), or null.
   */
  anniversaryLife(startDay: number, first: boolean): number | null {
    const rng = this.rng;
    const endDay = this.endDay;
    const main: MainSub = { id: this.ids.nextSubscription(), set: this.ids.nextSet(), ...this.pickPlan() };
    const addons: Addon[] = [];
    if (main.cadence !== 'quarterly' && rng.chance(0.1)) addons.push(this.newAddon());
    const discountedPeriods = rng.chance(0.1) ? (main.cadence === 'monthly' ? 3 : 1) : 0;
    const withSetup = first && rng.chance(SETUP_CHANCE[main.family]);
    const dom = civilFromDay(startDay)[2];
    let mi = monthOfDay(startDay);
    for (let k = 0; ; k++) {
      const start = dayInMonth(mi, dom);
      if (start > endDay) return null;
      if (k > 0) {
        const before = main.cadence;
        this.renewalChange(main, mainPlan(main.family, main.cadence).months);
        if (main.cadence !== before) {
          // Add-ons follow the main plan's cadence; a switch is a good moment to drop one.
          if (addons.length && rng.chance(0.3)) this.cancel(addons.pop()!.id, formatDay(start));
        } else if (addons.length && rng.chance(0.03 * mainPlan(main.family, main.cadence).months)) {
          this.cancel(addons.shift()!.id, formatDay(start));
        }
      }
      const plan = mainPlan(main.family, main.cadence);
      const months = plan.months;
      const end = dayInMonth(mi + months, dom);
      const lines = [this.mainLine(main, start, end, k < discountedPeriods)];
      for (const a of addons) lines.push(this.addonLine(main, a, start, end, undefined));
      if (k === 0 && withSetup) lines.push(this.setupFee(main.family));
      this.invoice(start, lines);

      if (rng.chance(1 - (1 - this.profile.monthlyChurn[main.cadence]) ** months)) {
        if (rng.chance(MODEL.silentChurnShare)) return end <= endDay ? end : null;
        const day = start + rng.int(1, end - start - 1);
        if (day > endDay) return null;
        const at = formatDateTime(day, rng.int(0, 86_399));
        this.cancel(main.id, at);
        for (const a of addons) this.cancel(a.id, at);
        return day;
      }
      if (k >= discountedPeriods && rng.chance(Math.min(0.5, this.profile.midPeriodChanges.ratePerMonth * months))) {
        const day = start + rng.int(1, end - start - 1);
        if (day <= endDay) this.midPeriodChange(main, addons, day, mi, end);
      }
      mi += months;
    }
  }

  /** A new add-on of a kind the customer does not have yet. */
  private newAddon(existing: readonly Addon[] = []): Addon {
    let kind: AddonKind = this.rng.chance(0.5) ? 'support' : 'storage';
    if (existing.some((a) => a.kind === kind)) kind = kind === 'support' ? 'storage' : 'support';
    return { id: this.ids.nextSubscription(), kind, quantity: kind === 'support' ? 1 : this.rng.int(1, 4) };
  }

  private addonLine(main: MainSub, a: Addon, start: number, end: number, net: number | undefined): Line {
    const plan = addonPlan(a.kind, main.cadence);
    return {
      type: 'Subscription', sub: a.id, set: main.set, plan, start, end, quantity: a.quantity,
      net: net ?? plan.unitPrice * a.quantity, prorationType: net === undefined ? undefined : 'differential',
      description: net === undefined ? plan.name : `Prorated: ${plan.name}`,
    };
  }

  /**
   * A change on `day` inside the period from month index `mi` to `end`: seats up or down, an
   * upgrade, or a new add-on, invoiced at once with prorated lines covering [day, end).
   */
  private midPeriodChange(main: MainSub, addons: Addon[], day: number, mi: number, end: number): void {
    const rng = this.rng;
    const oldPlan = mainPlan(main.family, main.cadence);
    // METRICS.md's full interval: the period end minus one plan interval, clamping the day.
    const fullDays = end - dayInMonth(mi, civilFromDay(end)[2]);
    const remaining = end - day;
    const prorate = (price: number): number => divRound(price * remaining, fullDays);
    const full = rng.chance(0.1);
    let kind = rng.weighted(this.profile.midPeriodChanges.mix);
    if (kind === 'upgrade' && (main.family === 'business' || main.cadence === 'quarterly')) kind = 'seatsUp';
    if (kind === 'addon' && (main.cadence === 'quarterly' || addons.length >= 2)) kind = 'seatsUp';
    if (kind === 'seatsDown' && main.seats < 2) kind = 'seatsUp';
    const lines: Line[] = [];
    const proratedMain = (plan: PlanDef, seats: number, net: number, type: 'differential' | 'full', credit = false): Line => ({
      type: 'Subscription', sub: main.id, set: main.set, plan, start: day, end, quantity: seats, net,
      prorationType: type, description: `${credit ? 'Unused time on' : 'Prorated:'} ${plan.name}`,
    });
    if (kind === 'addon') {
      const a = this.newAddon(addons);
      addons.push(a);
      lines.push(this.addonLine(main, a, day, end, prorate(addonPlan(a.kind, main.cadence).unitPrice * a.quantity)));
    } else if (kind === 'upgrade') {
      main.family = main.family === 'starter' ? 'pro' : 'business';
      const newPlan = mainPlan(main.family, main.cadence);
      if (full) {
        lines.push(proratedMain(newPlan, main.seats, prorate(newPlan.unitPrice * main.seats), 'full'));
      } else {
        lines.push(proratedMain(newPlan, main.seats, prorate(newPlan.unitPrice * main.seats), 'differential'));
        lines.push(proratedMain(oldPlan, -main.seats, -prorate(oldPlan.unitPrice * main.seats), 'differential', true));
      }
    } else {
      const step = rng.int(1, Math.max(1, Math.round(main.seats * 0.3)));
      const delta = kind === 'seatsUp' ? step : -Math.min(step, main.seats - 1);
      main.seats += delta;
      if (full) {
        lines.push(proratedMain(oldPlan, main.seats, prorate(oldPlan.unitPrice * main.seats), 'full'));
      } else {
        lines.push(proratedMain(oldPlan, delta, prorate(oldPlan.unitPrice * delta), 'differential', delta < 0));
      }
    }
    this.invoice(day, lines);
  }
}

const SETUP_CHANCE: Record<Family, number> = { starter: 0.1, pro: 0.3, business: 0.7 };

function seatsFor(rng: Rng, family: Family): number {
  if (family === 'starter') return rng.skewedInt(1, 3);
  if (family === 'pro') return rng.skewedInt(1, 15);
  return rng.skewedInt(5, 60);
}

const ANNIVERSARY_REGIONS = { US: 0.45, CA: 0.05, GB: 0.1, AU: 0.05, DE: 0.13, FR: 0.1, NL: 0.07, ES: 0.05 };
const CALENDAR_REGIONS = { US: 0.7, CA: 0.1, GB: 0.12, AU: 0.08 };
const TAXED_SHARE = { USD: 0.2, EUR: 0.5 };

/** EUR rates (value of 1 EUR in USD) on the 1st of every month, from a month before the start. */
function* exchangeRates(seed: number, startMonth: number, endDay: number): Generator<GeneratedRow> {
  const rng = new Rng(mixSeed(seed, 0x5eed_f00d));
  let rate = 1.08 + rng.next() * 0.04;
  for (let mi = startMonth - 1; firstOfMonth(mi) <= endDay; mi++) {
    rate = Math.min(1.15, Math.max(1.05, rate + (rng.next() - 0.5) * 0.03));
    const row = blank('exchange_rates');
    row[FX.date] = formatDay(firstOfMonth(mi));
    row[FX.currency] = 'EUR';
    row[FX.rate] = rate.toFixed(4);
    yield { dataset: 'exchange_rates', row };
  }
}

/**
 * The whole company as template rows: plans, then exchange rates, then customer after customer
 * (each customer's row, contacts, invoices, line items, transactions and cancellations).
 * Same options, same rows.
 */
export function* generateCompany(options: GenerateOptions): Generator<GeneratedRow, void, undefined> {
  const spec = tierSpec(options.tier, options.endDate);
  const seed = options.seed ?? 1;
  const endDay = parseDay(spec.endDate);
  const startMonth = monthOfDay(parseDay(spec.startDate));

  for (const p of PLANS) {
    const row = blank('plans');
    row[PLN.name] = p.name;
    row[PLN.count] = String(p.intervalCount);
    row[PLN.unit] = p.intervalUnit;
    row[PLN.id] = p.id;
    yield { dataset: 'plans', row };
  }
  yield* exchangeRates(seed, startMonth, endDay);

  const ids = new Ids();
  let customerNo = 0;
  for (let t = 0; t < spec.months; t++) {
    const mi = startMonth + t;
    const paying = spec.newCustomersPerMonth[t];
    const leads = spec.leadsPerMonth[t];
    for (let j = 0; j < paying + leads; j++) {
      customerNo++;
      const rng = new Rng(mixSeed(seed, customerNo));
      const isLead = j >= paying;
      const calendar = !isLead && rng.chance(MODEL.calendarShare);
      const region = REGIONS[rng.weighted(calendar ? CALENDAR_REGIONS : ANNIVERSARY_REGIONS)];
      const taxed = rng.chance(TAXED_SHARE[region.currency]);
      const netTerms = rng.chance(0.08);
      const sim = new CustomerSim(rng, ids, endDay, spec.profile, customerNo, calendar, region, taxed, netTerms);
      const lastDay = Math.min(endDay, firstOfMonth(mi + 1) - 1);
      const startDay = calendar ? firstOfMonth(mi) : Math.min(lastDay, dayInMonth(mi, rng.int(1, 31)));

      if (isLead) {
        const lead = startDay;
        sim.customerRow(region, lead, rng.chance(0.5) ? Math.min(lastDay, lead + rng.int(0, 5)) : null);
        yield* sim.rows;
        continue;
      }
      const trial = rng.chance(0.45) ? startDay - 14 : null;
      const lead = rng.chance(0.75) ? (trial ?? startDay) - rng.int(0, 30) : null;
      sim.customerRow(region, lead, trial);

      let churned = calendar ? sim.calendarLife(mi, true) : sim.anniversaryLife(startDay, true);
      while (churned !== null && rng.chance(MODEL.reactivationShare)) {
        const [lo, hi] = MODEL.reactivationDelayMonths;
        const back = monthOfDay(churned) + rng.int(lo, hi);
        const day = calendar ? firstOfMonth(back) : dayInMonth(back, rng.int(1, 31));
        if (day > endDay) break;
        churned = calendar ? sim.calendarLife(back, false) : sim.anniversaryLife(day, false);
      }
      yield* sim.rows;
    }
  }
}
