/**
 * GET /sync/results: what the add-on writes into its result tabs, the report's rows as the
 * engine produced them (store/derived.ts, store/customer-ledgers.ts): the monthly series (first
 * page), then customers, subscriptions, movements, revenue and transactions, paginated across
 * those lists with an opaque cursor.
 */
import { defaultSeriesStart, formatDate, parseSettingsJson } from '../../shared/index.ts';
import type { SyncResultsPage } from '../../shared/wire/sync-response.ts';
import type { AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { seriesOf } from '../derived/series-inputs.ts';
import { offsetFrom } from '../http/cursor-offset.ts';
import { badRequest } from '../http/errors.ts';
import { revenueRows, transactionRows } from '../store/customer-ledgers.ts';
import { accountState, customerRows, movementRows, subscriptionRows } from '../store/derived.ts';

const LISTS = ['customers', 'subscriptions', 'movements', 'revenue', 'transactions'] as const;
type ListName = (typeof LISTS)[number];
const READ: Record<ListName, (tx: Tx, accountId: string, offset: number, limit: number) => Promise<unknown[]>> = {
  customers: customerRows,
  subscriptions: subscriptionRows,
  movements: movementRows,
  revenue: revenueRows,
  transactions: transactionRows,
};
const DEFAULT_PAGE = 5_000;
const MAX_PAGE = 20_000;

function decodeCursor(cursor: string | undefined): { list: number; offset: number } {
  if (!cursor) return { list: 0, offset: 0 };
  const m = /^(\d)\.(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const offset = m ? offsetFrom(m[2]) : null;
  if (!m || Number(m[1]) >= LISTS.length || offset === null) throw badRequest('cursor is not one this API gave out', 'cursor');
  return { list: Number(m[1]), offset };
}

const encodeCursor = (list: number, offset: number) => Buffer.from(`${list}.${offset}`).toString('base64url');

export async function syncResults(
  ctx: AppContext, accountId: string, today: number, cursor?: string, perPage?: string,
): Promise<SyncResultsPage> {
  const size = perPage === undefined ? DEFAULT_PAGE : Number(perPage);
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE) {
    throw badRequest(`per_page must be a whole number from 1 to ${MAX_PAGE}`, 'per_page');
  }
  let { list, offset } = decodeCursor(cursor);
  const account = (await ctx.db.read((tx) => accountState(tx, accountId)))!;
  const settings = parseSettingsJson(account.settings ?? {}).settings;
  const page: Pick<SyncResultsPage, ListName> = { customers: [], subscriptions: [], movements: [], revenue: [], transactions: [] };
  let room = size;
  while (room > 0 && list < LISTS.length) {
    const name = LISTS[list];
    const rows = await ctx.db.read((tx) => READ[name](tx, accountId, offset, room));
    (page as Record<ListName, unknown[]>)[name] = rows;
    room -= rows.length;
    offset += rows.length;
    if (rows.length === 0 || room > 0) {
      list++;
      offset = 0;
    }
  }
  const hasMore = list < LISTS.length;
  const head: Pick<SyncResultsPage, 'as_of' | 'currency' | 'series'> = { as_of: formatDate(today), currency: settings.base_currency };
  if (!cursor) {
    const inputs = await ctx.inputs.get(accountId, account.dataVersion);
    head.series = seriesOf(inputs, { start: defaultSeriesStart(inputs.movements, today), end: today, interval: 'month' });
  }
  return { ...head, ...page, has_more: hasMore, cursor: hasMore ? encodeCursor(list, offset) : null };
}
