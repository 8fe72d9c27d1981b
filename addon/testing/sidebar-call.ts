// google.script.run's rules for what crosses between the sidebar and the server: arguments must be
// primitives, arrays and plain objects (a Date or function fails the call); a return value holding
// a Date or a function reaches the sidebar as null.
import { isDate, isPlainObject } from './realm.ts';

function legal(v: unknown): boolean {
  if (v === null || v === undefined || ['string', 'number', 'boolean'].includes(typeof v)) return true;
  if (isDate(v) || typeof v === 'function') return false;
  if (Array.isArray(v)) return v.every(legal);
  if (isPlainObject(v)) return Object.values(v).every(legal);
  return false;
}

export function checkSidebarArgs(args: unknown[]): void {
  args.forEach((a, i) => {
    if (!legal(a)) throw new Error(`Failed due to illegal value in property: ${i}`);
  });
}

/** What the sidebar's success handler receives. */
export function sidebarResult(value: unknown): unknown {
  if (!legal(value)) return null;
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}
