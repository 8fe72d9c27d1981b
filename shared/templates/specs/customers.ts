import { inferAttributeTypes, NO_ATTRIBUTES, type AttributeValue } from '../attributes.ts';
import { DATE_NOTE } from '../notes.ts';
import { defineDataset } from '../spec.ts';
import { externalId, instant, Invalid, text, type CellParser } from '../values.ts';

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
  /** The `Tags` cell split on commas, trimmed, without repeats. */
  tags: readonly string[];
  /** `Attribute: <Key>` cells by key as the header writes it; typed across the table (DATA.md). */
  attributes: Record<string, AttributeValue>;
}

const NO_TAGS: readonly string[] = Object.freeze([]);

const tagList: CellParser<readonly string[]> = (s) => {
  const tags = [...new Set(s.split(',').map((t) => t.trim()).filter((t) => t !== ''))];
  if (tags.some((t) => t.length > 255)) return new Invalid('must be tags of at most 255 characters each, separated by commas');
  return tags.length === 0 ? NO_TAGS : tags;
};

const t255 = text(255);

export const customersSpec = defineDataset<CustomerRecord>({
  name: 'customers',
  tab: 'Customers',
  file: 'customers.csv',
  blank: (row) => ({ row, name: '', email: null, company: null, country: null, state: null, city: null, zip: null, externalId: '', leadCreatedAt: null, freeTrialStartedAt: null, tags: NO_TAGS, attributes: NO_ATTRIBUTES }),
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
    {
      header: 'Tags', key: 'tags', parse: tagList, example: 'vip,beta',
      note: 'Optional. Tags separated by commas (vip,beta). Add custom attributes as columns headed Attribute: <Key>, such as Attribute: Industry.',
    },
  ],
  keyedColumns: {
    prefix: 'Attribute',
    parse: t255,
    set: (record, key, value) => {
      if (record.attributes === NO_ATTRIBUTES) record.attributes = {};
      record.attributes[key] = { type: 'text', value: value as string };
    },
  },
  complete: (records) => inferAttributeTypes(records.map((r) => r.attributes)),
  uniqueKey: { column: 'External ID', of: (r) => r.externalId },
});
