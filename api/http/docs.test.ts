import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from '../testing/databases.test-util.ts';
import { startTestServer, type TestServer } from '../testing/server.test-util.ts';
import { createApp } from '../app.ts';
import type { AppContext } from '../context.ts';
import { declaredRoutes } from './response-check.ts';

describe('the API describes itself', () => {
  let database: TestDatabase;
  let server: TestServer;
  beforeAll(async () => {
    database = await testDatabase('pglite');
    server = await startTestServer(database.db);
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('serves its OpenAPI document without a key', async () => {
    const response = await fetch(`${server.url}/v1/openapi.json`);
    expect(response.status).toBe(200);
    const doc = (await response.json()) as any;
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([{ url: server.url }]);
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'basic' });
    expect(doc.paths['/v1/account'].patch.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/AccountUpdate');
    expect(Object.keys(doc.paths['/v1/account'].patch.responses).sort()).toEqual(['200', '400', '401', '422', '429']);
    expect(doc.components.schemas.ErrorBody.anyOf).toHaveLength(3);
  });

  it('serves a reference page over that document', async () => {
    const response = await fetch(`${server.url}/docs`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(await response.text()).toContain('/v1/openapi.json');
  });

  it('declares every route of /v1 and /sync with its schemas', () => {
    // Declarations only: no request reaches a handler.
    const app = createApp({ today: () => 0 } as unknown as AppContext);
    const declared = new Set(declaredRoutes(app).keys());
    const served = app.routes
      .filter((r) => r.method !== 'ALL' && /^\/(v1|sync)\//.test(r.path) && r.path !== '/v1/openapi.json')
      .map((r) => `${r.method} ${r.path}`);
    expect(served.length).toBeGreaterThan(60);
    expect(served.filter((r) => !declared.has(r))).toEqual([]);
  });
});
