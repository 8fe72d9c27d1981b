import { DATE_NOTE } from '../notes.ts';
import { defineDataset } from '../spec.ts';
import { externalId, instant } from '../values.ts';

export interface CancellationRecord {
  row: number;
  customerExternalId: string | null;
  subscriptionExternalId: string;
  cancelledAt: number;
}

export const cancellationsSpec = defineDataset<CancellationRecord>({
  name: 'cancellations',
  tab: 'Cancellations',
  file: 'cancellations.csv',
  blank: (row) => ({ row, customerExternalId: null, subscriptionExternalId: '', cancelledAt: 0 }),
  columns: [
    { header: 'Customer external ID', key: 'customerExternalId', parse: externalId, example: 'acme' },
    {
      header: 'Subscription external ID', key: 'subscriptionExternalId', parse: externalId, required: true, example: 'sub_acme',
      note: 'Required. The subscription that was cancelled.',
    },
    {
      header: 'Cancelled at', key: 'cancelledAt', parse: instant, required: true, example: '2024-12-31',
      note: `Required. ${DATE_NOTE}`,
    },
  ],
});
