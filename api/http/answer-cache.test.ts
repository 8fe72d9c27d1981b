import { describe, expect, it } from 'vitest';
import { AnswerCache, requestKey, type AnswerStamp } from './answer-cache.ts';

const stamp = (version: number, day = '2026-10-31', accountId = 'acc'): AnswerStamp => ({ accountId, version, day, settings: {} });

describe('AnswerCache', () => {
  it('keeps an answer per stamp and request, building it once for concurrent misses', async () => {
    const cache = new AnswerCache();
    let builds = 0;
    const build = async () => ({ n: ++builds });
    const [a, b] = await Promise.all([cache.get(stamp(1), '/x', build), cache.get(stamp(1), '/x', build)]);
    expect(builds).toBe(1);
    expect([a.cached, b.cached]).toEqual([false, false]);
    const c = await cache.get(stamp(1), '/x', build);
    expect(c).toMatchObject({ cached: true, etag: a.etag });
    expect(JSON.parse(c.body.toString())).toEqual({ n: 1 });
    expect((await cache.get(stamp(1), '/y', build)).cached).toBe(false);
  });

  it('builds again on a newer data version or day, drops the older answers, and keeps none for an older stamp', async () => {
    const cache = new AnswerCache();
    let builds = 0;
    const build = async () => ({ n: ++builds });
    await cache.get(stamp(1), '/x', build);
    const newer = await cache.get(stamp(2), '/x', build);
    expect([newer.cached, builds]).toEqual([false, 2]);
    expect(cache.size).toBe(newer.body.length); // version 1's answer is gone
    expect((await cache.get(stamp(2, '2026-11-01'), '/x', build)).cached).toBe(false);
    // A read that saw an older state is answered, not kept.
    expect((await cache.get(stamp(1), '/x', build)).cached).toBe(false);
    expect((await cache.get(stamp(1), '/x', build)).cached).toBe(false);
    // Another account's state is its own.
    await cache.get(stamp(1, '2026-10-31', 'other'), '/x', build);
    expect((await cache.get(stamp(1, '2026-10-31', 'other'), '/x', build)).cached).toBe(true);
  });

  it('holds at most its bytes, the least recently used dropped first', async () => {
    const cache = new AnswerCache(800); // answers up to 100 bytes kept
    const body = (n: number) => async () => ({ pad: 'x'.repeat(80), n });
    for (let n = 0; n < 8; n++) await cache.get(stamp(1), `/p${n}`, body(n));
    await cache.get(stamp(1), '/p0', body(0)); // p0 used again
    await cache.get(stamp(1), '/p8', body(8));
    expect(cache.size).toBeLessThanOrEqual(800);
    expect((await cache.get(stamp(1), '/p0', body(0))).cached).toBe(true);
    expect((await cache.get(stamp(1), '/p1', body(1))).cached).toBe(false);
  });

  it('does not keep a failed build', async () => {
    const cache = new AnswerCache();
    await expect(cache.get(stamp(1), '/x', async () => { throw new Error('no'); })).rejects.toThrow('no');
    expect((await cache.get(stamp(1), '/x', async () => 1)).cached).toBe(false);
  });

  it('keys a request by its path and its parameters in any order', () => {
    expect(requestKey('http://h/v1/a?b=2&a=1')).toBe(requestKey('http://h/v1/a?a=1&b=2'));
    expect(requestKey('http://h/v1/a?a=1&a=2')).not.toBe(requestKey('http://h/v1/a?a=2&a=1'));
  });
});
