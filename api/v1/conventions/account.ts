import type { Context } from 'hono';
import type { Env } from '../../http/auth.ts';
import type { AccountRow } from '../../store/accounts.ts';

/** The account the request's API key belongs to (http/auth.ts). */
export function account(c: Context<Env>): AccountRow {
  return c.get('account');
}
