/**
 * The Customer tab: a customer profile like ChartMogul's. B1 is a dropdown of every customer;
 * everything below is a formula over the result tabs (FILTER on the customer's external ID,
 * compared with EXACT so IDs that differ only in case stay apart), so picking another customer
 * updates the tab in Sheets itself: no sync, no script, no server call. Each block has the rows
 * the customer with the most of them needs, so one customer's rows never spill into the next block.
 * The MRR chart draws the customer's MRR at each month end: its MRR after its last movement by then.
 */
import { AUTOMATIC, MONEY, DATE, ensureSize, safeText, type Day } from './tab-writing.ts';
import { allMovementsTab, MONTH } from './profile-tabs.ts';
import type { AllResults } from './results.ts';
import { PROFILE_TABS, RESULT_TABS } from './tab-names.ts';

const KEY = '$B$1';
const TEXT = '@';
const COUNT = '0';
const PLAIN = null;

type Cell = string | Date;

/** A tab name as a formula writes it. */
const tab = (name: string) => `'${name.replace(/'/g, "''")}'`;
/** Column `col` of a tab from row 2 down, e.g. 'Movements'!$F$2:$F. */
const column = (name: string, from: string, to = from) => `${tab(name)}!$${from}$2:$${to}`;
/** The rows of a tab whose column `keyColumn` is the picked customer's ID. */
const own = (name: string, keyColumn: string) => `EXACT(${column(name, keyColumn)}, ${KEY})`;
/** Nothing while no customer is picked. */
const picked = (formula: string) => `=IF(${KEY}="", "", ${formula})`;

/** One value of the picked customer's row of a tab ('' when the tab has no such row). */
export const lookup = (name: string, keyColumn: string, valueColumn: string) =>
  picked(`IFNA(INDEX(FILTER(${column(name, valueColumn)}, ${own(name, keyColumn)}), 1), "")`);

/** The picked customer's rows of a tab, columns from..to; `none` where it has none. */
export const rowsOf = (name: string, keyColumn: string, from: string, to: string, none: string) =>
  picked(`IFNA(FILTER(${column(name, from, to)}, ${own(name, keyColumn)}), "${none}")`);

/** The picked customer's MRR at the end of the day in `dateCell`: after its last movement by then. */
export const mrrAt = (movements: string, dateCell: string) =>
  picked(`IFNA(CHOOSEROWS(FILTER(${column(movements, 'F')}, ${own(movements, 'B')}, ${column(movements, 'A')}<=${dateCell}), -1), 0)`);

interface Block {
  title: string;
  headers: string[];
  /** The first data row: formulas and the columns each spills over (a FILTER spills down and right). */
  first: [formula: string, columns: number][];
  formats: (string | null)[];
  /** Rows to keep free below the header for the customer with the most. */
  rows: number;
}

/** The largest number of rows any one customer has in a list. */
function mostPerCustomer(ids: Iterable<string>): number {
  const counts = new Map<string, number>();
  let most = 0;
  for (const id of ids) {
    const n = (counts.get(id) ?? 0) + 1;
    counts.set(id, n);
    if (n > most) most = n;
  }
  return Math.max(most, 1);
}

function blocks(results: AllResults): Block[] {
  const { whole } = results;
  const movements = allMovementsTab(results);
  return [
    {
      title: 'Subscriptions',
      headers: ['Subscription', 'Set', 'Status', 'Plan', 'MRR', 'Quantity', 'Start', 'Paid through', 'Cancelled at'],
      first: [[rowsOf(RESULT_TABS.subscriptions, 'B', 'A', 'A', 'No subscriptions'), 1], [rowsOf(RESULT_TABS.subscriptions, 'B', 'C', 'J', ''), 8]],
      formats: [PLAIN, PLAIN, PLAIN, PLAIN, MONEY, COUNT, DATE, DATE, DATE],
      rows: mostPerCustomer(whole.subscriptions.map((s) => s.customer_external_id)),
    },
    {
      title: 'MRR movements',
      headers: ['Date', 'Subscription', 'Type', 'Amount', 'MRR after'],
      first: [[rowsOf(movements, 'B', 'A', 'A', 'No movements'), 1], [rowsOf(movements, 'B', 'C', 'F', ''), 4]],
      formats: [DATE, PLAIN, PLAIN, MONEY, MONEY],
      rows: mostPerCustomer(whole.movements.map((m) => m.customer_external_id)),
    },
    {
      title: 'Revenue recognition schedule',
      headers: ['Month', 'Revenue'],
      first: [[rowsOf(PROFILE_TABS.revenue, 'A', 'B', 'C', 'No revenue'), 2]],
      formats: [MONTH, MONEY],
      rows: mostPerCustomer(whole.revenue.map((r) => r.customer_external_id)),
    },
    {
      title: 'Transactions',
      headers: ['Date', 'Invoice', 'Type', 'Result', 'Amount'],
      first: [[rowsOf(PROFILE_TABS.transactions, 'A', 'B', 'F', 'No transactions'), 5]],
      formats: [DATE, PLAIN, PLAIN, PLAIN, MONEY],
      rows: mostPerCustomer(whole.transactions.map((t) => t.customer_external_id)),
    },
  ];
}

/** Header figures: label, column of Customer Metrics, format. */
const FIGURES: [string, string, string | null][] = [
  ['MRR', 'D', MONEY], ['ARR', 'E', MONEY], ['Net payments', 'G', MONEY], ['Subscriber since', 'F', DATE], ['Status', 'C', null],
];
/** Details: label, column of Profile Details, format. */
const DETAILS: [string, string, string | null][] = [
  ['Contact', 'H', null], ['Contact email', 'I', null], ['Email', 'C', null], ['Company', 'D', null],
  ['Lead created', 'F', DATE], ['Trial started', 'G', DATE], ['Location', 'E', null], ['External ID', 'A', null],
  ['Tags', 'J', null], ['Attributes', 'K', null],
];
const COLUMNS = 12;
const FIGURES_ROW = 3;
const DETAILS_ROW = 6;
/** The MRR chart beside the details (it covers about 6 columns and 18 rows), its month-end data right of it. */
const CHART = { row: DETAILS_ROW, column: 4 };
const MONTHS = { row: DETAILS_ROW, column: 11 };
/** Blocks start below the chart. */
const FIRST_BLOCK_ROW = CHART.row + 19;

/** Where things are on the tab, for the writer, the chart and the tests. */
export interface CustomerLayout {
  rows: number;
  /** Each block's title cell and the data rows kept for it. */
  blocks: { title: string; row: number; column: number; rows: number }[];
  /** The MRR-by-month block: its header row and how many months. */
  months: { row: number; count: number };
}

/**
 * Subscriptions, then MRR movements, each across the tab; revenue recognition and transactions
 * side by side below them (two long lists of about one row a month).
 */
export function customerLayout(results: AllResults): CustomerLayout {
  const [subscriptions, movements, revenue, transactions] = blocks(results);
  let row = FIRST_BLOCK_ROW;
  const placed: CustomerLayout['blocks'] = [];
  for (const group of [[subscriptions], [movements], [revenue, transactions]]) {
    let column = 1;
    for (const b of group) {
      placed.push({ title: b.title, row, column, rows: b.rows });
      column += b.headers.length + 1;
    }
    row += Math.max(...group.map((b) => b.rows)) + 3;
  }
  const months = { row: MONTHS.row + 1, count: results.whole.series.length };
  return { rows: Math.max(row, months.row + months.count + 1), blocks: placed, months };
}

/** A box of the tab written at once: its values (one setValues) and number formats. */
interface Area {
  row: number;
  column: number;
  values: Cell[][];
  /** Formats cell by cell, over the values' box. */
  cellFormats?: (string | null)[][];
  /** Formats by column over the rows a FILTER in the area's third row spills into. */
  spillFormats?: { rows: number; columns: (string | null)[] };
  bold: [row: number, column: number, width: number][];
}

/** The tab as areas: the header and details, each block (title, headers, its FILTER row), the months. */
function customerAreas(results: AllResults, chosen: string, day: Day): Area[] {
  const layout = customerLayout(results);
  const header: Cell[][] = Array.from({ length: DETAILS_ROW + DETAILS.length }, () => Array(FIGURES.length).fill(''));
  const headerFormats: (string | null)[][] = header.map((r) => r.map(() => null));
  const put = (row: number, col: number, value: Cell, format: string | null = null) => {
    header[row - 1][col - 1] = value;
    headerFormats[row - 1][col - 1] = format;
  };
  put(1, 1, 'Customer');
  put(1, 2, safeText(chosen), TEXT);
  put(1, 3, lookup(RESULT_TABS.customers, 'A', 'B'));
  FIGURES.forEach(([label, col, format], i) => {
    put(FIGURES_ROW, i + 1, label);
    put(FIGURES_ROW + 1, i + 1, lookup(RESULT_TABS.customers, 'A', col), format);
  });
  put(DETAILS_ROW, 1, 'Details');
  DETAILS.forEach(([label, col, format], i) => {
    put(DETAILS_ROW + 1 + i, 1, label);
    put(DETAILS_ROW + 1 + i, 2, lookup(PROFILE_TABS.details, 'A', col), format);
  });
  const areas: Area[] = [{
    row: 1, column: 1, values: header, cellFormats: headerFormats,
    bold: [[1, 1, 3], [FIGURES_ROW, 1, FIGURES.length], [DETAILS_ROW, 1, 1]],
  }];

  blocks(results).forEach((b, i) => {
    const { row, column } = layout.blocks[i];
    const first: Cell[] = Array(b.headers.length).fill('');
    let col = 0;
    for (const [formula, columns] of b.first) {
      first[col] = formula;
      col += columns;
    }
    areas.push({
      row, column,
      values: [[b.title, ...Array(b.headers.length - 1).fill('')], b.headers, first],
      spillFormats: { rows: b.rows, columns: b.formats },
      bold: [[row, column, 1], [row + 1, column, b.headers.length]],
    });
  });

  const { months } = layout;
  const movements = allMovementsTab(results);
  areas.push({
    row: months.row - 1, column: MONTHS.column,
    values: [
      ['MRR by month', ''], ['Month end', 'MRR'],
      ...results.whole.series.map((e, i): Cell[] => [day(e.date)!, mrrAt(movements, `$${columnLetter(MONTHS.column)}${months.row + 1 + i}`)]),
    ],
    spillFormats: { rows: months.count, columns: [DATE, MONEY] },
    bold: [[months.row - 1, MONTHS.column, 1], [months.row, MONTHS.column, 2]],
  });
  return areas;
}

/** Cells the tab's writes take: each area's values and formats. */
function areaCells(areas: readonly Area[]): number {
  return areas.reduce((n, a) => n + a.values.length * a.values[0].length * (a.cellFormats ? 2 : 1) + (a.spillFormats?.rows ?? 0) * a.values[0].length, 0);
}

export function customerTabCells(results: AllResults): number {
  return areaCells(customerAreas(results, '', () => null));
}

export function writeCustomerTab(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, results: AllResults, note: string, day: Day) {
  const sheet = ss.getSheetByName(RESULT_TABS.customer) ?? ss.insertSheet(RESULT_TABS.customer);
  const ids = new Set(results.whole.customers.map((c) => c.external_id));
  // The customer picked before this sync stays picked while it exists.
  const before = sheet.getLastRow() >= 1 ? String(sheet.getRange(1, 2).getValue()) : '';
  const chosen = ids.has(before) ? before : (results.whole.customers[0]?.external_id ?? '');
  for (const chart of sheet.getCharts()) sheet.removeChart(chart);
  sheet.clear();
  const { months, rows } = customerLayout(results);
  ensureSize(sheet, rows, COLUMNS);
  for (const area of customerAreas(results, chosen, day)) {
    const width = area.values[0].length;
    sheet.getRange(area.row, area.column, area.values.length, width).setValues(area.values);
    if (area.cellFormats) {
      sheet.getRange(area.row, area.column, area.values.length, width).setNumberFormats(area.cellFormats.map((r) => r.map((f) => f ?? AUTOMATIC)));
    }
    const spill = area.spillFormats;
    if (spill && spill.rows > 0) {
      const formats = spill.columns.map((f) => f ?? AUTOMATIC);
      sheet.getRange(area.row + 2, area.column, spill.rows, width).setNumberFormats(Array.from({ length: spill.rows }, () => formats));
    }
    for (const [row, col, w] of area.bold) sheet.getRange(row, col, 1, w).setFontWeight('bold');
  }
  const pick = sheet.getRange(1, 2);
  pick.setDataValidation(SpreadsheetApp.newDataValidation()
    .requireValueInRange(ss.getSheetByName(RESULT_TABS.customers)!.getRange('A2:A'), true)
    .setAllowInvalid(false)
    .setHelpText('Pick a customer: the whole tab follows.')
    .build());
  pick.setBackground('#fff2cc');
  sheet.getRange(1, 1).setNote(`${note} Pick a customer in B1: every figure below is a formula over the result tabs, so the tab follows at once, with no sync.`);
  sheet.setFrozenRows(1);
  sheet.setColumnWidth(1, 130);
  sheet.setColumnWidth(2, 200);
  sheet.setColumnWidths(3, 2, 120);
  if (months.count > 0) {
    sheet.insertChart(sheet.newChart().setChartType(Charts.ChartType.LINE)
      .addRange(sheet.getRange(months.row, MONTHS.column, months.count + 1, 2))
      .setPosition(CHART.row, CHART.column, 0, 0)
      .setOption('title', 'MRR')
      .setOption('legend', { position: 'none' })
      .build());
  }
}

const columnLetter = (column: number) => String.fromCharCode(64 + column);
