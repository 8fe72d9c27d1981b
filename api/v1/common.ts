/**
 * Conventions of the ChartMogul-compatible API: prefixed IDs (cus_ + UUID), cursor
 * pagination (per_page up to 200), 404 for IDs that are not the account's, and writes that
 * recompute the touched customers' derived data in the same transaction.
 */
import type { Context } from 'hono';
import type { AccountRow } from '../accounts.ts';
import type { AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { ensureFresh, lockAccount } from '../derived/freshness.ts';
import { recompute } from '../derived/recompute.ts';
import type { Env } from '../http/auth.ts';
import { offsetFrom } from '../http/cursor-offset.ts';
import { badRequest, notFound } from '../http/errors.ts';

export const PREFIX = {
  dataSource: 'ds_',
  customer: 'cus_',
  plan: 'pl_',
  invoice: 'inv_',
  lineItem: 'li_',
  transaction: 'tr_',
  subscription: 'sub_',
  contact: 'con_',
  subscriptionEvent: 'se_',
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function prefixed(prefix: string, id: string): string {
  return `${prefix}${id}`;
}

/**
 * The UUID inside a prefixed ID, or null when it is not one of ours (a 404 for the caller:
 * a malformed ID names nothing that exists).
 */
export function uuidOf(prefix: string, value: string | undefined | null): string | null {
  if (!value || !value.startsWith(prefix)) return null;
  const id = value.slice(prefix.length);
  return UUID.test(id) ? id.toLowerCase() : null;
}

export function requireUuid(prefix: string, value: string | undefined | null, what: string, param: string | null = null): string {
  const id = uuidOf(prefix, value);
  if (!id) throw notFound(what, param);
  return id;
}

export interface Page {
  /** Rows to skip. */
  offset: number;
  perPage: number;
}

/** per_page (default and max 200) and an opaque cursor from a previous page. */
export function pageOf(c: Context): Page {
  const raw = c.req.query('per_page');
  const perPage = raw === undefined ? 200 : Number(raw);
  if (!Number.isInteger(perPage) || perPage < 1) throw badRequest('per_page must be a whole number from 1 to 200', 'per_page');
  const cursor = c.req.query('cursor');
  let offset = 0;
  if (cursor) {
    const m = /^o(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
    const read = m ? offsetFrom(m[1]) : null;
    if (read === null) throw badRequest('cursor is not one this API gave out', 'cursor');
    offset = read;
  }
  return { offset, perPage: Math.min(perPage, 200) };
}

/**
 * The list answer: fetch perPage + 1 rows to learn whether there is more. `key` is the list
 * key (`entries`, `plans`, …).
 */
export function pageAnswer<T>(key: string, rows: T[], page: Page): Record<string, unknown> {
  const hasMore = rows.length > page.perPage;
  const items = hasMore ? rows.slice(0, page.perPage) : rows;
  return {
    [key]: items,
    has_more: hasMore,
    cursor: hasMore ? Buffer.from(`o${page.offset + page.perPage}`).toString('base64url') : null,
  };
}

/** Instants out as ChartMogul writes them: 2016-01-01T12:00:00.000Z. */
export function isoOut(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const t = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(String(value));
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

export function account(c: Context<Env>): AccountRow {
  return c.get('account');
}

/**
 * One write of the account: locked against other writes, then the named customers of one
 * data source recomputed by the engine, all in one transaction.
 */
export async function writeThenRecompute<T>(
  ctx: AppContext,
  accountId: string,
  work: (tx: Tx) => Promise<{ result: T; recompute?: { dataSourceId: string; customers: string[] }[] }>,
): Promise<T> {
  const today = ctx.today();
  await ensureFresh(ctx.db, accountId, today, ctx.recompute);
  return ctx.db.transaction(async (tx) => {
    await lockAccount(tx, accountId);
    const { result, recompute: scopes = [] } = await work(tx);
    for (const s of scopes) {
      if (s.customers.length > 0) await recompute(tx, { accountId, dataSourceId: s.dataSourceId, customers: s.customers }, today);
    }
    return result;
  });
}

/** Reads of derived data happen on data computed for today. */
export async function freshRead<T>(ctx: AppContext, accountId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  await ensureFresh(ctx.db, accountId, ctx.today(), ctx.recompute);
  return ctx.db.read(work);
}
