/**
 * The account's transaction a request names: by its tr_ ID in the path, or by
 * `data_source_uuid` and `external_id` in the query; 404 when it names none.
 */
import type { Tx } from '../../db/client.ts';
import { notFound } from '../../http/errors.ts';
import { invoicesByExternalId } from '../../store/invoices.ts';
import { transactionByExternalId, transactionByUuid, type TransactionRow } from '../../store/transactions.ts';
import { PREFIX, uuidOf } from '../conventions/ids.ts';
import { findDataSource } from '../conventions/lookup.ts';

export async function transactionById(tx: Tx, accountId: string, value: string): Promise<TransactionRow> {
  const id = uuidOf(PREFIX.transaction, value);
  const row = id ? await transactionByUuid(tx, accountId, id) : null;
  if (!row) throw notFound('transaction');
  return row;
}

export async function transactionByRef(tx: Tx, accountId: string, ref: { data_source_uuid: string; external_id: string }): Promise<TransactionRow> {
  const ds = await findDataSource(tx, accountId, ref.data_source_uuid);
  const row = ds ? await transactionByExternalId(tx, accountId, ds, ref.external_id) : null;
  if (!row) throw notFound('transaction', 'external_id');
  return row;
}

/** The customers a change of the transaction touches: its invoice's (none when the invoice is gone). */
export async function touchedBy(tx: Tx, accountId: string, t: TransactionRow) {
  const [invoice] = await invoicesByExternalId(tx, accountId, t.dataSourceId, [t.invoiceExternalId]);
  return [{ dataSourceId: t.dataSourceId, customers: invoice ? [invoice.customerExternalId] : [] }];
}
