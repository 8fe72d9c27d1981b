/** Deleting invoices with their line items and transactions (their customers are then recomputed). */
import type { Tx } from '../db/client.ts';

export async function deleteInvoices(tx: Tx, accountId: string, dataSourceId: string, externalIds: readonly string[]): Promise<void> {
  if (externalIds.length === 0) return;
  const params = [accountId, dataSourceId, externalIds];
  const where = 'WHERE account_id = $1 AND data_source_id = $2';
  await tx.query(`DELETE FROM line_items ${where} AND invoice_external_id = ANY($3::text[])`, params);
  await tx.query(`DELETE FROM transactions ${where} AND invoice_external_id = ANY($3::text[])`, params);
  await tx.query(`DELETE FROM invoices ${where} AND external_id = ANY($3::text[])`, params);
}
