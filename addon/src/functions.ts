/**
 * Custom functions of one customer: =MRR, =ARR, =CUSTOMER_STATUS, =MRR_MOVEMENTS (the series
 * functions are in series-functions.ts). They read the result tabs (one read per call, whatever
 * the size of the range), never the API; a range argument gives a column of answers. A customer's
 * history is its movements as a whole: while a Segment narrows the Movements tab, they come from
 * the hidden tab holding every customer's (PROFILE_TABS.movements).
 */
import { customerAt, type CustomerRows } from '../../shared/engine/at-date.ts';
import { arrOf, type CustomerRow, type MovementRow, type MovementType, type SubscriptionRow } from '../../shared/index.ts';
import { PROFILE_TABS, RESULT_TABS } from './tab-names.ts';
import { dateTexts } from './tabs.ts';

export type Cell = string | number | boolean | Date | null;
export type Arg = Cell | Cell[][];

type Movement = Pick<MovementRow, 'date' | 'subscription_external_id' | 'type' | 'amount' | 'customer_mrr_after'>;
type Subscription = Pick<SubscriptionRow, 'paid_through' | 'cancelled_at'>;

/** The report's rows as the result tabs hold them, money back in integer cents. */
export interface Index {
  asOf: string;
  customers: Map<string, Pick<CustomerRow, 'status' | 'mrr'>>;
  /**
   * Per customer, its movements in time order. Read from the Movements tab on first use (as are
   * the subscriptions from theirs): an answer as of the last sync needs neither.
   */
  readonly movements: Map<string, Movement[]>;
  readonly subscriptions: Map<string, Subscription[]>;
}

/** A money cell (units, as result-tabs.ts writes them) in integer cents. */
export const cents = (value: unknown) => Math.round(Number(value) * 100);
/** Integer cents as the money a cell shows. */
export const units = (cents: number) => cents / 100;

export function resultSheet(name: string): GoogleAppsScript.Spreadsheet.Sheet {
  const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(name);
  if (!sheet) throw new Error(`No '${name}' tab yet: run Extensions → Mogul → Sync to Mogul first`);
  return sheet;
}

export function tab(name: string): unknown[][] {
  return resultSheet(name).getDataRange().getValues();
}

/** The first `columns` columns of a result tab, header row included (one read). */
function leftColumns(name: string, columns: number): unknown[][] {
  const sheet = resultSheet(name);
  const rows = sheet.getLastRow();
  return rows === 0 ? [] : sheet.getRange(1, 1, rows, Math.min(columns, Math.max(sheet.getLastColumn(), 1))).getValues();
}

export function readIndex(): Index {
  const customers: Index['customers'] = new Map();
  // External ID, Name, Status, MRR: the columns the functions answer from.
  const customerRows = leftColumns(RESULT_TABS.customers, 4);
  for (let r = 1; r < customerRows.length; r++) {
    const row = customerRows[r];
    customers.set(String(row[0]), { status: String(row[2]) as CustomerRow['status'], mrr: cents(row[3]) });
  }
  const note = resultSheet(RESULT_TABS.customers).getRange(1, 1).getNote();
  const asOf = /as of (\d{4}-\d{2}-\d{2})/.exec(note)?.[1] ?? '9999-12-31';
  let movements: Index['movements'] | null = null;
  let subscriptions: Index['subscriptions'] | null = null;
  return {
    asOf,
    customers,
    get movements() {
      return (movements ??= readMovements());
    },
    get subscriptions() {
      return (subscriptions ??= readSubscriptions());
    },
  };
}

function readMovements(): Index['movements'] {
  const day = dayTexts();
  const movements: Index['movements'] = new Map();
  const all = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(PROFILE_TABS.movements) ? PROFILE_TABS.movements : RESULT_TABS.movements;
  const movementRows = tab(all);
  for (let r = 1; r < movementRows.length; r++) {
    const [date, customer, subscription, type, amount, after] = movementRows[r];
    listOf(movements, String(customer)).push({
      date: day(date as Cell),
      subscription_external_id: String(subscription),
      type: String(type) as MovementType,
      amount: cents(amount),
      customer_mrr_after: cents(after),
    });
  }
  return movements;
}

function readSubscriptions(): Index['subscriptions'] {
  const day = dayTexts();
  const subscriptions: Index['subscriptions'] = new Map();
  // External ID, Customer, Set, Status, Plan, MRR, Quantity, Start, Paid through, Cancelled at.
  const rows = leftColumns(RESULT_TABS.subscriptions, 10);
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    const paidThrough = day(row[8] as Cell);
    const cancelledAt = day(row[9] as Cell);
    listOf(subscriptions, String(row[1])).push({ paid_through: paidThrough || null, cancelled_at: cancelledAt || null });
  }
  return subscriptions;
}

function listOf<T>(map: Map<string, T[]>, key: string): T[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}

/** A day cell as yyyy-MM-dd; date cells are formatted once per distinct day (see dateTexts). */
export function dayTexts(): (value: Cell) => string {
  const dates = dateTexts(SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone());
  return (value) => (value instanceof Date ? dates(value).slice(0, 10) : String(value ?? '').slice(0, 10));
}

export function dayText(value: Cell): string {
  if (value instanceof Date) {
    return Utilities.formatDate(value, SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone(), 'yyyy-MM-dd');
  }
  return String(value ?? '').slice(0, 10);
}

/** One customer's rows; its subscriptions only where a status is asked (MRR needs none). */
export function rowsOf(index: Index, id: string, forStatus: boolean): CustomerRows {
  return {
    customer: index.customers.get(id)!,
    get subscriptions() {
      return forStatus ? (index.subscriptions.get(id) ?? []) : [];
    },
    get movements() {
      return index.movements.get(id) ?? [];
    },
  };
}

/** The customer at the end of a day (the last sync's as-of day without one), by the engine's at-date reading. */
function customerOn(index: Index, id: string, day: string | null, forStatus: boolean) {
  if (!index.customers.has(id)) return null;
  return customerAt(rowsOf(index, id, forStatus), index.asOf, day ?? index.asOf);
}

const unknownCustomer = (id: string) => `Unknown customer: ${id}`;

function each(arg: Arg, answer: (id: string) => Cell): Cell | Cell[][] {
  if (Array.isArray(arg)) return arg.flat().map((v) => [v === '' || v === null ? '' : answer(String(v).trim())]);
  if (arg === '' || arg === null || arg === undefined) throw new Error('Give a customer external ID (or a range of them)');
  return answer(String(arg).trim());
}

export const optionalDay = (date: Arg | undefined) =>
  date === undefined || date === '' || date === null ? null : dayText(Array.isArray(date) ? date[0][0] : date);

export function MRR(customerId: Arg, date?: Arg) {
  const index = readIndex();
  const day = optionalDay(date);
  return each(customerId, (id) => {
    const at = customerOn(index, id, day, false);
    return at === null ? unknownCustomer(id) : units(at.mrr);
  });
}

export function ARR(customerId: Arg, date?: Arg) {
  const index = readIndex();
  const day = optionalDay(date);
  return each(customerId, (id) => {
    const at = customerOn(index, id, day, false);
    return at === null ? unknownCustomer(id) : units(arrOf(at.mrr));
  });
}

export function CUSTOMER_STATUS(customerId: Arg, date?: Arg) {
  const index = readIndex();
  const day = optionalDay(date);
  return each(customerId, (id) => customerOn(index, id, day, true)?.status ?? unknownCustomer(id));
}

export function MRR_MOVEMENTS(customerId: Arg) {
  const index = readIndex();
  const id = String(Array.isArray(customerId) ? customerId[0][0] : customerId).trim();
  if (!index.customers.has(id)) return unknownCustomer(id);
  return [
    ['Date', 'Subscription', 'Type', 'Amount', 'MRR after'],
    ...(index.movements.get(id) ?? []).map((m) => [m.date, m.subscription_external_id, m.type, units(m.amount), units(m.customer_mrr_after)]),
  ];
}
