/**
 * Query parameters (names and values) and the path reach SQL as text, which PostgreSQL cannot
 * hold with a NUL character in it, and which must be valid Unicode. Checked once here for
 * every route: /v1 answers 422 naming the parameter, /sync 400 naming it (each API's shape);
 * a path holding a NUL names nothing that can exist (404).
 */
import type { MiddlewareHandler } from 'hono';
import { apiError, badRequest, validationFailed } from './errors.ts';
import { shownText as shown, textProblem as problem } from './json-body.ts';

export function checkQueryText(api: 'v1' | 'sync'): MiddlewareHandler {
  return async (c, next) => {
    if (problem(c.req.path)) throw apiError(404, 'The path holds a NUL character or a lone UTF-16 surrogate; no ID or name holds one');
    for (const [name, values] of Object.entries(c.req.queries())) {
      const why = problem(name) ?? values.map(problem).find((p) => p !== null) ?? null;
      if (why === null) continue;
      const param = shown(name);
      if (api === 'v1') throw validationFailed({ [param]: `${param} ${why}` });
      throw badRequest(`The query parameter '${param}' ${why}`, param);
    }
    await next();
  };
}
