/**
 * Instants in and out of the ChartMogul-compatible API. In: the clients send ISO 8601 or
 * Ruby's `Time#to_s` ("2016-01-01 12:00:00 UTC"), turned into what the shared parsers read.
 * Out: import objects as 2016-01-01T12:00:00.000Z (isoOut below), metrics and activities
 * as 2016-01-01T12:00:00+00:00, subscription events as 2022-05-18T09:48:34Z.
 */

/** A client's date-time value as a template cell (other values pass unchanged). */
export function instantCell(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return value.trim().replace(/\s+(UTC|GMT)$/i, 'Z');
}

export function toMillis(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const t = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(String(value));
  return Number.isNaN(t) ? null : t;
}

/** 2016-01-01T12:00:00+00:00, as the metrics API writes instants. */
export function metricsInstant(value: unknown): string | null {
  const t = toMillis(value);
  return t === null ? null : new Date(t).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

/** 2022-05-18T09:48:34Z (milliseconds only when there are any), as subscription events write them. */
export function eventInstant(value: unknown): string | null {
  const t = toMillis(value);
  return t === null ? null : new Date(t).toISOString().replace('.000Z', 'Z');
}

/** Instants out as ChartMogul writes them: 2016-01-01T12:00:00.000Z. */
export function isoOut(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const t = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(String(value));
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}
