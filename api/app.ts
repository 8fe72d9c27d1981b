/**
 * The Hono app: ChartMogul-compatible /v1 and the bulk /sync path on one server. Client
 * mistakes are answered with 4xx and a message; a 500 means a fault of ours.
 */
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { AppContext } from './context.ts';
import { basicAuth, type Env } from './http/auth.ts';
import { AuthThrottle, type AuthThrottleOptions } from './http/auth-throttle.ts';
import { peerAddress, type AddressOf } from './http/client-address.ts';
import { registerDocs } from './http/docs.ts';
import { kickAfterWrite } from './jobs/kick.ts';
import { HttpError, INTERNAL_ERROR } from './http/errors.ts';
import { createApiApp, type ApiApp } from './http/openapi.ts';
import { enablePrebuild } from './http/prebuild.ts';
import { checkQueryText } from './http/query-text.ts';
import { rateLimit } from './http/rate-limit.ts';
import { checkResponses } from './http/response-check.ts';
import { MAX_BYTES, tooLarge } from './sync/request.ts';
import { registerSync } from './sync/routes.ts';
import { registerV1 } from './v1/routes.ts';

export interface AppOptions {
  /** Request body limit in bytes (default 6 MB); /sync has its own 5 MB. */
  bodyLimitBytes?: number;
  /** Requests a second per API key (default 40). */
  rateLimitPerSecond?: number;
  /** Where a request comes from, for throttling failed authentications (default: the socket's peer). */
  clientAddress?: AddressOf;
  /** How failed authentications are throttled per address (defaults in auth-throttle.ts). */
  authThrottle?: AuthThrottleOptions;
  /** Where faults of ours are reported (default console.error). */
  logError?: (error: unknown) => void;
  /** Run every answer past its route's declared schemas; a mismatch becomes a 500 (tests). */
  checkResponses?: boolean;
  /** Build the answers clients read first whenever a read sees an account's new state (http/prebuild.ts; the Node server). */
  prebuild?: boolean;
}

export function createApp(ctx: AppContext, options: AppOptions = {}): ApiApp {
  const app = createApiApp();
  const logError = options.logError ?? ((e: unknown) => console.error(e));
  const limit = options.bodyLimitBytes ?? 6 * 1024 * 1024;

  app.onError((error, c) => {
    if (error instanceof HttpError) {
      for (const [k, v] of Object.entries(error.headers)) c.header(k, v);
      return c.json(error.body, error.status);
    }
    // Hono's own refusals (e.g. a malformed body in a validator), in the API's error body.
    if (error instanceof HTTPException && error.status >= 400 && error.status < 500) {
      return c.json({ code: error.status, message: error.message, param: null }, error.status);
    }
    logError(error);
    return c.json(INTERNAL_ERROR, 500);
  });
  app.notFound((c) => c.json({ code: 404, message: `No such endpoint: ${c.req.method} ${c.req.path}`, param: null }, 404));

  if (options.checkResponses) app.use('*', checkResponses(app));
  registerDocs(app);
  app.use(
    '/sync/*',
    bodyLimit({ maxSize: MAX_BYTES, onError: () => { throw tooLarge('The request body is over 5 MB'); } }),
  );
  app.use(
    '*',
    bodyLimit({
      maxSize: limit,
      onError: () => {
        throw new HttpError(413, {
          code: 413, message: `The request body is over the limit of ${Math.round(limit / 1024 / 1024)} MB`, param: null,
        });
      },
    }),
  );
  const throttle = new AuthThrottle(options.authThrottle);
  for (const prefix of ['/v1/*', '/sync/*']) {
    app.use(prefix, basicAuth(ctx.db, throttle, options.clientAddress ?? peerAddress));
    app.use(prefix, rateLimit(options.rateLimitPerSecond ?? 40));
    app.use(prefix, checkQueryText(prefix === '/v1/*' ? 'v1' : 'sync'));
    app.use(prefix, kickAfterWrite(ctx));
  }
  registerSync(app, ctx);
  registerV1(app, ctx);
  if (options.prebuild) enablePrebuild(ctx, (request, env) => app.fetch(request, env));
  return app;
}
