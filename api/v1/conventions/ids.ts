/**
 * IDs of the ChartMogul-compatible API: prefixed UUIDs (cus_ + UUID) for objects, and integer
 * IDs where ChartMogul's clients expect numbers (store/int-id.ts). A malformed ID names
 * nothing that exists: a 404 for the caller.
 */
import { notFound } from '../../http/errors.ts';

export const PREFIX = {
  dataSource: 'ds_',
  customer: 'cus_',
  plan: 'pl_',
  invoice: 'inv_',
  lineItem: 'li_',
  transaction: 'tr_',
  subscription: 'sub_',
  contact: 'con_',
  subscriptionEvent: 'se_',
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function prefixed(prefix: string, id: string): string {
  return `${prefix}${id}`;
}

/**
 * The UUID inside a prefixed ID, or null when it is not one of ours (a 404 for the caller:
 * a malformed ID names nothing that exists).
 */
export function uuidOf(prefix: string, value: string | undefined | null): string | null {
  if (!value || !value.startsWith(prefix)) return null;
  const id = value.slice(prefix.length);
  return UUID.test(id) ? id.toLowerCase() : null;
}

export function requireUuid(prefix: string, value: string | undefined | null, what: string, param: string | null = null): string {
  const id = uuidOf(prefix, value);
  if (!id) throw notFound(what, param);
  return id;
}
