/**
 * Revenue recognition schedule (METRICS.md section 10): each subscription line's
 * amount - tax spread over its service period by the seconds falling in each calendar
 * month; one-time lines recognised on the invoice date. Cents are allocated, never lost.
 */
import { allocate, convert } from '../money.ts';
import type { BillingRecords } from '../templates/references.ts';
import { forEachRecord, recordAt } from '../templates/records.ts';
import { ymd } from '../time.ts';
import type { EngineContext } from './subscriptions.ts';

export interface RevenueEntry {
  customer_external_id: string;
  month: string;
  amount: number;
}

/** Months counted from year 0: year * 12 + month - 1. */
function monthIndex(t: number): number {
  const { year, month } = ymd(t);
  return year * 12 + month - 1;
}

function monthKey(index: number): string {
  const year = Math.floor(index / 12);
  return `${year}-${String(index - year * 12 + 1).padStart(2, '0')}`;
}

const FOUR_DIGIT_YEARS = { from: 1000 * 12, to: 10000 * 12 };

/**
 * Every customer's amounts: its month indexes, each with the slot of its amount in `amounts`
 * (slots numbered in the order the (customer, month) entries first came).
 */
interface Totals {
  byCustomer: Map<string, Map<number, number>>;
  amounts: number[];
  /** Whether every month lies in years 1000-9999, where month keys sort as their indexes. */
  fourDigitYears: boolean;
}

/** The lines and invoices revenue reads: arrays, or columns read one record at a time. */
type RevenueInput = Pick<BillingRecords, 'invoices' | 'lineItems'>;

function revenueTotals(data: RevenueInput, ctx: EngineContext): Totals {
  const byCustomer = new Map<string, Map<number, number>>();
  const amounts: number[] = [];
  // Lines of one invoice share its customer: its months are found once per invoice.
  const ofInvoice: (Map<number, number> | undefined)[] = new Array(data.invoices.length);
  let min = Infinity;
  let max = -Infinity;
  const add = (months: Map<number, number>, month: number, amount: number) => {
    const slot = months.get(month);
    if (slot !== undefined) {
      amounts[slot] += amount;
      return;
    }
    months.set(month, amounts.length);
    amounts.push(amount);
    if (month < min) min = month;
    if (month > max) max = month;
  };
  const { lineInvoice } = ctx.links;
  forEachRecord(data.lineItems, (line, index) => {
    const invoiceIndex = lineInvoice[index];
    const invoice = recordAt(data.invoices, invoiceIndex);
    if (invoice.date > ctx.asOfEnd) return;
    let months = ofInvoice[invoiceIndex];
    if (months === undefined) {
      months = byCustomer.get(invoice.customerExternalId);
      if (months === undefined) byCustomer.set(invoice.customerExternalId, (months = new Map()));
      ofInvoice[invoiceIndex] = months;
    }
    const own = line.amountInCents - (line.taxAmountInCents ?? 0);
    if (line.type === 'one_time') {
      add(months, monthIndex(invoice.date), convert(own, ctx.rates.rateAtOrFirst(invoice.currency, invoice.date)!));
      return;
    }
    const amount = convert(own, ctx.rates.rateAt(invoice.currency, line.servicePeriodStart!)!);
    const start = line.servicePeriodStart!;
    const end = line.servicePeriodEnd!;
    if (!(start < end)) return;
    // The calendar months of [start, end) with the milliseconds in each.
    const first = monthIndex(start);
    const ms: number[] = [];
    for (let from = start, month = first; from < end; month++) {
      const year = Math.floor(month / 12);
      const next = Math.min(Date.UTC(year, month - year * 12 + 1, 1), end);
      ms.push(next - from);
      from = next;
    }
    // One month takes the whole amount (as allocate gives it to an integer: itself, never -0).
    if (ms.length === 1 && Number.isInteger(amount)) add(months, first, amount + 0);
    else allocate(amount, ms).forEach((part, i) => add(months, first + i, part));
  });
  return { byCustomer, amounts, fourDigitYears: min >= FOUR_DIGIT_YEARS.from && max < FOUR_DIGIT_YEARS.to };
}

/** Entries (month index, slot) in month key order, then in the order they came. */
function inMonthOrder(entries: [number, number][], fourDigitYears: boolean): [number, number][] {
  return entries.sort(fourDigitYears
    ? (a, b) => a[0] - b[0] || a[1] - b[1]
    : (a, b) => monthKey(a[0]).localeCompare(monthKey(b[0])) || a[1] - b[1]);
}

/**
 * Each customer's schedule, its entries by month (what recompute stores per customer: no sort
 * across customers); customers in the order their first lines come.
 */
export function revenueByCustomer(data: RevenueInput, ctx: EngineContext): Map<string, RevenueEntry[]> {
  const { byCustomer, amounts, fourDigitYears } = revenueTotals(data, ctx);
  const schedules = new Map<string, RevenueEntry[]>();
  for (const [customer, months] of byCustomer) {
    if (months.size === 0) continue;
    schedules.set(customer, inMonthOrder([...months], fourDigitYears)
      .map(([month, slot]) => ({ customer_external_id: customer, month: monthKey(month), amount: amounts[slot] })));
  }
  return schedules;
}

/**
 * The whole schedule by (customer external ID, month) as text compares them (localeCompare),
 * entries that compare equal in the order they first came.
 */
export function revenueSchedule(data: RevenueInput, ctx: EngineContext): RevenueEntry[] {
  const { byCustomer, amounts, fourDigitYears } = revenueTotals(data, ctx);
  const customers = [...byCustomer.keys()].sort((a, b) => a.localeCompare(b));
  const entries: RevenueEntry[] = [];
  for (let i = 0; i < customers.length;) {
    // IDs that differ but compare equal (canonically equivalent Unicode) are sorted as one.
    let j = i + 1;
    while (j < customers.length && customers[i].localeCompare(customers[j]) === 0) j++;
    if (j === i + 1) {
      const customer = customers[i];
      for (const [month, slot] of inMonthOrder([...byCustomer.get(customer)!], fourDigitYears))
        entries.push({ customer_external_id: customer, month: monthKey(month), amount: amounts[slot] });
      i = j;
      continue;
    }
    const run = customers.slice(i, j).flatMap((c) => [...byCustomer.get(c)!].map(([month, slot]) => ({ c, month, slot })));
    const order = new Map(inMonthOrder(run.map((e) => [e.month, e.slot]), fourDigitYears).map(([, slot], k) => [slot, k]));
    run.sort((a, b) => order.get(a.slot)! - order.get(b.slot)!);
    for (const e of run) entries.push({ customer_external_id: e.c, month: monthKey(e.month), amount: amounts[e.slot] });
    i = j;
  }
  return entries;
}
