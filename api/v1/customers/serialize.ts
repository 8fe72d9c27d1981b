/**
 * The customer object of /v1, as ChartMogul sends it: stored fields, attributes, and the
 * engine's figures (status, MRR, customer-since). Strict clients reject null for name, email,
 * company and external_id, so those are "" when empty.
 */
import { arrOf, parseSettingsJson } from '../../../shared/index.ts';
import type { Attributes, CustomerRow } from '../../store/customers.ts';
import { PREFIX, prefixed } from '../conventions/ids.ts';
import { isoOut } from '../conventions/time.ts';
import type { Customer, CustomerAttributes } from './schemas.ts';

/** The engine's statuses as ChartMogul names them. */
export const STATUS_OUT: Record<string, string> = {
  Lead: 'New Lead', Active: 'Active', 'Past due': 'Past Due', Cancelled: 'Cancelled',
};

/** A status filter's value (`Active`, `New Lead` or `New_Lead`, …) as stored; null when no customer can have it. */
export function storedStatus(status: string): string | null {
  const wanted = status.trim().replace(/_/g, ' ').toLowerCase();
  for (const [stored, out] of Object.entries(STATUS_OUT)) {
    if (out.toLowerCase() === wanted || stored.toLowerCase() === wanted) return stored;
  }
  return null;
}

export function attributesJson(a: Attributes): CustomerAttributes {
  return { tags: a.tags, stripe: {}, clearbit: {}, custom: a.custom };
}

const regions = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/** Names and signs already looked up: Intl's are slow to build (a page of 200 customers asked each 200 times). */
const countryNames = new Map<string, string>();
const currencySigns = new Map<string, string>();
const baseCurrencies = new WeakMap<object, string>();

export function countryName(code: string | null): string | null {
  if (!code) return code;
  if (!/^[A-Za-z]{2}$/.test(code)) return code;
  let name = countryNames.get(code);
  if (name === undefined) {
    try {
      name = regions.of(code.toUpperCase()) ?? code;
    } catch {
      name = code;
    }
    countryNames.set(code, name);
  }
  return name;
}

function currencySign(currency: string): string {
  let sign = currencySigns.get(currency);
  if (sign === undefined) {
    try {
      const parts = new Intl.NumberFormat('en', { style: 'currency', currency }).formatToParts(0);
      sign = parts.find((p) => p.type === 'currency')?.value ?? currency;
    } catch {
      sign = currency;
    }
    if (currencySigns.size < 1_000) currencySigns.set(currency, sign);
  }
  return sign;
}

/** The account's base currency from its settings (parsed once per settings object: once per request). */
function baseCurrency(settings: Record<string, unknown> | null): string {
  if (!settings) return parseSettingsJson({}).settings.base_currency;
  let currency = baseCurrencies.get(settings);
  if (currency === undefined) baseCurrencies.set(settings, (currency = parseSettingsJson(settings).settings.base_currency));
  return currency;
}

/** `2016-01-01T12:00:00+00:00`, as ChartMogul writes customer-since. */
function sinceOut(value: unknown): string | null {
  const iso = isoOut(value);
  return iso === null ? null : iso.replace(/\.\d{3}Z$/, '+00:00');
}

/** A stable whole number for `id` (ChartMogul's is an integer): the UUID's first 52 bits. */
export function numericId(uuid: string): number {
  return Number.parseInt(uuid.replace(/-/g, '').slice(0, 13), 16);
}

export function customerJson(row: CustomerRow, settings: Record<string, unknown>): Customer {
  const currency = baseCurrency(settings);
  const mrr = Number(row.mrr ?? 0);
  const ds = prefixed(PREFIX.dataSource, row.dataSourceId);
  return {
    id: numericId(row.id),
    uuid: prefixed(PREFIX.customer, row.id),
    external_id: row.externalId ?? '',
    name: row.name ?? '',
    email: row.email ?? '',
    status: STATUS_OUT[row.status ?? 'Lead'] ?? row.status!,
    'customer-since': sinceOut(row.subscriberSince),
    attributes: attributesJson(row.attributes),
    data_source_uuid: ds,
    data_source_uuids: [ds],
    external_ids: [row.externalId ?? ''],
    company: row.company ?? '',
    country: row.country,
    state: row.state,
    city: row.city,
    zip: row.zip,
    lead_created_at: isoOut(row.leadCreatedAt),
    free_trial_started_at: isoOut(row.freeTrialStartedAt),
    address: { country: countryName(row.country), state: row.state, city: row.city, address_zip: row.zip },
    mrr,
    arr: arrOf(mrr),
    // Set through /v1 only (no template column); null when never set, as ChartMogul's owner.
    website_url: row.websiteUrl ?? null,
    'billing-system-url': null,
    'chartmogul-url': '',
    'billing-system-type': row.system,
    currency,
    'currency-sign': currencySign(currency),
    // The CRM owner as the client sent it (ChartMogul: a user's email, null when none).
    owner: row.owner ?? null,
  };
}
