/**
 * Customer attributes: GET /v1/customers/{cus}/attributes; tags (POST/DELETE
 * …/attributes/tags) and custom attributes (POST/PUT/DELETE …/attributes/custom), by
 * customer or, for adding, by email (/v1/customers/attributes/{tags,custom} with `email`,
 * answered with the matching customers as `entries`). Attributes are not billing data: no
 * recompute.
 */
import type { Context, Hono } from 'hono';
import type { AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import type { Env } from '../http/auth.ts';
import { parseTypedAttributes, parseUpdates } from './custom-attributes.ts';
import { saveAttributes, uniqueTags } from './customer-fields.ts';
import { attributesJson, attributesOf, customerJson, readCustomers, type Attributes } from './customer-serialize.ts';
import { account } from './conventions/account.ts';
import { freshRead } from '../derived/fresh-read.ts';
import { writeThenRecompute } from '../ingest/write.ts';
import { type Body, requiredString, stringList } from './conventions/body.ts';
import { readBody } from '../http/json-body.ts';
import { requireCustomer } from './conventions/lookup.ts';
import { Where } from '../store/where.ts';

type Change = (a: Attributes) => Attributes;

/** Applies a change to the attributes of the customers `where` selects; returns their IDs. */
async function changeAttributes(tx: Tx, where: Where, change: Change): Promise<{ id: string; attributes: Attributes }[]> {
  const rows = await tx.query<{ id: string; attributes: unknown }>(`SELECT c.id, c.attributes FROM customers c WHERE ${where}`, where.params);
  const changed = rows.map((r) => ({ id: r.id, attributes: change(attributesOf(r.attributes)) }));
  for (const r of changed) {
    await saveAttributes(tx, r.id, r.attributes);
  }
  return changed;
}

/** The change applied to the customer of the path; answers `pick` of its new attributes. */
async function onCustomer(ctx: AppContext, c: Context<Env>, makeChange: (body: Body) => Change, pick: (a: Attributes) => unknown, status: 200 | 204 = 200) {
  const acc = account(c);
  const body = await readBody(c);
  const [result] = await writeThenRecompute(ctx, acc.id, async (tx) => {
    const customer = await requireCustomer(tx, acc.id, c.req.param('uuid'), 'customer_uuid');
    const change = makeChange(body);
    return { result: await changeAttributes(tx, new Where([]).add('c.id = $?', customer.id), change) };
  });
  return status === 204 ? c.body(null, 204) : c.json(pick(result.attributes) as object);
}

/** The change applied to every customer with the body's email; answers them as entries. */
async function onEmail(ctx: AppContext, c: Context<Env>, makeChange: (body: Body) => Change) {
  const acc = account(c);
  const body = await readBody(c);
  const email = requiredString(body, 'email');
  const change = makeChange(body);
  const where = () => new Where([]).add('c.account_id = $?', acc.id).add('lower(c.email) = lower($?)', email);
  await writeThenRecompute(ctx, acc.id, async (tx) => ({ result: await changeAttributes(tx, where(), change) }));
  const rows = await freshRead(ctx, acc.id, (tx) => readCustomers(tx, where()));
  return c.json({ entries: rows.map((r) => customerJson(r, acc.settings)) });
}

const addTags = (body: Body): Change => {
  const tags = stringList(body, 'tags');
  return (a) => ({ ...a, tags: uniqueTags([...a.tags, ...tags]) });
};
const removeTags = (body: Body): Change => {
  const gone = new Set(stringList(body, 'tags'));
  return (a) => ({ ...a, tags: a.tags.filter((t) => !gone.has(t)) });
};
const addCustom = (body: Body): Change => {
  const custom = parseTypedAttributes(body.custom);
  return (a) => ({ ...a, custom: { ...a.custom, ...custom } });
};
/** Updates need the stored values (each keeps its type), so they are checked per customer. */
const updateCustom = (body: Body): Change => (a) => ({ ...a, custom: { ...a.custom, ...parseUpdates(a.custom, body.custom) } });
const removeCustom = (body: Body): Change => {
  const gone = new Set(stringList(body, 'custom'));
  return (a) => ({ ...a, custom: Object.fromEntries(Object.entries(a.custom).filter(([k]) => !gone.has(k))) });
};

const tagsOut = (a: Attributes) => ({ tags: a.tags });
const customOut = (a: Attributes) => ({ custom: a.custom });

export function registerCustomerAttributes(app: Hono<Env>, ctx: AppContext): void {
  app.post('/v1/customers/attributes/tags', (c) => onEmail(ctx, c, addTags));
  app.post('/v1/customers/attributes/custom', (c) => onEmail(ctx, c, addCustom));

  app.get('/v1/customers/:uuid/attributes', async (c) => {
    const acc = account(c);
    const rows = await ctx.db.read(async (tx) => {
      const customer = await requireCustomer(tx, acc.id, c.req.param('uuid'), 'customer_uuid');
      return tx.query<{ attributes: unknown }>('SELECT attributes FROM customers WHERE id = $1', [customer.id]);
    });
    const { stripe, tags, custom } = attributesJson(attributesOf(rows[0].attributes)) as Record<string, unknown>;
    return c.json({ tags, stripe, custom });
  });

  app.post('/v1/customers/:uuid/attributes/tags', (c) => onCustomer(ctx, c, addTags, tagsOut));
  app.delete('/v1/customers/:uuid/attributes/tags', (c) => onCustomer(ctx, c, removeTags, tagsOut));
  app.post('/v1/customers/:uuid/attributes/custom', (c) => onCustomer(ctx, c, addCustom, customOut));
  app.put('/v1/customers/:uuid/attributes/custom', (c) => onCustomer(ctx, c, updateCustom, customOut));
  app.delete('/v1/customers/:uuid/attributes/custom', (c) => onCustomer(ctx, c, removeCustom, customOut, 204));
}
