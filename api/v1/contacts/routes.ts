/**
 * Contacts: POST/GET /v1/contacts (filters customer_uuid, data_source_uuid, email,
 * external_id), GET/PATCH/DELETE /v1/contacts/{con}, POST /v1/contacts/{into}/merge/{from},
 * and GET/POST /v1/customers/{uuid}/contacts. Status codes as recorded: 201 on create, 200 `{}`
 * on delete, 200 with the surviving contact on merge.
 *
 * Contacts' `custom` values are taken as the clients send them (`[{key, value}]`) and answered
 * as ChartMogul does (`{key: value}`, `{}` when none); an update merges them into the stored
 * ones. Contacts are not billing data: no recompute.
 */
import { randomUUID } from 'node:crypto';
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppContext } from '../../context.ts';
import type { Tx } from '../../db/client.ts';
import type { Env } from '../../http/auth.ts';
import { notFound, validationFailed } from '../../http/errors.ts';
import { readBody } from '../../http/json-body.ts';
import { errorResponses, jsonRequest, jsonResponse, openapiRoute, type ApiApp } from '../../http/openapi.ts';
import { writeAndMark } from '../../ingest/write.ts';
import {
  contactById, contactIdsWithKey, contactKey, deleteContact, nextContactPosition, readContacts, type ContactFilter, type ContactRow,
} from '../../store/contacts.ts';
import { insertRecordRow, updateRecordRow } from '../../store/record-write.ts';
import { account } from '../conventions/account.ts';
import type { Body } from '../conventions/body.ts';
import { PREFIX, uuidOf } from '../conventions/ids.ts';
import { checkSameDataSource, findCustomer, requireCustomer, type CustomerRef } from '../conventions/lookup.ts';
import { pageAnswer, pageOf } from '../conventions/pages.ts';
import { CustomerParams } from '../customers/schemas.ts';
import { contactCustom, contactRecord, externalIdOf, mergedContact, mergedCustom, positionOf } from './fields.ts';
import {
  Contact, ContactCreate, ContactList, ContactListQuery, ContactMergeParams, ContactParams, ContactUpdate, CustomerContactCreate,
  CustomerContactListQuery, Deleted,
} from './schemas.ts';
import { contactJson, storedCustom } from './serialize.ts';

const tags = ['Contacts'];

const createContact = createRoute({
  method: 'post',
  path: '/v1/contacts',
  tags,
  summary: 'Create a contact of a customer',
  request: { body: jsonRequest(ContactCreate) },
  responses: { 201: jsonResponse(Contact, 'The new contact'), ...errorResponses(400, 413, 422, 503) },
});

const createCustomerContact = createRoute({
  method: 'post',
  path: '/v1/customers/{uuid}/contacts',
  tags,
  summary: 'Create a contact of the customer of the path',
  request: { params: CustomerParams, body: jsonRequest(CustomerContactCreate) },
  responses: { 201: jsonResponse(Contact, 'The new contact'), ...errorResponses(400, 404, 413, 422, 503) },
});

const listContacts = createRoute({
  method: 'get',
  path: '/v1/contacts',
  tags,
  summary: 'The contacts of the account, oldest first',
  request: { query: ContactListQuery },
  responses: { 200: jsonResponse(ContactList, 'A page of the contacts the filters select'), ...errorResponses(400, 422) },
});

const listCustomerContacts = createRoute({
  method: 'get',
  path: '/v1/customers/{uuid}/contacts',
  tags,
  summary: 'The contacts of a customer, oldest first',
  request: { params: CustomerParams, query: CustomerContactListQuery },
  responses: { 200: jsonResponse(ContactList, "A page of the customer's contacts the filters select"), ...errorResponses(400, 404, 422) },
});

const getContact = createRoute({
  method: 'get',
  path: '/v1/contacts/{con}',
  tags,
  summary: 'One contact',
  request: { params: ContactParams },
  responses: { 200: jsonResponse(Contact, 'The contact'), ...errorResponses(400, 404, 422) },
});

const updateContact = createRoute({
  method: 'patch',
  path: '/v1/contacts/{con}',
  tags,
  summary: 'Change a contact (fields not sent keep their values; custom values are merged in)',
  request: { params: ContactParams, body: jsonRequest(ContactUpdate) },
  responses: { 200: jsonResponse(Contact, 'The changed contact'), ...errorResponses(400, 404, 413, 422, 503) },
});

const deleteContactRoute = createRoute({
  method: 'delete',
  path: '/v1/contacts/{con}',
  tags,
  summary: 'Delete a contact',
  request: { params: ContactParams },
  responses: { 200: jsonResponse(Deleted, 'Deleted (an empty object, as ChartMogul answers)'), ...errorResponses(400, 404, 422, 503) },
});

const mergeContacts = createRoute({
  method: 'post',
  path: '/v1/contacts/{into}/merge/{from}',
  tags,
  summary: 'Merge a contact into another',
  request: { params: ContactMergeParams },
  responses: { 200: jsonResponse(Contact, 'The contact that stays, merged'), ...errorResponses(400, 404, 413, 422, 503) },
});

async function requireContact(tx: Tx, accountId: string, value: string | undefined, param = 'contact_uuid'): Promise<ContactRow> {
  const id = uuidOf(PREFIX.contact, value);
  const row = id ? await contactById(tx, accountId, id) : null;
  if (!row) throw notFound('contact', param);
  return row;
}

/** The contact just written, read back. */
const written = async (tx: Tx, accountId: string, id: string) => (await contactById(tx, accountId, id))!;

const contactTaken = (externalId: string | null) =>
  validationFailed({ external_id: `A contact with external_id '${externalId}' already exists in this data source` });

async function create(ctx: AppContext, c: Context<Env>, customerOf: (tx: Tx, body: Body) => Promise<CustomerRef>) {
  const acc = account(c);
  const body = await readBody(c);
  const position = positionOf(body);
  const externalId = externalIdOf(body) ?? null;
  const custom = contactCustom(body, {});
  const row = await writeAndMark(ctx, acc.id, async (tx) => {
    const customer = await customerOf(tx, body);
    checkSameDataSource(body.data_source_uuid, customer.dataSourceId, "data_source_uuid must be the customer's data source");
    const record = contactRecord(body, customer.externalId);
    const id = randomUUID();
    const inserted = await insertRecordRow(tx, 'contacts', { accountId: acc.id, dataSourceId: customer.dataSourceId }, record, {
      id,
      key: contactKey(externalId, id),
      position: position ?? await nextContactPosition(tx, customer.dataSourceId, customer.externalId),
      custom,
    });
    if (!inserted) throw contactTaken(externalId);
    return { result: await written(tx, acc.id, id) };
  });
  return contactJson(row);
}

/** The list filters of a query; a customer or data source ID that names nothing of the account selects nothing. */
function listFilter(accountId: string, q: { customer_uuid?: string; data_source_uuid?: string; email?: string; external_id?: string }): ContactFilter {
  const filter: ContactFilter = { accountId, email: q.email, externalId: q.external_id };
  if (q.customer_uuid !== undefined) {
    const id = uuidOf(PREFIX.customer, q.customer_uuid);
    if (id) filter.customerId = id;
    else filter.none = true;
  }
  if (q.data_source_uuid !== undefined) {
    const id = uuidOf(PREFIX.dataSource, q.data_source_uuid);
    if (id) filter.dataSourceId = id;
    else filter.none = true;
  }
  return filter;
}

export function registerContacts(app: ApiApp, ctx: AppContext): void {
  openapiRoute(app, createContact, async (c) => {
    const contact = await create(ctx, c, async (tx, body) => {
      if (body.customer_uuid === undefined || body.customer_uuid === null) throw validationFailed({ customer_uuid: 'customer_uuid is required' });
      const customer = await findCustomer(tx, account(c).id, body.customer_uuid);
      if (!customer) throw validationFailed({ customer_uuid: `No customer with UUID '${String(body.customer_uuid)}' in this account` });
      return customer;
    });
    return c.json(contact, 201);
  });

  openapiRoute(app, createCustomerContact, async (c) => {
    const contact = await create(ctx, c, (tx) => requireCustomer(tx, account(c).id, c.req.valid('param').uuid, 'customer_uuid'));
    return c.json(contact, 201);
  });

  openapiRoute(app, listContacts, async (c) => {
    const acc = account(c);
    const page = pageOf(c);
    const rows = await ctx.db.read((tx) => readContacts(tx, listFilter(acc.id, c.req.valid('query')), page));
    return c.json(pageAnswer('entries', rows.map(contactJson), page), 200);
  });

  openapiRoute(app, listCustomerContacts, async (c) => {
    const acc = account(c);
    const page = pageOf(c);
    const rows = await ctx.db.read(async (tx) => {
      const customer = await requireCustomer(tx, acc.id, c.req.valid('param').uuid, 'customer_uuid');
      const filter = listFilter(acc.id, c.req.valid('query'));
      // A data_source_uuid other than the customer's selects nothing.
      if (filter.dataSourceId !== undefined && filter.dataSourceId !== customer.dataSourceId) filter.none = true;
      return readContacts(tx, { ...filter, dataSourceId: customer.dataSourceId, customerExternalId: customer.externalId }, page);
    });
    return c.json(pageAnswer('entries', rows.map(contactJson), page), 200);
  });

  openapiRoute(app, getContact, async (c) => {
    const row = await ctx.db.read((tx) => requireContact(tx, account(c).id, c.req.valid('param').con));
    return c.json(contactJson(row), 200);
  });

  openapiRoute(app, updateContact, async (c) => {
    const acc = account(c);
    const body = await readBody(c);
    const position = positionOf(body);
    const externalId = externalIdOf(body);
    const row = await writeAndMark(ctx, acc.id, async (tx) => {
      const contact = await requireContact(tx, acc.id, c.req.valid('param').con);
      const record = contactRecord(body, contact.customerExternalId, contact);
      const custom = contactCustom(body, storedCustom(contact));
      const key = externalId === undefined ? contact.key : contactKey(externalId, contact.id);
      const holders = await contactIdsWithKey(tx, contact.dataSourceId, key);
      if (holders.some((id) => id !== contact.id)) throw contactTaken(externalId ?? null);
      await updateRecordRow(tx, 'contacts', acc.id, contact.id, record, {
        key, position: position ?? Number(contact.position), custom,
      });
      return { result: await written(tx, acc.id, contact.id) };
    });
    return c.json(contactJson(row), 200);
  });

  openapiRoute(app, deleteContactRoute, async (c) => {
    const acc = account(c);
    await writeAndMark(ctx, acc.id, async (tx) => {
      const contact = await requireContact(tx, acc.id, c.req.valid('param').con);
      await deleteContact(tx, contact.id);
      return { result: null };
    });
    return c.json({}, 200);
  });

  openapiRoute(app, mergeContacts, async (c) => {
    const acc = account(c);
    const { into: intoId, from: fromId } = c.req.valid('param');
    const row = await writeAndMark(ctx, acc.id, async (tx) => {
      const into = await requireContact(tx, acc.id, intoId, 'into_uuid');
      const from = await requireContact(tx, acc.id, fromId, 'from_uuid');
      if (into.id === from.id) throw validationFailed({ from_uuid: 'A contact cannot be merged into itself' });
      const record = contactRecord(mergedContact(into, from), into.customerExternalId, into);
      await updateRecordRow(tx, 'contacts', acc.id, into.id, record, { custom: mergedCustom(into, from) });
      await deleteContact(tx, from.id);
      return { result: await written(tx, acc.id, into.id) };
    });
    return c.json(contactJson(row), 200);
  });
}
