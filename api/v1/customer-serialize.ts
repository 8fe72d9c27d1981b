/**
 * The customer object of /v1, as ChartMogul sends it: stored fields, attributes, and the
 * engine's figures (status, MRR, customer-since). Strict clients reject null for name, email,
 * company and external_id, so those are "" when empty.
 */
import { parseSettingsJson } from '../../shared/index.ts';
import type { Tx } from '../db/client.ts';
import { isoOut } from './conventions/time.ts';
import { PREFIX, prefixed } from './conventions/ids.ts';
import type { Page } from './conventions/pages.ts';
import { countRows, pageSql } from '../store/pages.ts';
import type { Where } from '../store/where.ts';

export interface CustomerRow {
  id: string;
  external_id: string;
  name: string;
  email: string | null;
  company: string | null;
  country: string | null;
  state: string | null;
  city: string | null;
  zip: string | null;
  lead_created_at: unknown;
  free_trial_started_at: unknown;
  attributes: unknown;
  website_url: string | null;
  owner: string | null;
  data_source_id: string;
  system: string;
  status: string | null;
  mrr: string | number | null;
  subscriber_since: unknown;
}

/** Rows of `customers c` joined with their data source and figures; filter on c, d and m. */
const CUSTOMER_FROM =
  'FROM customers c JOIN data_sources d ON d.id = c.data_source_id LEFT JOIN customer_metrics m ON m.customer_id = c.id';

export const CUSTOMER_SELECT = `SELECT c.id, c.external_id, c.name, c.email, c.company, c.country, c.state, c.city, c.zip,
    c.lead_created_at, c.free_trial_started_at, c.attributes, c.website_url, c.owner, c.data_source_id, d.system,
    m.status, m.mrr, m.subscriber_since
  ${CUSTOMER_FROM}`;

/** Oldest first; the ID breaks ties so pages never overlap. */
export const CUSTOMER_ORDER = 'ORDER BY c.created_at, c.id';

/** The engine's statuses as ChartMogul names them. */
const STATUS_OUT: Record<string, string> = {
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

export interface Attributes {
  tags: string[];
  custom: Record<string, unknown>;
}

export function attributesOf(value: unknown): Attributes {
  const a = (typeof value === 'string' ? JSON.parse(value) : value ?? {}) as Partial<Attributes>;
  return { tags: Array.isArray(a.tags) ? a.tags : [], custom: a.custom && typeof a.custom === 'object' ? a.custom : {} };
}

export function attributesJson(a: Attributes): Record<string, unknown> {
  return { tags: a.tags, stripe: {}, clearbit: {}, custom: a.custom };
}

const regions = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

function countryName(code: string | null): string | null {
  if (!code) return code;
  if (!/^[A-Za-z]{2}$/.test(code)) return code;
  try {
    return regions.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

function currencySign(currency: string): string {
  try {
    const parts = new Intl.NumberFormat('en', { style: 'currency', currency }).formatToParts(0);
    return parts.find((p) => p.type === 'currency')?.value ?? currency;
  } catch {
    return currency;
  }
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

export function customerJson(row: CustomerRow, settings: Record<string, unknown>): Record<string, unknown> {
  const currency = parseSettingsJson(settings ?? {}).settings.base_currency;
  const mrr = Number(row.mrr ?? 0);
  const ds = prefixed(PREFIX.dataSource, row.data_source_id);
  return {
    id: numericId(row.id),
    uuid: prefixed(PREFIX.customer, row.id),
    external_id: row.external_id ?? '',
    name: row.name ?? '',
    email: row.email ?? '',
    status: STATUS_OUT[row.status ?? 'Lead'] ?? row.status,
    'customer-since': sinceOut(row.subscriber_since),
    attributes: attributesJson(attributesOf(row.attributes)),
    data_source_uuid: ds,
    data_source_uuids: [ds],
    external_ids: [row.external_id ?? ''],
    company: row.company ?? '',
    country: row.country,
    state: row.state,
    city: row.city,
    zip: row.zip,
    lead_created_at: isoOut(row.lead_created_at),
    free_trial_started_at: isoOut(row.free_trial_started_at),
    address: { country: countryName(row.country), state: row.state, city: row.city, address_zip: row.zip },
    mrr,
    arr: mrr * 12,
    // Set through /v1 only (no template column); null when never set, as ChartMogul's owner.
    website_url: row.website_url ?? null,
    'billing-system-url': null,
    'chartmogul-url': '',
    'billing-system-type': row.system,
    currency,
    'currency-sign': currencySign(currency),
    // The CRM owner as the client sent it (ChartMogul: a user's email, null when none).
    owner: row.owner ?? null,
  };
}

/** How many customers match `where` (for the page numbers of list answers). */
export async function countCustomers(tx: Tx, where: Where): Promise<number> {
  return countRows(tx, `${CUSTOMER_FROM} WHERE ${where}`, where.params);
}

/** The customers matching `where`, oldest first; one page (plus one row) when `page` is given. */
export async function readCustomers(tx: Tx, where: Where, page?: Page): Promise<CustomerRow[]> {
  const sql = `${CUSTOMER_SELECT} WHERE ${where} ${CUSTOMER_ORDER}`;
  return tx.query<CustomerRow>(page ? `${sql} ${pageSql(page)}` : sql, where.params);
}
