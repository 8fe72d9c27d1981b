/**
 * The identity of a stored row within its data source. Rows with an external ID are that
 * ID; rows without one are a digest of their content plus their occurrence among identical
 * rows of the request, so re-sending the same rows updates them instead of adding copies.
 */
import { createHash } from 'node:crypto';
import type { DatasetName } from '../../shared/index.ts';
import { isV1Only } from './tables.ts';

const OWN_ID: Partial<Record<DatasetName, string>> = {
  customers: 'externalId',
  plans: 'externalId',
  invoices: 'externalId',
  line_items: 'externalId',
  transactions: 'externalId',
  subscription_events: 'externalId',
  manual_subscriptions: 'externalId',
};

export function rowKeys(dataset: DatasetName, records: readonly Record<string, unknown>[]): string[] {
  const idField = OWN_ID[dataset];
  const seen = new Map<string, number>();
  return records.map((record) => {
    const own = idField ? record[idField] : null;
    if (typeof own === 'string' && own !== '') return own;
    const content = Object.entries(record)
      .filter(([field]) => field !== 'row' && !isV1Only(dataset, field))
      .map(([, value]) => (value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value)))
      .join('\u0001');
    const digest = createHash('sha1').update(content).digest('hex').slice(0, 20);
    const n = seen.get(digest) ?? 0;
    seen.set(digest, n + 1);
    return `#${digest}${n === 0 ? '' : `:${n}`}`;
  });
}
