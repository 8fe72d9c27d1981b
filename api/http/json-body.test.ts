import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { HttpError } from './errors.ts';
import { jsonBody, nulAt } from './json-body.ts';

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
  it('nulAt names where a NUL character is', () => {
    expect(nulAt({ ok: ['fine', { deep: 'x\u0000' }] })).toBe('ok[1].deep');
    expect(nulAt({ rows: [{ Name: 'a\u0000b' }] })).toBe('rows[0].Name');
    expect(nulAt({ ok: 'fine' })).toBeNull();
  });
});
