/**
 * /v1/plans: create, list (filters data_source_uuid, external_id, system), retrieve, update
 * (PATCH, 202 with the plan, as recorded) and delete. Fields are validated by the shared plans
 * template parser. A plan made without external_id gets its own UUID as external ID, as
 * ChartMogul does. Changing a plan's interval recomputes the customers whose subscriptions
 * use it; a plan that billing data still uses cannot be deleted (422).
 */
import { randomUUID } from 'node:crypto';
import { createRoute } from '@hono/zod-openapi';
import type { PlanRecord } from '../../../shared/index.ts';
import type { AppContext } from '../../context.ts';
import type { Tx } from '../../db/client.ts';
import { notFound, validationFailed } from '../../http/errors.ts';
import { readBody } from '../../http/json-body.ts';
import { errorResponses, jsonRequest, jsonResponse, openapiRoute, type ApiApp } from '../../http/openapi.ts';
import { affectedCustomers } from '../../ingest/affected.ts';
import { parseTemplateRow } from '../../ingest/template-rows.ts';
import { writeAndMark } from '../../ingest/write.ts';
import { bumpDataVersion } from '../../store/data-version.ts';
import { countPlans, deletePlan, planByUuid, planInUse, readPlans, type PlanFilter, type PlanRow } from '../../store/plans.ts';
import { insertRecordRow, updateRecordRow } from '../../store/record-write.ts';
import { account } from '../conventions/account.ts';
import type { Body } from '../conventions/body.ts';
import { PREFIX, uuidOf } from '../conventions/ids.ts';
import { bodyDataSource, checkSameDataSource } from '../conventions/lookup.ts';
import { pageAnswer, pageOf, withPageNumbers } from '../conventions/pages.ts';
import { Plan, PlanCreate, PlanList, PlanListQuery, PlanParams, PlanUpdate } from './schemas.ts';
import { planJson } from './serialize.ts';

const tags = ['Plans'];

const createPlan = createRoute({
  method: 'post',
  path: '/v1/plans',
  tags,
  summary: 'Create a plan',
  request: { body: jsonRequest(PlanCreate) },
  responses: { 201: jsonResponse(Plan, 'The new plan'), ...errorResponses(400, 413, 422, 503) },
});

const listPlans = createRoute({
  method: 'get',
  path: '/v1/plans',
  tags,
  summary: 'The plans of the account, oldest first',
  request: { query: PlanListQuery },
  responses: { 200: jsonResponse(PlanList, 'A page of the plans the filters select'), ...errorResponses(400, 422) },
});

const getPlan = createRoute({
  method: 'get',
  path: '/v1/plans/{uuid}',
  tags,
  summary: 'One plan',
  request: { params: PlanParams },
  responses: { 200: jsonResponse(Plan, 'The plan'), ...errorResponses(404, 422) },
});

const updatePlan = createRoute({
  method: 'patch',
  path: '/v1/plans/{uuid}',
  tags,
  summary: "Change a plan's name or interval",
  request: { params: PlanParams, body: jsonRequest(PlanUpdate) },
  responses: { 202: jsonResponse(Plan, 'The plan as changed'), ...errorResponses(400, 404, 413, 422, 503) },
});

const deletePlanRoute = createRoute({
  method: 'delete',
  path: '/v1/plans/{uuid}',
  tags,
  summary: 'Delete a plan no billing data uses',
  request: { params: PlanParams },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(404, 422, 503) },
});

async function requirePlan(tx: Tx, accountId: string, value: string): Promise<PlanRow> {
  const id = uuidOf(PREFIX.plan, value);
  const row = id ? await planByUuid(tx, accountId, id) : null;
  if (!row) throw notFound('plan', 'plan_uuid');
  return row;
}

type PlanField = 'name' | 'interval_count' | 'interval_unit';

/** The plans template record of a body's fields; `current` is the stored plan of an update. */
function planRecord(body: Body, externalId: string, current?: PlanRow): PlanRecord {
  const stored: Record<PlanField, unknown> | undefined = current
    && { name: current.name, interval_count: current.intervalCount, interval_unit: current.intervalUnit };
  const value = (field: PlanField) => (field in body ? body[field] : stored?.[field]);
  return parseTemplateRow('plans', [
    { header: 'Name', field: 'name', value: value('name') },
    { header: 'Interval count', field: 'interval_count', value: value('interval_count') },
    { header: 'Interval unit', field: 'interval_unit', value: value('interval_unit') },
    { header: 'Plan ID', field: 'external_id', value: externalId },
  ]);
}

function listFilter(accountId: string, query: { data_source_uuid?: string; external_id?: string; system?: string }): PlanFilter {
  const filter: PlanFilter = { accountId, externalId: query.external_id, system: query.system };
  if (query.data_source_uuid !== undefined) {
    const id = uuidOf(PREFIX.dataSource, query.data_source_uuid);
    if (id) filter.dataSourceId = id;
    else filter.none = true;
  }
  return filter;
}

export function registerPlans(app: ApiApp, ctx: AppContext): void {
  openapiRoute(app, createPlan, async (c) => {
    const acc = account(c);
    // The body as sent: which fields are present matters, not only their values.
    const body = await readBody(c);
    const id = randomUUID();
    const given = body.external_id;
    const record = planRecord(body, given === undefined || given === null || given === '' ? id : (given as string));
    const row = await writeAndMark(ctx, acc.id, async (tx) => {
      const dataSourceId = await bodyDataSource(tx, acc.id, body.data_source_uuid);
      if (!await insertRecordRow(tx, 'plans', { accountId: acc.id, dataSourceId }, record, { id })) {
        throw validationFailed({ external_id: `A plan with external_id '${record.externalId}' already exists in this data source` });
      }
      await bumpDataVersion(tx, acc.id); // activities name the plan in force: no answer kept before this write holds
      return { result: (await planByUuid(tx, acc.id, id))! };
    });
    return c.json(planJson(row), 201);
  });

  openapiRoute(app, listPlans, async (c) => {
    const page = pageOf(c);
    const filter = listFilter(account(c).id, c.req.valid('query'));
    const [rows, total] = await ctx.db.read(async (tx) => [await readPlans(tx, filter, page), await countPlans(tx, filter)] as const);
    return c.json(withPageNumbers(pageAnswer('plans', rows.map(planJson), page), page, total), 200);
  });

  openapiRoute(app, getPlan, async (c) => {
    const row = await ctx.db.read((tx) => requirePlan(tx, account(c).id, c.req.valid('param').uuid));
    return c.json(planJson(row), 200);
  });

  openapiRoute(app, updatePlan, async (c) => {
    const acc = account(c);
    const body = await readBody(c);
    const row = await writeAndMark(ctx, acc.id, async (tx) => {
      const plan = await requirePlan(tx, acc.id, c.req.valid('param').uuid);
      checkSameDataSource(body.data_source_uuid, plan.dataSourceId, "A plan's data source cannot be changed");
      if (body.external_id !== undefined && body.external_id !== plan.externalId) {
        throw validationFailed({ external_id: "A plan's external_id cannot be changed: invoices and subscriptions refer to it" });
      }
      const record = planRecord(body, plan.externalId, plan);
      await updateRecordRow(tx, 'plans', acc.id, plan.id, record);
      const intervalChanged = record.intervalCount !== plan.intervalCount || record.intervalUnit !== plan.intervalUnit;
      const customers = intervalChanged ? await affectedCustomers(tx, 'plans', [record], plan.dataSourceId) : [];
      await bumpDataVersion(tx, acc.id); // the plan's name shows in activities
      return {
        result: (await planByUuid(tx, acc.id, plan.id))!,
        touched: [{ dataSourceId: plan.dataSourceId, customers: customers === 'all' ? [] : customers }],
      };
    });
    return c.json(planJson(row), 202);
  });

  openapiRoute(app, deletePlanRoute, async (c) => {
    const acc = account(c);
    await writeAndMark(ctx, acc.id, async (tx) => {
      const plan = await requirePlan(tx, acc.id, c.req.valid('param').uuid);
      if (await planInUse(tx, plan)) {
        throw validationFailed({ plan: `Plan '${plan.externalId}' is used by invoices or subscriptions; delete those first` });
      }
      await deletePlan(tx, acc.id, plan.id);
      return { result: null };
    });
    return c.body(null, 204);
  });
}
