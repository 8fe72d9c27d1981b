/**
 * A subscription's sub_ UUID is a function of its data source and external ID: a name-based
 * UUID (RFC 4122's version 5 layout over SHA-1). Its derived row gets it whenever the row is
 * made again, so a subscription that a connected group hid (connect_subscriptions shows the
 * group as its latest subscription) is still known by the UUID clients hold, and gets it back
 * when disconnected. Rows made before this rule keep their random IDs: a recompute never
 * changes an ID.
 */
import { createHash } from 'node:crypto';

export function subscriptionUuid(dataSourceId: string, externalId: string): string {
  const hex = createHash('sha1').update(`mogul subscription\u0000${dataSourceId}\u0000${externalId}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
