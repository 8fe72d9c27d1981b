/**
 * Customer attributes: GET /v1/customers/{uuid}/attributes; tags (POST/DELETE
 * …/attributes/tags) and custom attributes (POST/PUT/DELETE …/attributes/custom), by
 * customer or, for adding, by email (/v1/customers/attributes/{tags,custom} with `email`,
 * answered with the matching customers as `entries`). Attributes are not billing data: no
 * recompute.
 */
import { createRoute, type z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppContext } from '../../context.ts';
import type { Tx } from '../../db/client.ts';
import { freshRead } from '../../derived/fresh-read.ts';
import type { Env } from '../../http/auth.ts';
import { readBody } from '../../http/json-body.ts';
import { errorResponses, jsonRequest, jsonResponse, openapiRoute, type ApiApp } from '../../http/openapi.ts';
import { writeAndMark } from '../../ingest/write.ts';
import { attributesByCustomer, customerIdsByEmail, readCustomers, saveAttributes, type Attributes } from '../../store/customers.ts';
import { bumpDataVersion } from '../../store/data-version.ts';
import { account } from '../conventions/account.ts';
import { requiredString, stringList, type Body } from '../conventions/body.ts';
import { requireCustomer } from '../conventions/lookup.ts';
import { parseTypedAttributes, parseUpdates } from './custom-attributes.ts';
import { uniqueTags } from './fields.ts';
import {
  AllAttributes, Custom, CustomAdd, CustomByEmail, CustomerEntries, CustomerParams, CustomRemove, CustomUpdate, Tags, TagsByEmail, TagsChange,
} from './schemas.ts';
import { attributesJson, customerJson } from './serialize.ts';

type Change = (a: Attributes) => Attributes;
const tags = ['Customer attributes'];

/** A change of the attributes of the customer of the path (a body, answered 200 with `schema`, or 204). */
function onCustomer(method: 'post' | 'put' | 'delete', part: 'tags' | 'custom', body: z.ZodType, response: typeof Tags | typeof Custom | null, summary: string) {
  return createRoute({
    method,
    path: `/v1/customers/{uuid}/attributes/${part}`,
    tags,
    summary,
    request: { params: CustomerParams, body: jsonRequest(body) },
    responses: {
      ...(response ? { 200: jsonResponse(response, `The customer's ${part} after the change`) } : { 204: { description: 'Removed' } }),
      ...errorResponses(400, 404, 413, 422, 503),
    },
  });
}

/** A change of the attributes of every customer with the body's email, answered with them. */
function onEmail(part: 'tags' | 'custom', body: z.ZodType, summary: string) {
  return createRoute({
    method: 'post',
    path: `/v1/customers/attributes/${part}`,
    tags,
    summary,
    request: { body: jsonRequest(body) },
    responses: { 200: jsonResponse(CustomerEntries, 'The customers with that email, changed'), ...errorResponses(400, 413, 422, 503) },
  });
}

const getAttributes = createRoute({
  method: 'get',
  path: '/v1/customers/{uuid}/attributes',
  tags,
  summary: "A customer's tags and custom attributes",
  request: { params: CustomerParams },
  responses: { 200: jsonResponse(AllAttributes, 'The attributes'), ...errorResponses(400, 404, 422) },
});

/** Applies a change to the attributes of these customers; answers their new attributes. */
async function changeAttributes(tx: Tx, ids: string[], change: Change): Promise<Attributes[]> {
  const changed = [...(await attributesByCustomer(tx, ids)).entries()].map(([id, a]) => ({ id, attributes: change(a) }));
  for (const r of changed) {
    await saveAttributes(tx, r.id, r.attributes);
  }
  return changed.map((r) => r.attributes);
}

/** The change applied to the customer of the path; answers its new attributes. */
async function changeOfCustomer(ctx: AppContext, c: Context<Env>, makeChange: (body: Body) => Change): Promise<Attributes> {
  const acc = account(c);
  const body = await readBody(c);
  const [attributes] = await writeAndMark(ctx, acc.id, async (tx) => {
    const customer = await requireCustomer(tx, acc.id, c.req.param('uuid'), 'customer_uuid');
    const change = makeChange(body);
    const result = await changeAttributes(tx, [customer.id], change);
    await bumpDataVersion(tx, acc.id); // lists and segments show attributes: no answer kept before this write holds
    return { result };
  });
  return attributes;
}

/** The change applied to every customer with the body's email; answers them as entries. */
async function changeOfEmail(ctx: AppContext, c: Context<Env>, makeChange: (body: Body) => Change): Promise<z.infer<typeof CustomerEntries>> {
  const acc = account(c);
  const body = await readBody(c);
  const email = requiredString(body, 'email');
  const change = makeChange(body);
  await writeAndMark(ctx, acc.id, async (tx) => {
    const result = await changeAttributes(tx, await customerIdsByEmail(tx, acc.id, email), change);
    await bumpDataVersion(tx, acc.id);
    return { result };
  });
  const rows = await freshRead(ctx, acc.id, (tx) => readCustomers(tx, { accountId: acc.id, email }));
  return { entries: rows.map((r) => customerJson(r, acc.settings)) };
}

const addTags = (body: Body): Change => {
  const added = stringList(body, 'tags');
  return (a) => ({ ...a, tags: uniqueTags([...a.tags, ...added]) });
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

export function registerCustomerAttributes(app: ApiApp, ctx: AppContext): void {
  openapiRoute(app, onEmail('tags', TagsByEmail, 'Add tags to every customer with an email'), async (c) => c.json(await changeOfEmail(ctx, c, addTags), 200));
  openapiRoute(app, onEmail('custom', CustomByEmail, 'Add custom attributes to every customer with an email'), async (c) => c.json(await changeOfEmail(ctx, c, addCustom), 200));

  openapiRoute(app, getAttributes, async (c) => {
    const acc = account(c);
    const stored = await ctx.db.read(async (tx) => {
      const customer = await requireCustomer(tx, acc.id, c.req.valid('param').uuid, 'customer_uuid');
      return (await attributesByCustomer(tx, [customer.id])).get(customer.id)!;
    });
    const { stripe, tags: tagList, custom } = attributesJson(stored);
    return c.json({ tags: tagList, stripe, custom }, 200);
  });

  openapiRoute(app, onCustomer('post', 'tags', TagsChange, Tags, 'Add tags'), async (c) => c.json({ tags: (await changeOfCustomer(ctx, c, addTags)).tags }, 200));
  openapiRoute(app, onCustomer('delete', 'tags', TagsChange, Tags, 'Remove tags'), async (c) => c.json({ tags: (await changeOfCustomer(ctx, c, removeTags)).tags }, 200));
  openapiRoute(app, onCustomer('post', 'custom', CustomAdd, Custom, 'Add custom attributes'), async (c) => c.json({ custom: (await changeOfCustomer(ctx, c, addCustom)).custom }, 200));
  openapiRoute(app, onCustomer('put', 'custom', CustomUpdate, Custom, 'Change custom attributes (each keeps its type)'), async (c) => c.json({ custom: (await changeOfCustomer(ctx, c, updateCustom)).custom }, 200));
  openapiRoute(app, onCustomer('delete', 'custom', CustomRemove, null, 'Remove custom attributes'), async (c) => {
    await changeOfCustomer(ctx, c, removeCustom);
    return c.body(null, 204);
  });
}
