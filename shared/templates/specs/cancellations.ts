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
  blank: (row) => ({ row, customerExternalId: null, subscriptionExternalId: '', cancelledAt: 0 }),
  columns: [
    { header: 'Customer external ID', key: 'customerExternalId', parse: externalId },
    { header: 'Subscription external ID', key: 'subscriptionExternalId', parse: externalId, required: true },
    { header: 'Cancelled at', key: 'cancelledAt', parse: instant, required: true },
  ],
});
