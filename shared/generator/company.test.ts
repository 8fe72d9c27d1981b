import { describe, expect, it } from 'vitest';
import { DATASET_NAMES, TEMPLATE_HEADERS, type DatasetName } from '../templates/datasets.ts';
import { generateCompany, isMonthAligned, type GenerateOptions } from './company.ts';
import { PLANS } from './catalog.ts';
import { civilFromDay, dayInMonth, firstOfMonth, monthOfDay, parseDay } from './dates.ts';
import { tierSpec } from './tiers.ts';

type Rows = Record<DatasetName, string[][]>;

function collect(options: GenerateOptions): Rows {
  const out = Object.fromEntries(DATASET_NAMES.map((d) => [d, [] as string[][]])) as unknown as Rows;
  for (const { dataset, row } of generateCompany(options)) out[dataset].push(row);
  return out;
}

/** Cell accessor by header name. */
function col(dataset: DatasetName, header: string): (row: string[]) => string {
  const i = TEMPLATE_HEADERS[dataset].indexOf(header);
  if (i < 0) throw new Error(`no ${header} in ${dataset}`);
  return (row) => row[i];
}

const cus = { id: col('customers', 'External ID'), lead: col('customers', 'Lead created at'), trial: col('customers', 'Free trial started at') };
const inv = { customer: col('invoices', 'Customer external ID'), id: col('invoices', 'Invoice external ID'), date: col('invoices', 'Invoiced date'), currency: col('invoices', 'Currency') };
const li = {
  invoice: col('line_items', 'Invoice external ID'), id: col('line_items', 'External ID'),
  sub: col('line_items', 'Subscription external ID'), set: col('line_items', 'Subscription set external ID'),
  type: col('line_items', 'Type'), amount: col('line_items', 'Amount in cents'), plan: col('line_items', 'Plan'),
  start: col('line_items', 'Service period start'), end: col('line_items', 'Service period end'),
  quantity: col('line_items', 'Quantity'), proration: col('line_items', 'Proration'),
  prorationType: col('line_items', 'Proration type'), tax: col('line_items', 'Tax amount'),
  discount: col('line_items', 'Discount amount'),
};
const tx = { invoice: col('transactions', 'Invoice external ID'), id: col('transactions', 'External ID'), type: col('transactions', 'Type'), result: col('transactions', 'Result'), date: col('transactions', 'Date') };
const can = { customer: col('cancellations', 'Customer external ID'), sub: col('cancellations', 'Subscription external ID'), at: col('cancellations', 'Cancelled at') };
const pl = { id: col('plans', 'Plan ID'), count: col('plans', 'Interval count'), unit: col('plans', 'Interval unit') };
const fx = { date: col('exchange_rates', 'Date'), currency: col('exchange_rates', 'Currency'), rate: col('exchange_rates', 'Rate') };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_OR_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?$/;
const INT = /^-?\d+$/;

const S = collect({ tier: 'S', seed: 7 });
const END = parseDay(tierSpec('S').endDate);

/** Customer of every subscription line, and per customer its subscription lines. */
function subscriptionLines(rows: Rows) {
  const invoiceCustomer = new Map(rows.invoices.map((r) => [inv.id(r), inv.customer(r)]));
  return rows.line_items
    .filter((r) => li.type(r) === 'Subscription')
    .map((r) => ({
      customer: invoiceCustomer.get(li.invoice(r))!,
      sub: li.sub(r),
      set: li.set(r),
      start: parseDay(li.start(r)),
      end: parseDay(li.end(r)),
      prorated: li.proration(r) === 'TRUE',
      row: r,
    }));
}

describe('generateCompany', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = collect({ tier: 'XS', seed: 3 });
    const b = collect({ tier: 'XS', seed: 3 });
    const c = collect({ tier: 'XS', seed: 4 });
    expect(b).toEqual(a);
    expect(c.line_items).not.toEqual(a.line_items);
    expect(a.customers.length).toBeGreaterThan(24);
    expect(a.customers.length).toBeLessThan(100);
  });

  it('writes every row with the template column count and well-formed cells', () => {
    // Checks collect failures rather than calling expect per cell, which keeps this fast.
    const bad: string[] = [];
    const check = (ok: boolean, what: string, row: string[]) => {
      if (!ok && bad.length < 10) bad.push(`${what}: ${row.join(',')}`);
    };
    for (const d of DATASET_NAMES) {
      for (const row of S[d]) check(row.length === TEMPLATE_HEADERS[d].length, `${d} width`, row);
    }
    for (const r of S.customers) {
      for (const v of [cus.lead(r), cus.trial(r)]) check(!v || DATE.test(v), 'customer date', r);
      check(!cus.lead(r) || !cus.trial(r) || cus.lead(r) <= cus.trial(r), 'lead before trial', r);
    }
    for (const r of S.invoices) {
      check(DATE.test(inv.date(r)) && parseDay(inv.date(r)) <= END, 'invoice date', r);
      check(/^(USD|EUR)$/.test(inv.currency(r)), 'currency', r);
    }
    for (const r of S.line_items) {
      const quantity = Number(li.quantity(r));
      check(INT.test(li.amount(r)) && INT.test(li.quantity(r)) && quantity !== 0, 'amount, quantity', r);
      check(/^(TRUE|FALSE)$/.test(li.proration(r)), 'proration flag', r);
      check(!li.tax(r) || INT.test(li.tax(r)), 'tax', r);
      if (li.type(r) === 'OneTime') continue;
      check(li.type(r) === 'Subscription', 'type', r);
      check(DATE.test(li.start(r)) && DATE.test(li.end(r)) && li.start(r) < li.end(r), 'service period', r);
      if (li.proration(r) === 'FALSE') {
        check(Number(li.amount(r)) >= 0 && quantity > 0 && li.prorationType(r) === '', 'non-prorated line', r);
      } else {
        check(/^(differential|full)$/.test(li.prorationType(r)), 'proration type', r);
      }
    }
    for (const r of S.transactions) {
      check(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(tx.date(r)) && parseDay(tx.date(r)) <= END, 'transaction date', r);
    }
    for (const r of S.cancellations) {
      check(DATE_OR_TIME.test(can.at(r)) && parseDay(can.at(r)) <= END, 'cancelled at', r);
    }
    for (const r of S.exchange_rates) {
      check(fx.currency(r) === 'EUR' && Number(fx.rate(r)) >= 1.05 && Number(fx.rate(r)) <= 1.15, 'rate', r);
    }
    expect(bad).toEqual([]);
  });

  it('keeps external IDs unique per dataset and resolves every reference', () => {
    const unique = (values: string[]) => expect(new Set(values).size).toBe(values.length);
    unique(S.customers.map(cus.id));
    unique(S.plans.map(pl.id));
    unique(S.invoices.map(inv.id));
    unique(S.line_items.map(li.id));
    unique(S.transactions.map(tx.id));
    unique(S.cancellations.map(can.sub));

    const customers = new Set(S.customers.map(cus.id));
    const plans = new Set(S.plans.map(pl.id));
    const invoices = new Set(S.invoices.map(inv.id));
    expect(S.invoices.filter((r) => !customers.has(inv.customer(r)))).toEqual([]);
    expect(S.line_items.filter((r) => !invoices.has(li.invoice(r)))).toEqual([]);
    expect(S.line_items.filter((r) => li.type(r) === 'Subscription' && !plans.has(li.plan(r)))).toEqual([]);
    expect(S.transactions.filter((r) => !invoices.has(tx.invoice(r)))).toEqual([]);
    // A subscription belongs to one customer; a cancellation names its subscription's customer.
    const subCustomer = new Map<string, string>();
    const shared: string[] = [];
    for (const l of subscriptionLines(S)) {
      if ((subCustomer.get(l.sub) ?? l.customer) !== l.customer) shared.push(l.sub);
      subCustomer.set(l.sub, l.customer);
    }
    expect(shared).toEqual([]);
    expect(S.cancellations.filter((r) => subCustomer.get(can.sub(r)) !== can.customer(r))).toEqual([]);
    // One invoice per customer and billing date.
    unique(S.invoices.map((r) => `${inv.customer(r)}|${inv.date(r)}`));
  });

  it('has exchange rates from before the first invoice', () => {
    const firstRate = S.exchange_rates.map(fx.date).sort()[0];
    const firstInvoice = S.invoices.map(inv.date).sort()[0];
    expect(firstRate < firstInvoice).toBe(true);
  });

  it('bills calendar customers month-aligned, one subscription at a time, in USD', () => {
    const planMonths = new Map(S.plans.map((r) => [pl.id(r), Number(pl.count(r)) * (pl.unit(r) === 'year' ? 12 : 1)]));
    const isFirst = (day: number) => firstOfMonth(monthOfDay(day)) === day;
    const calendar = S.customers.map(cus.id).filter(isMonthAligned);
    const share = calendar.length / S.customers.length;
    expect(share).toBeGreaterThan(0.33);
    expect(share).toBeLessThan(0.45);
    for (const r of S.invoices) if (isMonthAligned(inv.customer(r))) expect(inv.currency(r)).toBe('USD');

    const bySub = new Map<string, ReturnType<typeof subscriptionLines>>();
    const byCustomer = new Map<string, ReturnType<typeof subscriptionLines>>();
    const misaligned: string[] = [];
    for (const l of subscriptionLines(S)) {
      if (!isMonthAligned(l.customer)) continue;
      const months = planMonths.get(li.plan(l.row));
      if (l.prorated || !isFirst(l.start) || !isFirst(l.end) || (months !== 1 && months !== 12)) misaligned.push(l.row.join(','));
      bySub.set(l.sub, [...(bySub.get(l.sub) ?? []), l]);
      byCustomer.set(l.customer, [...(byCustomer.get(l.customer) ?? []), l]);
    }
    expect(misaligned).toEqual([]);
    const cancelled = new Map(S.cancellations.map((r) => [can.sub(r), can.at(r)]));
    for (const [sub, subLines] of bySub) {
      // Contiguous periods: changes happen only at renewal.
      for (let i = 1; i < subLines.length; i++) expect(subLines[i].start).toBe(subLines[i - 1].end);
      const lastEnd = subLines[subLines.length - 1].end;
      if (lastEnd <= END) expect(cancelled.get(sub)).toBe(li.end(subLines[subLines.length - 1].row));
      else expect(cancelled.has(sub)).toBe(false);
    }
    for (const lines of byCustomer.values()) {
      const sorted = [...lines].sort((a, b) => a.start - b.start);
      for (let i = 1; i < sorted.length; i++) expect(sorted[i].start).toBeGreaterThanOrEqual(sorted[i - 1].end);
    }
  });

  it('contains the realistic features the engine must handle', () => {
    const lines = subscriptionLines(S);
    const prorated = lines.filter((l) => l.prorated);
    expect(prorated.some((l) => li.prorationType(l.row) === 'full')).toBe(true);
    expect(prorated.filter((l) => li.prorationType(l.row) === 'differential').length).toBeGreaterThan(prorated.length * 0.8);
    expect(prorated.some((l) => Number(li.amount(l.row)) < 0)).toBe(true);
    // Add-ons: a set with more than one subscription.
    const setSubs = new Map<string, Set<string>>();
    for (const l of lines) if (l.set) setSubs.set(l.set, (setSubs.get(l.set) ?? new Set()).add(l.sub));
    expect([...setSubs.values()].some((s) => s.size > 1)).toBe(true);
    // Seats, tax, discounts, setup fees, EUR.
    expect(lines.some((l) => Number(li.quantity(l.row)) > 1)).toBe(true);
    expect(S.line_items.some((r) => Number(li.tax(r)) > 0)).toBe(true);
    expect(S.line_items.some((r) => Number(li.discount(r)) > 0)).toBe(true);
    expect(S.line_items.some((r) => li.type(r) === 'OneTime')).toBe(true);
    expect(S.invoices.some((r) => inv.currency(r) === 'EUR')).toBe(true);
    // Failed payments, refunds.
    expect(S.transactions.some((r) => tx.result(r) === 'failed')).toBe(true);
    expect(S.transactions.some((r) => tx.type(r) === 'refund')).toBe(true);
    // Leads that never pay, trials.
    const invoiced = new Set(S.invoices.map(inv.customer));
    expect(S.customers.some((r) => !invoiced.has(cus.id(r)) && cus.lead(r))).toBe(true);
    expect(S.customers.some((r) => cus.trial(r))).toBe(true);
    // Reactivation: a customer with a subscription starting after another one's cancellation.
    const cancelledAt = new Map(S.cancellations.map((r) => [can.sub(r), parseDay(can.at(r))]));
    const firstStart = new Map<string, number>();
    for (const l of lines) firstStart.set(l.sub, Math.min(firstStart.get(l.sub) ?? Infinity, l.start));
    const subsByCustomer = new Map<string, Set<string>>();
    for (const l of lines) subsByCustomer.set(l.customer, (subsByCustomer.get(l.customer) ?? new Set()).add(l.sub));
    let reactivations = 0;
    for (const subs of subsByCustomer.values()) {
      const churnDays = [...subs].map((s) => cancelledAt.get(s)).filter((d): d is number => d !== undefined);
      if ([...subs].some((s) => churnDays.some((d) => firstStart.get(s)! > d))) reactivations++;
    }
    expect(reactivations).toBeGreaterThan(20);
    // Some subscriptions just stop renewing: last period over, no cancellation.
    const lastEnd = new Map<string, number>();
    for (const l of lines) lastEnd.set(l.sub, Math.max(lastEnd.get(l.sub) ?? 0, l.end));
    expect([...lastEnd].some(([sub, end]) => end <= END && !cancelledAt.has(sub))).toBe(true);
  });

  it('prorates by the remaining share of a full plan interval, as METRICS.md normalises it', () => {
    const taxed = new Set(S.line_items.filter((r) => li.tax(r)).map(li.invoice));
    const checked: string[] = [];
    const wrong: string[] = [];
    for (const r of S.line_items) {
      if (li.proration(r) !== 'TRUE' || taxed.has(li.invoice(r))) continue;
      const plan = PLANS.find((p) => p.id === li.plan(r))!;
      const start = parseDay(li.start(r));
      const end = parseDay(li.end(r));
      const [, , endDom] = civilFromDay(end);
      const full = end - dayInMonth(monthOfDay(end) - plan.months, endDom);
      const expected = (plan.unitPrice * Number(li.quantity(r)) * (end - start)) / full;
      if (Math.abs(Number(li.amount(r)) - expected) > 0.5) wrong.push(r.join(','));
      checked.push(li.id(r));
    }
    expect(wrong).toEqual([]);
    expect(checked.length).toBeGreaterThan(100);
  });

  it('opens tier S on an established base and ends it near 1,000 active customers with about 4% monthly churn', () => {
    const lines = subscriptionLines(S);
    const cancelledAt = new Map(S.cancellations.map((r) => [can.sub(r), parseDay(can.at(r))]));
    const start = monthOfDay(parseDay(tierSpec('S').startDate));
    const activeAt = (day: number) => {
      const active = new Set<string>();
      for (const l of lines) {
        if (l.start <= day && day < Math.min(l.end, cancelledAt.get(l.sub) ?? Infinity)) active.add(l.customer);
      }
      return active;
    };
    const atEnd = activeAt(END).size;
    expect(atEnd).toBeGreaterThan(900);
    expect(atEnd).toBeLessThan(1100);
    // Most of them are already customers in the first month; nothing starts before it.
    expect(activeAt(firstOfMonth(start + 1) - 1).size).toBeGreaterThan(850);
    expect(lines.filter((l) => l.start < firstOfMonth(start))).toEqual([]);
    // About one invoice per active customer and month (36 months).
    expect(S.invoices.length).toBeGreaterThan(32_000);
    expect(S.invoices.length).toBeLessThan(40_000);
    // Customers active on the 1st of a month and not on the next 1st, over the second and third years.
    let churned = 0;
    let base = 0;
    let before = activeAt(firstOfMonth(start + 12));
    for (let m = start + 13; m < start + 36; m++) {
      const now = activeAt(firstOfMonth(m));
      for (const c of before) if (!now.has(c)) churned++;
      base += before.size;
      before = now;
    }
    const rate = churned / base;
    expect(rate).toBeGreaterThan(0.03);
    expect(rate).toBeLessThan(0.05);
  });
});
