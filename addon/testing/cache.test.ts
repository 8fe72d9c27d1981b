import { describe, expect, test } from 'vitest';
import { FakeCacheService, MAX_ITEMS, MAX_VALUE_BYTES } from './cache.ts';
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

  test('values measured in UTF-8 bytes: 34,134 Japanese characters (102,402 bytes) are too large', () => {
    const c = make().svc.getDocumentCache();
    c.put('ja', '日'.repeat(34_133)); // 102,399 bytes
    expect(() => c.put('ja', '日'.repeat(34_134))).toThrow('Argument too large: value');
    expect(() => c.put('emoji', '😀'.repeat(25_601))).toThrow('Argument too large: value'); // 102,404 bytes
  });

  test('at most 1,000 items: a full cache drops its oldest tenth', () => {
    const { rt, svc } = make();
    const c = svc.getScriptCache();
    c.put('expired', 'x', 1);
    rt.clock.advance(2_000);
    for (let i = 0; i < MAX_ITEMS; i++) c.put(`k${i}`, 'v'); // the expired item makes room first
    expect(c.get('k0')).toBe('v');
    c.put('k0', 'again'); // a put makes an item the newest
    c.put('one more', 'v');
    expect(c.getAll(Array.from({ length: 100 }, (_, i) => `k${i + 1}`))).toEqual({});
    expect(c.get('k101')).toBe('v');
    expect(c.get('k0')).toBe('again');
    expect(c.get('one more')).toBe('v');
  });
});
