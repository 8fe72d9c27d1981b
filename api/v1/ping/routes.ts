/** GET /v1/ping: the key works and the server answers. */
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse, openapiRoute, type ApiApp } from '../../http/openapi.ts';

const Pong = z.object({ data: z.literal('pong!') }).openapi('Pong');

const ping = createRoute({
  method: 'get',
  path: '/v1/ping',
  tags: ['Account'],
  summary: 'Check the API key',
  responses: { 200: jsonResponse(Pong, 'The key is valid'), ...errorResponses() },
});

export function registerPing(app: ApiApp): void {
  openapiRoute(app, ping, (c) => c.json({ data: 'pong!' as const }, 200));
}
