import { defineDataset } from '../spec.ts';
import { currency, externalId, instant } from '../values.ts';

export interface InvoiceRecord {
  row: number;
  customerExternalId: string;
  externalId: string;
  date: number;
  dueDate: number | null;
  currency: string;
}

export const invoicesSpec = defineDataset<InvoiceRecord>({
  name: 'invoices',
  blank: (row) => ({ row, customerExternalId: '', externalId: '', date: 0, dueDate: null, currency: '' }),
  columns: [
    { header: 'Customer external ID', key: 'customerExternalId', parse: externalId, required: true },
    { header: 'Invoice external ID', key: 'externalId', parse: externalId, required: true },
    { header: 'Invoiced date', key: 'date', parse: instant, required: true },
    { header: 'Due Date', key: 'dueDate', parse: instant },
    { header: 'Currency', key: 'currency', parse: currency, required: true },
  ],
  uniqueKey: { column: 'Invoice external ID', of: (r) => r.externalId },
});
