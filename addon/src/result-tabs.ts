/**
 * The result tabs (MRR with its two charts, Customer Metrics, Movements, Subscriptions):
 * each rewritten with one setValues per block, text from the data never turned into a
 * formula, and the sync time in a note on A1.
 */
import {
  arrOf, type CustomerRow, type Headline, type MovementRow, type SeriesEntry, type SubscriptionRow, type SyncResults,
} from '../../shared/index.ts';

export const RESULT_TABS = {
  mrr: 'MRR',
  customers: 'Customer Metrics',
  movements: 'Movements',
  subscriptions: 'Subscriptions',
} as const;

/**
 * Text from the data, written as that text: Sheets parses what a script writes like typing, so
 * '=x' / '+x' / '-x' / '@x' would become formulas and '007', 'TRUE', '12%', '2024-01-01' numbers,
 * booleans or dates. A leading apostrophe keeps any of them text (and is not part of the value).
 */
export function safeText(value: string | null): string {
  if (value === null || value === '') return '';
  return `'${value}`;
}

const units = (cents: number) => cents / 100;
const MONEY = '#,##0.00';
const DATE = 'yyyy-mm-dd';
/** What Sheets reports for a cell with no format of its own. */
const AUTOMATIC = '0.###############';

/**
 * A report day (YYYY-MM-DD) as the Date of its midnight in the spreadsheet's zone, which Sheets
 * stores as that day (a text would be parsed by the sheet's locale). One service call per day.
 */
function dayCells(timeZone: string): (day: string | null) => Date | null {
  const known = new Map<string, Date>();
  return (day) => {
    if (day === null || day === '') return null;
    let date = known.get(day);
    if (!date) known.set(day, (date = Utilities.parseDate(day, timeZone, 'yyyy-MM-dd')));
    return date;
  };
}

type Day = (day: string | null) => Date | null;

interface Block {
  headers: string[];
  rows: (string | number | Date | null)[][];
  formats?: (string | null)[];
}

function ensureSize(sheet: GoogleAppsScript.Spreadsheet.Sheet, rows: number, columns: number) {
  if (sheet.getMaxRows() < rows) sheet.insertRowsAfter(sheet.getMaxRows(), rows - sheet.getMaxRows());
  if (sheet.getMaxColumns() < columns) sheet.insertColumnsAfter(sheet.getMaxColumns(), columns - sheet.getMaxColumns());
}

function writeBlock(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, tab: string, block: Block, note: string) {
  const sheet = ss.getSheetByName(tab) ?? ss.insertSheet(tab);
  sheet.clearContents();
  const rows = block.rows.length + 1;
  const columns = block.headers.length;
  ensureSize(sheet, rows, columns);
  const values = [block.headers, ...block.rows.map((r) => r.map((v) => (v === null ? '' : v)))];
  sheet.getRange(1, 1, rows, columns).setValues(values);
  if (block.formats && block.rows.length > 0) {
    const formats = block.rows.map(() => block.formats!.map((f) => f ?? AUTOMATIC));
    sheet.getRange(2, 1, block.rows.length, columns).setNumberFormats(formats);
  }
  sheet.getRange(1, 1, 1, columns).setFontWeight('bold');
  sheet.setFrozenRows(1);
  sheet.getRange(1, 1).setNote(note);
  return sheet;
}

const SERIES_HEADERS = [
  'Date', 'MRR', 'ARR', 'New business', 'Expansion', 'Contraction', 'Churn', 'Reactivation', 'FX impact', 'Customers',
  'ARPA', 'ASP', 'Customer churn %', 'MRR churn %', 'Gross MRR churn %', 'LTV', 'Subscriptions', 'Quantity',
  'Gross cash flow', 'Refunds', 'Net cash flow', 'Non-recurring cash flow', 'Failed transactions', 'Leads', 'Trials',
];
const CUSTOMER_HEADERS = ['External ID', 'Name', 'Status', 'MRR', 'ARR', 'Subscriber since', 'Net payments', 'Subscriptions', 'Quantity'];
const MOVEMENT_HEADERS = ['Date', 'Customer', 'Subscription', 'Type', 'Amount', 'Customer MRR after'];
const SUBSCRIPTION_HEADERS = ['External ID', 'Customer', 'Set', 'Status', 'Plan', 'MRR', 'Quantity', 'Start', 'Paid through', 'Cancelled at'];

/** The MRR tab's charts sit beside the series, a blank column apart, over columns of the sheet. */
const CHART_COLUMNS = 6;

export function writeSeries(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, series: SeriesEntry[], note: string, day: Day) {
  const headers = SERIES_HEADERS;
  const rows = series.map((e) => [
    day(e.date), units(e.mrr), units(e.arr), units(e.new_biz), units(e.expansion), units(e.contraction), units(e.churn),
    units(e.reactivation), units(e.fx_impact), e.customers, units(e.arpa), units(e.asp), e.customer_churn_rate,
    e.mrr_churn_rate, e.gross_mrr_churn_rate, e.ltv === null ? '' : units(e.ltv), e.subscriptions, e.quantity,
    units(e.gross_cash_flow), units(e.refunds), units(e.net_cash_flow), units(e.non_recurring_cash_flow),
    e.failed_transactions, e.leads, e.trials,
  ]);
  const money = [1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 15, 18, 19, 20, 21];
  const formats = headers.map((_, i) => (i === 0 ? DATE : money.includes(i) ? MONEY : i >= 12 && i <= 14 ? '0.00' : null));
  const sheet = writeBlock(ss, RESULT_TABS.mrr, { headers, rows, formats }, note);
  for (const chart of sheet.getCharts()) sheet.removeChart(chart);
  if (series.length === 0) return;
  const n = series.length + 1;
  const chartColumn = headers.length + 2;
  ensureSize(sheet, 0, chartColumn + CHART_COLUMNS - 1);
  sheet.insertChart(
    sheet.newChart().setChartType(Charts.ChartType.LINE)
      .addRange(sheet.getRange(1, 1, n, 2))
      .setPosition(2, chartColumn, 0, 0)
      .setOption('title', 'MRR')
      .build(),
  );
  sheet.insertChart(
    sheet.newChart().setChartType(Charts.ChartType.COLUMN)
      .addRange(sheet.getRange(1, 1, n, 1))
      .addRange(sheet.getRange(1, 4, n, 5))
      .setOption('isStacked', true)
      .setOption('title', 'MRR movements')
      .setPosition(22, chartColumn, 0, 0)
      .build(),
  );
}

export function writeCustomers(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, customers: CustomerRow[], note: string, day: Day) {
  writeBlock(ss, RESULT_TABS.customers, {
    headers: CUSTOMER_HEADERS,
    rows: customers.map((c) => [
      safeText(c.external_id), safeText(c.name), c.status, units(c.mrr), units(c.arr), day(c.subscriber_since),
      units(c.net_payments), c.subscriptions, c.quantity,
    ]),
    formats: [null, null, null, MONEY, MONEY, DATE, MONEY, null, null],
  }, note);
}

export function writeMovements(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, movements: MovementRow[], note: string, day: Day) {
  writeBlock(ss, RESULT_TABS.movements, {
    headers: MOVEMENT_HEADERS,
    rows: movements.map((m) => [
      day(m.date), safeText(m.customer_external_id), safeText(m.subscription_external_id), m.type, units(m.amount),
      units(m.customer_mrr_after),
    ]),
    formats: [DATE, null, null, null, MONEY, MONEY],
  }, note);
}

export function writeSubscriptions(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, subscriptions: SubscriptionRow[], note: string, day: Day) {
  writeBlock(ss, RESULT_TABS.subscriptions, {
    headers: SUBSCRIPTION_HEADERS,
    rows: subscriptions.map((s) => [
      safeText(s.external_id), safeText(s.customer_external_id), safeText(s.set_external_id), s.status,
      safeText(s.plan_external_id), units(s.mrr), s.quantity, day(s.started_at), day(s.paid_through), day(s.cancelled_at),
    ]),
    formats: [null, null, null, null, null, MONEY, null, DATE, DATE, DATE],
  }, note);
}

/** One result tab to write: its size in cells (values), and the write. */
export interface TabWrite {
  tab: string;
  cells: number;
  write(): void;
}

/** The result tabs' writes, in order; a sync may spread them over executions. */
export function resultTabWrites(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, results: SyncResults, syncedAt: string): TabWrite[] {
  const note = `Written by Mogul at ${syncedAt} (as of ${results.as_of}, ${results.currency}). Rewritten on every sync: do not edit.`;
  const day = dayCells(ss.getSpreadsheetTimeZone());
  return [
    { tab: RESULT_TABS.mrr, cells: (results.series.length + 1) * SERIES_HEADERS.length, write: () => writeSeries(ss, results.series, note, day) },
    { tab: RESULT_TABS.customers, cells: (results.customers.length + 1) * CUSTOMER_HEADERS.length, write: () => writeCustomers(ss, results.customers, note, day) },
    { tab: RESULT_TABS.movements, cells: (results.movements.length + 1) * MOVEMENT_HEADERS.length, write: () => writeMovements(ss, results.movements, note, day) },
    {
      tab: RESULT_TABS.subscriptions, cells: (results.subscriptions.length + 1) * SUBSCRIPTION_HEADERS.length,
      write: () => writeSubscriptions(ss, results.subscriptions, note, day),
    },
  ];
}

export function headlineOf(results: SyncResults, syncedAt: string): Headline {
  const last = results.series[results.series.length - 1];
  const mrr = results.customers.reduce((sum, c) => sum + c.mrr, 0);
  return {
    asOf: results.as_of,
    currency: results.currency,
    mrr,
    arr: arrOf(mrr),
    customers: results.customers.filter((c) => c.status === 'Active' || c.status === 'Past due').length,
    lastMonth: last
      ? { date: last.date, newBiz: last.new_biz, expansion: last.expansion, contraction: last.contraction, churn: last.churn, reactivation: last.reactivation }
      : null,
    syncedAt,
  };
}

export function writeResults(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, results: SyncResults, syncedAt: string): Headline {
  for (const tab of resultTabWrites(ss, results, syncedAt)) tab.write();
  return headlineOf(results, syncedAt);
}
