/**
 * /sync: the bulk path of the add-on and `mogul import`. Template rows in (JSON or CSV), on
 * the one write path (api/ingest/ingest.ts) in one transaction per request: the rows that
 * pass stored by external ID, the refused ones back with the caller's row numbers, the
 * customers they touch marked for recompute on the next read (api/ingest/policy.ts).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { DATASET_NAMES, parseSettingsJson, type Settings } from '../../shared/index.ts';
import { SyncCsvQuery, SyncRequestBody } from '../../shared/wire/sync-request.ts';
import { SyncAnswer } from '../../shared/wire/sync-response.ts';
import type { AppContext } from '../context.ts';
import { rollDay } from '../derived/freshness.ts';
import { jsonBody } from '../http/json-body.ts';
import { errorResponses, jsonResponse, openapiRoute, type ApiApp } from '../http/openapi.ts';
import { ingestBatch, parseBatch } from '../ingest/ingest.ts';
import { dataSourceByName, dataSourceNamed } from '../store/data-sources.ts';
import { analyseIfGrown, planForKeyLookups } from '../store/statistics.ts';
import { tableName } from '../store/tables.ts';
import { isCsv, parseCsvSyncBody } from './csv-request.ts';
import { datasetFromPath, parseSyncBody } from './request.ts';
import { registerSyncResults } from './results-route.ts';

/** The data source rows go to when the request names none. */
const DEFAULT_SOURCE = 'Mogul';
/** A dry run naming a data source the account lacks checks against an empty one. */
const NO_SOURCE = '00000000-0000-0000-0000-000000000000';

/**
 * The path and body are declared for the document only. The route validates nothing itself:
 * the body may be JSON or CSV, and /sync answers a bad dataset or body with its own 400s (413
 * for too many rows), as request.ts and csv-request.ts check them with the same shared
 * schemas; a validated body would answer 422 (JSON) or 415 (CSV) instead. So the dataset is
 * a plain string here, and the body is documented beside the route rather than given to
 * openapiRoute (which would validate a JSON body): see registerSync.
 */
const syncUpload = createRoute({
  method: 'post',
  path: '/sync/{dataset}',
  tags: ['Sync'],
  summary: 'Store template rows of one dataset',
  description:
    'Rows shaped like the dataset\'s template, upserted by external ID (or content) into the data source named by `source`. ' +
    'Rows that fail a check are not stored and come back in `errors` with the caller\'s row numbers; the others are stored. ' +
    'A JSON body (`rows`, `source`, `dry_run`), or with `Content-Type: text/csv` the template\'s CSV file (`source`, `dry_run` and `first_row` in the query string).',
  request: {
    params: z.object({ dataset: z.string().openapi({ enum: [...DATASET_NAMES], description: 'The dataset (template) of the rows' }) }),
  },
  responses: {
    200: jsonResponse(SyncAnswer, 'The rows stored (on a dry run: that would be) and the refused ones'),
    ...errorResponses(400, 404, 413),
  },
});

/** What /sync reads besides the path, for the document only (see syncUpload): two bodies, and the query of a CSV one. */
const syncUploadRequest = {
  ...syncUpload.request,
  query: SyncCsvQuery,
  body: {
    required: true,
    content: {
      'application/json': { schema: SyncRequestBody },
      'text/csv': {
        schema: z.string().openapi({ description: "The template's CSV file: its header row, then data rows", example: 'External ID,Name\ncus_1,Acme\n' }),
      },
    },
  },
};

export function registerSync(app: ApiApp, ctx: AppContext): void {
  openapiRoute(app, { ...syncUpload, hide: true }, async (c) => {
    const account = c.get('account');
    const dataset = datasetFromPath(c.req.param('dataset'));
    const request = isCsv(c.req.header('content-type'))
      ? parseCsvSyncBody(dataset, await c.req.text(), c.req.query())
      : parseSyncBody(dataset, await jsonBody(c));
    const today = ctx.today();
    const settings: Settings = parseSettingsJson(account.settings ?? {}).settings;
    const parsed = parseBatch(dataset, request.table);
    const sourceName = request.source ?? DEFAULT_SOURCE;

    // No account lock: upserts of disjoint rows may run side by side (mogul import sends a
    // few batches at once), and marking customers dirty is idempotent.
    const answer = await ctx.db.transaction(async (tx) => {
      await planForKeyLookups(tx);
      await rollDay(tx, account.id, today);
      const dataSourceId = request.dryRun
        ? ((await dataSourceNamed(tx, account.id, sourceName)) ?? NO_SOURCE)
        : await dataSourceByName(tx, account.id, sourceName);
      return ingestBatch(tx, { dataset, parsed, target: { accountId: account.id, dataSourceId }, settings, today, dryRun: request.dryRun });
    });
    if (!request.dryRun && answer.accepted > 0) await analyseIfGrown(ctx.db, [tableName(dataset)]);
    return c.json(answer, 200);
  });
  // Declared with what the handler reads (both bodies, the CSV query): the document and the
  // response checks of the tests (api/http/response-check.ts) take it from here.
  app.openAPIRegistry.registerPath({ ...syncUpload, request: syncUploadRequest });
  registerSyncResults(app, ctx);
}
