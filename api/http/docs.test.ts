import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from '../testing/databases.test-util.ts';
import { startTestServer, type TestServer } from '../testing/server.test-util.ts';

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
});
