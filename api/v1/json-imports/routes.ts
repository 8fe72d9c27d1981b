/**
 * POST /v1/data_sources/{ds}/json_imports (ChartMogul's bulk import) and its status. The
 * request is checked for shape and kept; the answer (`queued`) comes before the rows are
 * imported, by a job after it (job.ts, on the runner of api/jobs/). The status goes `queued`
 * → `processing` → `completed` (or `failed`), with the rows left out named in
 * `status_details`. A status read of an import whose process died takes it up again.
 */
import { createRoute } from '@hono/zod-openapi';
import type { AppContext } from '../../context.ts';
import { notFound, validationFailed } from '../../http/errors.ts';
import { errorResponses, jsonRequest, jsonResponse, openapiRoute, type ApiApp } from '../../http/openapi.ts';
import { runnerOf } from '../../jobs/runner.ts';
import { insertJsonImport, jsonImportExternalIdTaken, jsonImportOf } from '../../store/json-imports.ts';
import { account } from '../conventions/account.ts';
import { dataSourceById, dataSourceNotFound } from '../conventions/lookup.ts';
import { jsonImportJob } from './job.ts';
import { importRequest } from './request.ts';
import { JsonImport, JsonImportCreate, JsonImportParams, JsonImportStatusParams } from './schemas.ts';
import { jsonImportJson } from './serialize.ts';

const tags = ['Bulk import'];

const createImport = createRoute({
  method: 'post',
  path: '/v1/data_sources/{ds}/json_imports',
  tags,
  summary: 'Import customers, plans, invoices, line items, transactions and subscription events in one request',
  description: 'Answers at once with the import `queued`; the rows are imported after the answer. Read the status to follow it.',
  request: { params: JsonImportParams, body: jsonRequest(JsonImportCreate) },
  responses: { 200: jsonResponse(JsonImport, 'The import, queued'), ...errorResponses(400, 404, 413, 422) },
});

const importStatus = createRoute({
  method: 'get',
  path: '/v1/data_sources/{ds}/json_imports/{id}',
  tags,
  summary: "A JSON import's status",
  request: { params: JsonImportStatusParams },
  responses: { 200: jsonResponse(JsonImport, 'The import and what became of its rows'), ...errorResponses(404) },
});

export function registerJsonImports(app: ApiApp, ctx: AppContext): void {
  openapiRoute(app, createImport, async (c) => {
    const acc = account(c);
    const row = await ctx.db.transaction(async (tx) => {
      const ds = await dataSourceById(tx, acc.id, c.req.valid('param').ds);
      if (!ds) throw dataSourceNotFound();
      const request = importRequest(c.req.valid('json'));
      if (request.externalId !== null && await jsonImportExternalIdTaken(tx, acc.id, ds.id, request.externalId)) {
        throw validationFailed({ external_id: `An import with external_id '${request.externalId}' already exists in this data source` });
      }
      return insertJsonImport(tx, { accountId: acc.id, dataSourceId: ds.id, externalId: request.externalId, payload: request.lists });
    });
    runnerOf(ctx).start(ctx, { kind: jsonImportJob, id: row.id }, c);
    return c.json(jsonImportJson(row), 200);
  });

  openapiRoute(app, importStatus, async (c) => {
    const acc = account(c);
    const { ds, id } = c.req.valid('param');
    const row = await ctx.db.read(async (tx) => {
      const source = await dataSourceById(tx, acc.id, ds);
      if (!source) throw dataSourceNotFound();
      const found = await jsonImportOf(tx, acc.id, source.id, id);
      if (!found) throw notFound('JSON import', 'id');
      return found;
    });
    // Not done: its job may have died with its process; an attempt finds out (and skips a live one).
    if (row.status === 'queued' || row.status === 'processing') runnerOf(ctx).start(ctx, { kind: jsonImportJob, id: row.id }, c);
    return c.json(jsonImportJson(row), 200);
  });
}
