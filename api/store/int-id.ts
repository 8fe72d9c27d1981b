/**
 * Integer IDs where ChartMogul's clients expect numbers (subscription events, customer
 * activities and subscriptions of the metrics API): the first 13 hex digits of the row's
 * UUID (52 bits, a safe JavaScript integer). Collisions within one account are negligible
 * (birthday bound about 67 million rows); a lookup matching two rows finds none.
 */
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

const DIGITS = 13;

export function intId(uuid: string): number {
  return Number.parseInt(uuid.replace(/-/g, '').slice(0, DIGITS), 16);
}

/** The hex prefix an integer ID stands for, or null when it is not one of ours. */
export function intIdPrefix(value: unknown): string | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,16}$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 0) return null;
  const hex = n.toString(16);
  return hex.length > DIGITS ? null : hex.padStart(DIGITS, '0');
}

/** The condition that the UUID column's row stands for the integer ID of `prefix` (from intIdPrefix). */
export function hasIntId(column: AnyColumn, prefix: string): SQL {
  return sql`left(replace(${column}::text, '-', ''), ${DIGITS}) = ${prefix}`;
}
