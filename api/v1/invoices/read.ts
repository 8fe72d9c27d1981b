/** Invoices read for an answer: each with its line items and transactions. */
import type { Tx } from '../../db/client.ts';
import { invoicesByExternalId, type InvoiceKey, type InvoiceRow } from '../../store/invoices.ts';
import { lineItemsOf } from '../../store/line-items.ts';
import { transactionsOf } from '../../store/transactions.ts';
import type { Invoice } from './schemas.ts';
import { invoiceJson } from './serialize.ts';

const keyOf = (dataSourceId: string, externalId: string) => `${dataSourceId}\u0000${externalId}`;

function byInvoice<R extends { dataSourceId: string; invoiceExternalId: string }>(rows: readonly R[]): Map<string, R[]> {
  const out = new Map<string, R[]>();
  for (const r of rows) {
    const k = keyOf(r.dataSourceId, r.invoiceExternalId);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/** The invoices as JSON objects, in the order given. */
export async function invoicesJson(tx: Tx, accountId: string, invoices: readonly InvoiceRow[]): Promise<Invoice[]> {
  if (invoices.length === 0) return [];
  const keys: InvoiceKey[] = invoices.map((i) => ({ dataSourceId: i.dataSourceId, externalId: i.externalId }));
  const lines = byInvoice(await lineItemsOf(tx, accountId, keys));
  const transactions = byInvoice(await transactionsOf(tx, accountId, keys));
  return invoices.map((i) => {
    const k = keyOf(i.dataSourceId, i.externalId);
    return invoiceJson(i, lines.get(k) ?? [], transactions.get(k) ?? []);
  });
}

/** The data source's invoices of these external IDs as JSON, in the order of the IDs. */
export async function invoicesJsonByExternalId(tx: Tx, accountId: string, dataSourceId: string, externalIds: string[]): Promise<Invoice[]> {
  const rows = await invoicesByExternalId(tx, accountId, dataSourceId, externalIds);
  const order = new Map(externalIds.map((id, i) => [id, i]));
  return invoicesJson(tx, accountId, rows.sort((a, b) => order.get(a.externalId)! - order.get(b.externalId)!));
}
