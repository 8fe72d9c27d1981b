/**
 * Per-key rate limit (default 40 requests a second, ChartMogul's): a token bucket per key;
 * an empty bucket answers 429 with Retry-After (whole seconds until a token is back).
 */
import type { MiddlewareHandler } from 'hono';
import { INTERNAL_KEY, type Env } from './auth.ts';
import { tooManyRequests } from './errors.ts';

export function rateLimit(perSecond: number, now: () => number = () => performance.now()): MiddlewareHandler<Env> {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return async (c, next) => {
    const key = c.get('key');
    if (key === INTERNAL_KEY) return next();
    const t = now();
    const bucket = buckets.get(key) ?? { tokens: perSecond, at: t };
    bucket.tokens = Math.min(perSecond, bucket.tokens + ((t - bucket.at) / 1000) * perSecond);
    bucket.at = t;
    buckets.set(key, bucket);
    if (bucket.tokens < 1) {
      const wait = Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond));
      throw tooManyRequests(`Too many requests: at most ${perSecond} a second per API key; retry after ${wait} s`, wait);
    }
    bucket.tokens -= 1;
    await next();
  };
}
