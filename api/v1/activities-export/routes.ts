/**
 * POST /v1/activities_export and GET /v1/activities_export/{id}: ChartMogul's asynchronous
 * activities export. The POST answers at once (`pending`); a job after the answer (job.ts, on
 * the runner of api/jobs/) makes the CSV of what GET /v1/activities lists for the same days
 * and type. Once `succeeded`, file_url downloads it from GET /exports/activities/{id} with the
 * token in the URL instead of the API key (as ChartMogul's pre-signed URL), until expires_at.
 */
import { randomBytes } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../http/errors.ts';
import { errorResponses, jsonRequest, jsonResponse, openapiRoute, type ApiApp } from '../../http/openapi.ts';
import { runnerOf } from '../../jobs/runner.ts';
import { activityExportById, activityExportFile, insertActivityExport } from '../../store/activity-exports.ts';
import { account } from '../conventions/account.ts';
import { activityExportJob } from './job.ts';
import { exportRequest } from './request.ts';
import { ActivitiesExport, ActivitiesExportCreate, ActivitiesExportFileQuery, ActivitiesExportParams } from './schemas.ts';
import { activitiesExportJson, FILE_PATH } from './serialize.ts';

const tags = ['Activities'];

const createExport = createRoute({
  method: 'post',
  path: '/v1/activities_export',
  tags,
  summary: 'Ask for a CSV of the activities of some days (and of one type)',
  description: 'Answers at once with the export `pending`; read it until `succeeded` to get its file_url.',
  request: { body: jsonRequest(ActivitiesExportCreate) },
  // 200, as ChartMogul's recorded answer.
  responses: { 200: jsonResponse(ActivitiesExport, 'The export, pending'), ...errorResponses(400, 413, 422) },
});

const getExport = createRoute({
  method: 'get',
  path: '/v1/activities_export/{id}',
  tags,
  summary: 'An activities export: its status, and once made where to download it',
  request: { params: ActivitiesExportParams },
  responses: { 200: jsonResponse(ActivitiesExport, 'The export'), ...errorResponses(404) },
});

const downloadExport = createRoute({
  method: 'get',
  path: `${FILE_PATH}/{id}`,
  tags,
  summary: "An export's CSV file (the file_url: its token stands for the API key)",
  security: [],
  request: { params: ActivitiesExportParams, query: ActivitiesExportFileQuery },
  responses: {
    200: { description: 'The CSV: a header row, then one row per activity', content: { 'text/csv': { schema: z.string() } } },
    404: errorResponses(404)[404],
  },
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const exportNotFound = () => notFound('activities export', 'id');

export function registerActivitiesExport(app: ApiApp, ctx: AppContext): void {
  openapiRoute(app, createExport, async (c) => {
    const acc = account(c);
    const request = exportRequest(c.req.valid('json'));
    const row = await ctx.db.transaction((tx) => insertActivityExport(tx, acc.id, { ...request, file_token: randomBytes(32).toString('base64url') }));
    runnerOf(ctx).start(ctx, { kind: activityExportJob, id: row.id }, c);
    return c.json(activitiesExportJson(row, new URL(c.req.url).origin, Date.now()), 200);
  });

  openapiRoute(app, getExport, async (c) => {
    const acc = account(c);
    const { id } = c.req.valid('param');
    if (!UUID.test(id)) throw exportNotFound();
    const row = await ctx.db.read((tx) => activityExportById(tx, acc.id, id.toLowerCase()));
    if (!row) throw exportNotFound();
    // Not done: its job may have died with its process; an attempt finds out (and skips a live one).
    if (row.status === 'pending' || row.status === 'processing') runnerOf(ctx).start(ctx, { kind: activityExportJob, id: row.id }, c);
    return c.json(activitiesExportJson(row, new URL(c.req.url).origin, Date.now()), 200);
  });

  openapiRoute(app, downloadExport, async (c) => {
    const { id } = c.req.valid('param');
    const { token } = c.req.valid('query');
    const csv = UUID.test(id) && token ? await ctx.db.read((tx) => activityExportFile(tx, id.toLowerCase(), token)) : null;
    if (csv === null) throw notFound('export file (or its link has expired)');
    return c.body(csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="activities-${id.toLowerCase()}.csv"`,
    });
  });
}
