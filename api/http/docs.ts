/**
 * The API's own description: the OpenAPI document made from the typed routes at
 * GET /v1/openapi.json, and a reference page over it at /docs (Scalar). Both are public:
 * they say what the API offers, nothing of any account.
 */
import { Scalar } from '@scalar/hono-api-reference';
import type { ApiApp } from './openapi.ts';

export const OPENAPI_PATH = '/v1/openapi.json';

export function registerDocs(app: ApiApp): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'basic',
    description: 'HTTP Basic: the API key as user name, an empty password.',
  });
  app.doc31(OPENAPI_PATH, (c) => ({
    openapi: '3.1.0',
    info: {
      title: 'Mogul API',
      version: '1',
      description:
        '`/v1`: a wire-compatible subset of ChartMogul\'s REST API (its clients work by changing only the base URL). ' +
        '`/sync`: the bulk path of the Sheets add-on and `mogul import`, rows shaped like the templates.',
    },
    servers: [{ url: new URL(c.req.url).origin }],
    security: [{ apiKey: [] }],
  }));
  app.get('/docs', Scalar({ url: OPENAPI_PATH, pageTitle: 'Mogul API reference' }));
}
