/**
 * Contacts: POST/GET /v1/contacts (filters customer_uuid, data_source_uuid, email,
 * external_id), GET/PATCH/DELETE /v1/contacts/{con}, POST /v1/contacts/{into}/merge/{from},
 * and GET/POST /v1/customers/{cus}/contacts. Status codes as recorded: 201 on create, 200 `{}`
 * on delete, 200 with the surviving contact on merge.
 *
 * Contacts' `custom` values are taken as the clients send them (`[{key, value}]`) and answered
 * as ChartMogul does (`{key: value}`, `{}` when none); an update merges them into the stored
 * ones. Contacts are not billing data: no recompute.
 */
import { randomUUID } from 'node:crypto';
import type { Context, Hono } from 'hono';
import type { AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import type { Env } from '../http/auth.ts';
import { notFound, validationFailed } from '../http/errors.ts';
import {
  contactCustom, contactJson, contactRecord, externalIdOf, keyOfExternalId, keyWithoutExternalId, mergedContact, mergedCustom,
  positionOf, readContacts, storedCustom, type ContactRow,
} from './contact-serialize.ts';
import { account } from './conventions/account.ts';
import { pageAnswer, pageOf } from './conventions/pages.ts';
import { PREFIX, uuidOf } from './conventions/ids.ts';
import { writeThenRecompute } from '../ingest/write.ts';
import { insertRecordRow, updateRecordRow } from '../store/record-write.ts';
import type { Body } from './conventions/body.ts';
import { readBody } from '../http/json-body.ts';
import { checkSameDataSource, findCustomer, requireCustomer, type CustomerRef } from './conventions/lookup.ts';
import { Where } from '../store/where.ts';

const byId = (accountId: string, id: string) => new Where([]).add('k.account_id = $?', accountId).add('k.id = $?', id);

async function requireContact(tx: Tx, accountId: string, value: string | undefined, param = 'contact_uuid'): Promise<ContactRow> {
  const id = uuidOf(PREFIX.contact, value);
  const [row] = id ? await readContacts(tx, byId(accountId, id)) : [];
  if (!row) throw notFound('contact', param);
  return row;
}

const contactTaken = (externalId: string | null) =>
  validationFailed({ external_id: `A contact with external_id '${externalId}' already exists in this data source` });

/** The key of a contact with this external ID (or none). */
const keyOf = (externalId: string | null, id: string) => (externalId === null ? keyWithoutExternalId(id) : keyOfExternalId(externalId));

async function createContact(ctx: AppContext, c: Context<Env>, customerOf: (tx: Tx, body: Body) => Promise<CustomerRef>) {
  const acc = account(c);
  const body = await readBody(c);
  const position = positionOf(body);
  const externalId = externalIdOf(body) ?? null;
  const custom = contactCustom(body, {});
  const row = await writeThenRecompute(ctx, acc.id, async (tx) => {
    const customer = await customerOf(tx, body);
    checkSameDataSource(body.data_source_uuid, customer.dataSourceId, "data_source_uuid must be the customer's data source");
    const record = contactRecord(body, customer.externalId);
    const id = randomUUID();
    const [next] = await tx.query<{ p: number }>(
      // After a contact placed at the highest position (2^31 − 1), the next one shares it.
      'SELECT LEAST(COALESCE(max(position), 0)::bigint + 1, 2147483647) AS p FROM contacts WHERE data_source_id = $1 AND customer_external_id = $2',
      [customer.dataSourceId, customer.externalId],
    );
    const inserted = await insertRecordRow(tx, 'contacts', { accountId: acc.id, dataSourceId: customer.dataSourceId }, record, {
      id, key: keyOf(externalId, id), position: position ?? Number(next.p), custom: JSON.stringify(custom),
    });
    if (!inserted) throw contactTaken(externalId);
    return { result: (await readContacts(tx, byId(acc.id, id)))[0] };
  });
  return c.json(contactJson(row), 201);
}

function listFilters(c: Context<Env>, where: Where): Where {
  const q = (name: string) => c.req.query(name);
  for (const [param, prefix, column] of [['customer_uuid', PREFIX.customer, 'c.id'], ['data_source_uuid', PREFIX.dataSource, 'k.data_source_id']] as const) {
    const value = q(param);
    if (value === undefined) continue;
    const id = uuidOf(prefix, value);
    if (id) where.add(`${column} = $?`, id);
    else where.none();
  }
  if (q('email') !== undefined) where.add('lower(k.email) = lower($?)', q('email'));
  if (q('external_id') !== undefined) where.add('k.key = $?', keyOfExternalId(q('external_id')!));
  return where;
}

export function registerContacts(app: Hono<Env>, ctx: AppContext): void {
  app.post('/v1/contacts', (c) =>
    createContact(ctx, c, async (tx, body) => {
      if (body.customer_uuid === undefined || body.customer_uuid === null) throw validationFailed({ customer_uuid: 'customer_uuid is required' });
      const customer = await findCustomer(tx, account(c).id, body.customer_uuid);
      if (!customer) throw validationFailed({ customer_uuid: `No customer with UUID '${String(body.customer_uuid)}' in this account` });
      return customer;
    }));
  app.post('/v1/customers/:uuid/contacts', (c) => createContact(ctx, c, (tx) => requireCustomer(tx, account(c).id, c.req.param('uuid'), 'customer_uuid')));

  app.get('/v1/contacts', async (c) => {
    const acc = account(c);
    const page = pageOf(c);
    const rows = await ctx.db.read((tx) => readContacts(tx, listFilters(c, new Where([]).add('k.account_id = $?', acc.id)), page));
    return c.json(pageAnswer('entries', rows.map(contactJson), page));
  });

  app.get('/v1/customers/:uuid/contacts', async (c) => {
    const acc = account(c);
    const page = pageOf(c);
    const rows = await ctx.db.read(async (tx) => {
      const customer = await requireCustomer(tx, acc.id, c.req.param('uuid'), 'customer_uuid');
      const where = new Where([]).add('k.account_id = $?', acc.id).add('k.data_source_id = $?', customer.dataSourceId)
        .add('k.customer_external_id = $?', customer.externalId);
      return readContacts(tx, listFilters(c, where), page);
    });
    return c.json(pageAnswer('entries', rows.map(contactJson), page));
  });

  app.get('/v1/contacts/:con', async (c) => {
    const row = await ctx.db.read((tx) => requireContact(tx, account(c).id, c.req.param('con')));
    return c.json(contactJson(row));
  });

  app.patch('/v1/contacts/:con', async (c) => {
    const acc = account(c);
    const body = await readBody(c);
    const position = positionOf(body);
    const externalId = externalIdOf(body);
    const row = await writeThenRecompute(ctx, acc.id, async (tx) => {
      const contact = await requireContact(tx, acc.id, c.req.param('con'));
      const record = contactRecord(body, contact.customer_external_id, contact);
      const custom = contactCustom(body, storedCustom(contact));
      const key = externalId === undefined ? contact.key : keyOf(externalId, contact.id);
      const taken = await tx.query<{ id: string }>('SELECT id FROM contacts WHERE data_source_id = $1 AND key = $2', [contact.data_source_id, key]);
      if (taken.some((t) => t.id !== contact.id)) throw contactTaken(externalId ?? null);
      await updateRecordRow(tx, 'contacts', acc.id, contact.id, record, {
        key, position: position ?? Number(contact.position), custom: JSON.stringify(custom),
      });
      return { result: (await readContacts(tx, byId(acc.id, contact.id)))[0] };
    });
    return c.json(contactJson(row));
  });

  app.delete('/v1/contacts/:con', async (c) => {
    const acc = account(c);
    await writeThenRecompute(ctx, acc.id, async (tx) => {
      const contact = await requireContact(tx, acc.id, c.req.param('con'));
      await tx.query('DELETE FROM contacts WHERE id = $1', [contact.id]);
      return { result: null };
    });
    return c.json({});
  });

  app.post('/v1/contacts/:into/merge/:from', async (c) => {
    const acc = account(c);
    const row = await writeThenRecompute(ctx, acc.id, async (tx) => {
      const into = await requireContact(tx, acc.id, c.req.param('into'), 'into_uuid');
      const from = await requireContact(tx, acc.id, c.req.param('from'), 'from_uuid');
      if (into.id === from.id) throw validationFailed({ from_uuid: 'A contact cannot be merged into itself' });
      const record = contactRecord(mergedContact(into, from), into.customer_external_id, into);
      await updateRecordRow(tx, 'contacts', acc.id, into.id, record, { custom: JSON.stringify(mergedCustom(into, from)) });
      await tx.query('DELETE FROM contacts WHERE id = $1', [from.id]);
      return { result: (await readContacts(tx, byId(acc.id, into.id)))[0] };
    });
    return c.json(contactJson(row));
  });
}
