import { DATE_NOTE } from '../notes.ts';
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
  tab: 'Invoices',
  file: 'invoices.csv',
  blank: (row) => ({ row, customerExternalId: '', externalId: '', date: 0, dueDate: null, currency: '' }),
  columns: [
    {
      header: 'Customer external ID', key: 'customerExternalId', parse: externalId, required: true, example: 'acme',
      note: 'Required. External ID of the customer (Customers tab).',
    },
    {
      header: 'Invoice external ID', key: 'externalId', parse: externalId, required: true, example: 'INV-0001',
      note: 'Required. The invoice number; unique.',
    },
    {
      header: 'Invoiced date', key: 'date', parse: instant, required: true, example: '2024-01-01',
      note: `Required. ${DATE_NOTE}`,
    },
    {
      header: 'Due Date', key: 'dueDate', parse: instant,
      note: `Optional. ${DATE_NOTE}`,
    },
    {
      header: 'Currency', key: 'currency', parse: currency, required: true, example: 'USD',
      note: 'Required. Three upper-case letters (ISO 4217), e.g. USD.',
    },
  ],
  uniqueKey: { column: 'Invoice external ID', of: (r) => r.externalId },
});
