import { describe, expect, it } from 'vitest';
import { DATASET_FILES, DATASET_NAMES, DATASET_TABS, TEMPLATE_HEADERS } from './datasets.ts';
import { columnNote, columnOptions } from './notes.ts';
import { DEFAULT_SETTINGS } from './settings.ts';
import { DATASET_SPECS } from './specs/index.ts';
import { validateTables, type TemplateTables } from './validate.ts';

const column = (dataset: keyof typeof DATASET_SPECS, header: string) =>
  DATASET_SPECS[dataset].columns.find((c) => c.header === header)! as never;

describe('what the specs say of each dataset', () => {
  it('tabs, files and header lists come from them', () => {
    expect(DATASET_FILES.line_items).toBe('line_items.csv');
    expect(DATASET_TABS.line_items).toBe('Line Items');
    expect(TEMPLATE_HEADERS.plans).toEqual(['Name', 'Interval count', 'Interval unit', 'Plan ID']);
    for (const name of DATASET_NAMES) expect(DATASET_FILES[name]).toBe(`${name}.csv`);
    expect(new Set(Object.values(DATASET_TABS)).size).toBe(DATASET_NAMES.length);
  });

  it("a header's note is the column's own, or one made from its type", () => {
    expect(columnNote(column('plans', 'Interval unit'))).toBe('Required. day, month or year.');
    expect(columnNote(column('transactions', 'External ID'))).toBe('Optional. An ID (up to 255 characters).');
    expect(columnNote(column('line_items', 'Balance transfer'))).toBe('Optional. TRUE or FALSE.');
    expect(columnNote(column('contacts', 'Note'))).toBe('Optional. Text.');
    expect(columnNote(column('exchange_rates', 'Rate'))).toMatch(/^Required\. Value of 1 unit/);
    expect(columnNote(column('line_items', 'Proration type'))).toBe('differential (default), full or differential_mrr.');
    expect(columnNote(column('subscription_events', 'Retracted event ID'))).toBe('Optional. An ID (up to 255 characters).');
    expect(columnOptions(column('transactions', 'Result'))).toEqual(['successful', 'failed']);
    expect(columnOptions(column('transactions', 'Date'))).toBeUndefined();
  });

  it('the example rows make one small customer that validates without an error', () => {
    const tables: TemplateTables = {};
    for (const name of DATASET_NAMES) {
      const columns = DATASET_SPECS[name].columns as readonly { header: string; example?: string | number }[];
      tables[name] = { headers: TEMPLATE_HEADERS[name], rows: [columns.map((c) => c.example ?? '')] };
    }
    const { data, errors } = validateTables(tables, DEFAULT_SETTINGS);
    expect(errors).toEqual([]);
    expect(data.customers.map((c) => c.externalId)).toEqual(['acme']);
    expect(data.lineItems).toHaveLength(1);
  });
});
