/**
 * Subscriptions (API.md): the import API's list per customer and cancellation PATCH, the
 * metrics API's customer subscriptions, and connect / disconnect (subscriptions-connect.ts).
 */
import type { Hono } from 'hono';
import type { AppContext } from '../context.ts';
import type { Env } from '../http/auth.ts';
import { notFound } from '../http/errors.ts';
import { parseSettingsJson } from '../../shared/index.ts';
import { customerSubscriptionJson, importSubscriptionJson, subscriptionRows, SUBSCRIPTION_ORDER } from './serialize-subscription.ts';
import { updateCancellations } from './subscriptions-cancel.ts';
import { connectSubscriptions } from './subscriptions-connect.ts';
import { account } from './conventions/account.ts';
import { freshRead } from '../derived/fresh-read.ts';
import { pageAnswer, pageOf, pageNumber, pageNumbers } from './conventions/pages.ts';
import { PREFIX } from './conventions/ids.ts';
import { writeThenRecompute } from '../ingest/write.ts';
import { countRows, pageSql } from '../store/pages.ts';
import { readBody } from '../http/json-body.ts';
import { findSubscription } from './billing-refs.ts';
import { requireCustomer } from './conventions/lookup.ts';

export function registerSubscriptions(app: Hono<Env>, ctx: AppContext): void {
  app.get('/v1/import/customers/:cus/subscriptions', async (c) => {
    const accountId = account(c).id;
    const page = pageOf(c);
    return c.json(await freshRead(ctx, accountId, async (tx) => {
      const customer = await requireCustomer(tx, accountId, c.req.param('cus'));
      const rows = await subscriptionRows(tx, accountId, 's.customer_id = $2', [customer.id], `${SUBSCRIPTION_ORDER} ${pageSql(page)}`);
      const total = await countRows(tx, 'FROM subscriptions s WHERE s.account_id = $1 AND s.customer_id = $2', [accountId, customer.id]);
      const answer = pageAnswer('subscriptions', rows.map(importSubscriptionJson), page);
      return { customer_uuid: `${PREFIX.customer}${customer.id}`, ...answer, ...pageNumbers(page, total) };
    }));
  });

  app.patch('/v1/import/subscriptions/:sub', async (c) => {
    const accountId = account(c).id;
    const body = await readBody(c);
    const subId = await writeThenRecompute(ctx, accountId, async (tx) => {
      const sub = await findSubscription(tx, accountId, c.req.param('sub'));
      if (!sub || !c.req.param('sub').startsWith(PREFIX.subscription)) throw notFound('subscription');
      await updateCancellations(tx, accountId, sub, body, ctx.today());
      return { result: sub.id, recompute: [{ dataSourceId: sub.dataSourceId, customers: [sub.customerExternalId] }] };
    });
    const [row] = await freshRead(ctx, accountId, (tx) => subscriptionRows(tx, accountId, 's.id = $2', [subId]));
    if (!row) throw notFound('subscription');
    return c.json(importSubscriptionJson(row), 202);
  });

  app.get('/v1/customers/:cus/subscriptions', async (c) => {
    const a = account(c);
    const currency = parseSettingsJson(a.settings ?? {}).settings.base_currency;
    const page = pageOf(c);
    return c.json(await freshRead(ctx, a.id, async (tx) => {
      const customer = await requireCustomer(tx, a.id, c.req.param('cus'));
      const rows = await subscriptionRows(tx, a.id, 's.customer_id = $2', [customer.id], `${SUBSCRIPTION_ORDER} ${pageSql(page)}`);
      const answer = pageAnswer('entries', rows.map((r) => customerSubscriptionJson(r, currency)), page);
      return { ...answer, per_page: page.perPage, page: pageNumber(page) };
    }));
  });

  for (const [path, connect] of [['connect_subscriptions', true], ['disconnect_subscriptions', false]] as const) {
    app.post(`/v1/customers/:cus/${path}`, async (c) => {
      const accountId = account(c).id;
      const body = await readBody(c);
      await writeThenRecompute(ctx, accountId, async (tx) => {
        const customer = await requireCustomer(tx, accountId, c.req.param('cus'));
        const ds = await connectSubscriptions(tx, accountId, customer, body, connect);
        return { result: null, recompute: [{ dataSourceId: ds, customers: [customer.externalId] }] };
      });
      return c.json({}, 202);
    });
  }
}
