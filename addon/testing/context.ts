// The add-on's vm realm: standard JS built-ins of its own (no Node globals: no setTimeout,
// fetch, process or require, as in Apps Script), the fakes as globals, and a Date whose
// now() and no-argument form read the fake clock.
import vm from 'node:vm';
import type { FakeClock } from './clock.ts';
import type { Realm } from './realm.ts';

const PATCH_DATE = `(function (now) {
  var RealDate = Date;
  function FakeDate() {
    if (!new.target) return new RealDate(now()).toString();
    var args = arguments.length === 0 ? [now()] : Array.prototype.slice.call(arguments);
    return Reflect.construct(RealDate, args, new.target);
  }
  FakeDate.prototype = RealDate.prototype;
  FakeDate.now = function () { return now(); };
  FakeDate.UTC = RealDate.UTC;
  FakeDate.parse = RealDate.parse;
  Object.defineProperty(RealDate.prototype, 'constructor', { value: FakeDate, writable: true, configurable: true });
  globalThis.Date = FakeDate;
  return { Array: Array, Date: FakeDate, Object: Object, Error: Error };
})`;

export interface AddonRealm {
  context: vm.Context;
  realm: Realm;
  evalInRealm(code: string, filename?: string): unknown;
}

export function createAddonRealm(clock: FakeClock, globals: Record<string, unknown>): AddonRealm {
  const context = vm.createContext({});
  const evalInRealm = (code: string, filename = 'addon-eval.js'): unknown => vm.runInContext(code, context, { filename });
  const patch = evalInRealm(PATCH_DATE, 'fake-date.js') as (now: () => number) => Realm;
  const realm = patch(() => clock.now());
  for (const [name, value] of Object.entries(globals)) context[name] = value;
  return { context, realm, evalInRealm };
}
