/**
 * The reference exchange rates every account shares (the European Central Bank's, units per
 * euro; api/rates/), when they were last fetched, and which accounts bill in a currency other
 * than their base currency (the ones a change of rates may change).
 */
import { asc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { accounts, invoices, lineItems, manualSubscriptions, referenceRates, referenceRateUpdates, subscriptionEvents } from '../db/schema.ts';
import { sortedKeys } from './lock-order.ts';

export interface ReferenceRateRow {
  currency: string;
  /** YYYY-MM-DD. */
  date: string;
  /** Exact decimal text, units of `currency` per 1 EUR. */
  perEur: string;
}

export interface ReferenceRateUpdate {
  source: string;
  url: string;
  fetchedAt: Date;
  latestDate: string | null;
  rows: number;
}

const BATCH = 5_000;

/**
 * Inserts the rows, or updates a stored (currency, date) whose rate differs; a row stored
 * with the same rate is left alone, so storing a file again changes nothing. Answers how many
 * rows were inserted or changed. Rows go in key order (concurrent refreshes never deadlock).
 */
export async function upsertReferenceRates(tx: Tx, rows: readonly ReferenceRateRow[]): Promise<number> {
  const byKey = new Map(rows.map((r) => [`${r.currency} ${r.date}`, r]));
  const ordered = sortedKeys([...byKey.keys()]).map((k) => byKey.get(k)!);
  let changed = 0;
  for (let i = 0; i < ordered.length; i += BATCH) {
    const batch = ordered.slice(i, i + BATCH).map((r) => [r.currency, r.date, r.perEur]);
    // Bulk: one statement over a JSON array per batch (drizzle's builder would bind 3 parameters a row).
    const written = await tx.query(
      'INSERT INTO reference_rates (currency, date, per_eur) ' +
        "SELECT r->>0, (r->>1)::date, r->>2 FROM jsonb_array_elements($1::jsonb) AS r " +
        'ON CONFLICT (currency, date) DO UPDATE SET per_eur = excluded.per_eur ' +
        'WHERE reference_rates.per_eur IS DISTINCT FROM excluded.per_eur RETURNING currency',
      [JSON.stringify(batch)],
    );
    changed += written.length;
  }
  return changed;
}

/** The published rates of these currencies, by currency then date. */
export async function referenceRatesOf(tx: Tx, currencies: readonly string[]): Promise<ReferenceRateRow[]> {
  if (currencies.length === 0) return [];
  return tx.db
    .select({ currency: referenceRates.currency, date: referenceRates.date, perEur: referenceRates.perEur })
    .from(referenceRates)
    .where(inArray(referenceRates.currency, [...currencies]))
    .orderBy(asc(referenceRates.currency), asc(referenceRates.date));
}

export async function referenceRateUpdate(tx: Tx, source: string): Promise<ReferenceRateUpdate | null> {
  const [row] = await tx.db.select().from(referenceRateUpdates).where(eq(referenceRateUpdates.source, source));
  return row ?? null;
}

export async function recordReferenceRateUpdate(tx: Tx, update: ReferenceRateUpdate): Promise<void> {
  const { source, ...rest } = update;
  await tx.db.insert(referenceRateUpdates).values(update).onConflictDoUpdate({ target: referenceRateUpdates.source, set: rest });
}

/** Every account with its settings (its base currency among them). */
export async function accountSettingsAll(tx: Tx): Promise<{ id: string; settings: Record<string, unknown> }[]> {
  return tx.db.select({ id: accounts.id, settings: accounts.settings }).from(accounts).orderBy(asc(accounts.id));
}

/** Each account's currencies: of its invoices, transaction fees, subscription events and manual subscriptions. */
export async function accountCurrencies(tx: Tx): Promise<{ accountId: string; currency: string }[]> {
  const lists = [
    await tx.db.selectDistinct({ accountId: invoices.accountId, currency: invoices.currency }).from(invoices),
    await tx.db
      .selectDistinct({ accountId: lineItems.accountId, currency: lineItems.transactionFeesCurrency })
      .from(lineItems)
      .where(isNotNull(lineItems.transactionFeesCurrency)),
    await tx.db
      .selectDistinct({ accountId: subscriptionEvents.accountId, currency: subscriptionEvents.currency })
      .from(subscriptionEvents)
      .where(isNotNull(subscriptionEvents.currency)),
    await tx.db
      .selectDistinct({ accountId: manualSubscriptions.accountId, currency: manualSubscriptions.currency })
      .from(manualSubscriptions)
      .where(isNotNull(manualSubscriptions.currency)),
  ];
  return lists.flat() as { accountId: string; currency: string }[];
}
