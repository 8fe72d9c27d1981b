/**
 * The result tabs (MRR with its two charts, Customer Metrics, Movements, Subscriptions, then
 * Cohorts, the Customer tab and the hidden tabs it reads): each rewritten with one setValues per
 * block, text from the data never turned into a formula, and the sync time in a note on A1.
 * A Segment narrows the MRR, Movements and Cohorts tabs, and their notes say so.
 */
import {
  arrOf, type CustomerRow, type Headline, type MovementRow, type SeriesEntry, type SubscriptionRow,
} from '../../shared/index.ts';
import { cohortCells, writeCohorts } from './cohorts-tab.ts';
import { DATE, dayCells, MONEY, safeText, units, writeBlock, ensureSize, type Day, type TabWrite } from './tab-writing.ts';
import { customerTabCells, writeCustomerTab } from './customer-tab.ts';
import { profileTabWrites } from './profile-tabs.ts';
import { type AllResults } from './results.ts';
import { RESULT_TABS } from './tab-names.ts';

export { RESULT_TABS, safeText, type TabWrite };

const SERIES_HEADERS = [
  'Date', 'MRR', 'ARR', 'New business', 'Expansion', 'Contraction', 'Churn', 'Reactivation', 'FX impact', 'Customers',
  'ARPA', 'ASP', 'Customer churn %', 'MRR churn %', 'Gross MRR churn %', 'LTV', 'Subscriptions', 'Quantity',
  'Gross cash flow', 'Refunds', 'Net cash flow', 'Non-recurring cash flow', 'Failed transactions', 'Leads', 'Trials',
  'Segment entry', 'Segment exit', 'Net MRR retention %', 'Gross MRR retention %', 'Quick ratio', 'Trials converted',
  'Trial-to-paid %', 'Avg sales cycle (days)',
];
/** Columns of the MRR tab the functions read (1-based). */
export const SERIES_COLUMNS = {
  date: 1, mrr: 2, newBiz: 4, expansion: 5, contraction: 6, churn: 7, reactivation: 8,
  netRetention: 28, grossRetention: 29, quickRatio: 30,
} as const;
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
    e.failed_transactions, e.leads, e.trials, units(e.segment_entry), units(e.segment_exit), e.net_mrr_retention,
    e.gross_mrr_retention, e.quick_ratio ?? '', e.trials_converted, e.trial_to_paid_rate, e.avg_sales_cycle_days ?? '',
  ]);
  const money = [1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 15, 18, 19, 20, 21, 25, 26];
  const twoDecimals = [12, 13, 14, 27, 28, 29, 31];
  const formats = headers.map((_, i) => (i === 0 ? DATE : money.includes(i) ? MONEY : twoDecimals.includes(i) ? '0.00' : i === 32 ? '0.0' : null));
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


/** What a tab's A1 note says: when it was written, for which day, and (for the narrowed tabs) which segment. */
export function tabNote(results: AllResults, syncedAt: string, narrowed: boolean): string {
  const shows = !narrowed ? '' : results.segment ? ` Segment: ${results.segment.text}.` : ' Whole business (no segment).';
  return `Written by Mogul at ${syncedAt} (as of ${results.whole.as_of}, ${results.whole.currency}).${shows} Rewritten on every sync: do not edit.`;
}

/** The result tabs' writes, in order; a sync may spread them over executions. */
export function resultTabWrites(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, results: AllResults, syncedAt: string): TabWrite[] {
  const note = tabNote(results, syncedAt, false);
  const narrowedNote = tabNote(results, syncedAt, true);
  const day = dayCells(ss.getSpreadsheetTimeZone());
  const { whole, segment } = results;
  const series = segment?.series ?? whole.series;
  const movements = segment?.movements ?? whole.movements;
  const cohorts = segment?.cohorts ?? whole.cohorts;
  return [
    { tab: RESULT_TABS.mrr, cells: (series.length + 1) * SERIES_HEADERS.length, write: () => writeSeries(ss, series, narrowedNote, day) },
    { tab: RESULT_TABS.customers, cells: (whole.customers.length + 1) * CUSTOMER_HEADERS.length, write: () => writeCustomers(ss, whole.customers, note, day) },
    { tab: RESULT_TABS.movements, cells: (movements.length + 1) * MOVEMENT_HEADERS.length, write: () => writeMovements(ss, movements, narrowedNote, day) },
    {
      tab: RESULT_TABS.subscriptions, cells: (whole.subscriptions.length + 1) * SUBSCRIPTION_HEADERS.length,
      write: () => writeSubscriptions(ss, whole.subscriptions, note, day),
    },
    {
      tab: RESULT_TABS.cohorts, cells: cohortCells(cohorts),
      write: () => writeCohorts(ss, cohorts, narrowedNote, day),
    },
    ...profileTabWrites(ss, results, note, day),
    { tab: RESULT_TABS.customer, cells: customerTabCells(results), write: () => writeCustomerTab(ss, results, note, day) },
  ];
}

/** The sidebar's figures: the whole business's (the Segment narrows tabs, not the headline). */
export function headlineOf(results: AllResults, syncedAt: string): Headline {
  const { whole } = results;
  const last = whole.series[whole.series.length - 1];
  const mrr = whole.customers.reduce((sum, c) => sum + c.mrr, 0);
  return {
    asOf: whole.as_of,
    currency: whole.currency,
    mrr,
    arr: arrOf(mrr),
    customers: whole.customers.filter((c) => c.status === 'Active' || c.status === 'Past due').length,
    lastMonth: last
      ? { date: last.date, newBiz: last.new_biz, expansion: last.expansion, contraction: last.contraction, churn: last.churn, reactivation: last.reactivation }
      : null,
    syncedAt,
  };
}

export function writeResults(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, results: AllResults, syncedAt: string): Headline {
  for (const tab of resultTabWrites(ss, results, syncedAt)) {
    tab.read?.run();
    tab.write();
  }
  return headlineOf(results, syncedAt);
}
