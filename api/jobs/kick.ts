/**
 * After a write, a plan of its account on the recompute queue (recompute-queue.ts), so workers
 * recompute what it marked before the next read asks. Any request that is not a read and did
 * not fail may have written; a plan finding nothing marked ends at once.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppContext } from '../context.ts';
import type { Env } from '../http/auth.ts';

export function kickAfterWrite(ctx: AppContext): MiddlewareHandler<Env> {
  return async (c, next) => {
    await next();
    if (!ctx.queue || c.req.method === 'GET' || c.req.method === 'HEAD' || c.res.status >= 400) return;
    const account = c.get('account');
    if (account) ctx.queue.kick(account.id, c);
  };
}
