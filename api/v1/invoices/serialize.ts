/**
 * Invoices as ChartMogul's import API shows them: the invoice with its line items and
 * transactions, each with its prefixed UUID, plans and subscriptions by their UUIDs.
 */
import type { InvoiceRow, LineItemRow } from '../../store/invoices.ts';
import type { TransactionRow } from '../../store/transactions.ts';
import { PREFIX } from '../conventions/ids.ts';
import { isoOut } from '../conventions/time.ts';
import { transactionJson } from '../transactions/serialize.ts';
import type { Invoice, LineItem } from './schemas.ts';

export function lineItemJson(l: LineItemRow): LineItem {
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
  if (l.type !== 'subscription') return { ...common, description: l.description ?? null, ...money };
  return {
    ...common,
    subscription_uuid: l.subscriptionId ? `${PREFIX.subscription}${l.subscriptionId}` : null,
    subscription_external_id: l.subscriptionExternalId,
    subscription_set_external_id: l.subscriptionSetExternalId ?? null,
    prorated: l.prorated,
    proration_type: l.prorated ? l.prorationType : null,
    service_period_start: isoOut(l.servicePeriodStart),
    service_period_end: isoOut(l.servicePeriodEnd),
    plan_uuid: l.planId ? `${PREFIX.plan}${l.planId}` : null,
    description: l.description ?? null,
    ...money,
  };
}

export function invoiceJson(i: InvoiceRow, lines: readonly LineItemRow[], transactions: readonly TransactionRow[]): Invoice {
  return {
    uuid: `${PREFIX.invoice}${i.id}`,
    external_id: i.externalId,
    date: i.date.toISOString(),
    due_date: isoOut(i.dueDate),
    currency: i.currency,
    customer_uuid: i.customerId ? `${PREFIX.customer}${i.customerId}` : null,
    customer_external_id: i.customerExternalId,
    data_source_uuid: `${PREFIX.dataSource}${i.dataSourceId}`,
    errors: {},
    line_items: lines.map(lineItemJson),
    transactions: transactions.map(transactionJson),
  };
}
