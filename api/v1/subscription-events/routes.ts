/**
 * Subscription events (API.md): POST (201, the flat event), GET with filters, cursor and
 * ChartMogul's `meta`, PATCH and DELETE by `id` or by `data_source_uuid` + `external_id`, and
 * PATCH …/{id}/disabled_state or …/disabled_state (by external ID) to disable or enable one (a
 * disabled event counts nowhere). `event_order` orders same-instant scheduled events (the
 * engine's forecast). Each write recomputes the customer (a subscription_cancelled event
 * cancels; scheduled ones feed CMRR).
 */
import { createRoute } from '@hono/zod-openapi';
import type { AppContext } from '../../context.ts';
import type { Tx } from '../../db/client.ts';
import { validationFailed } from '../../http/errors.ts';
import { readBody } from '../../http/json-body.ts';
import { errorResponses, jsonRequest, jsonResponse, openapiRoute, type ApiApp } from '../../http/openapi.ts';
import { writeAndMark } from '../../ingest/write.ts';
import { countEvents, deleteEvent, eventByUuid, readEvents, setEventOrder, type EventFilter, type EventRow } from '../../store/events.ts';
import { intId } from '../../store/int-id.ts';
import { account } from '../conventions/account.ts';
import { editorOf } from '../conventions/edit-state.ts';
import { PREFIX, uuidOf } from '../conventions/ids.ts';
import { findCustomer } from '../conventions/lookup.ts';
import { pageAnswer, pageNumber, pageOf, type Page } from '../conventions/pages.ts';
import {
  DisabledStateBody, DisabledStateByExternalIdBody, DisabledStateQuery, SubscriptionEvent, SubscriptionEventBody, SubscriptionEventIdParams,
  SubscriptionEventList, SubscriptionEventListQuery, SubscriptionEventRef,
} from './schemas.ts';
import { eventFields, subscriptionEventJson } from './serialize.ts';
import { createEvent, disabledOf, eventOf, eventOrderOf, findEvent, setDisabledState, updateEvent } from './write.ts';

const tags = ['Subscription events'];
const path = '/v1/subscription_events';

const createEventRoute = createRoute({
  method: 'post',
  path,
  tags,
  summary: 'Record a subscription event',
  request: { body: jsonRequest(SubscriptionEventBody) },
  responses: { 201: jsonResponse(SubscriptionEvent, 'The event as stored'), ...errorResponses(400, 413, 422, 503) },
});

const listEvents = createRoute({
  method: 'get',
  path,
  tags,
  summary: 'The subscription events of the account, newest first',
  request: { query: SubscriptionEventListQuery },
  responses: { 200: jsonResponse(SubscriptionEventList, 'A page of the events the filters select'), ...errorResponses(400, 422) },
});

const updateEventRoute = createRoute({
  method: 'patch',
  path,
  tags,
  summary: 'Change an event named by its id, or by data_source_uuid and external_id',
  request: { body: jsonRequest(SubscriptionEventBody) },
  responses: { 200: jsonResponse(SubscriptionEvent, 'The event as changed'), ...errorResponses(400, 404, 413, 422, 503) },
});

const deleteEventRoute = createRoute({
  method: 'delete',
  path,
  tags,
  summary: 'Delete an event named by its id, or by data_source_uuid and external_id (query or body)',
  request: { query: SubscriptionEventRef, body: { ...jsonRequest(SubscriptionEventBody), required: false } },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(400, 404, 413, 422, 503) },
});

const disableById = createRoute({
  method: 'patch',
  path: `${path}/{id}/disabled_state`,
  tags,
  summary: 'Disable or enable an event (a disabled event counts nowhere)',
  request: { params: SubscriptionEventIdParams, query: DisabledStateQuery, body: jsonRequest(DisabledStateBody) },
  responses: { 200: jsonResponse(SubscriptionEvent, 'The event with its disabled state'), ...errorResponses(400, 404, 413, 422, 503) },
});

const disableByExternalId = createRoute({
  method: 'patch',
  path: `${path}/disabled_state`,
  tags,
  summary: 'Disable or enable an event named by data_source_uuid and external_id',
  request: { query: DisabledStateQuery, body: jsonRequest(DisabledStateByExternalIdBody) },
  responses: { 200: jsonResponse(SubscriptionEvent, 'The event with its disabled state'), ...errorResponses(400, 404, 413, 422, 503) },
});


async function eventJson(tx: Tx, accountId: string, id: string) {
  return subscriptionEventJson((await eventByUuid(tx, accountId, id))!);
}

/** The list's filters. A customer or data source that is not the account's selects nothing. */
async function listFilter(tx: Tx, accountId: string, query: Record<string, string | undefined>): Promise<EventFilter> {
  const filter: EventFilter = {
    accountId,
    dataSourceIds: [],
    customerExternalIds: [],
    subscriptionExternalId: query.subscription_external_id,
    externalId: query.external_id,
    eventType: query.event_type,
    planExternalId: query.plan_external_id,
  };
  if (query.customer_uuid !== undefined) {
    const customer = await findCustomer(tx, accountId, query.customer_uuid);
    if (customer) {
      filter.dataSourceIds.push(customer.dataSourceId);
      filter.customerExternalIds.push(customer.externalId);
    } else filter.none = true;
  }
  if (query.data_source_uuid !== undefined) {
    const id = uuidOf(PREFIX.dataSource, query.data_source_uuid);
    if (id) filter.dataSourceIds.push(id);
    else filter.none = true;
  }
  if (query.customer_external_id !== undefined) filter.customerExternalIds.push(query.customer_external_id);
  return filter;
}

/** ChartMogul's older page keys of the list (`meta`), beside the cursor. */
async function listMeta(tx: Tx, filter: EventFilter, page: Page, rows: readonly EventRow[], readAt: Date) {
  const total = await countEvents(tx, filter);
  const next = rows.length > page.perPage ? rows[page.perPage] : undefined;
  // perPage 0 reads the one row at that offset.
  const [prev] = page.offset === 0 ? [] : await readEvents(tx, filter, { offset: Math.max(0, page.offset - page.perPage), perPage: 0 });
  return {
    next_key: next ? intId(next.id) : null,
    prev_key: prev ? intId(prev.id) : null,
    before_key: readAt.toISOString(),
    page: pageNumber(page),
    total_pages: Math.ceil(total / page.perPage),
  };
}

export function registerSubscriptionEvents(app: ApiApp, ctx: AppContext): void {
  openapiRoute(app, createEventRoute, async (c) => {
    const accountId = account(c).id;
    const event = eventOf(await readBody(c));
    const order = eventOrderOf(event);
    const json = await writeAndMark(ctx, accountId, async (tx) => {
      const created = await createEvent(tx, accountId, event, ctx.today());
      if (order !== undefined && order !== null) await setEventOrder(tx, accountId, created.id, order);
      return { result: await eventJson(tx, accountId, created.id), touched: [{ dataSourceId: created.dataSourceId, customers: [created.customer] }] };
    });
    return c.json(json, 201);
  });

  openapiRoute(app, listEvents, async (c) => {
    const accountId = account(c).id;
    const page = pageOf(c);
    const query = c.req.valid('query');
    const readAt = new Date();
    // chartmogul-python builds its list from the list keys it knows, `meta` among them, into a
    // tuple without a `meta` field: the key makes it raise. Every other client gets it.
    const withMeta = !(c.req.header('User-Agent') ?? '').startsWith('chartmogul-python/');
    return c.json(await ctx.db.read(async (tx) => {
      const filter = await listFilter(tx, accountId, query);
      const rows = await readEvents(tx, filter, page);
      const answer = pageAnswer('subscription_events', rows.map(subscriptionEventJson), page);
      if (!withMeta) return answer;
      const meta = await listMeta(tx, filter, page, rows, readAt);
      return { subscription_events: answer.subscription_events, meta, has_more: answer.has_more, cursor: answer.cursor };
    }), 200);
  });

  openapiRoute(app, updateEventRoute, async (c) => {
    const accountId = account(c).id;
    const fields = eventOf(await readBody(c));
    const order = eventOrderOf(fields);
    // chartmogul-python disables and enables through this PATCH.
    const disabled = disabledOf(fields);
    const editor = editorOf(account(c));
    const json = await writeAndMark(ctx, accountId, async (tx) => {
      const stored = await findEvent(tx, accountId, fields);
      const { id: _id, data_source_uuid: _ds, ...changes } = fields;
      const merged = { ...eventFields(stored), ...changes };
      const customer = await updateEvent(tx, accountId, stored, changes, merged, ctx.today());
      if (order !== undefined) await setEventOrder(tx, accountId, stored.id, order);
      if (disabled !== undefined) await setDisabledState(tx, accountId, stored, disabled, editor);
      return {
        result: await eventJson(tx, accountId, stored.id),
        touched: [{ dataSourceId: stored.dataSourceId, customers: [...new Set([stored.customerExternalId, customer])] }],
      };
    });
    return c.json(json, 200);
  });

  openapiRoute(app, disableById, async (c) => {
    const accountId = account(c).id;
    const disabled = disabledOf(await readBody(c), true)!;
    const editor = editorOf(account(c));
    const json = await writeAndMark(ctx, accountId, async (tx) => {
      const stored = await findEvent(tx, accountId, { id: c.req.valid('param').id });
      await setDisabledState(tx, accountId, stored, disabled, editor);
      return { result: await eventJson(tx, accountId, stored.id), touched: [{ dataSourceId: stored.dataSourceId, customers: [stored.customerExternalId] }] };
    });
    return c.json(json, 200);
  });

  openapiRoute(app, disableByExternalId, async (c) => {
    const accountId = account(c).id;
    const body = await readBody(c);
    const ref = eventOf(body);
    const disabled = disabledOf(body.disabled === undefined ? ref : body, true)!;
    if (typeof ref.external_id !== 'string' || ref.external_id === '') {
      throw validationFailed({ external_id: 'subscription_event.external_id is required (with data_source_uuid)' });
    }
    const editor = editorOf(account(c));
    const json = await writeAndMark(ctx, accountId, async (tx) => {
      const stored = await findEvent(tx, accountId, { data_source_uuid: ref.data_source_uuid, external_id: ref.external_id });
      await setDisabledState(tx, accountId, stored, disabled, editor);
      return { result: await eventJson(tx, accountId, stored.id), touched: [{ dataSourceId: stored.dataSourceId, customers: [stored.customerExternalId] }] };
    });
    return c.json(json, 200);
  });

  openapiRoute(app, deleteEventRoute, async (c) => {
    const accountId = account(c).id;
    const body = eventOf(await readBody(c));
    const query = c.req.valid('query');
    const ref = {
      id: query['subscription_event[id]'] ?? query.id ?? body.id,
      data_source_uuid: query['subscription_event[data_source_uuid]'] ?? query.data_source_uuid ?? body.data_source_uuid,
      external_id: query['subscription_event[external_id]'] ?? query.external_id ?? body.external_id,
    };
    await writeAndMark(ctx, accountId, async (tx) => {
      const stored = await findEvent(tx, accountId, ref);
      await deleteEvent(tx, accountId, stored.id);
      return { result: null, touched: [{ dataSourceId: stored.dataSourceId, customers: [stored.customerExternalId] }] };
    });
    return c.body(null, 204);
  });
}
