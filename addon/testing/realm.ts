// The built bundle runs in its own vm realm: an array or Date made here fails `instanceof Array`
// there, and an Error made here fails `instanceof Error`. Fakes hand values over through a Realm.
import { types } from 'node:util';

export interface Realm {
  Array: ArrayConstructor;
  Date: DateConstructor;
  Object: ObjectConstructor;
  Error: ErrorConstructor;
}

export const hostRealm: Realm = { Array, Date, Object, Error };

export const isDate = (v: unknown): v is Date => types.isDate(v);

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || isDate(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** Deep copy of arrays, Dates and plain objects into the realm (other values as they are). */
export function toRealm<T>(realm: Realm, value: T): T {
  if (Array.isArray(value)) {
    const out = new realm.Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = toRealm(realm, value[i]);
    return out as T;
  }
  if (isDate(value)) return new realm.Date(value.getTime()) as T;
  if (isPlainObject(value)) {
    const out = new realm.Object() as Record<string, unknown>;
    for (const [k, v] of Object.entries(value)) out[k] = toRealm(realm, v);
    return out as T;
  }
  return value;
}

/** An Apps Script exception: `e.message` is the text, `String(e)` is "Exception: text". */
export function gasError(realm: Realm, message: string, name = 'Exception'): Error {
  const e = new realm.Error(message);
  e.name = name;
  return e;
}
