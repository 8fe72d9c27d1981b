// The Customer tab: after Compute in this sheet, picking a customer in B1 (as a person does,
// outside any script) shows that customer's profile, computed by the tab's own formulas over the
// result tabs: no script runs and no server is called. What it shows must be the customer's
// figures of `mogul report`, its rows, and its details from the CSVs.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildAddon } from '../build.mjs';
import { loadAddon, type Addon } from '../testing/harness.ts';
import { expectedProfile, readCustomerTab } from './profile.test-util.ts';
import { fillFromFolder, GOLDEN_DIR, goldenAsOf, reportOf } from './sheet.test-util.ts';

/** A small company whose customers have every detail the tab shows, and IDs that are easy to confuse. */
const COMPANY: Record<string, string> = {
  'customers.csv': [
    'Name,Email,Company,Country,State,City,Zip,External ID,Lead created at,Free trial started at,Tags,Attribute: Industry,Attribute: Seats',
    '"Acme, Inc.",ada@acme.example,Acme,US,CA,San Francisco,94107,acme,2024-01-02,2024-01-05,"vip, beta",SaaS,50',
    '@home GmbH,,,DE,,Berlin,,de-1,,,,Retail,',
    'Lower,,,,,,,a1,,,,,',
    'Upper,,,,,,,A1,,,,,',
  ].join('\n'),
  'contacts.csv': [
    'Customer external ID,First name,Last name,Title,Email',
    'acme,Ada,Lovelace,CTO,ada@acme.example',
    'acme,Bob,Second,,bob@acme.example',
  ].join('\n'),
  'plans.csv': 'Name,Interval count,Interval unit,Plan ID\nPro,1,month,pro',
  'invoices.csv': [
    'Customer external ID,Invoice external ID,Invoiced date,Due Date,Currency',
    'acme,i1,2024-01-10,,USD', 'acme,i2,2024-02-10,,USD', 'a1,i3,2024-01-15,,USD', 'A1,i4,2024-02-01,,USD',
  ].join('\n'),
  'line_items.csv': [
    'Invoice external ID,External ID,Subscription external ID,Type,Amount in cents,Plan,Service period start,Service period end,Proration',
    'i1,l1,acme-s,Subscription,5000,pro,2024-01-10,2024-02-10,false',
    'i2,l2,acme-s,Subscription,8000,pro,2024-02-10,2024-03-10,false',
    'i2,l5,,OneTime,1500,,,,false',
    'i3,l3,a1-s,Subscription,1000,pro,2024-01-15,2024-02-15,false',
    'i4,l4,A1-s,Subscription,2000,pro,2024-02-01,2024-03-01,false',
  ].join('\n'),
  'transactions.csv': [
    'Invoice external ID,External ID,Type,Result,Date,Amount in cents',
    'i1,t1,payment,successful,2024-01-10,', 'i2,t2,payment,failed,2024-02-10,', 'i2,t3,payment,successful,2024-02-12,',
    'i2,t4,refund,successful,2024-02-20,1500',
  ].join('\n'),
};
const COMPANY_AS_OF = '2024-02-25';

let companyDir: string;
beforeAll(async () => {
  await buildAddon({ dev: true });
  companyDir = mkdtempSync(join(tmpdir(), 'mogul-customer-tab-'));
  for (const [file, text] of Object.entries(COMPANY)) writeFileSync(join(companyDir, file), `${text}\n`);
}, 120_000);
afterAll(() => rmSync(companyDir, { recursive: true, force: true }));

function computed(dir: string, asOf: string, timeZone = 'Europe/Berlin'): Addon {
  const addon = loadAddon({ timeZone, now: Date.parse(`${asOf}T12:00:00Z`) });
  fillFromFolder(addon, dir);
  const out = addon.runFromSidebar('computeLocally') as { summary: { errors: number; firstErrors: unknown[] } };
  expect(out.summary.firstErrors).toEqual([]);
  return addon;
}

/** Picks a customer in B1 as a person does, outside any script (B1 is a plain-text cell). */
function pick(addon: Addon, id: string): void {
  addon.spreadsheet.getSheetByName('Customer')!.getRange('B1').setValue(id);
}

describe('the Customer tab', () => {
  for (const [label, dir, asOf, zone] of [
    ['a company with every detail', () => companyDir, COMPANY_AS_OF, 'America/Los_Angeles'],
    ['06-lifecycle', () => join(GOLDEN_DIR, '06-lifecycle'), goldenAsOf('06-lifecycle'), 'Europe/Berlin'],
    ['13-one-time-and-cash', () => join(GOLDEN_DIR, '13-one-time-and-cash'), goldenAsOf('13-one-time-and-cash'), 'Asia/Kolkata'],
  ] as const) {
    test(`${label}: each customer picked in B1 shows its own profile, with no script and no server`, () => {
      const addon = computed(dir(), asOf, zone);
      const report = reportOf(dir(), asOf);
      const executions = addon.rt.executions;
      for (const c of report.customers) {
        pick(addon, c.external_id);
        expect(readCustomerTab(addon), c.external_id).toEqual(expectedProfile(dir(), asOf, c.external_id));
      }
      expect(addon.rt.executions, 'picking a customer runs no script').toBe(executions);
      expect(addon.urlFetch.calls).toBe(0);
    });
  }

  test('B1 is a dropdown of every customer; an unknown or empty pick shows nothing, not another customer', () => {
    const addon = computed(companyDir, COMPANY_AS_OF);
    const sheet = addon.spreadsheet.getSheetByName('Customer')!;
    const rule = sheet.getRange('B1').getDataValidation()!;
    expect(rule.getCriteriaType()).toBe('VALUE_IN_RANGE');
    const [range] = rule.getCriteriaValues() as [{ getA1Notation(): string; getSheet(): { getName(): string }; getValues(): unknown[][] }];
    expect(`${range.getSheet().getName()}!${range.getA1Notation()}`).toBe('Customer Metrics!A2:A1000');
    const listed = range.getValues().map((r) => r[0]).filter((v) => v !== '');
    expect(listed).toEqual(reportOf(companyDir, COMPANY_AS_OF).customers.map((c) => c.external_id));
    expect(rule.getAllowInvalid()).toBe(false);
    pick(addon, 'nobody');
    const nobody = readCustomerTab(addon);
    expect(nobody.figures).toEqual({ MRR: '', ARR: '', 'Net payments': '', 'Subscriber since': '', Status: '' });
    expect(nobody.blocks.Subscriptions).toEqual([['No subscriptions', '', '', '', '', '', '', '', '']]);
    sheet.getRange('B1').setValue('');
    expect(readCustomerTab(addon).blocks['MRR movements']).toEqual([]);
  });

  test('the pick survives the next computation; the MRR chart draws the month-end block', () => {
    const addon = computed(companyDir, COMPANY_AS_OF);
    pick(addon, 'A1');
    addon.runFromSidebar('computeLocally');
    const sheet = addon.spreadsheet.getSheetByName('Customer')!;
    expect(sheet.getRange('B1').getValue()).toBe('A1');
    expect(readCustomerTab(addon)).toEqual(expectedProfile(companyDir, COMPANY_AS_OF, 'A1'));
    const charts = sheet.getCharts();
    expect(charts).toHaveLength(1);
    const values = sheet.getDataRange().getValues();
    const monthsRow = values.findIndex((r) => r.includes('MRR by month')) + 2;
    const monthsColumn = values[monthsRow - 2].indexOf('MRR by month') + 1;
    const months = reportOf(companyDir, COMPANY_AS_OF).series.length;
    expect(charts[0].getType()).toBe('LINE');
    expect(charts[0].rangeNotations()).toEqual([sheet.getRange(monthsRow, monthsColumn, months + 1, 2).getA1Notation()].map((a) => `Customer!${a}`));
    // Its formulas are Sheets' own: none calls a Mogul function (which would need a refresh).
    const formulas = sheet.getDataRange().getFormulas().flat().filter((f) => f !== '');
    expect(formulas.length).toBeGreaterThan(20);
    expect(formulas.filter((f) => /\b(MRR|ARR|CUSTOMER_STATUS|MRR_MOVEMENTS)\(/.test(f.replace(/'[^']*'!/g, '')))).toEqual([]);
  });
});
