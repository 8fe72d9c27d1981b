/** A stored line item as the JSON an import would send for it: the start of a PATCH, or a line checked again. */
import type { RowInput } from '../../ingest/template-rows.ts';
import type { LineItemRow } from '../../store/line-items.ts';
import { isoOut } from '../conventions/time.ts';

/** The line's fields by their JSON names; `plan_uuid` holds the plan's external ID (as resolved inputs do). */
export function storedLineBody(l: LineItemRow): Record<string, unknown> {
  return {
    external_id: l.externalId,
    subscription_external_id: l.subscriptionExternalId,
    subscription_set_external_id: l.subscriptionSetExternalId,
    type: l.type,
    amount_in_cents: l.amountInCents,
    plan_uuid: l.planExternalId,
    service_period_start: isoOut(l.servicePeriodStart),
    service_period_end: isoOut(l.servicePeriodEnd),
    quantity: l.quantity,
    prorated: l.prorated,
    proration_type: l.prorationType,
    discount_code: l.discountCode,
    discount_amount_in_cents: l.discountAmountInCents,
    tax_amount_in_cents: l.taxAmountInCents,
    description: l.description,
    discount_description: l.discountDescription,
    transaction_fees_in_cents: l.transactionFeesInCents,
    transaction_fees_currency: l.transactionFeesCurrency,
    account_code: l.accountCode,
    event_order: l.eventOrder,
    balance_transfer: l.balanceTransfer,
  };
}

/** The stored line as a row input of its invoice. */
export function storedLineInput(l: LineItemRow, path: string): RowInput {
  return { path, body: storedLineBody(l), overrides: { invoice_external_id: l.invoiceExternalId } };
}
