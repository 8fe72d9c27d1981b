/**
 * /sync: the bulk path of the add-on and `mogul import`. Template rows in, upserted by
 * external ID in one transaction per request, rejected rows back with the caller's row
 * numbers; derived data of the touched customers recomputed by the shared engine.
 */
import type { ApiApp } from '../http/openapi.ts';
import {
  DATASET_SPECS, endOfDay, parseSettingsJson, parseTable, sortErrors, type Settings,
} from '../../shared/index.ts';
import type { AppContext } from '../context.ts';
import { ensureFresh, markAccountDirty, markDirty, rollDay } from '../derived/freshness.ts';
import type { Env } from '../http/auth.ts';
import { jsonBody } from '../http/json-body.ts';
import { analyseIfGrown } from '../store/statistics.ts';
import { tableName } from '../store/tables.ts';
import { upsertRecords } from '../store/upsert.ts';
import { affectedCustomers } from './affected.ts';
import { checkBatchReferences } from './batch-references.ts';
import { dataSourceByName, DEFAULT_SOURCE } from './data-sources.ts';
import { isCsv, parseCsvSyncBody } from './csv-request.ts';
import { datasetFromPath, parseSyncBody } from './request.ts';
import { registerSyncResults } from './results-route.ts';

const NO_SOURCE = '00000000-0000-0000-0000-000000000000';

export function registerSync(app: ApiApp, ctx: AppContext): void {
  app.post('/sync/:dataset', async (c) => {
    const account = c.get('account');
    const dataset = datasetFromPath(c.req.param('dataset'));
    const request = isCsv(c.req.header('content-type'))
      ? parseCsvSyncBody(dataset, await c.req.text(), c.req.query())
      : parseSyncBody(dataset, await jsonBody(c));
    const today = ctx.today();
    const settings: Settings = parseSettingsJson(account.settings ?? {}).settings;
    const parsed = parseTable(DATASET_SPECS[dataset] as never, request.table);
    const sourceName = request.source ?? DEFAULT_SOURCE;

    // No account lock: upserts of disjoint rows may run side by side (mogul import sends a
    // few batches at once), and marking customers dirty is idempotent.
    const result = await ctx.db.transaction(async (tx) => {
      // A batch looks up thousands of keys; the default cost (4, for spinning disks) makes
      // the planner read whole tables instead of probing their unique indexes.
      await tx.query('SET LOCAL random_page_cost = 1.1');
      await rollDay(tx, account.id, today);
      const dataSourceId = request.dryRun
        ? ((await tx.query<{ id: string }>('SELECT id FROM data_sources WHERE account_id = $1 AND name = $2', [account.id, sourceName]))[0]?.id ?? NO_SOURCE)
        : await dataSourceByName(tx, account.id, sourceName);
      const scope = { accountId: account.id, dataSourceId };
      const records = parsed.records as never[];
      const check = await checkBatchReferences(tx, dataset, records, scope, settings, endOfDay(today));
      const referenceErrors = check.errors;
      const rejected = new Set(referenceErrors.map((e) => e.row));
      const accepted = records.filter((r: { row: number }) => !rejected.has(r.row));
      if (!request.dryRun && accepted.length > 0) {
        const affected = await affectedCustomers(tx, dataset, accepted, dataSourceId, check.invoiceCustomers);
        await upsertRecords(tx, dataset, scope, accepted);
        // Recomputed on the next read: a bulk import touches each customer several times.
        if (affected === 'all') await markAccountDirty(tx, account.id);
        else await markDirty(tx, account.id, dataSourceId, affected);
      }
      const errors = sortErrors([...parsed.errors, ...referenceErrors]).map(({ row, column, value, message }) => ({
        row, column, value, message,
      }));
      return { accepted: accepted.length, errors, warnings: parsed.warnings.map((w) => w.message), dry_run: request.dryRun };
    });
    if (!request.dryRun && result.accepted > 0) await analyseIfGrown(ctx.db, [tableName(dataset)]);
    return c.json(result);
  });
  registerSyncResults(app, ctx);
}
