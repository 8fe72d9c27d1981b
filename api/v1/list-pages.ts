/** Page numbers some list answers carry beside the cursor (current_page, total_pages, page). */
import type { Tx } from '../db/client.ts';
import type { Page } from './common.ts';

export function pageNumbers(page: Page, total: number): { current_page: number; total_pages: number } {
  return { current_page: Math.floor(page.offset / page.perPage) + 1, total_pages: Math.ceil(total / page.perPage) };
}

/** count(*) of a FROM … WHERE … clause with its parameters. */
export async function countRows(tx: Tx, fromWhere: string, params: unknown[]): Promise<number> {
  const rows = await tx.query<{ n: number | string }>(`SELECT count(*) AS n ${fromWhere}`, params);
  return Number(rows[0]?.n ?? 0);
}

/** SQL of the page: OFFSET and LIMIT one past the page (pageAnswer learns has_more from it). */
export function pageSql(page: Page): string {
  return `OFFSET ${page.offset} LIMIT ${page.perPage + 1}`;
}

/** A list answer with the page numbers ChartMogul's customers and plans lists carry too. */
export function withPageNumbers(answer: Record<string, unknown>, page: Page, total: number): Record<string, unknown> {
  return { ...answer, ...pageNumbers(page, total), per_page: page.perPage, page: Math.floor(page.offset / page.perPage) + 1 };
}
