/**
 * An invoice re-sent under another customer or in another currency carries its stored line
 * items along. A subscription with lines on it and on invoices that stay would then have lines
 * of two customers (or currencies): the owner rule keeps one side and the next recompute leaves
 * the other out without a word, since the reference check of an invoice batch reports only
 * invoice rows. Such an invoice is refused instead, naming the subscription; a subscription's
 * invoices moved together split nothing and are accepted.
 *
 * The stored invoices read here also tell which customer each had before the batch
 * (`storedCustomers`), so marking the customers a batch touches needs no second read.
 */
import type { DatasetRecords, RowError } from '../../shared/index.ts';
import type { Tx } from '../db/client.ts';
import { loadRecords } from '../store/load.ts';
import { unique } from './affected.ts';

type Invoice = DatasetRecords['invoices'];

export async function invoiceMovesSplittingSubscriptions(
  tx: Tx,
  scope: { accountId: string; dataSourceId: string },
  batch: readonly Invoice[],
): Promise<{ errors: RowError[]; storedCustomers: ReadonlyMap<string, string> }> {
  const ids = unique(batch.map((i) => i.externalId));
  const before = new Map((await loadRecords(tx, 'invoices', { ...scope, column: 'external_id', values: ids, bulk: true }))
    .map((i) => [i.externalId, i]));
  const storedCustomers = new Map([...before.values()].map((i) => [i.externalId, i.customerExternalId]));
  return { errors: await splits(tx, scope, batch, before), storedCustomers };
}

async function splits(
  tx: Tx,
  scope: { accountId: string; dataSourceId: string },
  batch: readonly Invoice[],
  before: ReadonlyMap<string, Invoice>,
): Promise<RowError[]> {
  const moved = batch.filter((i) => {
    const s = before.get(i.externalId);
    return s !== undefined && (s.customerExternalId !== i.customerExternalId || s.currency !== i.currency);
  });
  if (moved.length === 0) return [];
  const movedById = new Map(moved.map((i) => [i.externalId, i]));
  const subscriptionLine = "type = 'subscription'";
  const onMoved = await loadRecords(tx, 'line_items', { ...scope, column: 'invoice_external_id', values: [...movedById.keys()], where: subscriptionLine, bulk: true });
  const subscriptions = unique(onMoved.map((l) => l.subscriptionExternalId));
  if (subscriptions.length === 0) return [];
  const lines = await loadRecords(tx, 'line_items', { ...scope, column: 'subscription_external_id', values: subscriptions, where: subscriptionLine, bulk: true });
  const staying = await loadRecords(tx, 'invoices', {
    ...scope, column: 'external_id', values: unique(lines.map((l) => l.invoiceExternalId)).filter((id) => !movedById.has(id)), bulk: true,
  });
  const after = new Map<string, Invoice>([...staying.map((i) => [i.externalId, i] as const), ...movedById]);

  const errors: RowError[] = [];
  for (const s of subscriptions) {
    const invoices = unique(lines.filter((l) => l.subscriptionExternalId === s).map((l) => l.invoiceExternalId))
      .map((id) => after.get(id)).filter((i): i is Invoice => i !== undefined);
    const side = (i: Invoice) => `${i.customerExternalId}\u0000${i.currency}`;
    if (new Set(invoices.map(side)).size <= 1) continue;
    for (const invoice of invoices.filter((i) => movedById.has(i.externalId))) {
      const other = invoices.find((i) => side(i) !== side(invoice))!;
      const was = before.get(invoice.externalId)!;
      const customerMoved = was.customerExternalId !== invoice.customerExternalId;
      errors.push({
        dataset: 'invoices',
        row: invoice.row,
        column: customerMoved ? 'Customer external ID' : 'Currency',
        value: customerMoved ? invoice.customerExternalId : invoice.currency,
        message: `Invoice '${invoice.externalId}' holds stored line items of subscription '${s}', which also has lines of ` +
          `customer '${other.customerExternalId}' in ${other.currency} (invoice '${other.externalId}'): ` +
          (customerMoved ? `moved to customer '${invoice.customerExternalId}'` : `in ${invoice.currency}`) +
          ' it would split the subscription and leave lines out; change the subscription\'s invoices together, or correct this row',
      });
    }
  }
  return errors;
}
