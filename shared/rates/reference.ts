/**
 * Reference rates (the European Central Bank's, units per euro) as an account's exchange rates
 * into its base currency, and how they combine with the rates the account loads itself.
 *
 * - Cross rate: one unit of C is worth perEur(B) / perEur(C) of base B, each currency's rate
 *   being its latest published on or before the day (ECB publishes all on the same working
 *   days, so that is the latest ECB day <= D; a currency ECB stopped quoting keeps its last
 *   rate). The euro is worth 1 euro: C = EUR gives perEur(B), B = EUR gives 1 / perEur(C).
 *   Exact (a fraction, not a float), so a conversion stays one rounding.
 * - Own rates override (Decision): from the day of an account's first own rate of a currency
 *   on, only its own rates of that currency count (each in force until its next, as ever);
 *   reference rates of that currency count only for the days before it. Other currencies
 *   keep the reference rates. So loading rates changes nothing for the days they already
 *   covered, and an account that loads monthly rates is not overridden by the next ECB day.
 */
import type { Decimal } from '../money.ts';
import type { ExchangeRateRecord } from '../templates/specs/exchange-rates.ts';
import { startOfDay } from '../time.ts';
import { crossRate } from './ratio.ts';

/** One currency's published rates, oldest first: units per euro from each day (00:00 UTC) on. */
export interface PerEurSeries {
  dates: readonly number[];
  perEur: readonly Decimal[];
}

/**
 * Exchange-rate records of `currency` into `base` from the two currencies' series (null for
 * the euro, which has none): one a day either series changes, from the first day both have.
 */
export function crossRateRecords(base: PerEurSeries | null, currency: PerEurSeries | null, code: string): ExchangeRateRecord[] {
  const records: ExchangeRateRecord[] = [];
  if (base === null && currency === null) return records;
  let i = 0;
  let j = 0;
  let b: Decimal | null = null;
  let c: Decimal | null = null;
  const bn = base?.dates.length ?? 0;
  const cn = currency?.dates.length ?? 0;
  while (i < bn || j < cn) {
    const day = Math.min(i < bn ? base!.dates[i] : Infinity, j < cn ? currency!.dates[j] : Infinity);
    while (i < bn && base!.dates[i] === day) b = base!.perEur[i++];
    while (j < cn && currency!.dates[j] === day) c = currency!.perEur[j++];
    if ((base !== null && b === null) || (currency !== null && c === null)) continue;
    records.push({ row: 0, date: day, currency: code, rate: crossRate(b, c) });
  }
  return records;
}

/** The account's own rates, and the reference rates of the days before its first own rate of each currency. */
export function withReferenceRates(
  own: readonly ExchangeRateRecord[],
  reference: readonly ExchangeRateRecord[],
): ExchangeRateRecord[] {
  if (reference.length === 0) return [...own];
  const firstOwn = new Map<string, number>();
  for (const r of own) {
    const day = startOfDay(r.date);
    if (day < (firstOwn.get(r.currency) ?? Infinity)) firstOwn.set(r.currency, day);
  }
  return [...own, ...reference.filter((r) => r.date < (firstOwn.get(r.currency) ?? Infinity))];
}
