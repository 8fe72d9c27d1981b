/**
 * /v1/customers: create, list (filters data_source_uuid, external_id, status, system), search
 * by email, retrieve, update (PATCH or PUT) and delete. Writes recompute the customer's
 * derived data with the shared engine; reads serve figures computed for today.
 * The literal sub-paths (search, merges, attributes by email) are registered before
 * /customers/:uuid.
 */
import type { Context, Hono } from 'hono';
import type { AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import type { Env } from '../http/auth.ts';
import { apiError, notFound, validationFailed } from '../http/errors.ts';
import { registerCustomerAttributes } from './customer-attributes.ts';
import { moveCustomerData, purgeCustomer } from './customer-data.ts';
import { createAttributes, currentFields, customerExtras, customerRecord, saveAttributes, updatedAttributes } from './customer-fields.ts';
import { registerCustomerMerges } from './customer-merges.ts';
import { attributesOf, countCustomers, customerJson, readCustomers, storedStatus } from './customer-serialize.ts';
import { account } from './conventions/account.ts';
import { freshRead } from '../derived/fresh-read.ts';
import { pageAnswer, pageOf, withPageNumbers } from './conventions/pages.ts';
import { PREFIX, uuidOf } from './conventions/ids.ts';
import { writeThenRecompute } from '../ingest/write.ts';
import { bumpDataVersion } from '../store/data-version.ts';
import { insertRecordRow, updateRecordRow } from '../store/record-write.ts';
import { readBody } from '../http/json-body.ts';
import { requiredString } from './conventions/body.ts';
import { bodyDataSource, checkSameDataSource, requireCustomer } from './conventions/lookup.ts';
import { Where } from '../store/where.ts';

const EXTERNAL_ID_TAKEN = 'The external ID for this customer already exists in our system.';

async function externalIdTaken(tx: Tx, dataSourceId: string, externalId: string): Promise<boolean> {
  const rows = await tx.query('SELECT 1 FROM customers WHERE data_source_id = $1 AND external_id = $2', [dataSourceId, externalId]);
  return rows.length > 0;
}

/** One customer of the account as JSON, read after its write was recomputed. */
async function customerOut(ctx: AppContext, c: Context<Env>, customerId: string) {
  const acc = account(c);
  const [row] = await freshRead(ctx, acc.id, (tx) =>
    readCustomers(tx, new Where([]).add('c.account_id = $?', acc.id).add('c.id = $?', customerId)),
  );
  if (!row) throw notFound('customer', 'customer_uuid');
  return customerJson(row, acc.settings);
}

function listFilters(c: Context<Env>): Where {
  const where = new Where([]).add('c.account_id = $?', account(c).id);
  const q = (name: string) => c.req.query(name);
  const ds = q('data_source_uuid');
  if (ds !== undefined) {
    const id = uuidOf(PREFIX.dataSource, ds);
    if (id) where.add('c.data_source_id = $?', id);
    else where.none();
  }
  if (q('external_id') !== undefined) where.add('c.external_id = $?', q('external_id'));
  const status = q('status');
  if (status !== undefined) {
    const stored = storedStatus(status);
    if (stored) where.add("COALESCE(m.status, 'Lead') = $?", stored);
    else where.none();
  }
  if (q('system') !== undefined) where.add('d.system = $?', q('system'));
  return where;
}

async function update(ctx: AppContext, c: Context<Env>) {
  const acc = account(c);
  const body = await readBody(c);
  const id = await writeThenRecompute(ctx, acc.id, async (tx) => {
    const customer = await requireCustomer(tx, acc.id, c.req.param('uuid'), 'customer_uuid');
    checkSameDataSource(body.data_source_uuid, customer.dataSourceId, "A customer's data source cannot be changed");
    const current = await currentFields(tx, customer.id);
    const record = customerRecord(body, current);
    const extras = customerExtras(body, current);
    const attributes = updatedAttributes(body, attributesOf(current.attributes));
    if (record.externalId !== customer.externalId) {
      if (await externalIdTaken(tx, customer.dataSourceId, record.externalId)) throw validationFailed({ external_id: EXTERNAL_ID_TAKEN });
      await moveCustomerData(tx, customer, { dataSourceId: customer.dataSourceId, externalId: record.externalId }, 'external_id');
    }
    await updateRecordRow(tx, 'customers', acc.id, customer.id, record, extras);
    await saveAttributes(tx, customer.id, attributes);
    return { result: customer.id, recompute: [{ dataSourceId: customer.dataSourceId, customers: [record.externalId] }] };
  });
  return c.json(await customerOut(ctx, c, id));
}

export function registerCustomers(app: Hono<Env>, ctx: AppContext): void {
  app.post('/v1/customers', async (c) => {
    const acc = account(c);
    const body = await readBody(c);
    const record = customerRecord(body);
    const extras = customerExtras(body);
    const attributes = createAttributes(body);
    const id = await writeThenRecompute(ctx, acc.id, async (tx) => {
      const dataSourceId = await bodyDataSource(tx, acc.id, body.data_source_uuid);
      const id = await insertRecordRow(tx, 'customers', { accountId: acc.id, dataSourceId }, record, extras);
      if (!id) throw validationFailed({ external_id: EXTERNAL_ID_TAKEN });
      await saveAttributes(tx, id, attributes);
      return { result: id, recompute: [{ dataSourceId, customers: [record.externalId] }] };
    });
    return c.json(await customerOut(ctx, c, id), 201);
  });

  app.get('/v1/customers', async (c) => {
    const acc = account(c);
    const page = pageOf(c);
    const where = listFilters(c);
    const [rows, total] = await freshRead(ctx, acc.id, async (tx) => [await readCustomers(tx, where, page), await countCustomers(tx, where)] as const);
    return c.json(withPageNumbers(pageAnswer('entries', rows.map((r) => customerJson(r, acc.settings)), page), page, total));
  });

  app.get('/v1/customers/search', async (c) => {
    const acc = account(c);
    const email = requiredString({ email: c.req.query('email') }, 'email');
    const page = pageOf(c);
    const where = new Where([]).add('c.account_id = $?', acc.id).add('lower(c.email) = lower($?)', email);
    const [rows, total] = await freshRead(ctx, acc.id, async (tx) => [await readCustomers(tx, where, page), await countCustomers(tx, where)] as const);
    if (rows.length === 0 && page.offset === 0) throw apiError(404, `Can't find any customers with email: "${email}"`, 'email');
    return c.json(withPageNumbers(pageAnswer('entries', rows.map((r) => customerJson(r, acc.settings)), page), page, total));
  });

  registerCustomerMerges(app, ctx);
  registerCustomerAttributes(app, ctx);

  app.get('/v1/customers/:uuid', async (c) => {
    const acc = account(c);
    const customer = await ctx.db.read((tx) => requireCustomer(tx, acc.id, c.req.param('uuid'), 'customer_uuid'));
    return c.json(await customerOut(ctx, c, customer.id));
  });

  app.patch('/v1/customers/:uuid', (c) => update(ctx, c));
  app.put('/v1/customers/:uuid', (c) => update(ctx, c));

  app.delete('/v1/customers/:uuid', async (c) => {
    const acc = account(c);
    await writeThenRecompute(ctx, acc.id, async (tx) => {
      const customer = await requireCustomer(tx, acc.id, c.req.param('uuid'), 'customer_uuid');
      await purgeCustomer(tx, acc.id, customer);
      await bumpDataVersion(tx, acc.id);
      return { result: null };
    });
    return c.body(null, 204);
  });
}
