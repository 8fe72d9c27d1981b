// What the e2e tests do to a fake spreadsheet as a user would (type CSV cells into tabs), and
// how they read the result tabs back into plain rows to compare with `mogul report`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { buildFolderReport, parseReportArgs } from '../../api/cli/report-command.ts';
import { GOLDEN_DIR } from '../../api/cli/golden-dir.ts';
import {
  DATASET_FILES, DATASET_NAMES, DATASET_TABS, type DatasetName, type Report, type SyncState,
} from '../../shared/index.ts';
import type { Addon } from '../testing/harness.ts';

export { GOLDEN_DIR };

export type Row = (string | number | boolean)[];

/** The as-of day a golden case's expected.json was made with. */
export function goldenAsOf(name: string): string {
  const args = JSON.parse(readFileSync(join(GOLDEN_DIR, name, 'expected.json'), 'utf8')).args as string[];
  return args[args.indexOf('--as-of') + 1];
}

/** `mogul report <dir> --as-of day` (default series start and interval, as the API uses), and a --segment. */
export function reportOf(dir: string, asOf: string, segment?: string): Report {
  return buildFolderReport(parseReportArgs([dir, '--as-of', asOf, ...(segment ? ['--segment', segment] : [])], 0)).report;
}

/** The --segment a golden case's expected.json was made with, if any. */
export function goldenSegment(name: string): string | undefined {
  const args = JSON.parse(readFileSync(join(GOLDEN_DIR, name, 'expected.json'), 'utf8')).args as string[];
  return args.includes('--segment') ? args[args.indexOf('--segment') + 1] : undefined;
}

/** A cohort table with money in units, as the Cohorts tab shows it (period dates: each period's end, clipped to as-of). */
export type CohortRows = { cohort: string; size: number; mrr_start: number; periods: { period: number; date: string; customers: number; mrr: number; customer_retention: number; mrr_retention: number }[] }[];

export function expectedCohorts(report: Report): CohortRows {
  return report.cohorts.map((c) => ({
    cohort: c.cohort, size: c.size, mrr_start: money(c.mrr_start),
    periods: c.periods.map((p) => ({ ...p, mrr: money(p.mrr) })),
  }));
}

/** The month end k months after a cohort's first day, clipped to as-of. */
function periodEnd(cohort: string, k: number, asOf: string): string {
  const [y, m] = cohort.split('-').map(Number);
  const end = new Date(Date.UTC(y, m - 1 + k + 1, 0)).toISOString().slice(0, 10);
  return end < asOf ? end : asOf;
}

/** The Cohorts tab read back: its four blocks (retention in %, customers, MRR) put together per cohort. */
export function actualCohorts(addon: Addon, asOf: string): CohortRows {
  const tz = addon.spreadsheet.getSpreadsheetTimeZone();
  const rows = addon.spreadsheet.getSheetByName('Cohorts')!.getDataRange().getValues().map((r) => r.map((v) => plain(v, tz)));
  const block = (title: string) => {
    const top = rows.findIndex((r) => r[0] === title);
    const out: Row[] = [];
    for (let r = top + 2; r < rows.length && /^\d{4}-\d{2}-\d{2}$/.test(String(rows[r][0])); r++) out.push(rows[r]);
    return out;
  };
  const [customerRetention, mrrRetention, customers, mrr] = ['Customer retention', 'MRR retention', 'Active customers', 'MRR'].map(block);
  return customerRetention.map((row, i) => ({
    cohort: String(row[0]), size: Number(row[1]), mrr_start: Number(mrrRetention[i][1]),
    periods: row.slice(2).flatMap((v, k) => (v === '' ? [] : [{
      period: k, date: periodEnd(String(row[0]), k, asOf), customers: Number(customers[i][k + 2]), mrr: Number(mrr[i][k + 2]),
      customer_retention: Number(v), mrr_retention: Number(mrrRetention[i][k + 2]),
    }])),
  }));
}

/** Types rows into a tab (made if missing): every value goes in as text, as a person types it. */
export function typeRows(addon: Addon, tab: string, rows: string[][], firstRow = 1): void {
  const ss = addon.spreadsheet;
  const sheet = ss.getSheetByName(tab) ?? ss.insertSheet(tab);
  const width = Math.max(...rows.map((r) => r.length));
  const lastRow = firstRow + rows.length - 1;
  if (sheet.getMaxRows() < lastRow) sheet.insertRowsAfter(sheet.getMaxRows(), lastRow - sheet.getMaxRows());
  if (sheet.getMaxColumns() < width) sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());
  sheet.getRange(firstRow, 1, rows.length, width).setValues(rows.map((r) => [...r, ...Array(width - r.length).fill('')]));
}

/** The CSV files of a folder typed into their tabs. Returns the datasets filled. */
export function fillFromFolder(addon: Addon, dir: string): DatasetName[] {
  const filled: DatasetName[] = [];
  for (const dataset of DATASET_NAMES) {
    const path = join(dir, DATASET_FILES[dataset]);
    if (!existsSync(path)) continue;
    const parsed = Papa.parse<string[]>(readFileSync(path, 'utf8'), { skipEmptyLines: true });
    typeRows(addon, DATASET_TABS[dataset], parsed.data);
    filled.push(dataset);
  }
  return filled;
}

export function goldenCases(): string[] {
  return readdirSync(GOLDEN_DIR).filter((n) => existsSync(join(GOLDEN_DIR, n, 'expected.json'))).sort();
}

/** A cell as plain data: a Date cell becomes its calendar day in the spreadsheet's zone. */
export function plain(value: unknown, timeZone: string): string | number | boolean {
  if (Object.prototype.toString.call(value) === '[object Date]') {
    const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(value as Date);
    const get = (t: string) => parts.find((p) => p.type === t)!.value;
    return `${get('year')}-${get('month')}-${get('day')}`;
  }
  return value as string | number | boolean;
}

/** A result tab's data rows (header dropped), dates as YYYY-MM-DD. */
export function tabRows(addon: Addon, tab: string): Row[] {
  const sheet = addon.spreadsheet.getSheetByName(tab);
  if (!sheet) throw new Error(`No tab ${tab}`);
  const tz = addon.spreadsheet.getSpreadsheetTimeZone();
  return sheet.getDataRange().getValues().slice(1).map((r) => r.map((v) => plain(v, tz)));
}

const money = (cents: number) => cents / 100;
const orEmpty = <T>(v: T | null) => (v === null ? '' : v);

/**
 * What each result tab should hold for a report (rows sorted, for set comparison). With a
 * Segment, the series and movements are the segment report's (`narrowed`).
 */
export function expectedTabs(report: Report, narrowed: Report = report): Record<'customers' | 'subscriptions' | 'movements' | 'series', Row[]> {
  const sort = (rows: Row[]) => rows.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  return {
    customers: sort(report.customers.map((c) => [
      c.external_id, c.name, c.status, money(c.mrr), money(c.arr), orEmpty(c.subscriber_since), money(c.net_payments), c.subscriptions, c.quantity,
    ])),
    subscriptions: sort(report.subscriptions.map((s) => [
      s.external_id, s.customer_external_id, orEmpty(s.set_external_id), s.status, orEmpty(s.plan_external_id), money(s.mrr), s.quantity,
      s.started_at, orEmpty(s.paid_through), orEmpty(s.cancelled_at),
    ])),
    movements: sort(narrowed.movements.map((m) => [
      m.date, m.customer_external_id, m.subscription_external_id, m.type, money(m.amount), money(m.customer_mrr_after),
    ])),
    series: narrowed.series.map((e) => [
      e.date, money(e.mrr), money(e.arr), money(e.new_biz), money(e.expansion), money(e.contraction), money(e.churn),
      money(e.reactivation), money(e.fx_impact), e.customers, money(e.arpa), money(e.asp), e.customer_churn_rate,
      e.mrr_churn_rate, e.gross_mrr_churn_rate, e.ltv === null ? '' : money(e.ltv), e.subscriptions, e.quantity,
      money(e.gross_cash_flow), money(e.refunds), money(e.net_cash_flow), money(e.non_recurring_cash_flow),
      e.failed_transactions, e.leads, e.trials, money(e.segment_entry), money(e.segment_exit), e.net_mrr_retention,
      e.gross_mrr_retention, e.quick_ratio ?? '', e.trials_converted, e.trial_to_paid_rate, e.avg_sales_cycle_days ?? '',
    ]),
  };
}

/** The four result tabs as rows, in the same shape and order as expectedTabs. */
export function actualTabs(addon: Addon): ReturnType<typeof expectedTabs> {
  const sort = (rows: Row[]) => rows.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  return {
    customers: sort(tabRows(addon, 'Customer Metrics')),
    subscriptions: sort(tabRows(addon, 'Subscriptions')),
    movements: sort(tabRows(addon, 'Movements')),
    series: tabRows(addon, 'MRR'),
  };
}

/** Settings for the API, then startSync and continueSync (as the sidebar calls) until it ends. */
export function syncToApi(addon: Addon, api: { url: string; key: string }, maxCalls = 50): SyncState {
  connect(addon, api);
  let state = addon.runFromSidebar('startSync') as SyncState;
  for (let i = 0; i < maxCalls && state.status === 'running'; i++) state = addon.runFromSidebar('continueSync') as SyncState;
  return state;
}

export function connect(addon: Addon, api: { url: string; key: string }, source = 'Sheets e2e'): void {
  const saved = addon.runFromSidebar('saveSettings', { apiUrl: api.url, apiKey: api.key, source }) as { errors: string[] };
  if (saved.errors.length > 0) throw new Error(saved.errors.join('; '));
}

/** Same shape for the custom functions' answers: dates in a table as YYYY-MM-DD. */
export function plainTable(value: unknown, timeZone: string): unknown {
  return Array.isArray(value) ? value.map((r) => (Array.isArray(r) ? r.map((v) => plain(v, timeZone)) : plain(r, timeZone))) : plain(value, timeZone);
}

export function utcDay(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}
