/**
 * The request body of an invoice import as template row inputs: the invoice's customer and
 * data source must be the path's customer's, plan_uuid is resolved to the plan's external ID
 * within that data source, and a line's `cancelled_at` becomes a cancellation row.
 */
import type { Tx } from '../../db/client.ts';
import { fieldPath, objectList, type FieldErrors, type RowInput } from '../../ingest/template-rows.ts';
import { planExternalIdsByUuid } from '../../store/plans.ts';
import { PREFIX, uuidOf } from '../conventions/ids.ts';
import type { CustomerRef } from '../conventions/lookup.ts';
import { transactionInput } from '../transactions/fields.ts';

export interface InvoiceInputs {
  invoices: RowInput[];
  lineItems: RowInput[];
  transactions: RowInput[];
  cancellations: RowInput[];
}

const given = (v: unknown) => v !== undefined && v !== null && v !== '';

/** Checks that an object naming its customer / data source names the path's customer. */
export function checkOwner(obj: Record<string, unknown>, path: string, customer: CustomerRef, errors: FieldErrors): void {
  if (given(obj.customer_external_id) && obj.customer_external_id !== customer.externalId) {
    errors.add(fieldPath(path, 'customer_external_id'),
      `customer_external_id must be the customer's external ID '${customer.externalId}' (or left out)`);
  }
  if (given(obj.data_source_uuid) && uuidOf(PREFIX.dataSource, String(obj.data_source_uuid)) !== customer.dataSourceId) {
    errors.add(fieldPath(path, 'data_source_uuid'),
      `data_source_uuid must be the customer's data source ${PREFIX.dataSource}${customer.dataSourceId} (or left out)`);
  }
}

/** Plan external IDs of pl_ IDs within one data source, keyed by the ID as sent (absent when unknown). */
async function planExternalIds(tx: Tx, accountId: string, dataSourceId: string, values: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(values.map((v) => uuidOf(PREFIX.plan, v)).filter((v): v is string => v !== null))];
  const byUuid = await planExternalIdsByUuid(tx, accountId, dataSourceId, ids);
  const out = new Map<string, string>();
  for (const v of values) {
    const external = byUuid.get(uuidOf(PREFIX.plan, v) ?? '');
    if (external !== undefined) out.set(v, external);
  }
  return out;
}

export async function batchInputs(
  tx: Tx,
  accountId: string,
  customer: CustomerRef,
  body: Record<string, unknown>,
  errors: FieldErrors,
): Promise<InvoiceInputs> {
  const out: InvoiceInputs = { invoices: [], lineItems: [], transactions: [], cancellations: [] };
  if (body.invoices === undefined) errors.add('invoices', 'invoices is required: a list of invoice objects');
  const invoices = objectList(body.invoices, 'invoices', errors);
  if (Array.isArray(body.invoices) && body.invoices.length === 0) errors.add('invoices', 'invoices must hold at least one invoice');

  const lists = invoices.map((invoice, i) => {
    const path = `invoices[${i}]`;
    checkOwner(invoice, path, customer, errors);
    return {
      path,
      invoice,
      lines: objectList(invoice.line_items, `${path}.line_items`, errors),
      transactions: objectList(invoice.transactions, `${path}.transactions`, errors),
    };
  });
  const planUuids = lists.flatMap((l) => l.lines.map((line) => line.plan_uuid)).filter((p): p is string => typeof p === 'string');
  const plans = await planExternalIds(tx, accountId, customer.dataSourceId, planUuids);

  for (const { path, invoice, lines, transactions } of lists) {
    out.invoices.push({ path, body: invoice, overrides: { customer_external_id: customer.externalId } });
    const parent = { invoice_external_id: invoice.external_id };
    const parentPath = { invoice_external_id: fieldPath(path, 'external_id') };
    lines.forEach((line, k) => {
      const linePath = `${path}.line_items[${k}]`;
      let plan: unknown = line.plan_uuid;
      if (typeof line.plan_uuid === 'string' && line.plan_uuid !== '') {
        plan = plans.get(line.plan_uuid);
        if (plan === undefined) {
          errors.add(`${linePath}.plan_uuid`, `No plan ${line.plan_uuid} in the customer's data source`);
        }
      }
      out.lineItems.push({
        path: linePath,
        body: line,
        overrides: { ...parent, plan_uuid: plan, prorated: line.prorated ?? false },
        errorPaths: parentPath,
      });
      if (given(line.cancelled_at)) {
        out.cancellations.push({
          path: linePath,
          body: { subscription_external_id: line.subscription_external_id, cancelled_at: line.cancelled_at },
          overrides: { customer_external_id: customer.externalId },
        });
      }
    });
    transactions.forEach((t, k) => {
      out.transactions.push(transactionInput(t, `${path}.transactions[${k}]`, invoice.external_id, fieldPath(path, 'external_id')));
    });
  }
  return out;
}
