/**
 * The Customer tab's details of each customer (contact, lead created, trial started, location,
 * tags and attributes): from the sheet's Customers and Contacts tabs, read through the shared
 * schemas (local mode has them already; a sync reads the two tabs again when it writes results).
 */
import {
  DATASET_TABS, formatDate, validateTables, type AttributeValue, type BillingData, type Settings, type TemplateTables,
} from '../../shared/index.ts';
import type { CustomerDetails, DetailsSource } from './results.ts';
import { readDatasetTab } from './tabs.ts';

type Records = Pick<BillingData, 'customers' | 'contacts'>;

const joined = (parts: (string | null)[], separator: string): string | null => {
  const given = parts.filter((p): p is string => p !== null && p !== '');
  return given.length === 0 ? null : given.join(separator);
};

function attributeText(v: AttributeValue): string {
  switch (v.type) {
    case 'date': return formatDate(v.value);
    case 'boolean': return v.value ? 'TRUE' : 'FALSE';
    default: return String(v.value);
  }
}

/** Each customer's details, in external ID order (as Customer Metrics lists them). */
export function customerDetails(data: Records): CustomerDetails[] {
  const firstContact = new Map<string, Records['contacts'][number]>();
  for (const c of data.contacts) if (!firstContact.has(c.customerExternalId)) firstContact.set(c.customerExternalId, c);
  return [...data.customers]
    .sort((a, b) => (a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0))
    .map((c) => {
      const contact = firstContact.get(c.externalId);
      const attributes = Object.entries(c.attributes).map(([key, value]) => `${key}: ${attributeText(value)}`);
      return {
        external_id: c.externalId,
        name: c.name,
        email: c.email,
        company: c.company,
        location: joined([c.city, c.state, c.zip, c.country], ', '),
        lead_created_at: c.leadCreatedAt === null ? null : formatDate(c.leadCreatedAt),
        free_trial_started_at: c.freeTrialStartedAt === null ? null : formatDate(c.freeTrialStartedAt),
        contact: contact ? joined([joined([contact.firstName, contact.lastName], ' '), contact.title && `(${contact.title})`], ' ') : null,
        contact_email: contact?.email ?? null,
        tags: joined([...c.tags], ', '),
        attributes: joined(attributes, '\n'),
      };
    });
}

/** The details as the sheet's Customers and Contacts tabs hold them when read (rows that fail validation left out). */
export function sheetDetails(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, settings: Settings): DetailsSource {
  const sheets = (['customers', 'contacts'] as const).flatMap((dataset) => {
    const sheet = ss.getSheetByName(DATASET_TABS[dataset]);
    return sheet ? [{ dataset, sheet }] : [];
  });
  return {
    cells: sheets.reduce((n, { sheet }) => n + sheet.getLastRow() * sheet.getLastColumn(), 0),
    read: () => {
      const timeZone = ss.getSpreadsheetTimeZone();
      const tables: TemplateTables = {};
      for (const { dataset, sheet } of sheets) tables[dataset] = readDatasetTab(sheet, dataset, timeZone).table;
      return customerDetails(validateTables(tables, settings).data);
    },
  };
}
