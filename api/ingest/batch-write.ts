/**
 * The /v1 imports on the one write path (ingest.ts): one dataset's parsed rows through the
 * same checks as /sync (the shared reference rules over what the data source holds) and
 * stored as /sync stores them; reference problems become 422s naming the JSON fields, and
 * the caller's transaction rolls back.
 */
import { endOfDay, type DatasetName, type Settings } from '../../shared/index.ts';
import type { Tx } from '../db/client.ts';
import { idsByKey } from '../store/record-write.ts';
import { storeRows } from './ingest.ts';
import { checkBatchReferences } from './references.ts';
import type { FieldErrors, ParsedRows, RowInput } from './template-rows.ts';

export interface WriteScope {
  accountId: string;
  dataSourceId: string;
  settings: Settings;
  /** The day the write happens (today). */
  today: number;
}

/** Checks references of the rows against stored data, as /sync does; 422 when any fails. */
export async function checkStoredReferences<N extends DatasetName>(
  tx: Tx,
  dataset: N,
  rows: ParsedRows<N>,
  scope: WriteScope,
  errors: FieldErrors,
): Promise<void> {
  if (rows.records.length === 0) return;
  const target = { accountId: scope.accountId, dataSourceId: scope.dataSourceId };
  const problems = await checkBatchReferences(tx, dataset, rows.records as never[], target, scope.settings, endOfDay(scope.today));
  rows.report(problems.errors);
  errors.throwIfAny();
}

/** Checks references of the rows against stored data, then stores them (storeRows); 422 when any fails. */
export async function checkAndStore<N extends DatasetName>(
  tx: Tx,
  dataset: N,
  rows: ParsedRows<N>,
  scope: WriteScope,
  errors: FieldErrors,
): Promise<void> {
  if (rows.records.length === 0) return;
  await checkStoredReferences(tx, dataset, rows, scope, errors);
  await storeRows(tx, dataset, { accountId: scope.accountId, dataSourceId: scope.dataSourceId }, rows.records);
}

/** Rejects external IDs the data source already holds (ChartMogul refuses duplicates too). */
export async function refuseStoredExternalIds(
  tx: Tx,
  dataset: 'invoices' | 'line_items' | 'transactions' | 'subscription_events',
  dataSourceId: string,
  inputs: readonly { input: RowInput; externalId: string | null }[],
  errors: FieldErrors,
  what: string,
): Promise<void> {
  const ids = inputs.map((i) => i.externalId).filter((id): id is string => id !== null);
  const stored = await idsByKey(tx, dataset, dataSourceId, ids);
  for (const { input, externalId } of inputs) {
    if (externalId !== null && stored.has(externalId)) {
      errors.add(`${input.path ? `${input.path}.` : ''}external_id`, `The external ID of this ${what} already exists in this data source: '${externalId}'`);
    }
  }
}
