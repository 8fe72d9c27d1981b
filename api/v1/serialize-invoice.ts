/**
 * Invoices as ChartMogul's import API shows them: the invoice with its line items and
 * transactions, each with its prefixed UUID, plans and subscriptions by their UUIDs.
 */
import type { Tx } from '../db/client.ts';
import { isoOut } from './conventions/time.ts';
import { PREFIX } from './conventions/ids.ts';

export interface InvoiceRow {
  id: string;
  external_id: string;
  date: unknown;
  due_date: unknown;
  currency: string;
  data_source_id: string;
  customer_external_id: string;
  customer_id: string | null;
}

/** Columns of InvoiceRow from `invoices i` joined to its customer `c`. */
export const INVOICE_SELECT = `
  SELECT i.id, i.external_id, i.date, i.due_date, i.currency, i.data_source_id, i.customer_external_id,
         c.id AS customer_id
    FROM invoices i
    LEFT JOIN customers c ON c.data_source_id = i.data_source_id AND c.external_id = i.customer_external_id`;

export const INVOICE_ORDER = 'ORDER BY i.date, i.external_id, i.id';

type Row = Record<string, unknown>;

const orZero = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const orEmpty = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const cents = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export function lineItemJson(l: Row): Record<string, unknown> {
  const common = {
    uuid: `${PREFIX.lineItem}${l.id}`,
    external_id: l.external_id ?? null,
    type: l.type,
  };
  const money = {
    amount_in_cents: Number(l.amount_in_cents),
    quantity: Number(l.quantity),
    discount_code: orEmpty(l.discount_code),
    discount_amount_in_cents: orZero(l.discount_amount_in_cents),
    tax_amount_in_cents: orZero(l.tax_amount_in_cents),
    transaction_fees_in_cents: orZero(l.transaction_fees_in_cents),
    account_code: orEmpty(l.account_code),
    transaction_fees_currency: l.transaction_fees_currency ?? null,
    discount_description: l.discount_description ?? null,
    event_order: l.event_order === null || l.event_order === undefined ? null : Number(l.event_order),
    balance_transfer: l.balance_transfer ?? null,
  };
  if (l.type !== 'subscription') return { ...common, description: l.description ?? null, ...money };
  return {
    ...common,
    subscription_uuid: l.subscription_id ? `${PREFIX.subscription}${l.subscription_id}` : null,
    subscription_external_id: l.subscription_external_id,
    subscription_set_external_id: l.subscription_set_external_id ?? null,
    prorated: l.prorated,
    proration_type: l.prorated ? l.proration_type : null,
    service_period_start: isoOut(l.service_period_start),
    service_period_end: isoOut(l.service_period_end),
    plan_uuid: l.plan_id ? `${PREFIX.plan}${l.plan_id}` : null,
    description: l.description ?? null,
    ...money,
  };
}

export function transactionJson(t: Row): Record<string, unknown> {
  return {
    uuid: `${PREFIX.transaction}${t.id}`,
    external_id: t.external_id ?? null,
    type: t.type,
    date: isoOut(t.date),
    result: t.result,
    amount_in_cents: cents(t.amount_in_cents),
    // Not stored (the templates have no such column).
    transaction_fees_in_cents: null,
    transaction_fees_currency: null,
  };
}

/** Line items of the invoices with their plan and subscription UUIDs, in stored order. */
async function lineItemsOf(tx: Tx, accountId: string, invoices: readonly InvoiceRow[]): Promise<Row[]> {
  return tx.query<Row>(
    `SELECT l.*, p.id AS plan_id, s.id AS subscription_id
       FROM line_items l
       JOIN unnest($2::uuid[], $3::text[]) AS k(ds, ext) ON l.data_source_id = k.ds AND l.invoice_external_id = k.ext
       LEFT JOIN plans p ON p.data_source_id = l.data_source_id AND p.external_id = l.plan_external_id
       LEFT JOIN subscriptions s ON s.data_source_id = l.data_source_id AND s.external_id = l.subscription_external_id
      WHERE l.account_id = $1
      ORDER BY l.position, l.id`,
    [accountId, invoices.map((i) => i.data_source_id), invoices.map((i) => i.external_id)],
  );
}

async function transactionsOf(tx: Tx, accountId: string, invoices: readonly InvoiceRow[]): Promise<Row[]> {
  return tx.query<Row>(
    `SELECT t.* FROM transactions t
       JOIN unnest($2::uuid[], $3::text[]) AS k(ds, ext) ON t.data_source_id = k.ds AND t.invoice_external_id = k.ext
      WHERE t.account_id = $1
      ORDER BY t.date, t.position, t.id`,
    [accountId, invoices.map((i) => i.data_source_id), invoices.map((i) => i.external_id)],
  );
}

const invoiceKey = (dataSourceId: unknown, externalId: unknown) => `${dataSourceId}\u0000${externalId}`;

function groupBy(rows: Row[]): Map<string, Row[]> {
  const out = new Map<string, Row[]>();
  for (const r of rows) {
    const k = invoiceKey(r.data_source_id, r.invoice_external_id);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/** The invoices as JSON objects, in the order given. */
export async function invoicesJson(tx: Tx, accountId: string, invoices: readonly InvoiceRow[]): Promise<Record<string, unknown>[]> {
  if (invoices.length === 0) return [];
  const lines = groupBy(await lineItemsOf(tx, accountId, invoices));
  const transactions = groupBy(await transactionsOf(tx, accountId, invoices));
  return invoices.map((i) => {
    const k = invoiceKey(i.data_source_id, i.external_id);
    return {
      uuid: `${PREFIX.invoice}${i.id}`,
      external_id: i.external_id,
      date: isoOut(i.date),
      due_date: isoOut(i.due_date),
      currency: i.currency,
      customer_uuid: i.customer_id ? `${PREFIX.customer}${i.customer_id}` : null,
      customer_external_id: i.customer_external_id,
      data_source_uuid: `${PREFIX.dataSource}${i.data_source_id}`,
      errors: {},
      line_items: (lines.get(k) ?? []).map(lineItemJson),
      transactions: (transactions.get(k) ?? []).map(transactionJson),
    };
  });
}
