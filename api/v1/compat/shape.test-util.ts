/**
 * The JSON structure of a response, compared with a recording's: keys present or absent
 * (recursively), value types, and lists by the union of their elements' structures. Values
 * are not compared: the recorded data is ChartMogul's test account, not ours.
 *
 * Rules:
 * - A key of the recording that our object lacks is a mismatch; a key we add is listed as
 *   extra but is not one (clients ignore unknown keys, and the recordings themselves differ
 *   in keys by the year they were made).
 * - Types are compared without null and without the empty string: a value that is null or ''
 *   on one side only depends on the data (ChartMogul echoes '' for values not set, e.g. a
 *   subscription event's quantity). Except for a customer's `name`, `email`, `company` and
 *   `external_id`, which API.md says are never null (strict clients reject it): null where
 *   the recording has a string is a mismatch. (Customer objects: those with `customer-since`.)
 * - A list is compared by the union of its elements' structures. A list the recording has
 *   elements in and ours is empty cannot be compared: that is reported as a note, not a
 *   mismatch (it depends on the data, e.g. which invoice a page shows).
 * - `custom`, `stripe` and `clearbit` hold the caller's own keys: only their type is compared.
 */

/** `blank` is the empty string: ChartMogul's way of saying "not set" in many fields. */
export type JsonType = 'null' | 'blank' | 'string' | 'number' | 'boolean' | 'array' | 'object';

export interface Shape {
  types: Set<JsonType>;
  /** Union of the keys of every object seen here. */
  keys: Map<string, Shape>;
  /** Union of the elements of every list seen here; null when no list had one. */
  items: Shape | null;
}

const empty = (): Shape => ({ types: new Set(), keys: new Map(), items: null });

function typeOf(value: unknown): JsonType {
  if (value === null || value === undefined) return 'null';
  if (value === '') return 'blank';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return 'object';
  return typeof value as 'string' | 'number' | 'boolean';
}

function add(shape: Shape, value: unknown): Shape {
  const type = typeOf(value);
  shape.types.add(type);
  if (type === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      shape.keys.set(k, add(shape.keys.get(k) ?? empty(), v));
    }
  } else if (type === 'array') {
    for (const element of value as unknown[]) shape.items = add(shape.items ?? empty(), element);
  }
  return shape;
}

export function shapeOf(value: unknown): Shape {
  return add(empty(), value);
}

const FREE_FORM = new Set(['custom', 'stripe', 'clearbit']);
const NEVER_NULL = new Set(['name', 'email', 'company', 'external_id']);

export interface Comparison {
  /** Differences that break the structure: each names its path. */
  mismatches: string[];
  /** Keys we send that the recording does not have. */
  extra: string[];
  /** What could not be compared. */
  notes: string[];
}

/** The types that say something about a value: not null, not blank. */
const nonNull = (s: Shape) => [...s.types].filter((t) => t !== 'null' && t !== 'blank');

function walk(recorded: Shape, ours: Shape, path: string, out: Comparison, key: string | null, customer = false): void {
  const r = nonNull(recorded);
  const o = nonNull(ours);
  const where = path || '(body)';
  if (r.length > 0 && o.length > 0 && !o.every((t) => r.includes(t))) {
    out.mismatches.push(`${where}: type ${o.join('|')}, recorded ${r.join('|')}`);
    return;
  }
  const recordedText = recorded.types.has('string') || recorded.types.has('blank');
  if (customer && key !== null && NEVER_NULL.has(key) && recordedText && !recorded.types.has('null') && ours.types.has('null')) {
    out.mismatches.push(`${where}: null, recorded a string (never null per API.md)`);
  }
  if (key !== null && FREE_FORM.has(key)) return;
  if (recorded.types.has('object') && ours.types.has('object')) {
    const isCustomer = recorded.keys.has('customer-since');
    for (const [k, sub] of recorded.keys) {
      const mine = ours.keys.get(k);
      const p = path ? `${path}.${k}` : k;
      if (!mine) out.mismatches.push(`${p}: missing`);
      else walk(sub, mine, p, out, k, isCustomer);
    }
    for (const k of ours.keys.keys()) if (!recorded.keys.has(k)) out.extra.push(path ? `${path}.${k}` : k);
  }
  if (recorded.types.has('array') && ours.types.has('array') && recorded.items) {
    if (!ours.items) out.notes.push(`${path}[]: our list is empty, the recording's is not (elements not compared)`);
    else walk(recorded.items, ours.items, `${path}[]`, out, null);
  }
}

export function compareShapes(recorded: unknown, ours: unknown): Comparison {
  const out: Comparison = { mismatches: [], extra: [], notes: [] };
  walk(shapeOf(recorded), shapeOf(ours), '', out, null);
  return out;
}
