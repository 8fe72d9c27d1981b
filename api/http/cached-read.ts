/**
 * Read endpoints answered from the answer cache (answer-cache.ts): the stamp of the request's
 * account after any pending recompute (no query when the key check saw nothing pending), and
 * the JSON answer kept under it, with an ETag naming that state. A request whose If-None-Match
 * holds the ETag is answered 304 without building anything.
 */
import type { Context } from 'hono';
import { formatDate } from '../../shared/index.ts';
import type { AppContext } from '../context.ts';
import { freshVersion } from '../derived/freshness.ts';
import { AnswerCache, requestKey, type AnswerStamp } from './answer-cache.ts';
import { INTERNAL_KEY, type Env } from './auth.ts';
import { PREBUILD_HEADER, prebuilderOf } from './prebuild.ts';

const caches = new WeakMap<AppContext, AnswerCache>();

/** One cache per app (its context): one database's accounts. */
export function answersOf(ctx: AppContext): AnswerCache {
  let cache = caches.get(ctx);
  if (!cache) caches.set(ctx, (cache = new AnswerCache()));
  return cache;
}

/**
 * The request's account as of now: what writes marked dirty recomputed first (or a 503 while
 * that goes on), with the data version the read then sees. The key check's own row tells
 * when nothing is pending, so the common read adds no query.
 */
export async function freshStamp(ctx: AppContext, c: Context<Env>): Promise<AnswerStamp> {
  const account = c.get('account');
  const today = ctx.today();
  const version = await freshVersion(ctx.db, account.id, today, ctx.recompute, account);
  const day = formatDate(today);
  const seen = version !== account.dataVersion || account.pending || account.computedDay !== day
    ? { ...account, dataVersion: version, pending: false, computedDay: day }
    : account;
  // Later steps of the request see the state it now reads.
  if (seen !== account) c.set('account', seen);
  const stamp = { accountId: account.id, version, day, settings: account.settings };
  // A state first seen here (a recompute just committed, or a write moved the version): the first reads' answers, built.
  prebuilderOf(ctx)?.after(seen, stamp);
  return stamp;
}

/**
 * Header naming where an answer came from: `cached` (kept in memory), `prebuilt` (kept in
 * memory, built by the prebuild after the account changed: prebuild.ts) or `built` (by this
 * request or one it joined).
 */
export const ANSWER_HEADER = 'x-mogul-answer';

/** The 200 JSON answer to the request under `stamp`, from memory or built by `build` (and kept). */
export async function cachedJson(ctx: AppContext, c: Context<Env>, stamp: AnswerStamp, build: () => Promise<unknown>): Promise<Response> {
  const cache = answersOf(ctx);
  const request = requestKey(c.req.url);
  const etag = cache.etag(stamp, request);
  if (matches(c.req.header('if-none-match'), etag)) {
    return new Response(null, { status: 304, headers: { etag, [ANSWER_HEADER]: 'cached' } });
  }
  const internal = c.get('key') === INTERNAL_KEY;
  const answer = await cache.get(stamp, request, build, internal);
  const prebuilder = prebuilderOf(ctx);
  if (prebuilder && answer.next !== null && !internal) {
    // A client walking a list: its next page, built while it takes this one in.
    const next = new URL(c.req.url);
    next.searchParams.set('cursor', answer.next);
    if (!cache.has(stamp, requestKey(next.href))) prebuilder.ahead(c.get('account'), stamp, `${next.pathname}${next.search}`);
  }
  const headers: Record<string, string> = {
    'content-type': 'application/json', etag: answer.etag, [ANSWER_HEADER]: answer.prebuilt ? 'prebuilt' : answer.cached ? 'cached' : 'built',
  };
  const prebuild = prebuilder?.state(stamp);
  if (prebuild) headers[PREBUILD_HEADER] = prebuild;
  return new Response(answer.body, { status: 200, headers });
}

/** If-None-Match: a list of ETags (weak ones compared by their value) or `*`. */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}

/** The 304 answer of a cached read, for route declarations. */
export const NOT_MODIFIED = {
  304: { description: 'Not modified: If-None-Match holds the ETag of the answer the account now has (nothing it shows has changed)' },
} as const;
