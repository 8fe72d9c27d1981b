/**
 * Each customer's ledger as the engine lists it (its revenue recognition schedule and its
 * transactions, shared/engine/revenue.ts and transactions.ts), by customer uuid: what
 * recompute stores beside the customer's figures.
 */
import { createEngineContext, type BillingData, type Settings } from '../../shared/index.ts';
import { revenueSchedule } from '../../shared/engine/revenue.ts';
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
  for (const { customer_external_id: customer, ...entry } of revenueSchedule(data, ctx)) of(customer)?.revenue.push(entry);
  for (const { customer_external_id: customer, ...row } of transactionRows(data, ctx)) of(customer)?.transactions.push(row);
  return ledgers;
}
