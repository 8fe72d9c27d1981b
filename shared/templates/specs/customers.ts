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
  blank: (row) => ({ row, name: '', email: null, company: null, country: null, state: null, city: null, zip: null, externalId: '', leadCreatedAt: null, freeTrialStartedAt: null }),
  columns: [
    { header: 'Name', key: 'name', parse: t255, required: true },
    { header: 'Email', key: 'email', parse: t255 },
    { header: 'Company', key: 'company', parse: t255 },
    { header: 'Country', key: 'country', parse: t255 },
    { header: 'State', key: 'state', parse: t255 },
    { header: 'City', key: 'city', parse: t255 },
    { header: 'Zip', key: 'zip', parse: t255 },
    { header: 'External ID', key: 'externalId', parse: externalId, required: true },
    { header: 'Lead created at', key: 'leadCreatedAt', parse: instant },
    { header: 'Free trial started at', key: 'freeTrialStartedAt', parse: instant },
  ],
  uniqueKey: { column: 'External ID', of: (r) => r.externalId },
});
