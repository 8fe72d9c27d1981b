/**
 * Each customer's ledger as the engine lists it (its revenue recognition schedule and its
 * transactions, shared/engine/revenue.ts and transactions.ts), by customer uuid: what
 * recompute stores beside the customer's figures.
 */
import { createEngineContext, type BillingData, type Settings } from '../../shared/index.ts';
import { revenueByCustomer } from '../../shared/engine/revenue.ts';
import { transactionRows } from '../../shared/engine/transactions.ts';
import type { Ledger } from '../store/customer-ledgers.ts';

export function ledgersOf(data: BillingData, settings: Settings, asOf: number, uuid: ReadonlyMap<string, string>): Map<string, Ledger> {
  const ctx = createEngineContext(data, settings, asOf);
  const ledgers = new Map<string, Ledger>();
  const of = (externalId: string) => {
    const id = uuid.get(externalId);
    if (id === undefined) return null;
    let ledger = ledgers.get(id);
    if (!ledger) ledgers.set(id, (ledger = { revenue: [], transactions: [] }));
    return ledger;
  };
  // The engine's rows as they are (a copy without the customer per row cost a second at tier M):
  // the store reads only the ledger's own fields. Revenue comes per customer (the schedule's
  // sort across customers is the report's, not needed here).
  for (const [customer, entries] of revenueByCustomer(data, ctx)) {
    const ledger = of(customer);
    if (ledger) ledger.revenue = entries;
  }
  for (const row of transactionRows(data, ctx)) of(row.customer_external_id)?.transactions.push(row);
  return ledgers;
}
