/**
 * GET /sync/results: what the add-on writes into its result tabs, in the report shape of
 * DATA.md: the monthly series (first page), then customers, subscriptions and movements,
 * paginated across those lists with an opaque cursor.
 */
import {
  defaultSeriesStart, formatDate, formatInstant, parseSettingsJson, type CustomerRow, type MovementRow,
  type SubscriptionRow,
} from '../../shared/index.ts';
import type { AppContext } from '../context.ts';
import { offsetFrom } from '../http/cursor-offset.ts';
import { badRequest } from '../http/errors.ts';
import { seriesOf } from '../derived/series-inputs.ts';

const LISTS = ['customers', 'subscriptions', 'movements'] as const;
type ListName = (typeof LISTS)[number];
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

const day = (v: unknown) => (v === null || v === undefined ? null : formatDate(v instanceof Date ? v.getTime() : Date.parse(String(v))));

export async function syncResults(ctx: AppContext, accountId: string, today: number, cursor?: string, perPage?: string) {
  const size = perPage === undefined ? DEFAULT_PAGE : Number(perPage);
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE) {
    throw badRequest(`per_page must be a whole number from 1 to ${MAX_PAGE}`, 'per_page');
  }
  let { list, offset } = decodeCursor(cursor);
  const account = (await ctx.db.read((tx) =>
    tx.query<{ settings: Record<string, unknown>; data_version: string }>('SELECT settings, data_version FROM accounts WHERE id = $1', [accountId]),
  ))[0];
  const settings = parseSettingsJson(account.settings ?? {}).settings;
  const page: Record<ListName, unknown[]> = { customers: [], subscriptions: [], movements: [] };
  let first = !cursor;
  let room = size;
  while (room > 0 && list < LISTS.length) {
    const rows = await readList(ctx, LISTS[list], accountId, offset, room);
    page[LISTS[list]] = rows;
    room -= rows.length;
    offset += rows.length;
    if (rows.length === 0 || room > 0) {
      list++;
      offset = 0;
    }
  }
  const hasMore = list < LISTS.length;
  const result: Record<string, unknown> = { as_of: formatDate(today), currency: settings.base_currency };
  if (first) {
    const inputs = await ctx.inputs.get(accountId, Number(account.data_version));
    result.series = seriesOf(inputs, {
      start: defaultSeriesStart(inputs.movements, today),
      end: today,
      interval: 'month',
    });
  }
  return { ...result, ...page, has_more: hasMore, cursor: hasMore ? encodeCursor(list, offset) : null };
}

async function readList(ctx: AppContext, list: ListName, accountId: string, offset: number, limit: number): Promise<unknown[]> {
  return ctx.db.read(async (tx) => {
    if (list === 'customers') {
      const rows = await tx.query<Record<string, unknown>>(
        `SELECT c.external_id, c.name, m.status, m.mrr, m.subscriber_since, m.net_payments, m.subscriptions, m.quantity
           FROM customers c LEFT JOIN customer_metrics m ON m.customer_id = c.id
          WHERE c.account_id = $1 ORDER BY c.external_id, c.id OFFSET $2 LIMIT $3`,
        [accountId, offset, limit],
      );
      return rows.map<CustomerRow>((r) => ({
        external_id: String(r.external_id),
        name: String(r.name),
        status: (r.status ?? 'Lead') as CustomerRow['status'],
        mrr: Number(r.mrr ?? 0),
        arr: 12 * Number(r.mrr ?? 0),
        subscriber_since: day(r.subscriber_since),
        net_payments: Number(r.net_payments ?? 0),
        subscriptions: Number(r.subscriptions ?? 0),
        quantity: Number(r.quantity ?? 0),
      }));
    }
    if (list === 'subscriptions') {
      const rows = await tx.query<Record<string, unknown>>(
        `SELECT s.external_id, c.external_id AS customer_external_id, s.set_external_id, s.plan_external_id, s.status,
                s.mrr, s.quantity, s.started_at, s.paid_through, s.cancelled_at
           FROM subscriptions s JOIN customers c ON c.id = s.customer_id
          WHERE s.account_id = $1 ORDER BY c.external_id, s.external_id OFFSET $2 LIMIT $3`,
        [accountId, offset, limit],
      );
      return rows.map<SubscriptionRow>((r) => ({
        external_id: String(r.external_id),
        customer_external_id: String(r.customer_external_id),
        set_external_id: (r.set_external_id as string | null) ?? null,
        plan_external_id: (r.plan_external_id as string | null) ?? null,
        status: r.status as SubscriptionRow['status'],
        mrr: Number(r.mrr),
        quantity: Number(r.quantity),
        started_at: day(r.started_at)!,
        paid_through: day(r.paid_through),
        cancelled_at: day(r.cancelled_at),
      }));
    }
    const rows = await tx.query<Record<string, unknown>>(
      `SELECT m.at, c.external_id AS customer_external_id, m.subscription_external_id, m.type, m.amount, m.customer_mrr_after
         FROM movements m JOIN customers c ON c.id = m.customer_id
        WHERE m.account_id = $1 ORDER BY m.at, c.external_id, m.position OFFSET $2 LIMIT $3`,
      [accountId, offset, limit],
    );
    return rows.map<MovementRow>((r) => {
      const t = r.at instanceof Date ? r.at.getTime() : Date.parse(String(r.at));
      return {
        date: formatDate(t),
        at: formatInstant(t),
        customer_external_id: String(r.customer_external_id),
        subscription_external_id: String(r.subscription_external_id),
        type: r.type as MovementRow['type'],
        amount: Number(r.amount),
        customer_mrr_after: Number(r.customer_mrr_after),
      };
    });
  });
}
