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
  blank: (row) => ({ row, invoiceExternalId: '', externalId: null, type: 'payment', result: 'successful', date: 0, amountInCents: null }),
  columns: [
    { header: 'Invoice external ID', key: 'invoiceExternalId', parse: externalId, required: true },
    { header: 'External ID', key: 'externalId', parse: externalId },
    { header: 'Type', key: 'type', parse: transactionType, required: true },
    { header: 'Result', key: 'result', parse: transactionResult, required: true },
    { header: 'Date', key: 'date', parse: instant, required: true },
    {
      header: 'Amount in cents', key: 'amountInCents', parse: cents,
      alternative: { header: 'Amount', parse: unitsAsCents },
    },
  ],
  uniqueKey: { column: 'External ID', of: (r) => r.externalId },
  check(r, issue) {
    if (r.amountInCents !== null && r.amountInCents < 0)
      issue('Amount in cents', 'Amount in cents must be zero or more (a refund is its own type)');
  },
});
