/**
 * Customers' ledgers: the engine's revenue recognition schedule and transactions of each
 * customer as of the computed day (db/schema.ts customer_ledgers), written by recompute and
 * read back as the engine's rows: one customer's for its profile, and pages across the account
 * for /sync/results (in customer external ID order, each customer's rows in the engine's order).
 */
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { RevenueEntry } from '../../shared/engine/revenue.ts';
import type { TransactionRow } from '../../shared/engine/transactions.ts';
import type { Tx } from '../db/client.ts';
import { customerLedgers, customers } from '../db/schema.ts';
import { compareKeys } from './lock-order.ts';
import { insertUnnest } from './unnest.ts';

/** A customer's lists without the customer named in every row. */
export interface Ledger {
  revenue: Omit<RevenueEntry, 'customer_external_id'>[];
  transactions: Omit<TransactionRow, 'customer_external_id'>[];
}

export const EMPTY_LEDGER: Ledger = { revenue: [], transactions: [] };

/** Replaces the ledgers of `customerIds` with `ledgers` (by uuid; a customer with nothing gets no row). */
export async function replaceLedgers(
  tx: Tx, accountId: string, customerIds: readonly string[], ledgers: ReadonlyMap<string, Ledger>,
): Promise<void> {
  await tx.db.delete(customerLedgers).where(sql`${customerLedgers.customerId} = ANY(${sql.param(customerIds)}::uuid[])`);
  const rows = [...ledgers].filter(([, l]) => l.revenue.length + l.transactions.length > 0).sort(([a], [b]) => compareKeys(a, b));
  await insertUnnest(tx, 'customer_ledgers', [{ name: 'account_id', type: 'uuid', value: accountId }], [
    { name: 'customer_id', type: 'uuid', values: rows.map(([id]) => id) },
    { name: 'revenue', type: 'jsonb', values: rows.map(([, l]) => JSON.stringify(l.revenue)) },
    { name: 'revenue_count', type: 'integer', values: rows.map(([, l]) => l.revenue.length) },
    { name: 'transactions', type: 'jsonb', values: rows.map(([, l]) => JSON.stringify(l.transactions)) },
    { name: 'transaction_count', type: 'integer', values: rows.map(([, l]) => l.transactions.length) },
  ]);
}

/** One customer's ledger (empty when it has none or is not computed yet). */
export async function ledgerOf(tx: Tx, customerId: string): Promise<Ledger> {
  const [row] = await tx.db
    .select({ revenue: customerLedgers.revenue, transactions: customerLedgers.transactions })
    .from(customerLedgers)
    .where(eq(customerLedgers.customerId, customerId));
  return row ?? EMPTY_LEDGER;
}

const LISTS = {
  revenue: { list: customerLedgers.revenue, count: customerLedgers.revenueCount },
  transactions: { list: customerLedgers.transactions, count: customerLedgers.transactionCount },
};

/**
 * Rows `offset` … `offset + limit - 1` of one list across the account's customers: the running
 * count of rows before each customer finds the customers the page overlaps, and only their
 * lists are read.
 */
async function pageAcross<K extends keyof typeof LISTS>(
  tx: Tx, accountId: string, name: K, offset: number, limit: number,
): Promise<{ customer: string; item: Ledger[K][number] }[]> {
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
    .where(and(eq(customerLedgers.accountId, accountId), gt(count, 0)))
    .as('running');
  const pages = await tx.db
    .select({ externalId: running.externalId, before: running.before, list })
    .from(running)
    .innerJoin(customerLedgers, eq(customerLedgers.customerId, running.customerId))
    .where(sql`${running.before} < ${offset + limit} AND ${running.before} + ${running.count} > ${offset}`)
    .orderBy(asc(running.before));
  const rows: { customer: string; item: Ledger[K][number] }[] = [];
  for (const p of pages) {
    const before = Number(p.before);
    const items = (p.list as Ledger[K][number][]).slice(Math.max(0, offset - before), offset + limit - before);
    for (const item of items) rows.push({ customer: p.externalId, item });
  }
  return rows;
}

// jsonb keeps an object's keys in its own order: the rows are written out field by field.

export const revenueRow = (customer: string, e: Ledger['revenue'][number]): RevenueEntry =>
  ({ customer_external_id: customer, month: e.month, amount: e.amount });

export const transactionRow = (customer: string, t: Ledger['transactions'][number]): TransactionRow => ({
  customer_external_id: customer, invoice_external_id: t.invoice_external_id, external_id: t.external_id, date: t.date, at: t.at,
  type: t.type, result: t.result, amount: t.amount,
});

/** The account's revenue recognition schedule, a page of it, as the engine's rows. */
export async function revenueRows(tx: Tx, accountId: string, offset: number, limit: number): Promise<RevenueEntry[]> {
  return (await pageAcross(tx, accountId, 'revenue', offset, limit)).map((r) => revenueRow(r.customer, r.item));
}

/** The account's transactions, a page of them, as the engine's rows. */
export async function transactionRows(tx: Tx, accountId: string, offset: number, limit: number): Promise<TransactionRow[]> {
  return (await pageAcross(tx, accountId, 'transactions', offset, limit)).map((r) => transactionRow(r.customer, r.item));
}
