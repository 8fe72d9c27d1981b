/**
 * An account's exchange rates as the engine and the reference checks get them: its own
 * (loaded through /sync), plus the reference rates (ECB's, through the euro) of the currencies
 * the loaded data uses, converted into the account's base currency; own rates override
 * (shared/rates/reference.ts says how). Only the currencies asked for are read, and what was
 * read is kept for the process until the next refresh of the rates.
 */
import type { DatasetName, DatasetRecords, ExchangeRateRecord, ParsedDatasets } from '../../shared/index.ts';
import { parsedTable, parseDateOnly } from '../../shared/index.ts';
import { parseDecimal, type Decimal } from '../../shared/money.ts';
import { crossRateRecords, withReferenceRates, type PerEurSeries } from '../../shared/rates/reference.ts';
import type { Tx } from '../db/client.ts';
import { referenceRatesOf, referenceRateUpdate, type ReferenceRateUpdate } from '../store/reference-rates.ts';
import { ECB_SOURCE } from './settings.ts';

const NOT_LOADED = "the server has no reference rates yet (`mogul rates update` loads the European Central Bank's)";

/** The reference rates read so far, for one refresh of them (one version). */
class ReferenceCache {
  private version: string | null = null;
  /** Per currency: its series, or null when ECB publishes none. */
  private readonly series = new Map<string, PerEurSeries | null>();
  /** Per `base currency`: the cross-rate records, frozen (every caller shares them). */
  private readonly records = new Map<string, readonly ExchangeRateRecord[]>();

  private static versionOf(update: ReferenceRateUpdate): string {
    return `${update.fetchedAt.getTime()} ${update.rows} ${update.latestDate} ${update.url}`;
  }

  /** The series of `currencies` (EUR has none: it is 1 euro), null for one ECB does not publish; null when never loaded. */
  async seriesOf(tx: Tx, currencies: readonly string[]): Promise<Map<string, PerEurSeries | null> | null> {
    const update = await referenceRateUpdate(tx, ECB_SOURCE);
    if (update === null) return null;
    const version = ReferenceCache.versionOf(update);
    if (version !== this.version) {
      this.version = version;
      this.series.clear();
      this.records.clear();
    }
    // What the cache has now (a concurrent call may reset it while this one reads the rest).
    const result = new Map<string, PerEurSeries | null>();
    const missing: string[] = [];
    for (const c of currencies) {
      if (c === 'EUR') continue;
      if (this.series.has(c)) result.set(c, this.series.get(c)!);
      else missing.push(c);
    }
    if (missing.length > 0) {
      const read = new Map<string, { dates: number[]; perEur: Decimal[] }>();
      for (const row of await referenceRatesOf(tx, missing)) {
        let s = read.get(row.currency);
        if (!s) read.set(row.currency, (s = { dates: [], perEur: [] }));
        s.dates.push(parseDateOnly(row.date)!);
        s.perEur.push(parseDecimal(row.perEur)!);
      }
      // A refresh that committed while these were read: use them, keep them only if not.
      const after = await referenceRateUpdate(tx, ECB_SOURCE);
      const keep = after !== null && ReferenceCache.versionOf(after) === version;
      for (const c of missing) {
        const s = read.get(c) ?? null;
        result.set(c, s);
        if (keep) this.series.set(c, s);
      }
    }
    return result;
  }

  /** Cross-rate records of `currency` into `base` (both not EUR unless said), from the series given. */
  recordsOf(base: string, currency: string, series: Map<string, PerEurSeries | null>): readonly ExchangeRateRecord[] {
    const key = `${base} ${currency}`;
    const cached = this.records.get(key);
    if (cached) return cached;
    const b = base === 'EUR' ? null : series.get(base)!;
    const c = currency === 'EUR' ? null : series.get(currency)!;
    const records = crossRateRecords(b, c, currency).map((r) => Object.freeze(r));
    // Kept only when made from this version's series (not from ones a refresh overtook).
    const kept = (code: string) => code === 'EUR' || (this.series.has(code) && this.series.get(code) === series.get(code));
    if (kept(base) && kept(currency)) this.records.set(key, records);
    return records;
  }
}

const cache = new ReferenceCache();

/** Why a currency has no reference rate: a clause for a message. */
export type ReferenceExplanation = (currency: string) => string;

/** The currencies the datasets bill in: invoices, transaction fees, subscription events, manual subscriptions. */
function currenciesOf(parsed: ParsedDatasets): Set<string> {
  const result = new Set<string>();
  const records = <N extends DatasetName>(name: N) => (parsed[name]?.records ?? []) as DatasetRecords[N][];
  for (const i of records('invoices')) result.add(i.currency);
  for (const l of records('line_items')) if (l.transactionFeesCurrency) result.add(l.transactionFeesCurrency);
  for (const e of records('subscription_events')) if (e.currency) result.add(e.currency);
  for (const m of records('manual_subscriptions')) if (m.currency) result.add(m.currency);
  return result;
}

/**
 * Adds to `parsed.exchange_rates` (the account's own rates) the reference rates of the
 * currencies the other datasets use, into `base`. Answers why a currency still has none.
 */
export async function addReferenceRates(tx: Tx, parsed: ParsedDatasets, base: string): Promise<ReferenceExplanation> {
  const foreign = [...currenciesOf(parsed)].filter((c) => c !== base).sort();
  if (foreign.length === 0) return () => NOT_LOADED;
  const series = await cache.seriesOf(tx, [...foreign, base]);
  if (series === null) return () => NOT_LOADED;
  const baseKnown = base === 'EUR' || series.get(base) !== null;
  const reference: ExchangeRateRecord[] = [];
  const first = new Map<string, number>();
  if (baseKnown) {
    for (const c of foreign) {
      if (c !== 'EUR' && series.get(c) === null) continue;
      const records = cache.recordsOf(base, c, series);
      if (records.length > 0) first.set(c, records[0].date);
      for (const r of records) reference.push(r);
    }
  }
  const own = (parsed.exchange_rates?.records ?? []) as ExchangeRateRecord[];
  parsed.exchange_rates = parsedTable(withReferenceRates(own, reference));
  return (currency) => {
    if (!baseKnown) return `the European Central Bank publishes no rate of ${base}, the account's base currency`;
    const day = first.get(currency);
    if (day === undefined) return `the European Central Bank publishes no ${currency} rate`;
    return `the European Central Bank's ${currency} rates start on ${new Date(day).toISOString().slice(0, 10)}`;
  };
}
