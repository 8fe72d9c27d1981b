/**
 * Custom functions: =MRR, =ARR, =CUSTOMER_STATUS, =MRR_MOVEMENTS, =MRR_TOTAL, =MRR_SERIES.
 * They read the result tabs (one read per call, whatever the size of the range), never the
 * API; a range argument gives a column of answers.
 */
import { RESULT_TABS } from './result-tabs.ts';
import { dateTexts } from './tabs.ts';

type Cell = string | number | boolean | Date | null;
type Arg = Cell | Cell[][];

interface Index {
  asOf: string;
  customers: Map<string, { status: string; mrr: number }>;
  /**
   * Per customer, its movements in time order: [date, subscription, type, amount, mrrAfter].
   * Read from the Movements tab on first use: an answer as of the last sync needs none.
   */
  readonly movements: Map<string, [string, string, string, number, number][]>;
}

function resultSheet(name: string): GoogleAppsScript.Spreadsheet.Sheet {
  const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(name);
  if (!sheet) throw new Error(`No '${name}' tab yet: run Extensions → Mogul → Sync to Mogul first`);
  return sheet;
}

function tab(name: string): unknown[][] {
  return resultSheet(name).getDataRange().getValues();
}

/** The first `columns` columns of a result tab, header row included (one read). */
function leftColumns(name: string, columns: number): unknown[][] {
  const sheet = resultSheet(name);
  const rows = sheet.getLastRow();
  return rows === 0 ? [] : sheet.getRange(1, 1, rows, Math.min(columns, Math.max(sheet.getLastColumn(), 1))).getValues();
}

function readIndex(): Index {
  const customers = new Map<string, { status: string; mrr: number }>();
  // External ID, Name, Status, MRR: the columns the functions answer from.
  const customerRows = leftColumns(RESULT_TABS.customers, 4);
  for (let r = 1; r < customerRows.length; r++) {
    const row = customerRows[r];
    customers.set(String(row[0]), { status: String(row[2]), mrr: Number(row[3]) });
  }
  const note = resultSheet(RESULT_TABS.customers).getRange(1, 1).getNote();
  const asOf = /as of (\d{4}-\d{2}-\d{2})/.exec(note)?.[1] ?? '9999-12-31';
  let movements: Index['movements'] | null = null;
  return {
    asOf,
    customers,
    get movements() {
      return (movements ??= readMovements());
    },
  };
}

function readMovements(): Index['movements'] {
  const day = dayTexts();
  const movements: Index['movements'] = new Map();
  const movementRows = tab(RESULT_TABS.movements);
  for (let r = 1; r < movementRows.length; r++) {
    const [date, customer, subscription, type, amount, after] = movementRows[r];
    const id = String(customer);
    let list = movements.get(id);
    if (!list) movements.set(id, (list = []));
    list.push([day(date as Cell), String(subscription), String(type), Number(amount), Number(after)]);
  }
  return movements;
}

/** A day cell as yyyy-MM-dd; date cells are formatted once per distinct day (see dateTexts). */
function dayTexts(): (value: Cell) => string {
  const dates = dateTexts(SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone());
  return (value) => (value instanceof Date ? dates(value).slice(0, 10) : String(value ?? '').slice(0, 10));
}

function dayText(value: Cell): string {
  if (value instanceof Date) {
    return Utilities.formatDate(value, SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone(), 'yyyy-MM-dd');
  }
  return String(value ?? '').slice(0, 10);
}

/** The customer's MRR at the end of a day: its MRR after its last movement by then. */
function mrrAt(index: Index, id: string, day: string | null): number | string {
  const customer = index.customers.get(id);
  if (!customer) return `Unknown customer: ${id}`;
  if (day === null || day >= index.asOf) return customer.mrr;
  let mrr = 0;
  for (const m of index.movements.get(id) ?? []) {
    if (m[0] > day) break;
    mrr = m[4];
  }
  return mrr;
}

function statusAt(index: Index, id: string, day: string | null): string {
  const customer = index.customers.get(id);
  if (!customer) return `Unknown customer: ${id}`;
  if (day === null || day >= index.asOf) return customer.status;
  const before = (index.movements.get(id) ?? []).filter((m) => m[0] <= day);
  if (before.length === 0) return 'Lead';
  return before[before.length - 1][4] > 0 ? 'Active' : 'Cancelled';
}

function each(arg: Arg, answer: (id: string) => Cell): Cell | Cell[][] {
  if (Array.isArray(arg)) return arg.flat().map((v) => [v === '' || v === null ? '' : answer(String(v).trim())]);
  if (arg === '' || arg === null || arg === undefined) throw new Error('Give a customer external ID (or a range of them)');
  return answer(String(arg).trim());
}

const optionalDay = (date: Arg | undefined) =>
  date === undefined || date === '' || date === null ? null : dayText(Array.isArray(date) ? date[0][0] : date);

export function MRR(customerId: Arg, date?: Arg) {
  const index = readIndex();
  const day = optionalDay(date);
  return each(customerId, (id) => mrrAt(index, id, day));
}

export function ARR(customerId: Arg, date?: Arg) {
  const index = readIndex();
  const day = optionalDay(date);
  return each(customerId, (id) => {
    const mrr = mrrAt(index, id, day);
    return typeof mrr === 'number' ? Math.round(12 * mrr * 100) / 100 : mrr;
  });
}

export function CUSTOMER_STATUS(customerId: Arg, date?: Arg) {
  const index = readIndex();
  const day = optionalDay(date);
  return each(customerId, (id) => statusAt(index, id, day));
}

export function MRR_MOVEMENTS(customerId: Arg) {
  const index = readIndex();
  const id = String(Array.isArray(customerId) ? customerId[0][0] : customerId).trim();
  if (!index.customers.has(id)) return `Unknown customer: ${id}`;
  return [['Date', 'Subscription', 'Type', 'Amount', 'MRR after'], ...(index.movements.get(id) ?? [])];
}

/**
 * Total MRR at the end of a day. Before the as-of day it starts from the MRR tab's last month
 * end on or before the day (which counts exchange-rate changes, unlike the movements) and adds
 * the movements since.
 */
export function MRR_TOTAL(date?: Arg) {
  const index = readIndex();
  const day = optionalDay(date);
  let total = 0;
  if (day !== null && day < index.asOf) {
    const rows = tab(RESULT_TABS.mrr);
    let from: string | null = null;
    for (let r = 1; r < rows.length; r++) {
      const d = dayText(rows[r][0] as Cell);
      if (d <= day && (from === null || d > from)) [from, total] = [d, Number(rows[r][1])];
    }
    if (from !== null) {
      for (const list of index.movements.values()) {
        for (const m of list) if (m[0] > from && m[0] <= day) total += m[3];
      }
      return Math.round(total * 100) / 100;
    }
  }
  for (const id of index.customers.keys()) total += mrrAt(index, id, day) as number;
  return Math.round(total * 100) / 100;
}

export function MRR_SERIES(start: Arg, end: Arg) {
  const from = optionalDay(start) ?? '0000-01-01';
  const to = optionalDay(end) ?? '9999-12-31';
  const rows = tab(RESULT_TABS.mrr);
  const out: Cell[][] = [['Date', 'MRR', 'New business', 'Expansion', 'Contraction', 'Churn', 'Reactivation']];
  for (let r = 1; r < rows.length; r++) {
    const day = dayText(rows[r][0] as Cell);
    if (day >= from && day <= to) out.push([day, rows[r][1], rows[r][3], rows[r][4], rows[r][5], rows[r][6], rows[r][7]] as Cell[]);
  }
  return out;
}
