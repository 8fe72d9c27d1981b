/**
 * Every response ChartMogul recorded for an in-scope endpoint (./recordings, the cassettes of
 * its Ruby client) must fit the response schema our route declares for that status: the
 * OpenAPI document describes the API ChartMogul's clients were written against, not only our
 * own answers. Every in-scope request must also match a declared route.
 */
import { describe, expect, it } from 'vitest';
import { createApp } from '../../app.ts';
import type { AppContext } from '../../context.ts';
import { ErrorBody } from '../../http/error-body.ts';
import { declaredRoutes } from '../../http/response-check.ts';
import { cassetteNames, readCassette, skipReason } from './cassettes.test-util.ts';

type Schema = { safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } };

// Declarations only: no request reaches a handler, so nothing touches a database.
const app = createApp({ today: () => 0 } as unknown as AppContext);
const routes = [...declaredRoutes(app)].map(([key, route]) => {
  const [method, path] = key.split(' ');
  const pattern = new RegExp(`^${path.replace(/:[^/]+/g, '[^/]+')}$`);
  return { method, pattern, specificity: path.split('/').filter((s) => !s.startsWith(':')).length, route };
});

function routeOf(method: string, path: string) {
  const pathname = path.split('?')[0];
  return routes.filter((r) => r.method === method && r.pattern.test(pathname)).sort((a, b) => b.specificity - a.specificity)[0];
}

function schemaOf(route: (typeof routes)[number]['route'], status: number): Schema | undefined {
  if (status >= 400) return ErrorBody as unknown as Schema;
  const response = route.responses[status] as { content?: Record<string, { schema?: Schema }> } | undefined;
  return response?.content?.['application/json']?.schema;
}

const inScope = cassetteNames().filter((name) => skipReason(name) === null);

describe('recorded ChartMogul responses fit the declared response schemas', () => {
  it('walks every in-scope recording', () => expect(inScope.length).toBeGreaterThan(100));

  for (const name of inScope) {
    it(name, () => {
      const problems: string[] = [];
      for (const [i, x] of readCassette(name).interactions.entries()) {
        const at = `#${i} ${x.method} ${x.path} → ${x.status}`;
        const matched = routeOf(x.method, x.path);
        if (!matched) {
          problems.push(`${at}: no declared route`);
          continue;
        }
        if (x.status < 400 && !(x.status in matched.route.responses)) {
          problems.push(`${at}: status not declared`);
          continue;
        }
        if (x.response.trim() === '') continue;
        const schema = schemaOf(matched.route, x.status);
        if (!schema) {
          problems.push(`${at}: a JSON answer where the route declares none`);
          continue;
        }
        const result = schema.safeParse(JSON.parse(x.response));
        if (!result.success) {
          const issues = result.error!.issues.slice(0, 4).map((s) => `${s.path.join('.') || '(body)'}: ${s.message}`);
          problems.push(`${at}: ${issues.join('; ')}`);
        }
      }
      expect(problems).toEqual([]);
    });
  }
});
