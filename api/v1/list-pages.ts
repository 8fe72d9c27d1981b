/**
 * Paging of list answers: the SQL of one page, the row count behind total_pages, and the page
 * numbers some answers carry beside the cursor (current_page, total_pages, page).
 */
import type { Tx } from '../db/client.ts';
import type { Page } from './common.ts';

/**
 * SQL of the page: OFFSET and LIMIT one past the page (pageAnswer learns has_more from it).
 * Written into the text: pageOf only makes whole numbers.
 */
export function pageSql(page: Page): string {
  return `OFFSET ${page.offset} LIMIT ${page.perPage + 1}`;
}

/** count(*) of a FROM … WHERE … clause with its parameters. */
export async function countRows(tx: Tx, fromWhere: string, params: unknown[]): Promise<number> {
  const rows = await tx.query<{ n: number | string }>(`SELECT count(*) AS n ${fromWhere}`, params);
  return Number(rows[0]?.n ?? 0);
}

export const pageNumber = (page: Page) => Math.floor(page.offset / page.perPage) + 1;

export function pageNumbers(page: Page, total: number): { current_page: number; total_pages: number } {
  return { current_page: pageNumber(page), total_pages: Math.ceil(total / page.perPage) };
}

/** A list answer with the page numbers ChartMogul's customers and plans lists carry too. */
export function withPageNumbers(answer: Record<string, unknown>, page: Page, total: number): Record<string, unknown> {
  return { ...answer, ...pageNumbers(page, total), per_page: page.perPage, page: pageNumber(page) };
}
