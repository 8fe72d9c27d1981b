/**
 * GET /v1/activities and GET /v1/customers/{cus}/activities: the stored MRR movements, with
 * start-date / end-date (days, inclusive, or date-times: bounds.ts), type and order (date or -date) filters, a segment
 * (`filters`, `plans`, `geo`) and the cursor of the other lists. Each names the plan in force
 * at the movement. Movement rows are rewritten when a customer is recomputed, so their uuid /
 * id change then; the order (instant, customer, position) does not.
 */
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  ALL_MOVEMENT_TYPES, hasPlanConditions, parseSettingsJson, type MovementType, type Segment,
} from '../../../shared/index.ts';
import type { AppContext } from '../../context.ts';
import type { AnswerStamp } from '../../http/answer-cache.ts';
import { cachedJson, freshStamp, NOT_MODIFIED } from '../../http/cached-read.ts';
import { validationFailed } from '../../http/errors.ts';
import { errorResponses, jsonResponse, openapiRoute, type ApiApp } from '../../http/openapi.ts';
import { activityRowsOf, selectMovements } from '../../segments/activities.ts';
import { customersKept, plansBySource } from '../../segments/facts.ts';
import { planView } from '../../segments/plan-view.ts';
import { segmentOfQuery } from '../../segments/request.ts';
import { activityRows, type ActivityFilter, type ActivityRow } from '../../store/derived.ts';
import { activityContext } from '../../store/segment-facts.ts';
import { account } from '../conventions/account.ts';
import { requireCustomer } from '../conventions/lookup.ts';
import { pageAnswer, pageNumber, pageOf, type Page } from '../conventions/pages.ts';
import { activityBounds } from './bounds.ts';
import { ActivitiesQuery, ActivityList, CustomerActivitiesParams, CustomerActivityList } from './schemas.ts';
import { activityJson, customerActivityJson } from './serialize.ts';

const tags = ['Activities'];

const listActivities = createRoute({
  method: 'get',
  path: '/v1/activities',
  tags,
  summary: 'MRR movements of every customer, oldest first (or newest with order=-date)',
  request: { query: ActivitiesQuery },
  responses: { 200: jsonResponse(ActivityList, 'A page of the movements the filters select'), ...NOT_MODIFIED, ...errorResponses(400, 422, 503) },
});

const listCustomerActivities = createRoute({
  method: 'get',
  path: '/v1/customers/{cus}/activities',
  tags,
  summary: "One customer's MRR movements",
  request: { params: CustomerActivitiesParams, query: ActivitiesQuery },
  responses: { 200: jsonResponse(CustomerActivityList, "A page of the customer's movements"), ...NOT_MODIFIED, ...errorResponses(400, 404, 422, 503) },
});

/** The filters of the query (the segment apart), or a 422 naming each bad one. */
function activityFilter(c: Context): { filter: Omit<ActivityFilter, 'customerId'>; segment: Segment | null } {
  const errors: Record<string, string> = {};
  const bounds = activityBounds((name) => c.req.query(name), errors);
  const type = c.req.query('type');
  const typed = type !== undefined && type !== '';
  if (typed && !(ALL_MOVEMENT_TYPES as readonly string[]).includes(type)) errors.type = `type must be one of ${ALL_MOVEMENT_TYPES.join(', ')}; got '${type}'`;
  const order = c.req.query('order') ?? 'date';
  if (order !== 'date' && order !== '-date') errors.order = `order must be date or -date; got '${order}'`;
  const segment = segmentOfQuery((name) => c.req.query(name), errors);
  if (Object.keys(errors).length > 0) throw validationFailed(errors);
  return {
    filter: {
      ...bounds,
      type: typed ? (type as MovementType) : undefined,
      descending: order === '-date',
    },
    segment,
  };
}

/**
 * One page of activities: the stored movements (of the segment's customers under customer
 * conditions), or under plan conditions the segment's movements the engine gives on demand.
 */
async function activityPage(
  ctx: AppContext, stamp: AnswerStamp, filter: ActivityFilter, segment: Segment | null, page: Page, customer?: string,
): Promise<ActivityRow[]> {
  const { accountId } = stamp;
  const today = ctx.today();
  if (segment === null || !hasPlanConditions(segment)) {
    const kept = segment === null ? undefined : [...await ctx.db.read((tx) => customersKept(tx, accountId, segment))];
    return ctx.db.read(async (tx) => {
      const f = { ...filter, customerIds: kept, customerId: customer === undefined ? undefined : (await requireCustomer(tx, accountId, customer)).id };
      return activityRows(tx, accountId, f, page.offset, page.perPage + 1, page.after);
    });
  }
  const inputs = await ctx.inputs.get(accountId, stamp.version);
  const { movements } = await planView(ctx, accountId, inputs, segment, today);
  return ctx.db.read(async (tx) => {
    const customerId = customer === undefined ? undefined : (await requireCustomer(tx, accountId, customer)).id;
    const kept = segment.customer.length === 0 ? undefined : [...await customersKept(tx, accountId, segment)];
    const selected = selectMovements(movements, { ...filter, customerId, customerIds: kept }, page.offset, page.perPage + 1);
    const context = await activityContext(tx, accountId, [...new Set(selected.map((m) => m.customerId))]);
    return activityRowsOf(selected, context, await plansBySource(tx, accountId));
  });
}

/** The stored movement a next page starts after (pages the engine gives under plan conditions go by offset). */
function storedLastId(rows: readonly ActivityRow[], page: Page, segment: Segment | null): string | undefined {
  return segment === null || !hasPlanConditions(segment) ? rows[page.perPage - 1]?.id : undefined;
}

export function registerActivities(app: ApiApp, ctx: AppContext): void {
  openapiRoute(app, listActivities, async (c) => {
    const a = account(c);
    const currency = parseSettingsJson(a.settings ?? {}).settings.base_currency;
    const page = pageOf(c);
    const { filter, segment } = activityFilter(c);
    const stamp = await freshStamp(ctx, c);
    return cachedJson(ctx, c, stamp, async () => {
      const rows = await activityPage(ctx, stamp, filter, segment, page);
      const answer = pageAnswer('entries', rows.map((r) => activityJson(r, currency)), page, storedLastId(rows, page, segment));
      return { ...answer, per_page: page.perPage };
    }) as never;
  });

  openapiRoute(app, listCustomerActivities, async (c) => {
    const a = account(c);
    const currency = parseSettingsJson(a.settings ?? {}).settings.base_currency;
    const page = pageOf(c);
    const { filter, segment } = activityFilter(c);
    const stamp = await freshStamp(ctx, c);
    return cachedJson(ctx, c, stamp, async () => {
      const rows = await activityPage(ctx, stamp, filter, segment, page, c.req.valid('param').cus);
      const answer = pageAnswer('entries', rows.map((r) => customerActivityJson(r, currency)), page, storedLastId(rows, page, segment));
      return { ...answer, per_page: page.perPage, page: pageNumber(page) };
    }) as never;
  });
}
