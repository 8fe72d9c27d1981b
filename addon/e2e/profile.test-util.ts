// The Customer tab read back as a person sees it (the fake evaluates its FILTER formulas), and
// the profile it should show for a customer, made from `mogul report` and the folder's CSVs.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { buildFolderReport, parseReportArgs } from '../../api/cli/report-command.ts';
import { loadFolder } from '../../api/cli/load-folder.ts';
import { checkReferences, createEngineContext, endOfDay, parseDateOnly, transactionRows, type Report } from '../../shared/index.ts';
import type { Addon } from '../testing/harness.ts';
import { plain, type Row } from './sheet.test-util.ts';

export const BLOCK_TITLES = ['Subscriptions', 'MRR movements', 'Revenue recognition schedule', 'Transactions', 'MRR by month'] as const;

export interface Profile {
  name: unknown;
  figures: Record<string, unknown>;
  details: Record<string, unknown>;
  blocks: Record<(typeof BLOCK_TITLES)[number], Row[]>;
}

/** What the Customer tab shows now: its figures, details and each block's rows (up to the first blank row). */
export function readCustomerTab(addon: Addon): Profile {
  const tz = addon.spreadsheet.getSpreadsheetTimeZone();
  const sheet = addon.spreadsheet.getSheetByName('Customer')!;
  const values = sheet.getDataRange().getValues().map((r) => r.map((v) => plain(v, tz)));
  const figures: Record<string, unknown> = {};
  values[2].forEach((label, i) => { if (label !== '') figures[String(label)] = values[3][i]; });
  const details: Record<string, unknown> = {};
  const detailsRow = values.findIndex((r) => r[0] === 'Details');
  for (let r = detailsRow + 1; r < values.length && values[r][0] !== ''; r++) details[String(values[r][0])] = values[r][1];
  const blocks = {} as Profile['blocks'];
  for (const title of BLOCK_TITLES) {
    const top = values.findIndex((r) => r.includes(title));
    const left = values[top].indexOf(title);
    let width = 0;
    while (left + width < values[top + 1].length && values[top + 1][left + width] !== '') width++;
    const rows: Row[] = [];
    for (let r = top + 2; r < values.length; r++) {
      const row = values[r].slice(left, left + width);
      if (row.every((v) => v === '')) break;
      rows.push(row);
    }
    blocks[title] = rows;
  }
  return { name: values[0][2], figures, details, blocks };
}

const money = (cents: number) => cents / 100;
const orEmpty = <T>(v: T | null | undefined) => (v === null || v === undefined ? '' : v);

function reportOf(dir: string, asOf: string): Report {
  return buildFolderReport(parseReportArgs([dir, '--as-of', asOf, '--revenue'], 0)).report;
}

function csvRows(path: string): Record<string, string>[] {
  if (!existsSync(path)) return [];
  return Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true }).data;
}

/** The profile of a customer as of a day: from the report, the engine's transactions and the CSVs. */
export function expectedProfile(dir: string, asOf: string, id: string): Profile {
  const report = reportOf(dir, asOf);
  const customer = report.customers.find((c) => c.external_id === id)!;
  const folder = loadFolder(dir);
  const day = parseDateOnly(asOf)!;
  const { data } = checkReferences(folder.parsed, folder.settings.settings, { asOfEnd: endOfDay(day) });
  const transactions = transactionRows(data, createEngineContext(data, folder.settings.settings, day)).filter((t) => t.customer_external_id === id);
  const row = csvRows(join(dir, 'customers.csv')).find((r) => r['External ID'] === id) ?? {};
  const contact = csvRows(join(dir, 'contacts.csv')).find((r) => r['Customer external ID'] === id);
  const given = (parts: (string | undefined)[], sep: string) => parts.filter((p) => p !== undefined && p !== '').join(sep);
  const attributes = Object.keys(row).filter((k) => k.startsWith('Attribute: ') && row[k] !== '').map((k) => `${k.slice(11)}: ${row[k]}`);
  const none = (text: string, width: number): Row[] => [[text, ...Array(width - 1).fill('')]];
  const subscriptions = report.subscriptions.filter((s) => s.customer_external_id === id);
  const movements = report.movements.filter((m) => m.customer_external_id === id);
  const revenue = (report.revenue ?? []).filter((r) => r.customer_external_id === id);
  return {
    name: customer.name,
    figures: {
      MRR: money(customer.mrr), ARR: money(customer.arr), 'Net payments': money(customer.net_payments),
      'Subscriber since': orEmpty(customer.subscriber_since), Status: customer.status,
    },
    details: {
      Contact: contact ? given([given([contact['First name'], contact['Last name']], ' '), contact.Title && `(${contact.Title})`], ' ') : '',
      'Contact email': contact?.Email ?? '',
      Email: row.Email ?? '',
      Company: row.Company ?? '',
      'Lead created': (row['Lead created at'] ?? '').slice(0, 10),
      'Trial started': (row['Free trial started at'] ?? '').slice(0, 10),
      Location: given([row.City, row.State, row.Zip, row.Country], ', '),
      'External ID': id,
      Tags: given((row.Tags ?? '').split(',').map((t) => t.trim()), ', '),
      Attributes: attributes.join('\n'),
    },
    blocks: {
      Subscriptions: subscriptions.length === 0 ? none('No subscriptions', 9) : subscriptions.map((s) => [
        s.external_id, orEmpty(s.set_external_id), s.status, orEmpty(s.plan_external_id), money(s.mrr), s.quantity, s.started_at,
        orEmpty(s.paid_through), orEmpty(s.cancelled_at),
      ]),
      'MRR movements': movements.length === 0 ? none('No movements', 5) : movements.map((m) => [
        m.date, m.subscription_external_id, m.type, money(m.amount), money(m.customer_mrr_after),
      ]),
      'Revenue recognition schedule': revenue.length === 0 ? none('No revenue', 2) : revenue.map((r) => [`${r.month}-01`, money(r.amount)]),
      Transactions: transactions.length === 0 ? none('No transactions', 5) : transactions.map((t) => [
        t.date, t.invoice_external_id, t.type, t.result, money(t.amount),
      ]),
      // The customer's MRR at each month end, as `mogul report --as-of <that day>` says.
      'MRR by month': report.series.map((e) => [e.date, money(reportOf(dir, e.date).customers.find((c) => c.external_id === id)!.mrr)]),
    },
  };
}
