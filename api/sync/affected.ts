/** Which customers' derived data a batch of one dataset changes. */
import type { DatasetName, DatasetRecords } from '../../shared/index.ts';
import type { Tx } from '../db/client.ts';

type AnyRecord = DatasetRecords[DatasetName];

/** The distinct strings among values (nulls dropped). */
export const unique = (values: readonly (string | null | undefined)[]) =>
  [...new Set(values.filter((v): v is string => typeof v === 'string'))];

/**
 * Customer external IDs touched, or 'all' when the whole account must be recomputed.
 * `invoiceCustomers` (stored invoice → customer, as the reference check read them) spares
 * line items and transactions a second look-up of their invoices.
 */
export async function affectedCustomers(
  tx: Tx,
  dataset: DatasetName,
  records: AnyRecord[],
  dataSourceId: string,
  invoiceCustomers?: ReadonlyMap<string, string>,
): Promise<string[] | 'all'> {
  const f = (name: string) => records.map((r) => (r as unknown as Record<string, string | null>)[name]);
  const customersOfInvoices = async (invoiceIds: string[]) =>
    (await tx.query<{ c: string }>(
      'SELECT DISTINCT customer_external_id AS c FROM invoices WHERE data_source_id = $1 AND external_id = ANY($2::text[])',
      [dataSourceId, invoiceIds],
    )).map((r) => r.c);
  switch (dataset) {
    case 'customers':
      return unique(f('externalId'));
    case 'contacts':
      return [];
    case 'exchange_rates':
      return 'all';
    case 'plans':
      return (await tx.query<{ c: string }>(
        `SELECT DISTINCT i.customer_external_id AS c FROM line_items l
           JOIN invoices i ON i.data_source_id = l.data_source_id AND i.external_id = l.invoice_external_id
          WHERE l.data_source_id = $1 AND l.plan_external_id = ANY($2::text[])
         UNION SELECT DISTINCT customer_external_id FROM manual_subscriptions
          WHERE data_source_id = $1 AND plan_external_id = ANY($2::text[])`,
        [dataSourceId, unique(f('externalId'))],
      )).map((r) => r.c);
    case 'invoices':
      // Before and after: an invoice may have moved to another customer.
      return unique([...f('customerExternalId'), ...(await customersOfInvoices(unique(f('externalId'))))]);
    case 'line_items':
    case 'transactions': {
      const invoiceIds = unique(f('invoiceExternalId'));
      if (invoiceCustomers && invoiceIds.every((id) => invoiceCustomers.has(id))) {
        return unique(invoiceIds.map((id) => invoiceCustomers.get(id)));
      }
      return customersOfInvoices(invoiceIds);
    }
    case 'cancellations':
      return (await tx.query<{ c: string }>(
        `SELECT DISTINCT i.customer_external_id AS c FROM line_items l
           JOIN invoices i ON i.data_source_id = l.data_source_id AND i.external_id = l.invoice_external_id
          WHERE l.data_source_id = $1 AND l.subscription_external_id = ANY($2::text[])`,
        [dataSourceId, unique(f('subscriptionExternalId'))],
      )).map((r) => r.c);
    case 'subscription_events':
    case 'manual_subscriptions':
      return unique(f('customerExternalId'));
  }
}
