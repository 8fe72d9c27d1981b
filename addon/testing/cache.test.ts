import { describe, expect, test } from 'vitest';
import { FakeCacheService, MAX_VALUE_BYTES } from './cache.ts';
import { FakeClock } from './clock.ts';
import { Runtime } from './runtime.ts';

const make = () => {
  const rt = new Runtime(new FakeClock(0));
  return { rt, svc: new FakeCacheService(rt) };
};

describe('CacheService', () => {
  test('put, get, getAll, remove; caches are separate', () => {
    const { svc } = make();
    const c = svc.getDocumentCache();
    c.put('a', '1');
    c.putAll({ b: '2', c: '3' });
    expect(c.get('a')).toBe('1');
    expect(svc.getScriptCache().get('a')).toBeNull();
    expect(c.getAll(['a', 'b', 'zz'])).toEqual({ a: '1', b: '2' });
    c.remove('a');
    c.removeAll(['b']);
    expect(c.getAll(['a', 'b', 'c'])).toEqual({ c: '3' });
  });

  test('expiry on the fake clock: default 10 minutes, at most 6 hours', () => {
    const { rt, svc } = make();
    const c = svc.getUserCache();
    c.put('short', 'x', 1);
    c.put('default', 'x');
    c.put('max', 'x', 21600);
    rt.clock.advance(999);
    expect(c.get('short')).toBe('x');
    rt.clock.advance(1);
    expect(c.get('short')).toBeNull();
    rt.clock.advance(600_000);
    expect(c.get('default')).toBeNull();
    expect(c.get('max')).toBe('x');
    expect(() => c.put('k', 'v', 21601)).toThrow('Invalid argument: expirationInSeconds');
    expect(() => c.put('k', 'v', 0)).toThrow('Invalid argument: expirationInSeconds');
  });

  test('keys up to 250 characters, values up to 100 KB', () => {
    const c = make().svc.getScriptCache();
    c.put('k'.repeat(250), 'v');
    expect(() => c.put('k'.repeat(251), 'v')).toThrow('Argument too large: key');
    c.put('big', 'x'.repeat(MAX_VALUE_BYTES));
    expect(() => c.put('big', 'x'.repeat(MAX_VALUE_BYTES + 1))).toThrow('Argument too large: value');
    expect(() => c.putAll({ ok: 'v', bad: 'x'.repeat(MAX_VALUE_BYTES + 1) })).toThrow('Argument too large: value');
    expect(c.get('ok')).toBeNull();
  });
});
