/**
 * Subscriptions (API.md): the import API's list per customer and cancellation PATCH, the
 * metrics API's customer subscriptions, and connect / disconnect (connect.ts: one history).
 */
import { createRoute } from '@hono/zod-openapi';
import { parseSettingsJson } from '../../../shared/index.ts';
import type { AppContext } from '../../context.ts';
import type { Tx } from '../../db/client.ts';
import { freshRead } from '../../derived/fresh-read.ts';
import { notFound } from '../../http/errors.ts';
import { readBody } from '../../http/json-body.ts';
import { errorResponses, jsonRequest, jsonResponse, openapiRoute, type ApiApp } from '../../http/openapi.ts';
import { writeAndMark } from '../../ingest/write.ts';
import { cancellationDatesOf, cancellationKey } from '../../store/cancellations.ts';
import { countCustomerSubscriptions, customerSubscriptions, subscriptionById, type SubscriptionRow } from '../../store/subscriptions.ts';
import { account } from '../conventions/account.ts';
import { PREFIX } from '../conventions/ids.ts';
import { requireCustomer } from '../conventions/lookup.ts';
import { PageQuery, pageAnswer, pageNumber, pageNumbers, pageOf } from '../conventions/pages.ts';
import { updateCancellations } from './cancel.ts';
import { connectSubscriptions } from './connect.ts';
import { findSubscription } from './lookup.ts';
import {
  Accepted, CustomerImportSubscriptions, CustomerParams, CustomerSubscriptionList, ImportSubscription, SubscriptionCancellation,
  SubscriptionConnection, SubscriptionParams,
} from './schemas.ts';
import { customerSubscriptionJson, importSubscriptionJson } from './serialize.ts';

const tags = ['Subscriptions'];

const listImported = createRoute({
  method: 'get',
  path: '/v1/import/customers/{cus}/subscriptions',
  tags,
  summary: "A customer's subscriptions as the import API shows them",
  request: { params: CustomerParams, query: PageQuery },
  responses: { 200: jsonResponse(CustomerImportSubscriptions, "A page of the customer's subscriptions"), ...errorResponses(400, 404, 422, 503) },
});

const cancel = createRoute({
  method: 'patch',
  path: '/v1/import/subscriptions/{sub}',
  tags,
  summary: "Cancel a subscription, or replace its cancellation dates",
  request: { params: SubscriptionParams, body: jsonRequest(SubscriptionCancellation) },
  responses: { 202: jsonResponse(ImportSubscription, 'The subscription with its cancellation dates'), ...errorResponses(400, 404, 413, 422, 503) },
});

const listCustomer = createRoute({
  method: 'get',
  path: '/v1/customers/{cus}/subscriptions',
  tags,
  summary: "A customer's subscriptions with their figures (metrics API)",
  request: { params: CustomerParams, query: PageQuery },
  responses: { 200: jsonResponse(CustomerSubscriptionList, "A page of the customer's subscriptions"), ...errorResponses(400, 404, 422, 503) },
});

const connection = (path: 'connect_subscriptions' | 'disconnect_subscriptions', summary: string) => createRoute({
  method: 'post',
  path: `/v1/customers/{cus}/${path}`,
  tags,
  summary,
  request: { params: CustomerParams, body: jsonRequest(SubscriptionConnection) },
  responses: { 202: jsonResponse(Accepted, 'Done: the customer is recomputed'), ...errorResponses(400, 404, 413, 422, 503) },
});

const connections = [
  [connection('connect_subscriptions', "Connect a customer's subscriptions into one subscription with one history"), true],
  [connection('disconnect_subscriptions', "Take a customer's subscriptions out of their connected groups"), false],
] as const;

/** The subscriptions as the import API shows them, each with its cancellation dates. */
async function importSubscriptionsJson(tx: Tx, accountId: string, rows: readonly SubscriptionRow[]) {
  const dates = await cancellationDatesOf(tx, accountId, rows.map((s) => ({ dataSourceId: s.dataSourceId, externalId: s.externalId })));
  return rows.map((s) => importSubscriptionJson(s, dates.get(cancellationKey(s.dataSourceId, s.externalId)) ?? []));
}

export function registerSubscriptions(app: ApiApp, ctx: AppContext): void {
  openapiRoute(app, listImported, async (c) => {
    const accountId = account(c).id;
    const page = pageOf(c);
    return c.json(await freshRead(ctx, accountId, async (tx) => {
      const customer = await requireCustomer(tx, accountId, c.req.valid('param').cus);
      const rows = await customerSubscriptions(tx, accountId, customer.id, page);
      const total = await countCustomerSubscriptions(tx, accountId, customer.id);
      const answer = pageAnswer('subscriptions', rows, page);
      return {
        customer_uuid: `${PREFIX.customer}${customer.id}`,
        ...answer,
        subscriptions: await importSubscriptionsJson(tx, accountId, answer.subscriptions),
        ...pageNumbers(page, total),
      };
    }), 200);
  });

  openapiRoute(app, cancel, async (c) => {
    const accountId = account(c).id;
    const body = await readBody(c);
    const param = c.req.valid('param').sub;
    const subId = await writeAndMark(ctx, accountId, async (tx) => {
      const sub = await findSubscription(tx, accountId, param);
      if (!sub || !param.startsWith(PREFIX.subscription)) throw notFound('subscription');
      await updateCancellations(tx, accountId, sub, body, ctx.today());
      return { result: sub.id, touched: [{ dataSourceId: sub.dataSourceId, customers: [sub.customerExternalId] }] };
    });
    const [json] = await freshRead(ctx, accountId, async (tx) => {
      const row = await subscriptionById(tx, accountId, subId);
      return row ? importSubscriptionsJson(tx, accountId, [row]) : [];
    });
    if (!json) throw notFound('subscription');
    return c.json(json, 202);
  });

  openapiRoute(app, listCustomer, async (c) => {
    const a = account(c);
    const currency = parseSettingsJson(a.settings ?? {}).settings.base_currency;
    const page = pageOf(c);
    return c.json(await freshRead(ctx, a.id, async (tx) => {
      const customer = await requireCustomer(tx, a.id, c.req.valid('param').cus);
      const rows = await customerSubscriptions(tx, a.id, customer.id, page);
      const answer = pageAnswer('entries', rows.map((r) => customerSubscriptionJson(r, currency)), page);
      return { ...answer, per_page: page.perPage, page: pageNumber(page) };
    }), 200);
  });

  for (const [route, connect] of connections) {
    openapiRoute(app, route, async (c) => {
      const accountId = account(c).id;
      const body = await readBody(c);
      await writeAndMark(ctx, accountId, async (tx) => {
        const customer = await requireCustomer(tx, accountId, c.req.valid('param').cus);
        await connectSubscriptions(tx, accountId, customer, body, connect);
        return { result: null, touched: [{ dataSourceId: customer.dataSourceId, customers: [customer.externalId] }] };
      });
      return c.json({}, 202);
    });
  }
}
