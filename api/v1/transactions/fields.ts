/** The JSON fields of a transaction and their template columns, and one transaction's row input. */
import type { FieldSpec, RowInput } from '../../ingest/template-rows.ts';

export const TRANSACTION_FIELDS: readonly FieldSpec[] = [
  { field: 'invoice_external_id', header: 'Invoice external ID' },
  { field: 'external_id', header: 'External ID' },
  { field: 'type', header: 'Type' },
  { field: 'result', header: 'Result' },
  { field: 'date', header: 'Date', instant: true },
  { field: 'amount_in_cents', header: 'Amount in cents' },
];

/** The row input of one of an invoice's transactions (in an invoice import, or posted alone). */
export function transactionInput(body: Record<string, unknown>, path: string, invoiceExternalId: unknown, invoicePath: string): RowInput {
  return {
    path,
    body,
    overrides: { invoice_external_id: invoiceExternalId },
    errorPaths: { invoice_external_id: invoicePath },
  };
}
