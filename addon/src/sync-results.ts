/**
 * The API ends of a sync besides the rows: the add-on's metric settings pushed to the account
 * (so the API computes what local mode computes), and all pages of /sync/results.
 */
import { SETTING_KEYS, type Settings, type SyncResults, type SyncResultsPage } from '../../shared/index.ts';
import { apiRequest } from './api.ts';

/** Sends the settings when the account's differ (changing them recomputes the account). */
export function pushSettings(engine: Settings): boolean {
  const account = apiRequest<{ settings?: Record<string, unknown> }>('get', '/v1/account');
  const stored = account?.settings ?? {};
  if (SETTING_KEYS.every((k) => (stored[k] ?? null) === engine[k])) return false;
  apiRequest('patch', '/v1/account', { settings: engine });
  return true;
}

/** All pages of /sync/results. */
export function fetchResults(): SyncResults {
  let page = apiRequest<SyncResultsPage>('get', '/sync/results');
  const results: SyncResults = { ...page, series: page.series ?? [] };
  while (page.has_more) {
    page = apiRequest<SyncResultsPage>('get', `/sync/results?cursor=${encodeURIComponent(page.cursor!)}`);
    results.customers = results.customers.concat(page.customers);
    results.subscriptions = results.subscriptions.concat(page.subscriptions);
    results.movements = results.movements.concat(page.movements);
  }
  return results;
}
