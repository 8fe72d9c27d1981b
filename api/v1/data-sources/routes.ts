/**
 * /v1/data_sources: create, list, retrieve, delete. Deleting a data source deletes all of its
 * data (derived data included) and invalidates the account's caches.
 *
 * The list carries only `data_sources` (no has_more/cursor), as recorded: the Python client
 * builds its list result from exactly that key and fails on any other list key.
 */
import { createRoute } from '@hono/zod-openapi';
import type { AppContext } from '../../context.ts';
import { validationFailed } from '../../http/errors.ts';
import { errorResponses, jsonRequest, jsonResponse, openapiRoute, type ApiApp } from '../../http/openapi.ts';
import { writeAndMark } from '../../ingest/write.ts';
import { insertDataSource, readDataSources } from '../../store/data-sources.ts';
import { bumpDataVersion } from '../../store/data-version.ts';
import { deleteDataSource } from '../../store/delete.ts';
import { account } from '../conventions/account.ts';
import { optionalString } from '../conventions/body.ts';
import { dataSourceById, dataSourceNotFound } from '../conventions/lookup.ts';
import { DataSource, DataSourceCreate, DataSourceList, DataSourceListQuery, DataSourceParams, DataSourceParts } from './schemas.ts';
import { dataSourceJson, partsOf } from './serialize.ts';

const NAME_REQUIRED = 'A name is required for each data source.';
const tags = ['Data sources'];

const createDataSource = createRoute({
  method: 'post',
  path: '/v1/data_sources',
  tags,
  summary: 'Create a data source (billing system Import API)',
  request: { query: DataSourceParts, body: jsonRequest(DataSourceCreate) },
  responses: { 201: jsonResponse(DataSource, 'The new data source'), ...errorResponses(400, 413, 422, 503) },
});

const listDataSources = createRoute({
  method: 'get',
  path: '/v1/data_sources',
  tags,
  summary: 'The data sources of the account, oldest first',
  request: { query: DataSourceListQuery },
  responses: { 200: jsonResponse(DataSourceList, 'Every data source the filters select'), ...errorResponses(400, 422) },
});

const getDataSource = createRoute({
  method: 'get',
  path: '/v1/data_sources/{ds}',
  tags,
  summary: 'One data source',
  request: { params: DataSourceParams, query: DataSourceParts },
  responses: { 200: jsonResponse(DataSource, 'The data source'), ...errorResponses(400, 404, 422) },
});

const deleteDataSourceRoute = createRoute({
  method: 'delete',
  path: '/v1/data_sources/{ds}',
  tags,
  summary: 'Delete a data source and everything imported into it',
  request: { params: DataSourceParams },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(400, 404, 422, 503) },
});

export function registerDataSources(app: ApiApp, ctx: AppContext): void {
  openapiRoute(app, createDataSource, async (c) => {
    const acc = account(c);
    const name = optionalString(c.req.valid('json'), 'name')?.trim();
    if (!name) throw validationFailed({ name: NAME_REQUIRED });
    if (name.length > 255) throw validationFailed({ name: 'name must be at most 255 characters' });
    const id = await writeAndMark(ctx, acc.id, async (tx) => {
      const created = await insertDataSource(tx, acc.id, name);
      if (created === null) throw validationFailed({ name: `A data source named '${name}' already exists.` });
      return { result: created };
    });
    const parts = partsOf(c.req.valid('query'));
    const [row] = await ctx.db.read((tx) => readDataSources(tx, { accountId: acc.id, id }, parts.processing));
    return c.json(dataSourceJson(row, parts, acc.settings), 201);
  });

  openapiRoute(app, listDataSources, async (c) => {
    const acc = account(c);
    const query = c.req.valid('query');
    const parts = partsOf(query);
    const rows = await ctx.db.read((tx) => readDataSources(tx, {
      accountId: acc.id,
      // An empty filter is no filter.
      name: query.name || undefined,
      system: query.system || undefined,
    }, parts.processing));
    return c.json({ data_sources: rows.map((r) => dataSourceJson(r, parts, acc.settings)) }, 200);
  });

  openapiRoute(app, getDataSource, async (c) => {
    const acc = account(c);
    const parts = partsOf(c.req.valid('query'));
    const rows = await ctx.db.read(async (tx) => {
      const ds = await dataSourceById(tx, acc.id, c.req.valid('param').ds);
      if (!ds) throw dataSourceNotFound();
      return readDataSources(tx, { accountId: acc.id, id: ds.id }, parts.processing);
    });
    return c.json(dataSourceJson(rows[0], parts, acc.settings), 200);
  });

  openapiRoute(app, deleteDataSourceRoute, async (c) => {
    const acc = account(c);
    await writeAndMark(ctx, acc.id, async (tx) => {
      const ds = await dataSourceById(tx, acc.id, c.req.valid('param').ds);
      if (!ds) throw dataSourceNotFound();
      // Its billing rows, then the data source: customers, plans, contacts and derived data
      // go with it by cascade.
      await deleteDataSource(tx, acc.id, ds.id);
      await bumpDataVersion(tx, acc.id);
      return { result: null };
    });
    return c.body(null, 204);
  });
}
