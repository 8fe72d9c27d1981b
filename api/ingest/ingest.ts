/**
 * The one write path of template rows: parsed with the shared dataset specs, checked against
 * what the data source holds (references.ts, the shared reference rules), upserted, and the
 * customers they touch marked for recompute (policy.ts), all in the caller's transaction.
 * POST /sync/{dataset} stores the rows that pass and answers the others (ingestBatch); the /v1
 * imports refuse the request when any row fails (batch-write.ts checkAndStore); both store
 * through storeRows.
 */
import {
  DATASET_SPECS, endOfDay, parseTable, sortErrors, type CustomerRecord, type DatasetName, type DatasetRecords, type ParsedTable,
  type Settings, type Table,
} from '../../shared/index.ts';
import type { SyncAnswer } from '../../shared/wire/sync-response.ts';
import type { Tx } from '../db/client.ts';
import { customersOfStoredRows } from '../store/customers-of.ts';
import { upsertRecords } from '../store/upsert.ts';
import { affectedCustomers, unique } from './affected.ts';
import { markTouched } from './policy.ts';
import { checkBatchReferences } from './references.ts';
import { attributeColumns, storeSheetAttributes, type AttributeColumns } from './sheet-attributes.ts';

type AnyRecord = DatasetRecords[DatasetName];

export interface IngestTarget {
  accountId: string;
  dataSourceId: string;
}

/**
 * Stores rows that passed their checks: upserted by their keys, and the customers they touch
 * (read before the upsert: an invoice moved to another customer touches both) marked dirty.
 * `invoiceCustomers` (from the reference check) spares a look-up. Customers' rows also carry
 * the tags and custom attributes of the batch's `attributeColumns` (sheet-attributes.ts).
 */
export async function storeRows(
  tx: Tx,
  dataset: DatasetName,
  target: IngestTarget,
  records: readonly AnyRecord[],
  invoiceCustomers?: ReadonlyMap<string, string>,
  attributeColumns?: AttributeColumns | null,
): Promise<void> {
  if (records.length === 0) return;
  let touched = await affectedCustomers(tx, dataset, records, target.dataSourceId, invoiceCustomers);
  // A line or transaction re-sent under its own ID onto another invoice leaves its old
  // customer, who must be recomputed too; a first import's COPY overwrites nothing.
  const leftCustomers = dataset === 'line_items' || dataset === 'transactions'
    ? async (keys: readonly string[]) => {
      const own = keys.filter((k) => !k.startsWith('#')); // content keys name their invoice: they cannot move
      if (own.length === 0 || touched === 'all') return;
      touched = unique([...touched, ...(await customersOfStoredRows(tx, dataset, target.dataSourceId, own))]);
    }
    : undefined;
  await upsertRecords(tx, dataset, target, records as unknown as Record<string, unknown>[], leftCustomers);
  if (dataset === 'customers' && attributeColumns) {
    await storeSheetAttributes(tx, target.dataSourceId, records as readonly CustomerRecord[], attributeColumns);
  }
  await markTouched(tx, target.accountId, target.dataSourceId, touched);
}

/** A batch's rows parsed, and for customers which attribute columns it has (the ones the sheet owns). */
export type ParsedBatch = ParsedTable<AnyRecord> & { attributeColumns: AttributeColumns | null };

/** Rows as sent (with the caller's row numbers) through the dataset's shared spec: records, row errors, warnings. */
export function parseBatch(dataset: DatasetName, table: Table): ParsedBatch {
  const parsed = parseTable(DATASET_SPECS[dataset] as never, table) as ParsedTable<AnyRecord>;
  return { ...parsed, attributeColumns: dataset === 'customers' ? attributeColumns(table.headers) : null };
}

export interface Batch {
  dataset: DatasetName;
  /** The rows parsed (parseBatch: before the transaction, which may run again on a deadlock). */
  parsed: ParsedBatch;
  target: IngestTarget;
  settings: Settings;
  /** The day of the write (today): references are checked as of its end. */
  today: number;
  /** Checked but not stored. */
  dryRun: boolean;
}

/** A /sync batch: every parsed row checked, the good ones stored (unless a dry run), the others answered. */
export async function ingestBatch(tx: Tx, batch: Batch): Promise<SyncAnswer> {
  const { dataset, target, parsed } = batch;
  const records = parsed.records;
  const check = await checkBatchReferences(tx, dataset, records, target, batch.settings, endOfDay(batch.today));
  const rejected = new Set(check.errors.map((e) => e.row));
  const accepted = records.filter((r) => !rejected.has(r.row));
  if (!batch.dryRun) await storeRows(tx, dataset, target, accepted, check.invoiceCustomers, parsed.attributeColumns);
  const errors = sortErrors([...parsed.errors, ...check.errors]).map(({ row, column, value, message }) => ({ row, column, value, message }));
  return { accepted: accepted.length, errors, warnings: parsed.warnings.map((w) => w.message), dry_run: batch.dryRun };
}
