/**
 * Custom attributes of customers, as ChartMogul types them: String, Integer, Decimal,
 * Timestamp (stored as an ISO instant) and Boolean. Adding takes `[{type, key, value}]`;
 * updating takes `{key: value}` and keeps each attribute's type (read from its stored value).
 */
import { parseInstant } from '../../../shared/index.ts';
import { validationFailed } from '../../http/errors.ts';
import { clientInstant } from '../conventions/body.ts';

export type Custom = Record<string, unknown>;

type AttributeType = 'String' | 'Integer' | 'Decimal' | 'Timestamp' | 'Boolean';
const TYPES: readonly AttributeType[] = ['String', 'Integer', 'Decimal', 'Timestamp', 'Boolean'];
const KEY = /^[A-Za-z0-9_]{1,255}$/;
const STORED_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const NUMERIC = /^[+-]?\d+(\.\d+)?$/;

/** The value as stored for its type, or undefined when it does not fit the type. */
function typed(type: AttributeType, value: unknown): unknown {
  if (value === null) return null;
  switch (type) {
    case 'String':
      return typeof value === 'string' && value.length <= 255 ? value : undefined;
    case 'Integer': {
      const n = typeof value === 'string' && NUMERIC.test(value.trim()) ? Number(value) : value;
      return typeof n === 'number' && Number.isSafeInteger(n) ? n : undefined;
    }
    case 'Decimal': {
      const n = typeof value === 'string' && NUMERIC.test(value.trim()) ? Number(value) : value;
      return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
    }
    case 'Timestamp': {
      const t = typeof value === 'string' ? parseInstant(clientInstant(value) as string) : null;
      return t === null ? undefined : new Date(t).toISOString();
    }
    case 'Boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      return undefined;
  }
}

function checked(type: AttributeType, key: string, value: unknown, field: string): unknown {
  const v = typed(type, value);
  if (v === undefined) {
    throw validationFailed({ [field]: `Custom attribute '${key}' must be a ${type}${type === 'String' ? ' of at most 255 characters' : ''}; got ${JSON.stringify(value)}` });
  }
  return v;
}

function checkKey(key: unknown, field: string): string {
  // __proto__ would set an object's prototype instead of a key.
  if (typeof key !== 'string' || !KEY.test(key) || key === '__proto__') {
    throw validationFailed({ [field]: `Custom attribute keys are 1 to 255 letters, digits or underscores (not __proto__); got ${JSON.stringify(key)}` });
  }
  return key;
}

/** `[{type, key, value, source?}]` → `{key: value}`. */
export function parseTypedAttributes(list: unknown, field = 'custom'): Custom {
  if (!Array.isArray(list)) throw validationFailed({ [field]: `${field} must be an array of {type, key, value}` });
  const out: Custom = {};
  for (const item of list) {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      throw validationFailed({ [field]: `Each entry of ${field} must be an object {type, key, value}` });
    }
    const { type = 'String', key, value } = item as Record<string, unknown>;
    const k = checkKey(key, field);
    if (!TYPES.includes(type as AttributeType)) {
      throw validationFailed({ [field]: `Custom attribute '${k}' has type ${JSON.stringify(type)}; types are ${TYPES.join(', ')}` });
    }
    out[k] = checked(type as AttributeType, k, value ?? null, field);
  }
  return out;
}

/** The type an attribute was stored with, read from its value. */
function typeOf(value: unknown): AttributeType | null {
  if (typeof value === 'boolean') return 'Boolean';
  if (typeof value === 'number') return 'Decimal';
  if (typeof value === 'string') return STORED_INSTANT.test(value) ? 'Timestamp' : 'String';
  return null;
}

/**
 * `{key: value}` updates of existing attributes, each keeping its type. With `allowNew`, keys
 * not there yet are added with the type of their JSON value.
 */
export function parseUpdates(existing: Custom, updates: unknown, field = 'custom', allowNew = false): Custom {
  if (updates === null || typeof updates !== 'object' || Array.isArray(updates)) {
    throw validationFailed({ [field]: `${field} must be an object of key → value` });
  }
  const out: Custom = {};
  for (const [key, value] of Object.entries(updates as Custom)) {
    checkKey(key, field);
    const stored = Object.prototype.hasOwnProperty.call(existing, key);
    if (!stored && !allowNew) {
      throw validationFailed({ [field]: `The customer has no custom attribute '${key}'; add it first (POST …/attributes/custom)` });
    }
    const type = typeOf(stored ? existing[key] : value);
    if (type === null || value === null) {
      if (value !== null && typeof value === 'object') throw validationFailed({ [field]: `Custom attribute '${key}' must be a single value` });
      out[key] = value;
    } else {
      out[key] = checked(type, key, value, field);
    }
  }
  return out;
}
