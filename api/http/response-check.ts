/**
 * Tests run every answer past its route's declared schemas (AppOptions.checkResponses): a
 * success must be one of the statuses the route declares, in its schema, and an error must be
 * in the one error body. A mismatch turns the answer into a 500 saying what differs, so any
 * test that reaches that endpoint fails on it.
 */
import type { RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { Env } from './auth.ts';
import { ErrorBody } from './error-body.ts';
import type { ApiApp } from './openapi.ts';
import { issuePath } from './openapi.ts';

/** Hono's path for a declared OpenAPI path: /v1/customers/{uuid} → /v1/customers/:uuid. */
export const honoPath = (openApiPath: string) => openApiPath.replace(/\{([^}]+)\}/g, ':$1');

export function declaredRoutes(app: ApiApp): Map<string, RouteConfig> {
  const routes = new Map<string, RouteConfig>();
  for (const d of app.openAPIRegistry.definitions) {
    if (d.type === 'route') routes.set(`${d.route.method.toUpperCase()} ${honoPath(d.route.path)}`, d.route as RouteConfig);
  }
  return routes;
}

function jsonSchemaOf(route: RouteConfig, status: number) {
  const response = route.responses[status] as { content?: Record<string, { schema?: unknown }> } | undefined;
  return response?.content?.['application/json']?.schema as { safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } } | undefined;
}

export function checkResponses(app: ApiApp): MiddlewareHandler<Env> {
  let routes: Map<string, RouteConfig> | undefined;
  return async (c, next) => {
    await next();
    routes ??= declaredRoutes(app);
    // The handler that answered (a literal path such as /customers/search also matches /customers/:uuid, registered after it).
    const handler = matchedRoutes(c)[c.req.routeIndex];
    const route = handler ? routes.get(`${c.req.method} ${handler.path}`) : undefined;
    const status = c.res.status;
    if (status === 500) return;
    const problem = await mismatch(route, status, c.res);
    if (problem) {
      c.res = undefined;
      c.res = new Response(JSON.stringify({ code: 500, message: `Response of ${c.req.method} ${c.req.path} (${status}) does not match its declaration: ${problem}`, param: null }), {
        status: 500, headers: { 'content-type': 'application/json' },
      });
    }
  };
}

async function mismatch(route: RouteConfig | undefined, status: number, res: Response): Promise<string | null> {
  const isJson = (res.headers.get('content-type') ?? '').includes('application/json');
  const body = isJson ? await res.clone().json() : undefined;
  if (status >= 400) {
    if (!isJson) return 'an error answer must be JSON';
    return describe(ErrorBody.safeParse(body));
  }
  // Routes not declared with a schema (none once every route is typed) are not checked.
  if (!route) return null;
  if (!(status in route.responses)) return `status ${status} is not declared`;
  const schema = jsonSchemaOf(route, status);
  if (!schema) return isJson && status !== 204 ? `status ${status} is declared without a JSON schema` : null;
  if (!isJson) return `status ${status} is declared as JSON`;
  return describe(schema.safeParse(body));
}

function describe(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }): string | null {
  if (result.success) return null;
  return result.error!.issues.slice(0, 5).map((i) => `${issuePath(i.path) || '(body)'}: ${i.message}`).join('; ');
}
