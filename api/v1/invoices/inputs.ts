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
export async function planExternalIds(tx: Tx, accountId: string, dataSourceId: string, values: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(values.map((v) => uuidOf(PREFIX.plan, v)).filter((v): v is string => v !== null))];
  const byUuid = await planExternalIdsByUuid(tx, accountId, dataSourceId, ids);
  const out = new Map<string, string>();
  for (const v of values) {
    const external = byUuid.get(uuidOf(PREFIX.plan, v) ?? '');
    if (external !== undefined) out.set(v, external);
  }
  return out;
}

/** ChartMogul's invoice `collection_method`: stored beside the invoice (no template column holds it). */
export const COLLECTION_METHODS = ['automatic', 'manual'];

export function checkCollectionMethod(value: unknown, path: string, errors: FieldErrors): void {
  if (value === undefined || value === null || (typeof value === 'string' && COLLECTION_METHODS.includes(value))) return;
  errors.add(path, `collection_method must be ${COLLECTION_METHODS.join(' or ')} (or null)`);
}

/** A line's plan_uuid as the plan's external ID (`plans` from planExternalIds); blank values pass for the parser to judge. */
export function resolvedPlan(value: unknown, plans: ReadonlyMap<string, string>, path: string, errors: FieldErrors): unknown {
  if (typeof value !== 'string' || value === '') return value;
  const plan = plans.get(value);
  if (plan === undefined) errors.add(path, `No plan ${value} in the customer's data source`);
  return plan;
}

/**
 * One line item of an invoice as a row input (its plan_uuid resolved through `plans`, the
 * invoice's external ID its parent), and the cancellation its `cancelled_at` asks for.
 */
export function lineItemInputs(
  line: Record<string, unknown>,
  linePath: string,
  invoiceExternalId: unknown,
  invoicePath: string,
  customerExternalId: string,
  plans: ReadonlyMap<string, string>,
  errors: FieldErrors,
): { line: RowInput; cancellation: RowInput | null } {
  const plan = resolvedPlan(line.plan_uuid, plans, fieldPath(linePath, 'plan_uuid'), errors);
  return {
    line: {
      path: linePath,
      body: line,
      overrides: { invoice_external_id: invoiceExternalId, plan_uuid: plan, prorated: line.prorated ?? false },
      errorPaths: { invoice_external_id: invoicePath },
    },
    cancellation: given(line.cancelled_at)
      ? {
        path: linePath,
        body: { subscription_external_id: line.subscription_external_id, cancelled_at: line.cancelled_at },
        overrides: { customer_external_id: customerExternalId },
      }
      : null,
  };
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
    checkCollectionMethod(invoice.collection_method, fieldPath(path, 'collection_method'), errors);
    lines.forEach((line, k) => {
      const inputs = lineItemInputs(line, `${path}.line_items[${k}]`, invoice.external_id, fieldPath(path, 'external_id'), customer.externalId, plans, errors);
      out.lineItems.push(inputs.line);
      if (inputs.cancellation) out.cancellations.push(inputs.cancellation);
    });
    transactions.forEach((t, k) => {
      out.transactions.push(transactionInput(t, `${path}.transactions[${k}]`, invoice.external_id, fieldPath(path, 'external_id')));
    });
  }
  return out;
}
