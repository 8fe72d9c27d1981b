/**
 * GET /sync/results: what the add-on writes into its result tabs, the report's rows as the
 * engine produced them (store/derived.ts, store/customer-ledgers.ts): the monthly series and
 * cohorts (first page), then customers, subscriptions, movements, revenue and transactions,
 * paginated across those lists with an opaque cursor. With `segment` (the filters syntax) it
 * is the report narrowed to that segment, as `mogul report --segment` gives it.
 */
import {
  defaultSeriesStart, formatDate, isWholeBusiness, movementRow, parseSegment, parseSettingsJson, SegmentError, type Segment,
} from '../../shared/index.ts';
import type { SyncResultsPage } from '../../shared/wire/sync-response.ts';
import type { AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { cohortsOf, wholeAccount } from '../derived/series-inputs.ts';
import { VersionMemo } from '../derived/version-memo.ts';
import type { AnswerStamp } from '../http/answer-cache.ts';
import { offsetFrom } from '../http/cursor-offset.ts';
import { badRequest } from '../http/errors.ts';
import { segmentedView, type SegmentedView } from '../segments/view.ts';
import { series } from '../v1/metrics/memo.ts';
import { revenueRows, transactionRows } from '../store/customer-ledgers.ts';
import { customerRows, movementPage, subscriptionRows } from '../store/derived.ts';

const LISTS = ['customers', 'subscriptions', 'movements', 'revenue', 'transactions'] as const;
type ListName = (typeof LISTS)[number];
type StoredPage = { rows: unknown[]; lastId?: string | null };
const rowsOnly = (read: (tx: Tx, accountId: string, offset: number, limit: number, customerIds?: readonly string[]) => Promise<unknown[]>) =>
  async (tx: Tx, accountId: string, offset: number, limit: number, customerIds?: readonly string[]): Promise<StoredPage> =>
    ({ rows: await read(tx, accountId, offset, limit, customerIds) });
/** Each list's stored rows; movements also name their last row, where the next page starts (`after`). */
const READ: Record<ListName, (tx: Tx, accountId: string, offset: number, limit: number, customerIds?: readonly string[], after?: string) => Promise<StoredPage>> = {
  customers: rowsOnly(customerRows),
  subscriptions: rowsOnly(subscriptionRows),
  movements: movementPage,
  revenue: rowsOnly(revenueRows),
  transactions: rowsOnly(transactionRows),
};
/** The first page's series and cohorts, per data version (derived/version-memo.ts). */
const heads = new VersionMemo<{ series: ReturnType<typeof series>; cohorts: ReturnType<typeof cohortsOf> }>(16);
const DEFAULT_PAGE = 5_000;
const MAX_PAGE = 20_000;

/** <list>.<offset>, or <list>.<offset>.<uuid> when the list's last row so far is a stored movement. */
function decodeCursor(cursor: string | undefined): { list: number; offset: number; after?: string } {
  if (!cursor) return { list: 0, offset: 0 };
  const m = /^(\d)\.(\d+)(?:\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}))?$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const offset = m ? offsetFrom(m[2]) : null;
  if (!m || Number(m[1]) >= LISTS.length || offset === null) throw badRequest('cursor is not one this API gave out', 'cursor');
  return { list: Number(m[1]), offset, ...(m[3] ? { after: m[3] } : {}) };
}

const encodeCursor = (list: number, offset: number, after?: string | null) =>
  Buffer.from(`${list}.${offset}${after ? `.${after}` : ''}`).toString('base64url');

/** Reads `limit` rows of one list from `offset` (or after the stored row `after`, where the list can). */
type ListReader = (offset: number, limit: number, after?: string) => Promise<StoredPage>;

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Each list's reader: the stored rows (of the segment's customers under customer conditions),
 * or under plan conditions the segment's customers, subscriptions and movements as the engine
 * gave them (plan conditions narrow no revenue or transactions: they are the customers').
 */
function listReaders(ctx: AppContext, accountId: string, segmented: SegmentedView | null): Record<ListName, ListReader> {
  const stored = (name: ListName, ids?: ReadonlySet<string> | null): ListReader =>
    (offset, limit, after) => ctx.db.read((tx) => READ[name](tx, accountId, offset, limit, ids ? [...ids] : undefined, after));
  const planned = segmented?.planned;
  if (!planned) {
    const ids = segmented?.customers;
    return {
      customers: stored('customers', ids), subscriptions: stored('subscriptions', ids), movements: stored('movements', ids),
      revenue: stored('revenue', ids), transactions: stored('transactions', ids),
    };
  }
  const customers = [...planned.customers].sort((a, b) => byText(a.externalId, b.externalId) || byText(a.customerId, b.customerId));
  const inMemory = (rows: readonly unknown[]): ListReader => async (offset, limit) => ({ rows: rows.slice(offset, offset + limit) });
  return {
    customers: inMemory(customers.map((c) => c.row)),
    subscriptions: inMemory(customers.flatMap((c) => [...c.subscriptions].sort((a, b) => byText(a.external_id, b.external_id)))),
    movements: inMemory(planned.movements.map((m) => movementRow({ ...m, customerId: m.customerExternalId }))),
    revenue: stored('revenue', segmented.kept),
    transactions: stored('transactions', segmented.kept),
  };
}

/** The `segment` parameter (the filters syntax), or null for the whole business; a 400 naming it when unreadable. */
export function resultsSegment(text: string | undefined): Segment | null {
  try {
    const segment = parseSegment(text ?? '');
    return isWholeBusiness(segment) ? null : segment;
  } catch (e) {
    if (e instanceof SegmentError) throw badRequest(`segment: ${e.message}`, 'segment');
    throw e;
  }
}

/** One page of the results on the account's state `stamp` (its data version and settings, after any pending recompute). */
export async function syncResults(
  ctx: AppContext, stamp: AnswerStamp, today: number, cursor?: string, perPage?: string, segment: Segment | null = null,
): Promise<SyncResultsPage> {
  const { accountId } = stamp;
  const size = perPage === undefined ? DEFAULT_PAGE : Number(perPage);
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE) {
    throw badRequest(`per_page must be a whole number from 1 to ${MAX_PAGE}`, 'per_page');
  }
  let { list, offset, after } = decodeCursor(cursor);
  const settings = parseSettingsJson((stamp.settings ?? {}) as Record<string, unknown>).settings;
  // The inputs are needed for the first page's series and cohorts, and for a segment's lists.
  const inputs = !cursor || segment !== null ? await ctx.inputs.get(accountId, stamp.version) : null;
  const segmented = segment === null ? null : await segmentedView(ctx, accountId, inputs!, segment, today);
  const read = listReaders(ctx, accountId, segmented);
  const page: Pick<SyncResultsPage, ListName> = { customers: [], subscriptions: [], movements: [], revenue: [], transactions: [] };
  let room = size;
  let lastId: string | null | undefined;
  while (room > 0 && list < LISTS.length) {
    const name = LISTS[list];
    const { rows, lastId: last } = await read[name](offset, room, after);
    after = undefined;
    lastId = last;
    (page as Record<ListName, unknown[]>)[name] = rows;
    room -= rows.length;
    offset += rows.length;
    if (rows.length === 0 || room > 0) {
      list++;
      offset = 0;
      lastId = undefined;
    }
  }
  const hasMore = list < LISTS.length;
  const head: Pick<SyncResultsPage, 'as_of' | 'currency' | 'series' | 'cohorts'> = { as_of: formatDate(today), currency: settings.base_currency };
  if (!cursor) {
    const view = segmented?.view ?? wholeAccount(inputs!);
    // Built once per data version and segment: each is a pass over every customer's inputs.
    const built = heads.get(inputs!, `${today} ${segmented?.key ?? ''}`, () => ({
      series: series(inputs!, view, { start: defaultSeriesStart(view.movements, today), end: today, interval: 'month' }, segmented?.key ?? '', today),
      cohorts: cohortsOf(view, { end: today, interval: 'month' }),
    }));
    head.series = built.series;
    head.cohorts = built.cohorts;
  }
  return { ...head, ...page, has_more: hasMore, cursor: hasMore ? encodeCursor(list, offset, lastId) : null };
}
