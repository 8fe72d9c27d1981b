/**
 * The API ends of a sync besides the rows: the add-on's metric settings pushed to the account
 * (so the API computes what local mode computes), and all pages of /sync/results: the whole
 * business's, and with a Segment setting the segment's (`?segment=`) for the tabs it narrows.
 */
import { SETTING_KEYS, type Segment, type Settings, type SyncResultsPage } from '../../shared/index.ts';
import { apiRequest } from './api.ts';
import type { SegmentResults, WholeResults } from './results.ts';

/** Sends the settings when the account's differ (changing them recomputes the account). */
export function pushSettings(engine: Settings): boolean {
  const account = apiRequest<{ settings?: Record<string, unknown> }>('get', '/v1/account');
  const stored = account?.settings ?? {};
  if (SETTING_KEYS.every((k) => (stored[k] ?? null) === engine[k])) return false;
  apiRequest('patch', '/v1/account', { settings: engine });
  return true;
}

/** All pages of /sync/results, for the whole business or (query `segment=`) a segment. */
function allPages(query: string): WholeResults {
  const path = (cursor: string | null) => {
    const params = [query, cursor === null ? '' : `cursor=${encodeURIComponent(cursor)}`].filter(Boolean).join('&');
    return `/sync/results${params ? `?${params}` : ''}`;
  };
  let page = apiRequest<SyncResultsPage>('get', path(null));
  const results: WholeResults = {
    as_of: page.as_of, currency: page.currency, series: page.series ?? [], cohorts: page.cohorts ?? [],
    customers: page.customers, subscriptions: page.subscriptions, movements: page.movements,
    revenue: page.revenue, transactions: page.transactions,
  };
  while (page.has_more) {
    page = apiRequest<SyncResultsPage>('get', path(page.cursor));
    results.customers = results.customers.concat(page.customers);
    results.subscriptions = results.subscriptions.concat(page.subscriptions);
    results.movements = results.movements.concat(page.movements);
    results.revenue = results.revenue.concat(page.revenue);
    results.transactions = results.transactions.concat(page.transactions);
  }
  return results;
}

export function fetchResults(): WholeResults {
  return allPages('');
}

/** The segment's series, movements and cohorts (the tabs a Segment narrows). */
export function fetchSegmentResults(segment: Segment): SegmentResults {
  const narrowed = allPages(`segment=${encodeURIComponent(segment.text)}`);
  return { text: segment.text, series: narrowed.series, movements: narrowed.movements, cohorts: narrowed.cohorts };
}
