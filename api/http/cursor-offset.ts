/**
 * The row offset inside an opaque list cursor. Only what this API writes is read back: digits
 * without leading zeros, at most 2^53 − 1 (so the number is exact, and within PostgreSQL's
 * bigint for OFFSET). Anything else is not a cursor we gave out.
 */
export function offsetFrom(digits: string): number | null {
  if (!/^(0|[1-9][0-9]{0,15})$/.test(digits)) return null;
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : null;
}
