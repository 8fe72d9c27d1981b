/**
 * Typed routes: every /v1 and /sync endpoint is declared with @hono/zod-openapi (zod request
 * and response schemas), which validates requests before the handler runs and makes the
 * OpenAPI document served at /v1/openapi.json. A request the schemas refuse is answered in
 * the API's own error forms (error-body.ts): a bad body field is a 422 naming it, a bad query
 * parameter a 400 naming it, a path parameter that cannot name anything a 404.
 */
import { OpenAPIHono, z as zod, type RouteConfig, type RouteHandler, type z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { Env } from './auth.ts';
import { ErrorBody } from './error-body.ts';
import { readBody } from './json-body.ts';
import { apiError, ERROR_STATUS, HttpError, validationFailed, type ClientErrorStatus } from './errors.ts';

export type ApiApp = OpenAPIHono<Env>;

/** Where an issue sits, as the API names fields: `invoices[0].line_items[1].amount_in_cents`. */
export function issuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** The API's answer to a request its route's schemas refuse. */
export function refusal(target: string, error: z.ZodError): HttpError {
  const [first] = error.issues;
  if (target === 'json' || target === 'form') {
    const errors: Record<string, string> = {};
    for (const issue of error.issues) {
      const field = issuePath(issue.path) || 'body';
      if (!(field in errors)) errors[field] = issue.message;
    }
    return validationFailed(errors);
  }
  const param = issuePath(first?.path ?? []) || null;
  if (target === 'param') return apiError(ERROR_STATUS.not_found, `Nothing found for ${param ?? 'the path'}`, param);
  return apiError(ERROR_STATUS.bad_request, first ? `${param ?? target}: ${first.message}` : `Invalid ${target}`, param);
}

export function createApiApp(): ApiApp {
  return new OpenAPIHono<Env>({
    defaultHook: (result) => {
      if (!result.success) throw refusal(result.target, result.error);
    },
  });
}

/** A JSON response entry of a route declaration. */
export function jsonResponse<S extends z.ZodType>(schema: S, description: string) {
  return { description, content: { 'application/json': { schema } } } as const;
}

/** A JSON request body of a route declaration. */
export function jsonRequest<S extends z.ZodType>(schema: S, description = 'JSON body') {
  return { required: true, description, content: { 'application/json': { schema } } } as const;
}

const ERROR_MEANINGS: Record<ClientErrorStatus, string> = {
  400: 'A parameter is malformed (param names it)',
  401: 'No valid API key (HTTP Basic, the key as user name)',
  404: 'Nothing with that ID in this account',
  413: 'The request body is over the limit',
  422: 'A field is invalid (errors names each)',
  429: 'Too many requests; Retry-After says when to try again',
  503: 'Figures are still being computed; Retry-After says when to try again',
};

/** The error answers a route may give, for its declaration (401 and 429 apply to every route). */
export function errorResponses(...statuses: ClientErrorStatus[]) {
  const all = [...new Set<ClientErrorStatus>([401, 429, ...statuses])].sort();
  return Object.fromEntries(all.map((s) => [s, jsonResponse(ErrorBody, ERROR_MEANINGS[s])])) as Record<ClientErrorStatus, ReturnType<typeof jsonResponse<typeof ErrorBody>>>;
}

/**
 * Declares a route: its schemas go into the OpenAPI document and validate the request before
 * `handler` runs (`c.req.valid('query' | 'param' | 'json')` are typed by them). A JSON body is
 * read by the API's own rules first (json-body.ts: an empty body is `{}`, whatever the
 * Content-Type; malformed, non-object or too deeply nested JSON is a 400; text that cannot be
 * stored is a 422 naming where), then checked against the body schema; the validator
 * @hono/zod-openapi would add instead answers differently (415 without a JSON Content-Type).
 */
export function openapiRoute<R extends RouteConfig>(app: ApiApp, route: R, handler: RouteHandler<R, Env>): void {
  const body = route.request?.body;
  const schema = (body?.content?.['application/json'] as { schema?: z.ZodType } | undefined)?.schema;
  const query = route.request?.query;
  const served = {
    ...route,
    request: { ...route.request, body: undefined, query: query instanceof zod.ZodObject ? firstValues(query) : query },
  };
  if (schema) {
    const own = route.middleware === undefined ? [] : Array.isArray(route.middleware) ? route.middleware : [route.middleware];
    served.middleware = [validBody(schema), ...own];
  }
  const before = app.openAPIRegistry.definitions.length;
  app.openapi(served as R, handler as never);
  // The document shows the route as declared (a hidden route adds nothing to it).
  const added = app.openAPIRegistry.definitions.slice(before).find((d) => d.type === 'route') as { route: RouteConfig } | undefined;
  if (added) added.route = { ...route };
}

/**
 * A query parameter sent twice is read by its first value, as `c.req.query(name)` reads it
 * (the validator would see a list and refuse it).
 */
function firstValues(query: z.ZodObject): z.ZodObject {
  const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
  return query.extend(Object.fromEntries(Object.entries(query.shape).map(([k, s]) => [k, zod.preprocess(first, s as z.ZodType)])));
}

function validBody(schema: z.ZodType): MiddlewareHandler<Env> {
  return async (c, next) => {
    const result = schema.safeParse(await readBody(c));
    if (!result.success) throw refusal('json', result.error);
    c.req.addValidatedData('json', result.data as object);
    await next();
  };
}
