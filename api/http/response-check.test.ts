import { createRoute, z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { HttpError, validationFailed } from './errors.ts';
import { createApiApp, errorResponses, jsonRequest, jsonResponse, openapiRoute } from './openapi.ts';
import { checkResponses } from './response-check.ts';

const Thing = z.object({ id: z.string(), cents: z.number().int() });

/** A small app with one declared route whose answer the test chooses. */
function appAnswering(answer: { status: number; body: unknown }) {
  const app = createApiApp();
  app.onError((e, c) => (e instanceof HttpError ? c.json(e.body, e.status) : c.json({ code: 500, message: String(e), param: null }, 500)));
  app.use('*', checkResponses(app));
  const route = createRoute({
    method: 'post',
    path: '/things/{id}',
    request: { params: z.object({ id: z.string() }), body: jsonRequest(z.object({ cents: z.number().int({ error: 'cents must be whole' }) })) },
    responses: { 201: jsonResponse(Thing, 'made'), ...errorResponses(422) },
  });
  openapiRoute(app, route, (c) => {
    if (answer.status === 422) throw validationFailed({ cents: 'no' });
    return c.json(answer.body as never, answer.status as 201);
  });
  return app;
}

const post = (app: ReturnType<typeof createApiApp>, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  app.request('/things/a', { method: 'POST', body, headers });

describe('declared routes', () => {
  it('pass an answer that matches its schema', async () => {
    const r = await post(appAnswering({ status: 201, body: { id: 'a', cents: 5 } }), '{"cents":5}');
    expect(r.status).toBe(201);
    expect(await r.json()).toEqual({ id: 'a', cents: 5 });
  });

  it('turn an answer that breaks its schema into a 500 naming the field', async () => {
    const r = await post(appAnswering({ status: 201, body: { id: 'a', cents: 'five' } }), '{"cents":5}');
    expect(r.status).toBe(500);
    expect(((await r.json()) as { message: string }).message).toMatch(/POST \/things\/a \(201\) does not match its declaration: cents: /);
  });

  it('turn an undeclared success status into a 500', async () => {
    const r = await post(appAnswering({ status: 200, body: { id: 'a', cents: 5 } }), '{"cents":5}');
    expect(r.status).toBe(500);
    expect(((await r.json()) as { message: string }).message).toMatch(/status 200 is not declared/);
  });

  it('check errors against the one error body', async () => {
    const r = await post(appAnswering({ status: 422, body: null }), '{"cents":5}');
    expect(r.status).toBe(422);
    expect(await r.json()).toEqual({ errors: { cents: 'no' } });
  });

  it('refuse a body the schema refuses with a 422 naming the field, whatever the Content-Type', async () => {
    const app = appAnswering({ status: 201, body: { id: 'a', cents: 5 } });
    for (const headers of [{ 'content-type': 'application/json' }, {}, { 'content-type': 'text/plain' }] as Record<string, string>[]) {
      const r = await post(app, '{"cents":1.5}', headers);
      expect(r.status).toBe(422);
      expect(await r.json()).toEqual({ errors: { cents: 'cents must be whole' } });
    }
  });

  it('read a body by the API rules: malformed JSON is a 400', async () => {
    const r = await post(appAnswering({ status: 201, body: {} }), '{"cents":');
    expect(r.status).toBe(400);
    expect(((await r.json()) as { message: string }).message).toMatch(/not valid JSON/);
  });
});

describe('declared query parameters', () => {
  it('read a parameter sent twice by its first value, as c.req.query does, and document it as declared', async () => {
    const app = createApiApp();
    const route = createRoute({
      method: 'get',
      path: '/echo',
      request: { query: z.object({ n: z.string().optional().openapi({ description: 'any text' }) }) },
      responses: { 200: jsonResponse(z.object({ valid: z.string().optional(), raw: z.string().optional() }), 'echo') },
    });
    openapiRoute(app, route, (c) => c.json({ valid: c.req.valid('query').n, raw: c.req.query('n') }, 200));
    const r = await app.request('/echo?n=first&n=second');
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ valid: 'first', raw: 'first' });
    const doc = app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 't', version: '1' } });
    expect(doc.paths!['/echo'].get!.parameters).toEqual([
      expect.objectContaining({ name: 'n', in: 'query', required: false, schema: { type: 'string', description: 'any text' } }),
    ]);
  });
});
