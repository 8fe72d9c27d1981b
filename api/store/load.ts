/** Stored rows back as template records (the shape the shared validator and engine take). */
import { DATASET_SPECS, parseDecimal, type DatasetName, type DatasetRecords } from '../../shared/index.ts';
import type { Tx } from '../db/client.ts';
import { unescapeCopyText } from './copy-text.ts';
import { isV1Only, loadedColumns, tableName } from './tables.ts';

export interface LoadFilter {
  accountId: string;
  /** Omitted for exchange rates (account-wide). */
  dataSourceId?: string;
  /** Only rows whose column is one of values (e.g. customer_external_id IN …). */
  column?: string;
  values?: readonly string[];
  /** Extra SQL condition on the table (no parameters), e.g. "status = 'active'". */
  where?: string;
  /** Leaves out rows whose `key` is one of these (rows a batch is about to replace). */
  exceptKeys?: readonly string[];
  /** Only the first row per value of `column` in the order `by` (SQL), e.g. a subscription's earliest line. */
  firstPer?: { column: string; by: string };
  /**
   * Many rows (a whole data source's, or a batch's thousands of keys): read with COPY where
   * the driver can; with a list of values only where the driver says that pays (Tx.copyLists),
   * the values then written into the query as one escaped array literal.
   */
  bulk?: boolean;
}

function fromColumn(type: string, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'timestamptz' || type === 'bigint') return Number(value);
  return value;
}

/** Instants come back as epoch milliseconds (a float8 the driver reads as a number): no Date parsing per row. */
function selectColumn(c: { column: string; field: string; type: string }): string {
  return c.type === 'timestamptz'
    ? `(extract(epoch from ${c.column}) * 1000)::float8 AS "${c.field}"`
    : `${c.column} AS "${c.field}"`;
}

/**
 * Strings as one text[] literal inside the query (COPY takes no parameters): each element
 * double-quoted with backslash and double quote escaped (the array syntax), the whole as an
 * E'' string with backslash and single quote escaped (the SQL syntax), so no value can end it;
 * a null is the array's NULL, as a parameter's would be.
 */
export function textArrayLiteral(values: readonly (string | null)[]): string {
  const elements = values.map((v) => (v === null ? 'NULL' : `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`)).join(',');
  return `E'{${elements.replace(/[\\']/g, (c) => (c === "'" ? "''" : '\\\\'))}}'::text[]`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How a column's COPY text becomes the record's value. */
type CellKind = 'text' | 'number' | 'boolean' | 'rate';

function cellKind(type: string, field: string): CellKind {
  if (field === 'rate') return 'rate';
  if (type === 'boolean') return 'boolean';
  if (type === 'text') return 'text';
  return 'number';
}

/** The number text[from, to) holds: plain integers of up to 15 digits read in place (no string made), others by Number. */
function numberAt(text: string, from: number, to: number): number {
  let i = from;
  const negative = text.charCodeAt(i) === 45;
  if (negative) i++;
  let n = 0;
  for (; i < to; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) break;
    n = n * 10 + digit;
  }
  if (i === to && i > from + (negative ? 1 : 0) && to - from <= 15) return negative ? -n : n;
  return Number(text.slice(from, to));
}

interface CellColumn {
  field: string;
  kind: CellKind;
  /** Whether a NULL is set on the record (a /v1-only field is left off instead). */
  keepNull: boolean;
}

/**
 * The records of COPY text output, read line by line and cell by cell straight into each record
 * (no array per line and per row: at tier M that garbage cost more than the reading). A text
 * cell equal to the column's previous one takes that string (lines of one invoice, a plan, a
 * currency, a type: fewer strings made and kept), and integers are read in place.
 */
async function copyRecords<R>(
  chunks: AsyncIterable<string>,
  blank: (position: number) => Record<string, unknown>,
  columns: readonly CellColumn[],
): Promise<R[]> {
  const records: R[] = [];
  const last = columns.length - 1;
  const previous: (string | null)[] = columns.map(() => null);
  const readLine = (text: string, start: number, end: number) => {
    let tab = text.indexOf('\t', start);
    const record = blank(numberAt(text, start, tab));
    for (let i = 0; i <= last; i++) {
      const from = tab + 1;
      tab = i === last ? end : text.indexOf('\t', from);
      const c = columns[i];
      if (tab - from === 2 && text.charCodeAt(from) === 92 && text.charCodeAt(from + 1) === 78) {
        if (c.keepNull) record[c.field] = null;
        continue;
      }
      if (c.kind === 'number') {
        record[c.field] = numberAt(text, from, tab);
      } else if (c.kind === 'boolean') {
        record[c.field] = tab - from === 1 && text.charCodeAt(from) === 116;
      } else {
        const before = previous[i];
        let cell: string;
        if (before !== null && before.length === tab - from && text.startsWith(before, from)) cell = before;
        else {
          cell = text.slice(from, tab);
          if (cell.includes('\\')) cell = unescapeCopyText(cell);
          else previous[i] = cell;
        }
        record[c.field] = c.kind === 'rate' ? parseDecimal(cell) : cell;
      }
    }
    records.push(record as R);
  };
  let rest = '';
  for await (const chunk of chunks) {
    const text = rest + chunk;
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; start = end + 1, end = text.indexOf('\n', start)) readLine(text, start, end);
    rest = text.slice(start);
  }
  if (rest !== '') readLine(rest, 0, rest.length);
  return records;
}

/** Sorts records by position (`row`); false when two share one. */
function inPositionOrder(records: { row: number }[]): boolean {
  const increasing = () => records.every((r, i) => i === 0 || records[i - 1].row < r.row);
  if (increasing()) return true;
  // Stable and fast on runs already in order (TimSort).
  records.sort((a, b) => a.row - b.row);
  return increasing();
}

/**
 * Stored rows as records. Bulk reads go through COPY where the driver can (a list of values
 * then written into the query, textArrayLiteral, on PGlite only: Tx.copyLists): several times
 * faster than PGlite's row-by-row results.
 */
export async function loadRecords<N extends DatasetName>(
  tx: Tx,
  dataset: N,
  filter: LoadFilter,
): Promise<DatasetRecords[N][]> {
  if (filter.column && filter.values && filter.values.length === 0) return [];
  const columns = loadedColumns(dataset);
  const listed = filter.values !== undefined || (filter.exceptKeys?.length ?? 0) > 0;
  const copy = filter.bulk === true && tx.copyTo !== undefined && (!listed || tx.copyLists === true);
  const params: unknown[] = [];
  // COPY takes no parameters: there, the two IDs (our own UUIDs) are written into the query.
  const id = (value: string) => {
    if (!copy) return `$${params.push(value)}`;
    if (!UUID.test(value)) throw new Error(`not a UUID: ${value}`);
    return `'${value}'::uuid`;
  };
  const conditions = [`account_id = ${id(filter.accountId)}`];
  if (filter.dataSourceId && dataset !== 'exchange_rates') conditions.push(`data_source_id = ${id(filter.dataSourceId)}`);
  const texts = (values: readonly string[]) => (copy ? textArrayLiteral(values) : `$${params.push(values)}::text[]`);
  if (filter.column && filter.values) conditions.push(`${filter.column} = ANY(${texts(filter.values)})`);
  if (filter.where) conditions.push(filter.where);
  if (filter.exceptKeys && filter.exceptKeys.length > 0) conditions.push(`key <> ALL(${texts(filter.exceptKeys)})`);
  const first = filter.firstPer;
  const unordered =
    `SELECT ${first ? `DISTINCT ON (${first.column}) ` : ''}position, ${columns.map(selectColumn).join(', ')} ` +
    `FROM ${tableName(dataset)} WHERE ${conditions.join(' AND ')}`;
  const sql = `${unordered} ORDER BY ${first ? `${first.column}, ${first.by}` : `position, ${columns[0].column}`}`;
  const spec = DATASET_SPECS[dataset];
  // A /v1-only field is on the record only when set: records of rows /v1 never touched are the template's.
  const set = (record: Record<string, unknown>, c: { field: string }, value: unknown) => {
    if (value !== null || !isV1Only(dataset, c.field)) record[c.field] = value;
  };
  const rate = (value: unknown) => (value === null || value === undefined ? null : parseDecimal(String(value)));
  if (copy) {
    const blank = spec.blank as unknown as (position: number) => Record<string, unknown>;
    const read = (query: string) => copyRecords<DatasetRecords[N]>(tx.copyTo!(query), blank, columns.map((c) => ({
      field: c.field, kind: cellKind(c.type, c.field), keepNull: !isV1Only(dataset, c.field),
    })));
    if (first) return read(sql);
    // Sorting a whole table's rows cost the database more than reading them (PGlite: 1.3 s of
    // 4 s for tier M's line items): they come as stored, mostly in position order already, and
    // are put in it here; only rows sharing a position (their order is the database's) are
    // read again in its order.
    const records = await read(unordered);
    return inPositionOrder(records) ? records : read(sql);
  }
  const rows = await tx.query<Record<string, unknown>>(sql, params);
  return rows.map((row) => {
    const record = spec.blank(Number(row.position)) as unknown as Record<string, unknown>;
    for (const c of columns) set(record, c, c.field === 'rate' ? rate(row[c.field]) : fromColumn(c.type, row[c.field]));
    return record as unknown as DatasetRecords[N];
  });
}

/**
 * Each subscription's owner line among the stored ones: its earliest subscription line, then
 * lowest invoice ID (as the shared checkReferences decides ownership). Lines keyed
 * `exceptKeys` (the ones a batch is about to replace) do not count.
 */
export function loadOwnerLines(
  tx: Tx,
  scope: { accountId: string; dataSourceId: string },
  subscriptionIds: readonly string[],
  exceptKeys: readonly string[] = [],
): Promise<DatasetRecords['line_items'][]> {
  return loadRecords(tx, 'line_items', {
    ...scope,
    column: 'subscription_external_id',
    values: subscriptionIds,
    where: "type = 'subscription'",
    exceptKeys,
    firstPer: { column: 'subscription_external_id', by: 'service_period_start, invoice_external_id COLLATE "C"' },
    bulk: true,
  });
}
