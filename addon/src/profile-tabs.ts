/**
 * The hidden tabs the Customer tab's formulas read (tab-names.ts PROFILE_TABS): one row per
 * customer's details, per customer and month of revenue, per transaction, and (while a Segment
 * narrows the Movements tab) per movement of every customer. Hidden because they are the Customer
 * tab's data, not a view; each has a note saying so.
 */
import type { MovementRow } from '../../shared/index.ts';
import { MONEY, DATE, safeText, units, writeBlock, type Day, type TabWrite } from './tab-writing.ts';
import type { AllResults, CustomerDetails } from './results.ts';
import { PROFILE_TABS, RESULT_TABS } from './tab-names.ts';

export const DETAIL_HEADERS = [
  'External ID', 'Name', 'Email', 'Company', 'Location', 'Lead created', 'Trial started', 'Contact', 'Contact email', 'Tags', 'Attributes',
];
export const REVENUE_HEADERS = ['Customer', 'Month', 'Amount'];
export const TRANSACTION_HEADERS = ['Customer', 'Date', 'Invoice', 'Type', 'Result', 'Amount'];
const MOVEMENT_HEADERS = ['Date', 'Customer', 'Subscription', 'Type', 'Amount', 'Customer MRR after'];
export const MONTH = 'mmm yyyy';

const hiddenNote = (note: string) => `${note} Hidden: the Customer tab reads it.`;

/**
 * Hidden, and only as wide as its columns: a spreadsheet holds 10 million cells, counted over
 * every tab's whole grid, and a new tab is 26 columns wide.
 */
function hide(sheet: GoogleAppsScript.Spreadsheet.Sheet): void {
  const columns = Math.max(sheet.getLastColumn(), 1);
  if (sheet.getMaxColumns() > columns) sheet.deleteColumns(columns + 1, sheet.getMaxColumns() - columns);
  if (!sheet.isSheetHidden()) sheet.hideSheet();
}

function writeDetails(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, details: CustomerDetails[], note: string, day: Day) {
  hide(writeBlock(ss, PROFILE_TABS.details, {
    headers: DETAIL_HEADERS,
    rows: details.map((d) => [
      safeText(d.external_id), safeText(d.name), safeText(d.email), safeText(d.company), safeText(d.location),
      day(d.lead_created_at), day(d.free_trial_started_at), safeText(d.contact), safeText(d.contact_email), safeText(d.tags),
      safeText(d.attributes),
    ]),
    formats: [null, null, null, null, null, DATE, DATE, null, null, null, null],
  }, hiddenNote(note)));
}

function writeRevenue(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, results: AllResults, note: string, day: Day) {
  hide(writeBlock(ss, PROFILE_TABS.revenue, {
    headers: REVENUE_HEADERS,
    rows: results.whole.revenue.map((r) => [safeText(r.customer_external_id), day(`${r.month}-01`), units(r.amount)]),
    formats: [null, MONTH, MONEY],
  }, hiddenNote(note)));
}

function writeTransactions(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, results: AllResults, note: string, day: Day) {
  hide(writeBlock(ss, PROFILE_TABS.transactions, {
    headers: TRANSACTION_HEADERS,
    rows: results.whole.transactions.map((t) => [
      safeText(t.customer_external_id), day(t.date), safeText(t.invoice_external_id), t.type, t.result, units(t.amount),
    ]),
    formats: [null, DATE, null, null, null, MONEY],
  }, hiddenNote(note)));
}

function writeAllMovements(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, movements: MovementRow[], note: string, day: Day) {
  hide(writeBlock(ss, PROFILE_TABS.movements, {
    headers: MOVEMENT_HEADERS,
    rows: movements.map((m) => [
      day(m.date), safeText(m.customer_external_id), safeText(m.subscription_external_id), m.type, units(m.amount),
      units(m.customer_mrr_after),
    ]),
    formats: [DATE, null, null, null, MONEY, MONEY],
  }, hiddenNote(`${note} Every customer's movements (the Movements tab shows the Segment's).`)));
}

/** The tab holding every customer's movements: Movements, unless a Segment narrows it. */
export const allMovementsTab = (results: AllResults): string => (results.segment ? PROFILE_TABS.movements : RESULT_TABS.movements);

export function profileTabWrites(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, results: AllResults, note: string, day: Day): TabWrite[] {
  const { whole } = results;
  let details: CustomerDetails[] = [];
  const writes: TabWrite[] = [
    {
      tab: PROFILE_TABS.details, cells: (whole.customers.length + 1) * DETAIL_HEADERS.length,
      read: { cells: results.details.cells, run: () => (details = results.details.read()) },
      write: () => writeDetails(ss, details, note, day),
    },
    { tab: PROFILE_TABS.revenue, cells: (whole.revenue.length + 1) * REVENUE_HEADERS.length, write: () => writeRevenue(ss, results, note, day) },
    {
      tab: PROFILE_TABS.transactions, cells: (whole.transactions.length + 1) * TRANSACTION_HEADERS.length,
      write: () => writeTransactions(ss, results, note, day),
    },
  ];
  writes.push(results.segment
    ? { tab: PROFILE_TABS.movements, cells: (whole.movements.length + 1) * MOVEMENT_HEADERS.length, write: () => writeAllMovements(ss, whole.movements, note, day) }
    : {
      // Without a Segment the Movements tab has them all: a copy left from an earlier segment goes.
      tab: PROFILE_TABS.movements, cells: 0,
      write: () => {
        const stale = ss.getSheetByName(PROFILE_TABS.movements);
        if (stale) ss.deleteSheet(stale);
      },
    });
  return writes;
}
