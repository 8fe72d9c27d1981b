// The Mogul functions at a past date, through the built bundle after a sync to the API: every day
// of the history agrees with `mogul report --as-of` that day, "Past due" included (a renewal
// missed, auto-churn after 10 days), and money is whole cents until the cell.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { DAY_MS, formatDate, parseDateOnly } from '../../shared/index.ts';
import { loadAddon } from '../testing/harness.ts';
import { builtAddonWithApi } from './built-with-api.test-util.ts';
import { fillFromFolder, plainTable, reportOf, syncToApi, typeRows } from './sheet.test-util.ts';

const AS_OF = '2024-04-20';
const LINE_HEADERS = 'Invoice external ID,External ID,Subscription external ID,Subscription set external ID,Type,Amount in cents,Plan,' +
  'Service period start,Service period end,Quantity,Proration,Proration type,Discount code,Discount amount,Tax amount,' +
  'Description,Discount description,Transaction fee,Transaction fees currency,Account Code,Event order,Balance transfer';
const line = (invoice: string, subscription: string, cents: number, start: string, end: string) =>
  `${invoice},,${subscription},,Subscription,${cents},m,${start},${end},1,FALSE,,,,,,,,,,,`;

/** late: two months paid, then no renewal (past due for 10 days, then churned); paid: renews on time, at odd cents. */
const FILES: Record<string, string> = {
  'customers.csv': 'Name,Email,Company,Country,State,City,Zip,External ID,Lead created at,Free trial started at\n' +
    'Late Ltd,,,,,,,late,,\nPaid Inc,,,,,,,paid,,\nLead Co,,,,,,,lead,,\n',
  'plans.csv': 'Name,Interval count,Interval unit,Plan ID\nMonthly,1,month,m\n',
  'invoices.csv': 'Customer external ID,Invoice external ID,Invoiced date,Due Date,Currency\n' +
    'late,L1,2024-01-01,,USD\nlate,L2,2024-02-01,,USD\n' +
    'paid,P1,2024-01-15,,USD\npaid,P2,2024-02-15,,USD\npaid,P3,2024-03-15,,USD\npaid,P4,2024-04-15,,USD\n',
  'line_items.csv': `${LINE_HEADERS}\n${[
    line('L1', 'ls', 10_001, '2024-01-01', '2024-02-01'),
    line('L2', 'ls', 10_001, '2024-02-01', '2024-03-01'),
    line('P1', 'ps', 3_333, '2024-01-15', '2024-02-15'),
    line('P2', 'ps', 3_333, '2024-02-15', '2024-03-15'),
    line('P3', 'ps', 6_667, '2024-03-15', '2024-04-15'),
    line('P4', 'ps', 6_667, '2024-04-15', '2024-05-15'),
  ].join('\n')}\n`,
  'settings.json': JSON.stringify({ auto_churn: 10 }),
};

const dir = mkdtempSync(join(tmpdir(), 'mogul-at-date-'));
for (const [name, text] of Object.entries(FILES)) writeFileSync(join(dir, name), text);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const api = builtAddonWithApi(AS_OF);

function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = parseDateOnly(from)!; d <= parseDateOnly(to)!; d += DAY_MS) out.push(formatDate(d));
  return out;
}

describe('Mogul functions at a past date', () => {
  test('every day agrees with mogul report as of that day, Past due included', () => {
    const addon = loadAddon({ timeZone: 'America/Los_Angeles', now: Date.parse(`${AS_OF}T15:00:00Z`) });
    fillFromFolder(addon, dir);
    const saved = addon.runFromSidebar('saveSettings', { engine: { auto_churn: 10 } }) as { errors: string[] };
    expect(saved.errors).toEqual([]);
    expect(syncToApi(addon, api).status).toBe('done');
    const tz = addon.spreadsheet.getSpreadsheetTimeZone();
    const cf = (fn: string, ...args: unknown[]) => plainTable(addon.callCustomFunction(fn, ...args), tz);

    const history = days('2023-12-30', AS_OF);
    typeRows(addon, 'Dates', history.map((d) => [d]));
    const statuses = new Set<unknown>();
    history.forEach((day, i) => {
      const date = addon.argOf(`Dates!A${i + 1}`);
      const then = reportOf(dir, day);
      for (const c of then.customers) {
        const status = cf('CUSTOMER_STATUS', c.external_id, date);
        expect(status, `CUSTOMER_STATUS(${c.external_id}, ${day})`).toBe(c.status);
        expect(cf('MRR', c.external_id, date), `MRR(${c.external_id}, ${day})`).toBe(c.mrr / 100);
        expect(cf('ARR', c.external_id, date), `ARR(${c.external_id}, ${day})`).toBe(c.arr / 100);
        if (day < AS_OF) statuses.add(status);
      }
      expect(cf('MRR_TOTAL', date), `MRR_TOTAL(${day})`).toBe(then.customers.reduce((sum, c) => sum + c.mrr, 0) / 100);
    });
    expect(statuses).toEqual(new Set(['Lead', 'Active', 'Past due', 'Cancelled']));
    // Whole cents to the cell: 33.33 + 100.01 is 133.34, not 133.34000000000003.
    expect(cf('MRR_TOTAL', addon.argOf('Dates!A50'))).toBe(133.34);
  });
});
