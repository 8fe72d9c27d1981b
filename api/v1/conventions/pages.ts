/**
 * Paging of /v1 list answers: per_page (default and max 200) and an opaque cursor; the list
 * key plus has_more and cursor; the page numbers some answers carry beside the cursor.
 */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { offsetFrom } from '../../http/cursor-offset.ts';
import { badRequest } from '../../http/errors.ts';
import type { Page } from '../../store/pages.ts';

export type { Page };

/** The query parameters of a paged list, for route declarations (pageOf reads them). */
export const PageQuery = z.object({
  per_page: z.string().optional().openapi({ description: 'Items per page: a whole number, at most 200 (the default)', example: '50' }),
  cursor: z.string().optional().openapi({ description: 'The `cursor` of the previous page' }),
});

/** per_page (default and max 200) and an opaque cursor from a previous page. */
export function pageOf(c: Context): Page {
  const raw = c.req.query('per_page');
  const perPage = raw === undefined ? 200 : Number(raw);
  if (!Number.isInteger(perPage) || perPage < 1) throw badRequest('per_page must be a whole number from 1 to 200', 'per_page');
  const cursor = c.req.query('cursor');
  let offset = 0;
  let after: string | undefined;
  if (cursor) {
    // o<offset>, or o<offset>.<uuid of the last row> for lists read from an index (pageAnswer's lastId).
    const m = /^o(\d+)(?:\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}))?$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
    const read = m ? offsetFrom(m[1]) : null;
    if (read === null) throw badRequest('cursor is not one this API gave out', 'cursor');
    offset = read;
    after = m![2];
  }
  return { offset, perPage: Math.min(perPage, 200), ...(after ? { after } : {}) };
}

/**
 * The list answer: fetch perPage + 1 rows to learn whether there is more. `key` is the list
 * key (`entries`, `plans`, …). `lastId` (the stored ID of row perPage − 1), for lists the
 * store pages by key (Page.after), goes into the cursor beside the offset.
 */
export function pageAnswer<K extends string, T>(
  key: K, rows: T[], page: Page, lastId?: string,
): { [P in K]: T[] } & { has_more: boolean; cursor: string | null } {
  const hasMore = rows.length > page.perPage;
  const items = hasMore ? rows.slice(0, page.perPage) : rows;
  const next = `o${page.offset + page.perPage}${lastId ? `.${lastId}` : ''}`;
  return {
    [key]: items,
    has_more: hasMore,
    cursor: hasMore ? Buffer.from(next).toString('base64url') : null,
  } as { [P in K]: T[] } & { has_more: boolean; cursor: string | null };
}

export const pageNumber = (page: Page) => Math.floor(page.offset / page.perPage) + 1;

export function pageNumbers(page: Page, total: number): { current_page: number; total_pages: number } {
  return { current_page: pageNumber(page), total_pages: Math.ceil(total / page.perPage) };
}

/** A list answer with the page numbers ChartMogul's customers and plans lists carry too. */
export function withPageNumbers<A extends object>(answer: A, page: Page, total: number): A & ReturnType<typeof pageNumbers> & { per_page: number; page: number } {
  return { ...answer, ...pageNumbers(page, total), per_page: page.perPage, page: pageNumber(page) };
}
