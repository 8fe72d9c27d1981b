import type { Decimal } from '../money.ts';
import { minorUnitRate } from '../rates/ratio.ts';
import type { ExchangeRateRecord } from '../templates/specs/index.ts';
import { startOfDay } from '../time.ts';

const ONE: Decimal = Object.freeze({ num: 1, den: 1 });

/**
 * Exchange rates into the base currency. The rate in force on day D is the one with the
 * latest date <= D; the base currency is always 1. Records give the value of one major unit
 * (METRICS.md section 1); the table answers the rate between minor units, the ones amounts
 * are in (shared/currencies.ts: 1 yen, not 1/100 of one), in lowest terms, so converting an
 * amount is one rounding of amount × rate, and equal rates compare equal.
 */
export class RateTable {
  private readonly byCurrency = new Map<string, { dates: number[]; rates: Decimal[] }>();

  constructor(readonly base: string, records: readonly ExchangeRateRecord[]) {
    const grouped = new Map<string, ExchangeRateRecord[]>();
    for (const r of records) {
      if (r.currency === base) continue;
      let list = grouped.get(r.currency);
      if (!list) grouped.set(r.currency, (list = []));
      list.push(r);
    }
    for (const [currency, list] of grouped) {
      list.sort((a, b) => a.date - b.date);
      // Rates are per calendar day: a date-time counts for its whole day.
      this.byCurrency.set(currency, {
        dates: list.map((r) => startOfDay(r.date)),
        rates: list.map((r) => minorUnitRate(r.rate, currency, base)),
      });
    }
  }

  /** The rate in force at instant t, or null when the currency has none on or before that day. */
  rateAt(currency: string, t: number): Decimal | null {
    if (currency === this.base) return ONE;
    const table = this.byCurrency.get(currency);
    if (!table) return null;
    const { dates, rates } = table;
    let lo = 0;
    let hi = dates.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (dates[mid] <= t) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found < 0 ? null : rates[found];
  }

  /**
   * The rate at any instant of one currency: the earliest known rate before every rate (a churn
   * can precede the first rate of a subscription priced from a later day). Needs a known currency.
   */
  rateFunction(currency: string): (t: number) => Decimal {
    return (t) => this.rateAtOrFirst(currency, t)!;
  }

  /** The rate at t, or the earliest known rate when t is before every rate. */
  rateAtOrFirst(currency: string, t: number): Decimal | null {
    return this.rateAt(currency, t) ?? this.byCurrency.get(currency)?.rates[0] ?? null;
  }
}
