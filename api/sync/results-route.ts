/** GET /sync/results: the result tabs' rows (results.ts), on figures computed for today. */
import type { AppContext } from '../context.ts';
import { ensureFresh } from '../derived/freshness.ts';
import type { ApiApp } from '../http/openapi.ts';
import { syncResults } from './results.ts';

export function registerSyncResults(app: ApiApp, ctx: AppContext): void {
  app.get('/sync/results', async (c) => {
    const account = c.get('account');
    const today = ctx.today();
    await ensureFresh(ctx.db, account.id, today, ctx.recompute);
    return c.json(await syncResults(ctx, account.id, today, c.req.query('cursor'), c.req.query('per_page')));
  });
}
