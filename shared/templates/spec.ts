import type { DatasetName } from './datasets.ts';
import type { CellParser } from './values.ts';

/** Every parsed record remembers its row as a person sees it (header = row 1). */
export interface BaseRecord {
  row: number;
}

export interface ColumnSpec<R> {
  /** Canonical template header. */
  header: string;
  /** Field of the parsed record. */
  key: Exclude<keyof R, 'row'> & string;
  /** Parser for non-empty cells. Empty cells give `defaultValue` (or null). */
  parse: CellParser<unknown>;
  /** Bold in DATA.md: the header must be present and every cell non-empty. */
  required?: boolean;
  defaultValue?: unknown;
  /** A header accepted in place of this one, with its own parser (`Amount` in currency units). */
  alternative?: { header: string; parse: CellParser<unknown> };
  /** The note on the template header, where the one made from the column's type would not do (notes.ts). */
  note?: string;
  /** The cell of the template's example row: one small customer, consistent across the datasets. */
  example?: string | number;
}

/** Reports a problem with one column of the row being checked. */
export type IssueSink = (column: string, message: string) => void;

export interface DatasetSpec<R extends BaseRecord> {
  name: DatasetName;
  /** The add-on's sheet tab. */
  tab: string;
  /** The CSV file in a template folder. */
  file: string;
  /**
   * A record with every field at its empty value. Written as one object literal so V8 gives
   * all records of a dataset one compact shape and can allocate them straight into the old
   * generation (millions of long-lived rows would otherwise be copied by every scavenge).
   */
  blank: (row: number) => R;
  /** In template order, as ChartMogul's CSV templates spell the headers. */
  columns: readonly ColumnSpec<R>[];
  /** The row's key that must be unique within the dataset (null when the row has none). */
  uniqueKey?: { column: string; of: (record: R) => string | null; describe?: (record: R) => string };
  /** Rules across columns of one row, run after every cell parsed. */
  check?: (record: R, issue: IssueSink) => void;
  /**
   * Any number of columns headed `<prefix> <Key>` (`Attribute: Industry`), beside the fixed ones.
   * Each non-empty cell goes through `parse`, then `set` stores it under its key.
   */
  keyedColumns?: KeyedColumns<R>;
  /** Runs once over a table's accepted records when every row is parsed (types inferred across a column). */
  complete?: (records: R[]) => void;
}

export interface KeyedColumns<R> {
  /** Matched case-insensitively, spaces around the key ignored. */
  prefix: string;
  parse: CellParser<unknown>;
  set: (record: R, key: string, value: unknown) => void;
}

export function defineDataset<R extends BaseRecord>(spec: DatasetSpec<R>): DatasetSpec<R> {
  return spec;
}
