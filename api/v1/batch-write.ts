/**
 * One dataset's parsed rows through the same checks as /sync (the shared reference rules
 * over what the data source holds) and into the store; reference problems become 422s
 * naming the JSON fields, and the caller's transaction rolls back.
 */
import { endOfDay, type DatasetName, type Settings } from '../../shared/index.ts';
import type { Tx } from '../db/client.ts';
import { checkBatchReferences } from '../sync/batch-references.ts';
import { upsertRecords } from '../store/upsert.ts';
import type { FieldErrors, ParsedRows } from './template-rows.ts';

export interface WriteScope {
  accountId: string;
  dataSourceId: string;
  settings: Settings;
  /** The day the write happens (today). */
  today: number;
}

/** Checks references of the rows against stored data, then upserts them; 422 when any fails. */
export async function checkAndStore<N extends DatasetName>(
  tx: Tx,
  dataset: N,
  rows: ParsedRows<N>,
  scope: WriteScope,
  errors: FieldErrors,
): Promise<void> {
  if (rows.records.length === 0) return;
  const target = { accountId: scope.accountId, dataSourceId: scope.dataSourceId };
  const problems = await checkBatchReferences(tx, dataset, rows.records as never[], target, scope.settings, endOfDay(scope.today));
  rows.report(problems);
  errors.throwIfAny();
  await upsertRecords(tx, dataset, target, rows.records as unknown as Record<string, unknown>[]);
}
