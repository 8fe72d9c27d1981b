/**
 * Reading fields of a /v1 JSON body: a field of the wrong JSON type is a 422 naming it,
 * never a 500. Also the instant spellings the official clients send.
 */
import { validationFailed } from '../../http/errors.ts';

export type Body = Record<string, unknown>;

/** A text field: undefined when absent, null when sent as null, else a string. */
export function optionalString(body: Body, field: string): string | null | undefined {
  const v = body[field];
  if (v === undefined || v === null) return v as undefined | null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw validationFailed({ [field]: `${field} must be a string` });
}

/** A text field that must be there and not blank. */
export function requiredString(body: Body, field: string, message = `${field} is required`): string {
  const v = optionalString(body, field);
  if (v === undefined || v === null || v.trim() === '') throw validationFailed({ [field]: message });
  return v.trim();
}

export function optionalObject(body: Body, field: string): Body | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw validationFailed({ [field]: `${field} must be an object` });
  return v as Body;
}

export function optionalArray(body: Body, field: string): unknown[] | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw validationFailed({ [field]: `${field} must be an array` });
  return v;
}

/** A list of non-empty strings (tags, attribute keys). */
export function stringList(body: Body, field: string): string[] {
  const list = optionalArray(body, field);
  if (list === undefined) throw validationFailed({ [field]: `${field} is required (an array of strings)` });
  if (!list.every((t) => typeof t === 'string' && t.trim() !== '')) {
    throw validationFailed({ [field]: `${field} must be an array of non-empty strings` });
  }
  return (list as string[]).map((t) => t.trim());
}

/**
 * The Ruby client writes times as `2016-01-01 14:30:00 UTC`; the shared date parser takes
 * ISO 8601, so a trailing ` UTC` becomes `Z`. Other values pass through unchanged.
 */
export function clientInstant(value: unknown): unknown {
  return typeof value === 'string' ? value.trim().replace(/\s+UTC$/i, 'Z') : value;
}
