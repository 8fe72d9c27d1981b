/**
 * Subscription events (API.md): POST (201, the flat event), GET with filters and cursor,
 * PATCH and DELETE by `id` or by `data_source_uuid` + `external_id`. Each write recomputes
 * the customer (a subscription_cancelled event cancels; scheduled ones feed CMRR).
 */
import { createRoute } from '@hono/zod-openapi';
import type { AppContext } from '../../context.ts';
import type { Tx } from '../../db/client.ts';
import { readBody } from '../../http/json-body.ts';
import { errorResponses, jsonRequest, jsonResponse, openapiRoute, type ApiApp } from '../../http/openapi.ts';
import { writeAndMark } from '../../ingest/write.ts';
import { deleteEvent, eventByUuid, readEvents, type EventFilter } from '../../store/events.ts';
import { account } from '../conventions/account.ts';
import { PREFIX, uuidOf } from '../conventions/ids.ts';
import { findCustomer } from '../conventions/lookup.ts';
import { pageAnswer, pageOf } from '../conventions/pages.ts';
import { SubscriptionEvent, SubscriptionEventBody, SubscriptionEventList, SubscriptionEventListQuery, SubscriptionEventRef } from './schemas.ts';
import { eventFields, subscriptionEventJson } from './serialize.ts';
import { createEvent, eventOf, findEvent, updateEvent } from './write.ts';

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

export function registerSubscriptionEvents(app: ApiApp, ctx: AppContext): void {
  openapiRoute(app, createEventRoute, async (c) => {
    const accountId = account(c).id;
    const event = eventOf(await readBody(c));
    const json = await writeAndMark(ctx, accountId, async (tx) => {
      const created = await createEvent(tx, accountId, event, ctx.today());
      return { result: await eventJson(tx, accountId, created.id), touched: [{ dataSourceId: created.dataSourceId, customers: [created.customer] }] };
    });
    return c.json(json, 201);
  });

  openapiRoute(app, listEvents, async (c) => {
    const accountId = account(c).id;
    const page = pageOf(c);
    const query = c.req.valid('query');
    return c.json(await ctx.db.read(async (tx) => {
      const rows = await readEvents(tx, await listFilter(tx, accountId, query), page);
      // Only the list key, has_more and cursor: the Python client's list of events takes no
      // other keys (the recorded `meta` would make it fail).
      return pageAnswer('subscription_events', rows.map(subscriptionEventJson), page);
    }), 200);
  });

  openapiRoute(app, updateEventRoute, async (c) => {
    const accountId = account(c).id;
    const fields = eventOf(await readBody(c));
    const json = await writeAndMark(ctx, accountId, async (tx) => {
      const stored = await findEvent(tx, accountId, fields);
      const { id: _id, data_source_uuid: _ds, ...changes } = fields;
      const merged = { ...eventFields(stored), ...changes };
      const customer = await updateEvent(tx, accountId, stored, changes, merged, ctx.today());
      return {
        result: await eventJson(tx, accountId, stored.id),
        touched: [{ dataSourceId: stored.dataSourceId, customers: [...new Set([stored.customerExternalId, customer])] }],
      };
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
