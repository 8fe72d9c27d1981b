/** SQL of list pages: OFFSET/LIMIT one past the page (has_more), and the count behind total_pages. */
import type { Tx } from '../db/client.ts';

export interface Page {
  /** Rows to skip. */
  offset: number;
  perPage: number;
}

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
