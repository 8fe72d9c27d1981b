/** The ChartMogul-compatible /v1 API (API.md): each area registers its own routes. */
import type { Hono } from 'hono';
import type { AppContext } from '../context.ts';
import type { Env } from '../http/auth.ts';
import { registerAccount } from './account.ts';

export function registerV1(app: Hono<Env>, ctx: AppContext): void {
  app.get('/v1/ping', (c) => c.json({ data: 'pong!' }));
  registerAccount(app, ctx);
}
