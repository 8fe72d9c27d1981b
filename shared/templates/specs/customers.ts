import { DATE_NOTE } from '../notes.ts';
import { defineDataset } from '../spec.ts';
import { externalId, instant, text } from '../values.ts';

export interface CustomerRecord {
  row: number;
  name: string;
  email: string | null;
  company: string | null;
  country: string | null;
  state: string | null;
  city: string | null;
  zip: string | null;
  externalId: string;
  leadCreatedAt: number | null;
  freeTrialStartedAt: number | null;
}

const t255 = text(255);

export const customersSpec = defineDataset<CustomerRecord>({
  name: 'customers',
  tab: 'Customers',
  file: 'customers.csv',
  blank: (row) => ({ row, name: '', email: null, company: null, country: null, state: null, city: null, zip: null, externalId: '', leadCreatedAt: null, freeTrialStartedAt: null }),
  columns: [
    {
      header: 'Name', key: 'name', parse: t255, required: true, example: 'Acme Corp',
      note: 'Required. The customer\u2019s name (up to 255 characters).',
    },
    { header: 'Email', key: 'email', parse: t255, example: 'billing@acme.example' },
    { header: 'Company', key: 'company', parse: t255 },
    { header: 'Country', key: 'country', parse: t255, example: 'US' },
    { header: 'State', key: 'state', parse: t255 },
    { header: 'City', key: 'city', parse: t255 },
    { header: 'Zip', key: 'zip', parse: t255 },
    {
      header: 'External ID', key: 'externalId', parse: externalId, required: true, example: 'acme',
      note: 'Required. The customer\u2019s ID in your billing system; unique.',
    },
    {
      header: 'Lead created at', key: 'leadCreatedAt', parse: instant,
      note: `When the lead was created. ${DATE_NOTE}`,
    },
    {
      header: 'Free trial started at', key: 'freeTrialStartedAt', parse: instant,
      note: `When the free trial started. ${DATE_NOTE}`,
    },
  ],
  uniqueKey: { column: 'External ID', of: (r) => r.externalId },
});
