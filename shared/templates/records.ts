/**
 * A dataset's records by position: an array of row objects (the API, the add-on, tests), or
 * columns that make each record when it is read (`mogul report`'s invoices, line items and
 * transactions, issue 13: a row object per line does not fit tier L in 2 GB). Code that walks
 * billing data reads records through these helpers and keeps positions, never the records
 * themselves: a column's record is a new object on every read.
 */
export interface RecordColumns<R> {
  readonly length: number;
  /** A new object holding the record at `index`. */
  record(index: number): R;
  /** The records at `indexes` (positions in this list), in that order. */
  select(indexes: Int32Array): RecordColumns<R>;
}

export type Records<R> = readonly R[] | RecordColumns<R>;

function isColumns<R>(records: Records<R>): records is RecordColumns<R> {
  return !Array.isArray(records);
}

export function recordAt<R>(records: Records<R>, index: number): R {
  return isColumns(records) ? records.record(index) : records[index];
}

export function forEachRecord<R>(records: Records<R>, fn: (record: R, index: number) => void): void {
  if (isColumns(records)) {
    for (let i = 0; i < records.length; i++) fn(records.record(i), i);
  } else {
    for (let i = 0; i < records.length; i++) fn(records[i], i);
  }
}

/** The records `keep` holds to, in order: an array stays an array, columns become a selection of them. */
export function keepRecords<R>(records: Records<R>, keep: (record: R, index: number) => boolean): Records<R> {
  if (!isColumns(records)) return records.filter(keep);
  const kept = new Int32Array(records.length);
  let n = 0;
  for (let i = 0; i < records.length; i++) if (keep(records.record(i), i)) kept[n++] = i;
  return n === records.length ? records : records.select(kept.slice(0, n));
}

/** The records as an array (an array is returned as it is). */
export function recordArray<R>(records: Records<R>): R[] {
  if (!isColumns(records)) return records as R[];
  const out: R[] = [];
  for (let i = 0; i < records.length; i++) out.push(records.record(i));
  return out;
}
