/**
 * /v1/customers: create, list (filters data_source_uuid, external_id, status, system), search
 * by email, retrieve, update (PATCH or PUT) and delete; `primary_contact` on create and update
 * is the customer's first contact (primary-contact.ts). Writes recompute the customer's
 * derived data with the shared engine; reads serve figures computed for today.
 * The literal sub-paths (search, merges, unmerges, attributes by email) are registered before
 * /customers/{uuid}.
 */
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppContext } from '../../context.ts';
import { freshRead } from '../../derived/fresh-read.ts';
import type { AnswerStamp } from '../../http/answer-cache.ts';
import type { Env } from '../../http/auth.ts';
import { cachedJson, freshStamp, NOT_MODIFIED } from '../../http/cached-read.ts';
import { apiError, notFound, validationFailed } from '../../http/errors.ts';
import { readBody } from '../../http/json-body.ts';
import { errorResponses, jsonRequest, jsonResponse, openapiRoute, type ApiApp } from '../../http/openapi.ts';
import { writeAndMark } from '../../ingest/write.ts';
import { moveCustomerData, purgeCustomer } from '../../store/customer-data.ts';
import { countCustomers, customerFields, externalIdTaken, readCustomers, saveAttributes, type CustomerFilter } from '../../store/customers.ts';
import { bumpDataVersion } from '../../store/data-version.ts';
import { insertRecordRow, updateRecordRow } from '../../store/record-write.ts';
import { account } from '../conventions/account.ts';
import { requiredString } from '../conventions/body.ts';
import { PREFIX, uuidOf } from '../conventions/ids.ts';
import { bodyDataSource, checkSameDataSource, requireCustomer } from '../conventions/lookup.ts';
import { pageAnswer, pageOf, withPageNumbers, type Page } from '../conventions/pages.ts';
import { registerCustomerAttributes } from './attributes.ts';
import { CountMemo } from './count-memo.ts';
import { createAttributes, currentValues, customerExtras, customerRecord, updatedAttributes } from './fields.ts';
import { registerCustomerMerges } from './merges.ts';
import { primaryContactOf, savePrimaryContact } from './primary-contact.ts';
import { registerCustomerUnmerges } from './unmerges.ts';
import { Customer, CustomerCreate, CustomerList, CustomerListQuery, CustomerParams, CustomerSearchQuery, CustomerUpdate } from './schemas.ts';
import { customerJson, storedStatus } from './serialize.ts';

const EXTERNAL_ID_TAKEN = 'The external ID for this customer already exists in our system.';
const tags = ['Customers'];

const createCustomer = createRoute({
  method: 'post',
  path: '/v1/customers',
  tags,
  summary: 'Create a customer',
  request: { body: jsonRequest(CustomerCreate) },
  responses: { 201: jsonResponse(Customer, 'The new customer'), ...errorResponses(400, 413, 422, 503) },
});

const listCustomers = createRoute({
  method: 'get',
  path: '/v1/customers',
  tags,
  summary: 'The customers of the account, oldest first',
  request: { query: CustomerListQuery },
  responses: { 200: jsonResponse(CustomerList, 'A page of the customers the filters select'), ...NOT_MODIFIED, ...errorResponses(400, 422, 503) },
});

const searchCustomers = createRoute({
  method: 'get',
  path: '/v1/customers/search',
  tags,
  summary: 'The customers with an email',
  request: { query: CustomerSearchQuery },
  responses: { 200: jsonResponse(CustomerList, 'A page of the customers with that email'), ...NOT_MODIFIED, ...errorResponses(400, 404, 422, 503) },
});

const getCustomer = createRoute({
  method: 'get',
  path: '/v1/customers/{uuid}',
  tags,
  summary: 'One customer',
  request: { params: CustomerParams },
  responses: { 200: jsonResponse(Customer, 'The customer'), ...errorResponses(400, 404, 422, 503) },
});

const updateRoute = (method: 'patch' | 'put') => createRoute({
  method,
  path: '/v1/customers/{uuid}',
  tags,
  summary: 'Change a customer (fields not sent keep their values)',
  request: { params: CustomerParams, body: jsonRequest(CustomerUpdate) },
  responses: { 200: jsonResponse(Customer, 'The changed customer'), ...errorResponses(400, 404, 413, 422, 503) },
});

const deleteCustomer = createRoute({
  method: 'delete',
  path: '/v1/customers/{uuid}',
  tags,
  summary: 'Delete a customer and all its data',
  request: { params: CustomerParams },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(400, 404, 422, 503) },
});

/** One customer of the account as JSON, read after its write was recomputed. */
async function customerOut(ctx: AppContext, c: Context<Env>, customerId: string): Promise<Customer> {
  const acc = account(c);
  const [row] = await freshRead(ctx, acc.id, (tx) => readCustomers(tx, { accountId: acc.id, id: customerId }));
  if (!row) throw notFound('customer', 'customer_uuid');
  return customerJson(row, acc.settings);
}

/**
 * A page of the customers the filter selects, with its page numbers (the count remembered in
 * `counts`, one per app: per database), on the account's state `stamp`.
 */
async function customersPage(ctx: AppContext, c: Context<Env>, filter: CustomerFilter, page: Page, counts: CountMemo, stamp: AnswerStamp) {
  const acc = account(c);
  const [rows, total] = await ctx.db.read(async (tx) => [
    await readCustomers(tx, filter, page),
    await counts.get(acc.id, stamp.version, JSON.stringify(filter), () => countCustomers(tx, filter)),
  ] as const);
  const answer = pageAnswer('entries', rows.map((r) => customerJson(r, acc.settings)), page, rows[page.perPage - 1]?.id);
  return { rows, answer: withPageNumbers(answer, page, total) };
}

function listFilter(accountId: string, q: { data_source_uuid?: string; external_id?: string; status?: string; system?: string }): CustomerFilter {
  const filter: CustomerFilter = { accountId, externalId: q.external_id, system: q.system };
  if (q.data_source_uuid !== undefined) {
    const id = uuidOf(PREFIX.dataSource, q.data_source_uuid);
    if (id) filter.dataSourceId = id;
    else filter.none = true;
  }
  if (q.status !== undefined) {
    const stored = storedStatus(q.status);
    if (stored) filter.status = stored;
    else filter.none = true;
  }
  return filter;
}

export function registerCustomers(app: ApiApp, ctx: AppContext): void {
  const counts = new CountMemo();
  openapiRoute(app, createCustomer, async (c) => {
    const acc = account(c);
    const body = await readBody(c);
    const record = customerRecord(body);
    const extras = customerExtras(body);
    const attributes = createAttributes(body);
    const contact = primaryContactOf(body);
    const id = await writeAndMark(ctx, acc.id, async (tx) => {
      const dataSourceId = await bodyDataSource(tx, acc.id, body.data_source_uuid);
      const id = await insertRecordRow(tx, 'customers', { accountId: acc.id, dataSourceId }, record, extras);
      if (!id) throw validationFailed({ external_id: EXTERNAL_ID_TAKEN });
      await saveAttributes(tx, id, attributes);
      if (contact) await savePrimaryContact(tx, acc.id, { dataSourceId, externalId: record.externalId }, contact);
      return { result: id, touched: [{ dataSourceId, customers: [record.externalId] }] };
    });
    return c.json(await customerOut(ctx, c, id), 201);
  });

  openapiRoute(app, listCustomers, async (c) => {
    const filter = listFilter(account(c).id, c.req.valid('query'));
    const page = pageOf(c);
    const stamp = await freshStamp(ctx, c);
    return cachedJson(ctx, c, stamp, async () => (await customersPage(ctx, c, filter, page, counts, stamp)).answer) as never;
  });

  openapiRoute(app, searchCustomers, async (c) => {
    const email = requiredString({ email: c.req.valid('query').email }, 'email');
    const page = pageOf(c);
    const stamp = await freshStamp(ctx, c);
    return cachedJson(ctx, c, stamp, async () => {
      const { rows, answer } = await customersPage(ctx, c, { accountId: account(c).id, email }, page, counts, stamp);
      if (rows.length === 0 && page.offset === 0) throw apiError(404, `Can't find any customers with email: "${email}"`, 'email');
      return answer;
    }) as never;
  });

  registerCustomerMerges(app, ctx);
  registerCustomerUnmerges(app, ctx);
  registerCustomerAttributes(app, ctx);

  openapiRoute(app, getCustomer, async (c) => {
    const acc = account(c);
    const customer = await ctx.db.read((tx) => requireCustomer(tx, acc.id, c.req.valid('param').uuid, 'customer_uuid'));
    return c.json(await customerOut(ctx, c, customer.id), 200);
  });

  for (const method of ['patch', 'put'] as const) {
    openapiRoute(app, updateRoute(method), async (c) => {
      const acc = account(c);
      const body = await readBody(c);
      const contact = primaryContactOf(body);
      const id = await writeAndMark(ctx, acc.id, async (tx) => {
        const customer = await requireCustomer(tx, acc.id, c.req.valid('param').uuid, 'customer_uuid');
        checkSameDataSource(body.data_source_uuid, customer.dataSourceId, "A customer's data source cannot be changed");
        const stored = await customerFields(tx, customer.id);
        const current = currentValues(stored);
        const record = customerRecord(body, current);
        const extras = customerExtras(body, current);
        const attributes = updatedAttributes(body, stored.attributes);
        if (record.externalId !== customer.externalId) {
          if (await externalIdTaken(tx, customer.dataSourceId, record.externalId)) throw validationFailed({ external_id: EXTERNAL_ID_TAKEN });
          const move = await moveCustomerData(tx, customer, { dataSourceId: customer.dataSourceId, externalId: record.externalId });
          if ('clash' in move) throw validationFailed({ external_id: move.clash });
        }
        await updateRecordRow(tx, 'customers', acc.id, customer.id, record, extras);
        await saveAttributes(tx, customer.id, attributes);
        if (contact) await savePrimaryContact(tx, acc.id, { dataSourceId: customer.dataSourceId, externalId: record.externalId }, contact);
        return { result: customer.id, touched: [{ dataSourceId: customer.dataSourceId, customers: [record.externalId] }] };
      });
      return c.json(await customerOut(ctx, c, id), 200);
    });
  }

  openapiRoute(app, deleteCustomer, async (c) => {
    const acc = account(c);
    await writeAndMark(ctx, acc.id, async (tx) => {
      const customer = await requireCustomer(tx, acc.id, c.req.valid('param').uuid, 'customer_uuid');
      await purgeCustomer(tx, acc.id, customer);
      await bumpDataVersion(tx, acc.id);
      return { result: null };
    });
    return c.body(null, 204);
  });
}
