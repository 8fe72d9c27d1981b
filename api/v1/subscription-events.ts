/**
 * Subscription events (API.md): POST (201, the flat event), GET with filters and cursor,
 * PATCH and DELETE by `id` or by `data_source_uuid` + `external_id`. Each write recomputes
 * the customer (a subscription_cancelled event cancels; scheduled ones feed CMRR).
 */
import type { Hono } from 'hono';
import type { AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import type { Env } from '../http/auth.ts';
import { eventFields, subscriptionEventJson } from './serialize-subscription-event.ts';
import { createEvent, eventOf, findEvent, updateEvent } from './subscription-events-store.ts';
import { account } from './conventions/account.ts';
import { pageAnswer, pageOf } from './conventions/pages.ts';
import { PREFIX, uuidOf } from './conventions/ids.ts';
import { writeThenRecompute } from '../ingest/write.ts';
import { pageSql } from '../store/pages.ts';
import { readBody } from '../http/json-body.ts';
import { findCustomer } from './conventions/lookup.ts';

const NONE = '00000000-0000-0000-0000-000000000000';

async function eventById(tx: Tx, accountId: string, id: string) {
  const [row] = await tx.query<Record<string, unknown>>('SELECT * FROM subscription_events WHERE account_id = $1 AND id = $2', [accountId, id]);
  return subscriptionEventJson(row);
}

/** The query's filters as SQL over `subscription_events` ($1 = account). */
async function filters(tx: Tx, accountId: string, query: (name: string) => string | undefined) {
  const where: string[] = [];
  const params: unknown[] = [accountId];
  const add = (column: string, value: unknown) => {
    params.push(value);
    where.push(`${column} = $${params.length}`);
  };
  const customerUuid = query('customer_uuid');
  if (customerUuid !== undefined) {
    const customer = await findCustomer(tx, accountId, customerUuid);
    add('data_source_id', customer?.dataSourceId ?? NONE);
    add('customer_external_id', customer?.externalId ?? '');
  }
  const ds = query('data_source_uuid');
  if (ds !== undefined) add('data_source_id', uuidOf(PREFIX.dataSource, ds) ?? NONE);
  for (const name of ['customer_external_id', 'subscription_external_id', 'external_id', 'event_type', 'plan_external_id']) {
    const value = query(name);
    if (value !== undefined) add(name, value);
  }
  return { sql: `FROM subscription_events WHERE account_id = $1${where.map((w) => ` AND ${w}`).join('')}`, params };
}

export function registerSubscriptionEvents(app: Hono<Env>, ctx: AppContext): void {
  app.post('/v1/subscription_events', async (c) => {
    const accountId = account(c).id;
    const event = eventOf(await readBody(c));
    const json = await writeThenRecompute(ctx, accountId, async (tx) => {
      const created = await createEvent(tx, accountId, event, ctx.today());
      return { result: await eventById(tx, accountId, created.id), recompute: [{ dataSourceId: created.dataSourceId, customers: [created.customer] }] };
    });
    return c.json(json, 201);
  });

  app.get('/v1/subscription_events', async (c) => {
    const accountId = account(c).id;
    const page = pageOf(c);
    return c.json(await ctx.db.read(async (tx) => {
      const f = await filters(tx, accountId, (name) => c.req.query(name));
      const rows = await tx.query<Record<string, unknown>>(`SELECT * ${f.sql} ORDER BY created_at DESC, position DESC, id ${pageSql(page)}`, f.params);
      // Only the list key, has_more and cursor: the Python client's list of events takes no
      // other keys (the recorded `meta` would make it fail).
      return pageAnswer('subscription_events', rows.map(subscriptionEventJson), page);
    }));
  });

  app.patch('/v1/subscription_events', async (c) => {
    const accountId = account(c).id;
    const fields = eventOf(await readBody(c));
    const json = await writeThenRecompute(ctx, accountId, async (tx) => {
      const stored = await findEvent(tx, accountId, fields);
      const { id: _id, data_source_uuid: _ds, ...changes } = fields;
      const merged = { ...eventFields(stored), ...changes };
      const customer = await updateEvent(tx, accountId, stored, changes, merged, ctx.today());
      return {
        result: await eventById(tx, accountId, stored.id),
        recompute: [{ dataSourceId: stored.data_source_id, customers: [...new Set([stored.customer_external_id, customer])] }],
      };
    });
    return c.json(json);
  });

  app.delete('/v1/subscription_events', async (c) => {
    const accountId = account(c).id;
    const body = eventOf(await readBody(c));
    const ref = {
      id: c.req.query('subscription_event[id]') ?? c.req.query('id') ?? body.id,
      data_source_uuid: c.req.query('subscription_event[data_source_uuid]') ?? c.req.query('data_source_uuid') ?? body.data_source_uuid,
      external_id: c.req.query('subscription_event[external_id]') ?? c.req.query('external_id') ?? body.external_id,
    };
    await writeThenRecompute(ctx, accountId, async (tx) => {
      const stored = await findEvent(tx, accountId, ref);
      await tx.query('DELETE FROM subscription_events WHERE account_id = $1 AND id = $2', [accountId, stored.id]);
      return { result: null, recompute: [{ dataSourceId: stored.data_source_id, customers: [stored.customer_external_id] }] };
    });
    return c.body(null, 204);
  });
}
