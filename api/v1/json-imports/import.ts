/**
 * The rows of a JSON import through the one write path: each list parsed as the single-object
 * endpoints parse their objects (template-rows.ts), then checked and upserted as /sync stores
 * rows (ingestBatch), parents first; an invoice's collection_method kept as the invoice import
 * keeps it. Rows with a problem are left out and reported by list,
 * index and field; the others are stored. Upserted by key, so running an import again (a job
 * taken up after a crash) changes nothing.
 */
import { parsedTable, type DatasetName, type DatasetRecords, type RowError, type Settings } from '../../../shared/index.ts';
import type { Tx } from '../../db/client.ts';
import { ingestBatch, type IngestTarget } from '../../ingest/ingest.ts';
import { FieldErrors, parseRows, type RowInput } from '../../ingest/template-rows.ts';
import { setInvoiceExtras } from '../../store/invoices.ts';
import { nextPosition } from '../../store/record-write.ts';
import { checkCollectionMethod } from '../invoices/inputs.ts';
import { IMPORT_LISTS, LIST_SPECS, type ImportList } from './fields.ts';

type AnyRecord = DatasetRecords[DatasetName];

/** A problem of one row: `list[index]`, the field at fault (null when the row as a whole is). */
export interface RowProblem {
  list: ImportList;
  index: number;
  field: string | null;
  message: string;
}

export interface ListOutcome {
  /** The objects as sent. */
  rows: Record<string, unknown>[];
  /** Problems by row index; a row without any was stored. */
  problems: Map<number, RowProblem[]>;
}

export type ImportOutcome = Record<ImportList, ListOutcome>;

const PATH = /^([a-z_]+)\[(\d+)\](?:\.(.+))?$/;

/** FieldErrors of one list (paths like `invoices[3].currency`) as problems by row index. */
function problemsOf(list: ImportList, errors: FieldErrors): Map<number, RowProblem[]> {
  const out = new Map<number, RowProblem[]>();
  for (const [path, message] of Object.entries(errors.errors)) {
    const m = PATH.exec(path);
    if (!m || m[1] !== list) continue;
    const index = Number(m[2]);
    out.set(index, [...(out.get(index) ?? []), { list, index, field: m[3] ?? null, message }]);
  }
  return out;
}

export async function importLists(
  tx: Tx,
  target: IngestTarget,
  lists: Partial<Record<ImportList, Record<string, unknown>[]>>,
  settings: Settings,
  today: number,
): Promise<ImportOutcome> {
  const outcome = {} as ImportOutcome;
  for (const list of IMPORT_LISTS) {
    const rows = lists[list] ?? [];
    outcome[list] = { rows, problems: rows.length === 0 ? new Map() : await importList(tx, target, list, rows, settings, today) };
  }
  return outcome;
}

async function importList(
  tx: Tx, target: IngestTarget, list: ImportList, rows: Record<string, unknown>[], settings: Settings, today: number,
): Promise<Map<number, RowProblem[]>> {
  const { dataset, fields, defaults } = LIST_SPECS[list];
  const inputs: RowInput[] = rows.map((body, i) => ({
    path: `${list}[${i}]`,
    body,
    overrides: defaults && Object.fromEntries(Object.entries(defaults).map(([field, value]) => [field, body[field] ?? value])),
  }));
  const errors = new FieldErrors();
  const firstRow = await nextPosition(tx, dataset, target.dataSourceId);
  const parsed = parseRows(dataset, fields, inputs, firstRow, errors);
  if (list === 'invoices') rows.forEach((body, i) => checkCollectionMethod(body.collection_method, `invoices[${i}].collection_method`, errors));
  const refused = problemsOf(list, errors);
  const records = parsed.records.filter((r) => !refused.has((r as { row: number }).row - firstRow)) as AnyRecord[];
  const answer = await ingestBatch(tx, {
    dataset,
    parsed: { ...parsedTable(records), attributeColumns: null },
    target,
    settings,
    today,
    dryRun: false,
  });
  parsed.report(answer.errors.map((e) => ({ ...e, dataset }) as RowError));
  const problems = problemsOf(list, errors);
  if (list === 'invoices') await storeCollectionMethods(tx, target, records as DatasetRecords['invoices'][], (r) => (problems.has(r.row - firstRow) ? undefined : rows[r.row - firstRow]));
  return problems;
}

/** An invoice's `collection_method`, kept beside its template columns as the invoice import keeps it (when given). */
async function storeCollectionMethods(
  tx: Tx, target: IngestTarget, invoices: readonly DatasetRecords['invoices'][], stored: (r: DatasetRecords['invoices']) => Record<string, unknown> | undefined,
): Promise<void> {
  for (const record of invoices) {
    const method = stored(record)?.collection_method;
    if (typeof method !== 'string') continue;
    await setInvoiceExtras(tx, target.accountId, { dataSourceId: target.dataSourceId, externalId: record.externalId }, { collectionMethod: method });
  }
}
