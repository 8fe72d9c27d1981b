import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { HttpError } from './errors.ts';
import { badTextAt, jsonBody, MAX_DEPTH, nestingDepth } from './json-body.ts';

const app = new Hono();
app.onError((e, c) => (e instanceof HttpError ? c.json(e.body, e.status) : c.json({ fault: String(e) }, 500)));
app.post('/', async (c) => c.json(await jsonBody(c)));
const post = (body: string) => app.request('/', { method: 'POST', body });

describe('jsonBody', () => {
  it('gives the object, or {} for an empty body', async () => {
    expect(await (await post('{"a":1}')).json()).toEqual({ a: 1 });
    expect(await (await post('  ')).json()).toEqual({});
  });
  it('answers 400 naming what is wrong', async () => {
    for (const bad of ['{"a":', '[1,2]', '"text"', 'null']) {
      const response = await post(bad);
      expect(response.status, bad).toBe(400);
      expect(((await response.json()) as { message: string }).message).toMatch(/JSON/);
    }
  });
  it('refuses JSON nested deeper than the limit with a 400, however deep, without recursion', async () => {
    const nested = (depth: number) => `{"a":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
    expect((await post(nested(MAX_DEPTH))).status).toBe(200);
    for (const depth of [MAX_DEPTH + 1, 5_000, 1_000_000]) {
      const response = await post(nested(depth));
      expect(response.status, String(depth)).toBe(400);
      expect(((await response.json()) as { message: string }).message).toMatch(/nested more than 64 levels deep/);
    }
  });
  it('nestingDepth counts arrays and objects', () => {
    expect(nestingDepth(1)).toBe(0);
    expect(nestingDepth({ a: [1, { b: [] }], c: {} })).toBe(4);
    expect(nestingDepth(JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)))).toBe(MAX_DEPTH + 1);
  });
  it('badTextAt names the first key or text holding a NUL character or a lone surrogate', () => {
    const nul = 'must not contain the NUL character (\\u0000)';
    const lone = 'contains a lone UTF-16 surrogate; text must be valid Unicode';
    expect(badTextAt({ ok: ['fine', { deep: 'x\u0000' }] })).toEqual({ path: 'ok[1].deep', message: nul });
    expect(badTextAt({ rows: [{ Name: 'a\u0000b' }] })).toEqual({ path: 'rows[0].Name', message: nul });
    expect(badTextAt({ a: 'fine \ud83d\ude00', b: ['x', 'y\udc00'], c: '\u0000' })).toEqual({ path: 'b[1]', message: lone });
    expect(badTextAt({ ok: { 'k\ud800': 1 } })).toEqual({ path: 'ok.k\\ud800', message: lone });
    expect(badTextAt({ 'k\u0000': 1 })).toEqual({ path: 'k\\u0000', message: nul });
    expect(badTextAt({ ok: 'fine', n: [1, null, true] })).toBeNull();
  });
});
