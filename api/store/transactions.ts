/** Transactions (payments and refunds of invoices) in the store. */
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { transactions } from '../db/schema.ts';
import type { InvoiceKey } from './invoices.ts';
import { inSourceKeys } from './source-keys.ts';

export type TransactionRow = typeof transactions.$inferSelect;

export async function transactionByUuid(tx: Tx, accountId: string, id: string): Promise<TransactionRow | null> {
  const [row] = await tx.db.select().from(transactions).where(and(eq(transactions.accountId, accountId), eq(transactions.id, id)));
  return row ?? null;
}

/** The transactions of the invoices, by date. */
export async function transactionsOf(tx: Tx, accountId: string, keys: readonly InvoiceKey[]): Promise<TransactionRow[]> {
  if (keys.length === 0) return [];
  return tx.db.select().from(transactions)
    .where(and(eq(transactions.accountId, accountId), inSourceKeys(transactions.dataSourceId, transactions.invoiceExternalId, keys)))
    .orderBy(transactions.date, transactions.position, transactions.id);
}

export async function deleteTransactionsOf(tx: Tx, accountId: string, keys: readonly InvoiceKey[]): Promise<void> {
  await tx.db.delete(transactions)
    .where(and(eq(transactions.accountId, accountId), inSourceKeys(transactions.dataSourceId, transactions.invoiceExternalId, keys)));
}
