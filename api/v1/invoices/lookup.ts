/** The account's invoice behind an inv_ ID. */
import type { Tx } from '../../db/client.ts';
import { notFound } from '../../http/errors.ts';
import { invoiceByUuid, type InvoiceRow } from '../../store/invoices.ts';
import { PREFIX, uuidOf } from '../conventions/ids.ts';

export async function requireInvoice(tx: Tx, accountId: string, value: string): Promise<InvoiceRow> {
  const id = uuidOf(PREFIX.invoice, value);
  const row = id ? await invoiceByUuid(tx, accountId, id) : null;
  if (!row) throw notFound('invoice');
  return row;
}
