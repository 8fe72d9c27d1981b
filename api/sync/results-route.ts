/** GET /sync/results: the result tabs' rows (results.ts), on figures computed for today, of the business or a segment. */
import { createRoute, z } from '@hono/zod-openapi';
import { SyncResultsPage } from '../../shared/wire/sync-response.ts';
import type { AppContext } from '../context.ts';
import { cachedJson, freshStamp, NOT_MODIFIED } from '../http/cached-read.ts';
import { errorResponses, jsonResponse, openapiRoute, type ApiApp } from '../http/openapi.ts';
import { resultsSegment, syncResults } from './results.ts';

const getSyncResults = createRoute({
  method: 'get',
  path: '/sync/results',
  tags: ['Sync'],
  summary: "One page of the report's rows: the series and cohorts first, then customers, subscriptions, movements, revenue and transactions",
  request: {
    query: z.object({
      cursor: z.string().optional().openapi({ description: 'The `cursor` of the previous page; none for the first' }),
      per_page: z.string().optional().openapi({ description: 'Rows per page across the lists: a whole number from 1 to 20,000 (default 5,000)', example: '5000' }),
      segment: z.string().optional().openapi({
        description: 'Narrow the report to a segment, in the filters syntax of /v1 (an unreadable one is a 400 naming it); send it with every page',
        example: "region~ANY~'US','CA'~AND~plan~ANY~'pro'",
      }),
    }),
  },
  responses: { 200: jsonResponse(SyncResultsPage, 'A page of the report'), ...NOT_MODIFIED, ...errorResponses(400, 503) },
});

export function registerSyncResults(app: ApiApp, ctx: AppContext): void {
  openapiRoute(app, getSyncResults, async (c) => {
    const today = ctx.today();
    const segment = resultsSegment(c.req.query('segment'));
    const stamp = await freshStamp(ctx, c);
    return cachedJson(ctx, c, stamp, () => syncResults(ctx, stamp, today, c.req.query('cursor'), c.req.query('per_page'), segment)) as never;
  });
}
