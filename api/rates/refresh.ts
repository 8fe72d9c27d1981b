/**
 * Refreshes the reference exchange rates: fetches ECB's XML, parses it whole (a file that is
 * not ECB's format stores nothing), upserts its rates (a rate already stored is left alone),
 * records the update, and, when any rate was added or changed, marks every account that bills
 * in a currency other than its base currency for recompute, account-wide, as an exchange rate
 * loaded through /sync does (api/ingest/policy.ts). One transaction: the rates and the marks
 * come together.
 */
import { parseSettingsJson } from '../../shared/index.ts';
import { parseEcbXml, type EcbRates } from '../../shared/rates/ecb.ts';
import type { Database, Tx } from '../db/client.ts';
import { markAllTouched } from '../ingest/policy.ts';
import {
  accountCurrencies, accountSettingsAll, recordReferenceRateUpdate, upsertReferenceRates,
} from '../store/reference-rates.ts';
import { ECB_SOURCE } from './settings.ts';

export interface RefreshResult {
  url: string;
  /** Rates in the file. */
  rows: number;
  /** Rates added or changed by this refresh. */
  changed: number;
  /** The file's latest day. */
  latestDate: string;
  /** Accounts marked for recompute. */
  accountsMarked: number;
}

/** The fetch failed: no answer, or not a 200. */
export class RatesFetchError extends Error {
  override name = 'RatesFetchError';
}

const TIMEOUT_MS = 120_000;

export async function fetchReferenceXml(url: string, fetchImpl: typeof fetch = fetch): Promise<string> {
  let response: Response;
  try {
    response = await fetchImpl(url, { signal: AbortSignal.timeout(TIMEOUT_MS), headers: { accept: 'application/xml, text/xml' } });
  } catch (e) {
    throw new RatesFetchError(`Could not fetch ${url}: ${(e as Error).message}`);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new RatesFetchError(`${url} answered ${response.status} ${response.statusText}`.trim());
  }
  return response.text();
}

export async function refreshReferenceRates(db: Database, url: string, fetchImpl: typeof fetch = fetch): Promise<RefreshResult> {
  return storeReferenceRates(db, url, parseEcbXml(await fetchReferenceXml(url, fetchImpl)));
}

/** Stores rates fetched from `url` (the second half of a refresh). */
export async function storeReferenceRates(db: Database, url: string, parsed: EcbRates): Promise<RefreshResult> {
  return db.transaction(async (tx) => {
    const changed = await upsertReferenceRates(tx, parsed.rows);
    await recordReferenceRateUpdate(tx, {
      source: ECB_SOURCE, url, fetchedAt: new Date(), latestDate: parsed.latestDate, rows: parsed.rows.length,
    });
    const accountsMarked = changed > 0 ? await markForeignCurrencyAccounts(tx) : 0;
    return { url, rows: parsed.rows.length, changed, latestDate: parsed.latestDate, accountsMarked };
  });
}

/** Marks every account with an invoice, fee, event or manual subscription in another currency than its base. */
async function markForeignCurrencyAccounts(tx: Tx): Promise<number> {
  const base = new Map((await accountSettingsAll(tx)).map((a) => [a.id, parseSettingsJson(a.settings ?? {}).settings.base_currency]));
  const foreign = new Set((await accountCurrencies(tx)).filter((c) => c.currency !== base.get(c.accountId)).map((c) => c.accountId));
  for (const id of [...foreign].sort()) await markAllTouched(tx, id);
  return foreign.size;
}
