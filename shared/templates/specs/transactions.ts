import { CENTS_NOTE, DATE_NOTE } from '../notes.ts';
import { defineDataset } from '../spec.ts';
import { cents, externalId, instant, oneOf, unitsAsCents } from '../values.ts';

export type TransactionType = 'payment' | 'refund';
export type TransactionResult = 'successful' | 'failed';

export interface TransactionRecord {
  row: number;
  invoiceExternalId: string;
  externalId: string | null;
  type: TransactionType;
  result: TransactionResult;
  date: number;
  amountInCents: number | null;
}

export const transactionType = oneOf<TransactionType>([
  { value: 'payment', display: 'payment' },
  { value: 'refund', display: 'refund' },
]);

export const transactionResult = oneOf<TransactionResult>([
  { value: 'successful', display: 'successful', aliases: ['success'] },
  { value: 'failed', display: 'failed', aliases: ['failure'] },
]);

export const transactionsSpec = defineDataset<TransactionRecord>({
  name: 'transactions',
  tab: 'Transactions',
  file: 'transactions.csv',
  blank: (row) => ({ row, invoiceExternalId: '', externalId: null, type: 'payment', result: 'successful', date: 0, amountInCents: null }),
  columns: [
    {
      header: 'Invoice external ID', key: 'invoiceExternalId', parse: externalId, required: true, example: 'INV-0001',
      note: 'Required. The invoice paid or refunded.',
    },
    { header: 'External ID', key: 'externalId', parse: externalId },
    {
      header: 'Type', key: 'type', parse: transactionType, required: true, example: 'payment',
      note: 'Required. payment or refund.',
    },
    {
      header: 'Result', key: 'result', parse: transactionResult, required: true, example: 'successful',
      note: 'Required. successful or failed.',
    },
    {
      header: 'Date', key: 'date', parse: instant, required: true, example: '2024-01-01',
      note: `Required. ${DATE_NOTE}`,
    },
    {
      header: 'Amount in cents', key: 'amountInCents', parse: cents,
      alternative: { header: 'Amount', parse: unitsAsCents },
      note: `Optional; default the invoice total. ${CENTS_NOTE}`,
    },
  ],
  uniqueKey: { column: 'External ID', of: (r) => r.externalId },
  check(r, issue) {
    if (r.amountInCents !== null && r.amountInCents < 0)
      issue('Amount in cents', 'Amount in cents must be zero or more (a refund is its own type)');
  },
});
