/**
 * HTTP Basic auth: user = API key, empty password. Every request is scoped to one account.
 * Failed attempts are throttled per client address (auth-throttle.ts says how valid keys are
 * spared).
 */
import type { MiddlewareHandler } from 'hono';
import type { Database } from '../db/client.ts';
import type { AuthThrottle } from './auth-throttle.ts';
import type { AddressOf } from './client-address.ts';
import { apiError, HttpError, tooManyRequests } from './errors.ts';
import { accountForKey, hashKey, type AccountRow } from '../store/accounts.ts';

export type Env = { Variables: { account: AccountRow; key: string } };

const UNAUTHORIZED = 'No valid API key provided';

export function keyFromHeader(header: string | undefined): string | null {
  if (!header || !/^basic /i.test(header)) return null;
  let decoded: string;
  try {
    decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  } catch {
    return null;
  }
  const user = decoded.split(':')[0];
  return user ? user : null;
}

function unauthorized(): HttpError {
  return new HttpError(401, apiError(401, UNAUTHORIZED).body, { 'WWW-Authenticate': 'Basic realm="Mogul"' });
}

/**
 * Requests the server makes to itself (prebuild.ts): the account they read as sits in the
 * request's env under this symbol, where no HTTP request can put anything.
 */
export const INTERNAL_ACCOUNT = Symbol('mogul internal request');
/** The key an internal request goes under (no API key has a NUL; the rate limit passes it). */
export const INTERNAL_KEY = '\0internal';

export function basicAuth(db: Database, throttle: AuthThrottle, addressOf: AddressOf): MiddlewareHandler<Env> {
  return async (c, next) => {
    const internal = (c.env as Record<symbol, AccountRow | undefined> | undefined)?.[INTERNAL_ACCOUNT];
    if (internal) {
      c.set('account', internal);
      c.set('key', INTERNAL_KEY);
      return next();
    }
    const key = keyFromHeader(c.req.header('authorization'));
    if (!key) throw unauthorized();
    const address = addressOf(c);
    const keyHash = hashKey(key);
    const wait = throttle.retryAfter(address, keyHash);
    if (wait !== null) {
      const message = `Too many failed authentications from your address: retry after ${wait} s`;
      throw tooManyRequests(message, wait);
    }
    const account = await db.read((tx) => accountForKey(tx, key));
    if (!account) {
      throttle.failed(address);
      throw unauthorized();
    }
    throttle.succeeded(address, keyHash);
    c.set('account', account);
    c.set('key', key);
    await next();
  };
}
