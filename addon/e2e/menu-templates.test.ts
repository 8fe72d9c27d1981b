// The built bundle's menu and Create template tabs (no API needed).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { DATASET_NAMES, DATASET_TABS, SETTING_KEYS, TEMPLATE_HEADERS, type DatasetName } from '../../shared/index.ts';
import { buildAddon } from '../build.mjs';
import { ENTRY_POINTS } from '../entry-points.mjs';
import { loadAddon, type Addon } from '../testing/harness.ts';
import { plain, typeRows } from './sheet.test-util.ts';

let bundleDir: string;
beforeAll(async () => {
  bundleDir = await buildAddon({ dev: true });
});

const json = <T>(v: T): T => JSON.parse(JSON.stringify(v));

/** Dropdown columns of DATA.md and what they offer. */
const DROPDOWNS: [DatasetName, string, string[]][] = [
  ['plans', 'Interval unit', ['day', 'month', 'year']],
  ['line_items', 'Type', ['Subscription', 'OneTime']],
  ['line_items', 'Proration', ['TRUE', 'FALSE']],
  ['line_items', 'Proration type', ['differential', 'full', 'differential_mrr']],
  ['transactions', 'Type', ['payment', 'refund']],
  ['transactions', 'Result', ['successful', 'failed']],
  ['subscription_events', 'Event Type', ['subscription_start', 'subscription_cancelled']],
  ['manual_subscriptions', 'Event Type', ['subscription_start', 'subscription_updated', 'subscription_cancelled']],
];

const DATE_COLUMNS: [DatasetName, string][] = [
  ['customers', 'Lead created at'], ['customers', 'Free trial started at'], ['invoices', 'Invoiced date'], ['invoices', 'Due Date'],
  ['line_items', 'Service period start'], ['line_items', 'Service period end'], ['transactions', 'Date'],
  ['subscription_events', 'Date'], ['subscription_events', 'Effective Date'], ['cancellations', 'Cancelled at'],
  ['manual_subscriptions', 'Date'], ['manual_subscriptions', 'Effective Date'], ['exchange_rates', 'Date'],
];

function column(addon: Addon, dataset: DatasetName, header: string): number {
  const sheet = addon.spreadsheet.getSheetByName(DATASET_TABS[dataset])!;
  const headers = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0];
  const i = headers.indexOf(header);
  if (i < 0) throw new Error(`${header} not in ${DATASET_TABS[dataset]}`);
  return i + 1;
}

/** The attributes of the page's <body> tag (the tag itself, not text that mentions it). */
function bodyAttributes(html: string): Record<string, string> {
  const open = html.indexOf('<body', html.indexOf('</head>'));
  const tag = html.slice(open, html.indexOf('>', open) + 1);
  return Object.fromEntries([...tag.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
}

/** The text of the page's first <style> or <script> element. */
function elementText(html: string, name: 'style' | 'script'): string {
  const start = html.indexOf('>', html.indexOf(`<${name}>`)) + 1;
  return html.slice(start, html.indexOf(`</${name}>`, start));
}

/** Every cell of every sheet: values, notes and backgrounds, to show a second run changed nothing. */
function snapshot(addon: Addon) {
  return addon.spreadsheet.getSheets().map((s) => {
    const r = s.getDataRange();
    return { name: s.getName(), values: json(r.getValues()), notes: json(r.getNotes()), frozen: s.getFrozenRows() };
  });
}

describe('the built add-on: menu and template tabs', () => {
  test('onOpen and onInstall build Extensions → Mogul; every item names a function of the bundle', () => {
    for (const trigger of ['onOpen', 'onInstall']) {
      const addon = loadAddon();
      addon.call(trigger, { authMode: 'LIMITED', source: addon.spreadsheet });
      expect(json(addon.ui.menus)).toEqual([{
        caption: 'Mogul', addon: true, items: [
          { kind: 'item', caption: 'Create template tabs', functionName: 'createTemplateTabs' },
          { kind: 'item', caption: 'Sync to Mogul', functionName: 'showSidebar' },
          { kind: 'separator' },
          { kind: 'item', caption: 'Settings', functionName: 'showSettings' },
        ],
      }]);
      expect(addon.ui.menuFunctionNames().filter((f) => !addon.fn(f))).toEqual([]);
    }
    const addon = loadAddon();
    addon.open();
    addon.clickMenu('Sync to Mogul');
    addon.clickMenu('Settings');
    expect(addon.ui.shown.map((s) => [s.kind, s.title])).toEqual([['sidebar', 'Mogul'], ['sidebar', 'Mogul']]);
    // The view is the <body>'s data-view; the page's own style and script are what was built.
    const built = readFileSync(join(bundleDir, 'Sidebar.html'), 'utf8');
    const [sync, settings] = addon.ui.shown.map((s) => s.html);
    expect(bodyAttributes(sync)).toEqual({ 'data-view': 'sync' });
    expect(bodyAttributes(settings)).toEqual({ 'data-view': 'settings' });
    for (const html of [sync, settings]) {
      expect(elementText(html, 'style')).toBe(elementText(built, 'style'));
      expect(elementText(html, 'script')).toBe(elementText(built, 'script'));
    }
    // Every entry point is a top-level function; custom functions carry @customfunction right above.
    const code = readFileSync(join(bundleDir, 'Code.js'), 'utf8');
    for (const { name, doc } of ENTRY_POINTS) {
      expect(addon.fn(name), name).toBeTypeOf('function');
      if (doc?.includes('@customfunction')) expect(code).toMatch(new RegExp(`@customfunction\\n \\*/\\nfunction ${name}\\(`));
    }
  });

  test('Create template tabs: every dataset tab with headers, notes, dropdowns, date validation, frozen header, one example row', () => {
    const addon = loadAddon();
    addon.open();
    const result = addon.clickMenu('Create template tabs') as { created: string[] };
    expect(result.created).toEqual([...DATASET_NAMES.map((d) => DATASET_TABS[d]), 'Settings']);
    for (const dataset of DATASET_NAMES) {
      const sheet = addon.spreadsheet.getSheetByName(DATASET_TABS[dataset])!;
      const headers = [...TEMPLATE_HEADERS[dataset]];
      const header = sheet.getRange(1, 1, 1, headers.length);
      expect(json(header.getValues()[0]), dataset).toEqual(headers);
      const notes = header.getNotes()[0];
      headers.forEach((h, i) => expect(notes[i], `${dataset} ${h} note`).toMatch(/\w{3,}/));
      expect(sheet.getFrozenRows()).toBe(1);
      expect(sheet.getLastRow(), `${dataset}: one example row`).toBe(2);
      expect(sheet.getRange(2, 1, 1, headers.length).getValues()[0].some((v) => v !== ''), dataset).toBe(true);
    }
    for (const [dataset, header, options] of DROPDOWNS) {
      const sheet = addon.spreadsheet.getSheetByName(DATASET_TABS[dataset])!;
      for (const row of [2, 500]) {
        const rule = sheet.getRange(row, column(addon, dataset, header)).getDataValidation();
        expect(rule?.getCriteriaType(), `${dataset} ${header}`).toBe('VALUE_IN_LIST');
        expect(json(rule!.getCriteriaValues()[0] as string[])).toEqual(expect.arrayContaining(options));
      }
    }
    for (const [dataset, header] of DATE_COLUMNS) {
      const rule = addon.spreadsheet.getSheetByName(DATASET_TABS[dataset])!.getRange(3, column(addon, dataset, header)).getDataValidation();
      expect(rule?.getCriteriaType(), `${dataset} ${header}`).toBe('DATE_IS_VALID_DATE');
    }
    // The example rows make one consistent customer: Validate finds nothing wrong with them.
    const summary = addon.runFromSidebar('validateSheet') as { errors: number; firstErrors: unknown[] };
    expect(summary.firstErrors).toEqual([]);
  });

  test('running it again erases nothing; a tab the user made gets only its missing columns', () => {
    const addon = loadAddon();
    // The user's own Customers tab: some columns in another order, data, a note of theirs.
    typeRows(addon, 'Customers', [['External ID', 'name', 'Country'], ['c1', 'One Co', 'DE'], ['c2', 'Two Co', 'FR']]);
    const customers = addon.spreadsheet.getSheetByName('Customers')!;
    customers.getRange('C2').setNote('my own note');
    const first = addon.call('createTemplateTabs') as { created: string[]; extended: { tab: string; columns: string[] }[] };
    expect(first.created).not.toContain('Customers');
    const added = TEMPLATE_HEADERS.customers.filter((h) => !['External ID', 'Name', 'Country'].includes(h));
    expect(first.extended).toEqual([{ tab: 'Customers', columns: added }]);
    expect(json(customers.getRange(1, 1, 3, 3).getValues())).toEqual([['External ID', 'name', 'Country'], ['c1', 'One Co', 'DE'], ['c2', 'Two Co', 'FR']]);
    expect(json(customers.getRange(1, 4, 1, added.length).getValues()[0])).toEqual(added);
    expect(customers.getRange('C2').getNote()).toBe('my own note');
    expect(customers.getLastRow()).toBe(3); // no example row added into the user's data
    const leadColumn = column(addon, 'customers', 'Lead created at');
    expect(customers.getRange(2, leadColumn).getDataValidation()?.getCriteriaType()).toBe('DATE_IS_VALID_DATE');

    // Edits after the first run, then a second run: nothing changes.
    addon.spreadsheet.getSheetByName('Plans')!.getRange('A2').setValue('My plan');
    addon.spreadsheet.getSheetByName('Settings')!.getRange('B2').setValue('EUR');
    const before = snapshot(addon);
    const second = addon.call('createTemplateTabs') as { created: string[]; extended: unknown[] };
    expect(second).toEqual({ created: [], extended: [], message: 'Every template tab is already there.' });
    expect(snapshot(addon)).toEqual(before);
    expect(addon.spreadsheet.toasts.at(-1)?.message).toBe('Every template tab is already there.');
  });

  test('the Settings tab: key / value rows written from the saved settings; saving again rewrites the values', () => {
    const addon = loadAddon();
    const saved = addon.runFromSidebar('saveSettings', {
      engine: { base_currency: 'EUR', churn_recognition: 'service_period_end', auto_churn: 30, sac_window_minutes: 15, transaction_fees: 'deduct' },
    }) as { errors: string[] };
    expect(saved.errors).toEqual([]);
    addon.call('createTemplateTabs');
    const sheet = addon.spreadsheet.getSheetByName('Settings')!;
    const tz = addon.spreadsheet.getSpreadsheetTimeZone();
    const rows = () => sheet.getDataRange().getValues().map((r) => r.map((v) => plain(v, tz)));
    expect(rows()).toEqual([
      ['Key', 'Value'], ['base_currency', 'EUR'], ['churn_recognition', 'service_period_end'], ['auto_churn', 30],
      ['sac_window_minutes', 15], ['transaction_fees', 'deduct'],
    ]);
    expect(sheet.getFrozenRows()).toBe(1);
    expect(json(sheet.getRange(2, 1, SETTING_KEYS.length, 1).getNotes()).every(([n]) => n.length > 10)).toBe(true);
    expect(sheet.getRange('A5').getNote()).toBe('Smart grouping window (minutes): sac_window_minutes must be a whole number of minutes from 0 to 1440.');
    expect(sheet.getRange('B3').getDataValidation()?.getCriteriaType()).toBe('VALUE_IN_LIST');
    // Saving the settings from the sidebar: the tab follows; a row the user added stays.
    sheet.getRange('A8:B8').setValues([['my own key', '=1+2']]);
    addon.runFromSidebar('saveSettings', { engine: { base_currency: 'USD', auto_churn: 'missing_renewal' } });
    expect(rows().slice(1, 6)).toEqual([
      ['base_currency', 'USD'], ['churn_recognition', 'cancellation'], ['auto_churn', 'missing_renewal'],
      ['sac_window_minutes', 60], ['transaction_fees', 'ignore'],
    ]);
    expect(sheet.getRange('B8').getFormula()).toBe('=1+2');
    // A Settings tab missing a key gets that key only.
    sheet.deleteRow(4);
    const again = addon.call('createTemplateTabs') as { extended: { tab: string; columns: string[] }[] };
    expect(again.extended).toEqual([{ tab: 'Settings', columns: ['auto_churn'] }]);
    expect(sheet.getRange('B2').getValue()).toBe('USD');
  });
});
