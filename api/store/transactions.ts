/**
 * Transactions (payments and refunds of invoices) in the store: lookups by ID and external
 * ID, the /v1 list, an invoice's transactions, deletion, and the Import API's edit state.
 */
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { transactions } from '../db/schema.ts';
import type { InvoiceKey } from './invoices.ts';
import type { Page } from './pages.ts';
import { inSourceKeys } from './source-keys.ts';

export type TransactionRow = typeof transactions.$inferSelect;

const ofAccount = (accountId: string) => eq(transactions.accountId, accountId);

export async function transactionByUuid(tx: Tx, accountId: string, id: string): Promise<TransactionRow | null> {
  const [row] = await tx.db.select().from(transactions).where(and(ofAccount(accountId), eq(transactions.id, id)));
  return row ?? null;
}

/** The data source's transaction with this external ID (external IDs are its key: one at most). */
export async function transactionByExternalId(tx: Tx, accountId: string, dataSourceId: string, externalId: string): Promise<TransactionRow | null> {
  const [row] = await tx.db.select().from(transactions).where(and(
    ofAccount(accountId), eq(transactions.dataSourceId, dataSourceId), eq(transactions.externalId, externalId),
  ));
  return row ?? null;
}

/** Which transactions of the account a list shows: each given filter narrows it, `none` makes it empty. */
export interface TransactionFilter {
  accountId: string;
  dataSourceId?: string;
  externalId?: string;
  /** Disabled transactions too (ChartMogul's `with_disabled`). */
  withDisabled: boolean;
  none?: boolean;
}

function conditions(f: TransactionFilter): SQL | undefined {
  if (f.none) return sql`false`;
  return and(
    ofAccount(f.accountId),
    f.dataSourceId === undefined ? undefined : eq(transactions.dataSourceId, f.dataSourceId),
    f.externalId === undefined ? undefined : eq(transactions.externalId, f.externalId),
    f.withDisabled ? undefined : eq(transactions.disabled, false),
  );
}

/** One page (plus one row) of the transactions the filter selects, oldest first. */
export async function readTransactions(tx: Tx, filter: TransactionFilter, page: Page): Promise<TransactionRow[]> {
  const t = transactions;
  return tx.db.select().from(t).where(conditions(filter))
    .orderBy(asc(t.date), asc(t.dataSourceId), asc(t.position), asc(t.id))
    .offset(page.offset).limit(page.perPage + 1);
}

/** The transactions of the invoices, by date (disabled ones too: they show as disabled). */
export async function transactionsOf(tx: Tx, accountId: string, keys: readonly InvoiceKey[]): Promise<TransactionRow[]> {
  if (keys.length === 0) return [];
  return tx.db.select().from(transactions)
    .where(and(ofAccount(accountId), inSourceKeys(transactions.dataSourceId, transactions.invoiceExternalId, keys)))
    .orderBy(transactions.date, transactions.position, transactions.id);
}

export async function deleteTransactionsOf(tx: Tx, accountId: string, keys: readonly InvoiceKey[]): Promise<void> {
  await tx.db.delete(transactions)
    .where(and(ofAccount(accountId), inSourceKeys(transactions.dataSourceId, transactions.invoiceExternalId, keys)));
}

export async function deleteTransaction(tx: Tx, accountId: string, id: string): Promise<void> {
  await tx.db.delete(transactions).where(and(ofAccount(accountId), eq(transactions.id, id)));
}

/** The Import API's edit state of a transaction (schema.ts editState); fields left out are kept. */
export type TransactionEditState = Partial<Pick<TransactionRow, 'disabled' | 'disabledAt' | 'disabledBy' | 'userCreated' | 'editHistory'>>;

export async function setTransactionEditState(tx: Tx, accountId: string, id: string, state: TransactionEditState): Promise<void> {
  if (Object.keys(state).length === 0) return;
  await tx.db.update(transactions).set(state).where(and(ofAccount(accountId), eq(transactions.id, id)));
}
