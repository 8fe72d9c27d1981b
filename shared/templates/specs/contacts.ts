import { defineDataset } from '../spec.ts';
import { externalId, text } from '../values.ts';

export interface ContactRecord {
  row: number;
  customerExternalId: string;
  firstName: string | null;
  lastName: string | null;
  title: string | null;
  email: string | null;
  phone: string | null;
  linkedIn: string | null;
  twitter: string | null;
  note: string | null;
}

const t255 = text(255);

export const contactsSpec = defineDataset<ContactRecord>({
  name: 'contacts',
  tab: 'Contacts',
  file: 'contacts.csv',
  blank: (row) => ({ row, customerExternalId: '', firstName: null, lastName: null, title: null, email: null, phone: null, linkedIn: null, twitter: null, note: null }),
  columns: [
    { header: 'Customer external ID', key: 'customerExternalId', parse: externalId, required: true, example: 'acme' },
    { header: 'First name', key: 'firstName', parse: t255, example: 'Ada' },
    { header: 'Last name', key: 'lastName', parse: t255, example: 'Lovelace' },
    { header: 'Title', key: 'title', parse: t255 },
    { header: 'Email', key: 'email', parse: t255, example: 'ada@acme.example' },
    { header: 'Phone', key: 'phone', parse: t255 },
    { header: 'LinkedIn', key: 'linkedIn', parse: t255 },
    { header: 'Twitter', key: 'twitter', parse: t255 },
    { header: 'Note', key: 'note', parse: text(5000) },
  ],
});
