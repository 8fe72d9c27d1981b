/** Which customers' derived data a batch of one dataset changes: what a write marks dirty (policy.ts). */
import type { DatasetName, DatasetRecords } from '../../shared/index.ts';
import type { Tx } from '../db/client.ts';
import { customersOfInvoices, customersOfPlans, customersOfSubscriptions } from '../store/customers-of.ts';

type AnyRecord = DatasetRecords[DatasetName];

/** The distinct strings among values (nulls dropped). */
export const unique = (values: readonly (string | null | undefined)[]) =>
  [...new Set(values.filter((v): v is string => typeof v === 'string'))];

/**
 * Customer external IDs touched, or 'all' when the whole account must be recomputed. Read
 * before the batch is stored: an invoice moved to another customer touches both.
 * `invoiceCustomers` (stored invoice → customer, as the reference check read them) spares
 * a second look-up of the invoices: for an invoices batch it holds every stored one it names.
 */
export async function affectedCustomers(
  tx: Tx,
  dataset: DatasetName,
  records: readonly AnyRecord[],
  dataSourceId: string,
  invoiceCustomers?: ReadonlyMap<string, string>,
): Promise<string[] | 'all'> {
  const f = (name: string) => records.map((r) => (r as unknown as Record<string, string | null>)[name]);
  switch (dataset) {
    case 'customers':
      return unique(f('externalId'));
    case 'contacts':
      return [];
    case 'exchange_rates':
      return 'all';
    case 'plans':
      return customersOfPlans(tx, dataSourceId, unique(f('externalId')));
    case 'invoices':
      // Before and after: an invoice may have moved to another customer.
      return unique([
        ...f('customerExternalId'),
        ...(invoiceCustomers
          ? f('externalId').map((id) => invoiceCustomers.get(id!))
          : await customersOfInvoices(tx, dataSourceId, unique(f('externalId')))),
      ]);
    case 'line_items':
    case 'transactions': {
      const invoiceIds = unique(f('invoiceExternalId'));
      if (invoiceCustomers && invoiceIds.every((id) => invoiceCustomers.has(id))) {
        return unique(invoiceIds.map((id) => invoiceCustomers.get(id)));
      }
      return customersOfInvoices(tx, dataSourceId, invoiceIds);
    }
    case 'cancellations':
      return customersOfSubscriptions(tx, dataSourceId, unique(f('subscriptionExternalId')));
    case 'subscription_events':
    case 'manual_subscriptions':
      return unique(f('customerExternalId'));
  }
}
