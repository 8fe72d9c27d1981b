/**
 * Invoices as ChartMogul's import API shows them: the invoice with its line items and
 * transactions, each with its prefixed UUID, plans and subscriptions by their UUIDs, and the
 * edit state (disabled, user_created, edit_history_summary) of conventions/edit-state.ts.
 */
import type { EditHistory } from '../../db/schema.ts';
import type { InvoiceRow } from '../../store/invoices.ts';
import type { LineItemRow } from '../../store/line-items.ts';
import type { TransactionRow } from '../../store/transactions.ts';
import { editStateJson, type EditStateRow } from '../conventions/edit-state.ts';
import { PREFIX } from '../conventions/ids.ts';
import { isoOut } from '../conventions/time.ts';
import { transactionJson } from '../transactions/serialize.ts';
import type { Invoice, LineItem } from './schemas.ts';

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The edit history as it still holds on the object as it is now: an edited value that a later
 * /sync re-send of the original row replaced (the sheet is the source) is no edit any more.
 */
export function heldHistory(history: EditHistory | null, current: Record<string, unknown>): EditHistory | null {
  if (!history) return null;
  const changes = Object.entries(history.values_changed);
  const held = changes.filter(([field, change]) => same(current[field], change.edited_value));
  if (held.length === changes.length) return history;
  return held.length === 0 ? null : { ...history, values_changed: Object.fromEntries(held) };
}

/** The edit state's JSON fields, with the history as it still holds on `json`. */
function withEditState<T extends Record<string, unknown>>(json: T, row: EditStateRow) {
  const state = editStateJson(row);
  return { ...json, ...state, edit_history_summary: heldHistory(state.edit_history_summary, json) };
}

/** A line item; `standalone` (the /v1/line_items answers) adds the invoice it belongs to. */
export function lineItemJson(l: LineItemRow, { standalone = false } = {}): LineItem {
  const common = {
    uuid: `${PREFIX.lineItem}${l.id}`,
    external_id: l.externalId ?? null,
    type: l.type,
  };
  const money = {
    amount_in_cents: l.amountInCents,
    quantity: l.quantity,
    discount_code: l.discountCode ?? '',
    discount_amount_in_cents: l.discountAmountInCents ?? 0,
    tax_amount_in_cents: l.taxAmountInCents ?? 0,
    transaction_fees_in_cents: l.transactionFeesInCents ?? 0,
    account_code: l.accountCode ?? '',
    transaction_fees_currency: l.transactionFeesCurrency ?? null,
    discount_description: l.discountDescription ?? null,
    event_order: l.eventOrder ?? null,
    balance_transfer: l.balanceTransfer ?? null,
  };
  const invoice = standalone ? { invoice_uuid: l.invoiceId ? `${PREFIX.invoice}${l.invoiceId}` : null } : {};
  if (l.type !== 'subscription') return withEditState({ ...common, description: l.description ?? null, ...money, ...invoice }, l);
  return withEditState({
    ...common,
    subscription_uuid: l.subscriptionId ? `${PREFIX.subscription}${l.subscriptionId}` : null,
    subscription_external_id: l.subscriptionExternalId,
    subscription_set_external_id: l.subscriptionSetExternalId ?? null,
    prorated: l.prorated,
    proration_type: l.prorated ? l.prorationType : null,
    service_period_start: isoOut(l.servicePeriodStart),
    service_period_end: isoOut(l.servicePeriodEnd),
    plan_uuid: l.planId ? `${PREFIX.plan}${l.planId}` : null,
    plan_external_id: l.planExternalId ?? null,
    description: l.description ?? null,
    ...money,
    ...invoice,
  }, l);
}

/**
 * ChartMogul's invoice status: `voided` or `written_off` as set, otherwise what its enabled,
 * successful transactions say: `refunded` after a refund, `paid` after a payment, else `open`.
 */
export function invoiceStatus(stored: string, transactions: readonly TransactionRow[]): string {
  if (stored !== 'active') return stored;
  const done = transactions.filter((t) => !t.disabled && t.result === 'successful');
  if (done.some((t) => t.type === 'refund')) return 'refunded';
  if (done.some((t) => t.type === 'payment')) return 'paid';
  return 'open';
}

export function invoiceJson(i: InvoiceRow, lines: readonly LineItemRow[], transactions: readonly TransactionRow[]): Invoice {
  const own = {
    uuid: `${PREFIX.invoice}${i.id}`,
    external_id: i.externalId,
    date: i.date.toISOString(),
    due_date: isoOut(i.dueDate),
    currency: i.currency,
    customer_uuid: i.customerId ? `${PREFIX.customer}${i.customerId}` : null,
    customer_external_id: i.customerExternalId,
    data_source_uuid: `${PREFIX.dataSource}${i.dataSourceId}`,
    collection_method: i.collectionMethod ?? null,
    status: invoiceStatus(i.status, transactions),
    errors: {},
  };
  return {
    ...withEditState(own, i),
    line_items: lines.map((l) => lineItemJson(l)),
    transactions: transactions.map(transactionJson),
  };
}
