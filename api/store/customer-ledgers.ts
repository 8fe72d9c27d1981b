/**
 * Customers' ledgers: the engine's revenue recognition schedule and transactions of each
 * customer as of the computed day (db/schema.ts customer_ledgers), written by recompute and
 * read back as the engine's rows: one customer's for its profile, and pages across the account
 * for /sync/results (in customer external ID order, each customer's rows in the engine's order).
 * Stored one array per field: a customer's lists are written and read whole, and the keys of
 * every row would triple their size.
 */
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { formatDate, formatInstant, parseInstant, type RevenueEntry, type TransactionRow } from '../../shared/index.ts';
import type { Tx } from '../db/client.ts';
import { customerLedgers, customers } from '../db/schema.ts';
import { compareKeys } from './lock-order.ts';
import { bulkInsert } from './bulk-insert.ts';

/** A customer's lists, each row without the customer it belongs to. */
export interface Ledger {
  revenue: Omit<RevenueEntry, 'customer_external_id'>[];
  transactions: Omit<TransactionRow, 'customer_external_id'>[];
}

export const EMPTY_LEDGER: Ledger = { revenue: [], transactions: [] };

type Stored = typeof customerLedgers.$inferSelect;

const revenueColumns = (rows: Ledger['revenue']): Stored['revenue'] => ({
  month: rows.map((r) => r.month),
  amount: rows.map((r) => r.amount),
});

/**
 * An instant the engine formatted (formatInstant) back as epoch milliseconds: those of years
 * 1000-9999 (YYYY-MM-DDTHH:MM:SS.mmmZ, ECMAScript's own date-time format) by the built-in parser,
 * several times faster than parseInstant's checks.
 */
function instantOf(text: string): number {
  return text.length === 24 && text[0] !== '0' ? Date.parse(text) : parseInstant(text)!;
}

const transactionColumns = (rows: Ledger['transactions']): Stored['transactions'] => ({
  invoice_external_id: rows.map((r) => r.invoice_external_id),
  external_id: rows.map((r) => r.external_id),
  at: rows.map((r) => instantOf(r.at)),
  type: rows.map((r) => r.type),
  result: rows.map((r) => r.result),
  amount: rows.map((r) => r.amount),
});

/** Rows `from` … `to - 1` of a customer's stored revenue, as the engine's rows. */
function revenueOf(customer: string, c: Stored['revenue'], from = 0, to = c.month.length): RevenueEntry[] {
  const rows: RevenueEntry[] = [];
  for (let i = from; i < to; i++) rows.push({ customer_external_id: customer, month: c.month[i], amount: c.amount[i] });
  return rows;
}

/** Rows `from` … `to - 1` of a customer's stored transactions, as the engine's rows. */
function transactionsOf(customer: string, c: Stored['transactions'], from = 0, to = c.at.length): TransactionRow[] {
  const rows: TransactionRow[] = [];
  for (let i = from; i < to; i++) {
    rows.push({
      customer_external_id: customer, invoice_external_id: c.invoice_external_id[i], external_id: c.external_id[i],
      date: formatDate(c.at[i]), at: formatInstant(c.at[i]), type: c.type[i], result: c.result[i], amount: c.amount[i],
    });
  }
  return rows;
}

const withoutCustomer = <T extends { customer_external_id: string }>({ customer_external_id: _, ...row }: T) => row;

/** Replaces the ledgers of `customerIds` with `ledgers` (by uuid; a customer with nothing gets no row). */
export async function replaceLedgers(
  tx: Tx, accountId: string, customerIds: readonly string[], ledgers: ReadonlyMap<string, Ledger>,
): Promise<void> {
  await tx.db.delete(customerLedgers).where(sql`${customerLedgers.customerId} = ANY(${sql.param(customerIds)}::uuid[])`);
  const rows = [...ledgers].filter(([, l]) => l.revenue.length + l.transactions.length > 0).sort(([a], [b]) => compareKeys(a, b));
  await bulkInsert(tx, 'customer_ledgers', [{ name: 'account_id', type: 'uuid', value: accountId }], [
    { name: 'customer_id', type: 'uuid', values: rows.map(([id]) => id) },
    { name: 'revenue', type: 'jsonb', values: rows.map(([, l]) => JSON.stringify(revenueColumns(l.revenue))) },
    { name: 'revenue_count', type: 'integer', values: rows.map(([, l]) => l.revenue.length) },
    { name: 'transactions', type: 'jsonb', values: rows.map(([, l]) => JSON.stringify(transactionColumns(l.transactions))) },
    { name: 'transaction_count', type: 'integer', values: rows.map(([, l]) => l.transactions.length) },
  ]);
}

/** One customer's ledger (empty when it has none or is not computed yet). */
export async function ledgerOf(tx: Tx, customerId: string): Promise<Ledger> {
  const [row] = await tx.db
    .select({ revenue: customerLedgers.revenue, transactions: customerLedgers.transactions })
    .from(customerLedgers)
    .where(eq(customerLedgers.customerId, customerId));
  if (!row) return EMPTY_LEDGER;
  return { revenue: revenueOf('', row.revenue).map(withoutCustomer), transactions: transactionsOf('', row.transactions).map(withoutCustomer) };
}

const LISTS = {
  revenue: { list: customerLedgers.revenue, count: customerLedgers.revenueCount },
  transactions: { list: customerLedgers.transactions, count: customerLedgers.transactionCount },
};

/**
 * Rows `offset` … `offset + limit - 1` of one list across the account's customers (or those of
 * `customerIds`, uuids: a segment's): the running
 * count of rows before each customer finds the customers the page overlaps, and only their
 * lists are read.
 */
async function pageAcross<K extends keyof typeof LISTS, R>(
  tx: Tx, accountId: string, name: K, offset: number, limit: number, customerIds: readonly string[] | undefined,
  rowsOf: (customer: string, list: Stored[K], from: number, to: number) => R[],
): Promise<R[]> {
  const { list, count } = LISTS[name];
  const running = tx.db
    .select({
      customerId: customerLedgers.customerId,
      externalId: customers.externalId,
      count: sql<number>`${count}`.as('count'),
      before: sql<string>`sum(${count}) OVER (ORDER BY ${customers.externalId}, ${customers.id}) - ${count}`.as('before'),
    })
    .from(customerLedgers)
    .innerJoin(customers, eq(customers.id, customerLedgers.customerId))
    .where(and(
      eq(customerLedgers.accountId, accountId), gt(count, 0),
      customerIds === undefined ? undefined : sql`${customerLedgers.customerId} = ANY(${sql.param(customerIds)}::uuid[])`,
    ))
    .as('running');
  const pages = await tx.db
    .select({ externalId: running.externalId, before: running.before, count: running.count, list })
    .from(running)
    .innerJoin(customerLedgers, eq(customerLedgers.customerId, running.customerId))
    .where(sql`${running.before} < ${offset + limit} AND ${running.before} + ${running.count} > ${offset}`)
    .orderBy(asc(running.before));
  return pages.flatMap((p) => {
    const before = Number(p.before);
    return rowsOf(p.externalId, p.list as Stored[K], Math.max(0, offset - before), Math.min(Number(p.count), offset + limit - before));
  });
}

/** The account's revenue recognition schedule (of these customers), a page of it, as the engine's rows. */
export function revenueRows(tx: Tx, accountId: string, offset: number, limit: number, customerIds?: readonly string[]): Promise<RevenueEntry[]> {
  return pageAcross(tx, accountId, 'revenue', offset, limit, customerIds, revenueOf);
}

/** The account's transactions (of these customers), a page of them, as the engine's rows. */
export function transactionRows(tx: Tx, accountId: string, offset: number, limit: number, customerIds?: readonly string[]): Promise<TransactionRow[]> {
  return pageAcross(tx, accountId, 'transactions', offset, limit, customerIds, transactionsOf);
}
