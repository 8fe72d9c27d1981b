/** HTTP Basic auth: user = API key, empty password. Every request is scoped to one account. */
import type { MiddlewareHandler } from 'hono';
import { accountForKey, type AccountRow } from '../accounts.ts';
import type { Database } from '../db/client.ts';
import { apiError } from './errors.ts';

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

export function basicAuth(db: Database): MiddlewareHandler<Env> {
  return async (c, next) => {
    const key = keyFromHeader(c.req.header('authorization'));
    const account = key ? await db.read((tx) => accountForKey(tx, key)) : null;
    if (!account || !key) throw apiError(401, UNAUTHORIZED);
    c.set('account', account);
    c.set('key', key);
    await next();
  };
}
