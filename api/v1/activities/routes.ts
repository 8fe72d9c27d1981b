/**
 * GET /v1/activities and GET /v1/customers/{cus}/activities: the stored MRR movements, with
 * start-date / end-date (days, inclusive), type and order (date or -date) filters and the
 * cursor of the other lists. Movement rows are rewritten when a customer is recomputed, so
 * their uuid / id change then; the order (instant, customer, position) does not.
 */
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { formatDate, MOVEMENT_TYPES, parseDateOnly, parseSettingsJson, type MovementType } from '../../../shared/index.ts';
import type { AppContext } from '../../context.ts';
import { freshRead } from '../../derived/fresh-read.ts';
import { validationFailed } from '../../http/errors.ts';
import { errorResponses, jsonResponse, openapiRoute, type ApiApp } from '../../http/openapi.ts';
import { activityRows, type ActivityFilter } from '../../store/derived.ts';
import { account } from '../conventions/account.ts';
import { requireCustomer } from '../conventions/lookup.ts';
import { pageAnswer, pageNumber, pageOf } from '../conventions/pages.ts';
import { ActivitiesQuery, ActivityList, CustomerActivitiesParams, CustomerActivityList } from './schemas.ts';
import { activityJson, customerActivityJson } from './serialize.ts';

const tags = ['Activities'];

const listActivities = createRoute({
  method: 'get',
  path: '/v1/activities',
  tags,
  summary: 'MRR movements of every customer, oldest first (or newest with order=-date)',
  request: { query: ActivitiesQuery },
  responses: { 200: jsonResponse(ActivityList, 'A page of the movements the filters select'), ...errorResponses(400, 422, 503) },
});

const listCustomerActivities = createRoute({
  method: 'get',
  path: '/v1/customers/{cus}/activities',
  tags,
  summary: "One customer's MRR movements",
  request: { params: CustomerActivitiesParams, query: ActivitiesQuery },
  responses: { 200: jsonResponse(CustomerActivityList, "A page of the customer's movements"), ...errorResponses(400, 404, 422, 503) },
});

/** The filters of the query, or a 422 naming each bad one. */
function activityFilter(c: Context): Omit<ActivityFilter, 'customerId'> {
  const errors: Record<string, string> = {};
  const days: Record<string, number> = {};
  for (const name of ['start-date', 'end-date'] as const) {
    const raw = c.req.query(name);
    if (raw === undefined || raw === '') continue;
    const day = parseDateOnly(raw.trim());
    if (day === null) errors[name] = `${name} must be a date YYYY-MM-DD from 0001-01-01 to 9999-12-31; got '${raw}'`;
    else days[name] = day;
  }
  if (days['start-date'] > days['end-date']) errors['start-date'] = 'start-date must be on or before end-date';
  const type = c.req.query('type');
  const typed = type !== undefined && type !== '';
  if (typed && !(MOVEMENT_TYPES as readonly string[]).includes(type)) errors.type = `type must be one of ${MOVEMENT_TYPES.join(', ')}; got '${type}'`;
  const order = c.req.query('order') ?? 'date';
  if (order !== 'date' && order !== '-date') errors.order = `order must be date or -date; got '${order}'`;
  if (Object.keys(errors).length > 0) throw validationFailed(errors);
  const day = (name: string) => (name in days ? formatDate(days[name]) : undefined);
  return {
    startDay: day('start-date'),
    endDay: day('end-date'),
    type: typed ? (type as MovementType) : undefined,
    descending: order === '-date',
  };
}

export function registerActivities(app: ApiApp, ctx: AppContext): void {
  openapiRoute(app, listActivities, async (c) => {
    const a = account(c);
    const currency = parseSettingsJson(a.settings ?? {}).settings.base_currency;
    const page = pageOf(c);
    const filter = activityFilter(c);
    const rows = await freshRead(ctx, a.id, (tx) => activityRows(tx, a.id, filter, page.offset, page.perPage + 1));
    const answer = pageAnswer('entries', rows.map((r) => activityJson(r, currency)), page);
    return c.json({ ...answer, per_page: page.perPage }, 200);
  });

  openapiRoute(app, listCustomerActivities, async (c) => {
    const a = account(c);
    const currency = parseSettingsJson(a.settings ?? {}).settings.base_currency;
    const page = pageOf(c);
    return c.json(await freshRead(ctx, a.id, async (tx) => {
      const customer = await requireCustomer(tx, a.id, c.req.valid('param').cus);
      const filter = { ...activityFilter(c), customerId: customer.id };
      const rows = await activityRows(tx, a.id, filter, page.offset, page.perPage + 1);
      const answer = pageAnswer('entries', rows.map((r) => customerActivityJson(r, currency)), page);
      return { ...answer, per_page: page.perPage, page: pageNumber(page) };
    }), 200);
  });
}
