/**
 * Invoices (API.md): import for a customer, list (per customer and account-wide with
 * filters), retrieve, delete (one, or all of a customer), and the status that leaves voided
 * and written-off invoices out of MRR. Every write recomputes the customer.
 */
import type { Hono } from 'hono';
import type { AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import type { Env } from '../http/auth.ts';
import { notFound, validationFailed } from '../http/errors.ts';
import { deleteInvoices } from './invoices-delete.ts';
import { importInvoices } from './invoices-import.ts';
import { INVOICE_ORDER, INVOICE_SELECT, invoicesJson, type InvoiceRow } from './serialize-invoice.ts';
import { account } from './conventions/account.ts';
import { freshRead } from '../derived/fresh-read.ts';
import { pageAnswer, pageOf, type Page, pageNumbers } from './conventions/pages.ts';
import { PREFIX, uuidOf } from './conventions/ids.ts';
import { writeThenRecompute } from '../ingest/write.ts';
import { countRows, pageSql } from '../store/pages.ts';
import { readBody } from '../http/json-body.ts';
import { findCustomer, findDataSource, requireCustomer } from './conventions/lookup.ts';
import { requireInvoice } from './billing-refs.ts';

const STATUSES = ['voided', 'written_off'];

async function invoicesByExternalId(tx: Tx, accountId: string, dataSourceId: string, externalIds: string[]) {
  const rows = await tx.query<InvoiceRow>(
    `${INVOICE_SELECT} WHERE i.account_id = $1 AND i.data_source_id = $2 AND i.external_id = ANY($3::text[])`,
    [accountId, dataSourceId, externalIds],
  );
  const order = new Map(externalIds.map((id, i) => [id, i]));
  return invoicesJson(tx, accountId, rows.sort((a, b) => order.get(a.external_id)! - order.get(b.external_id)!));
}

/** A page of invoices matching `where` (over `invoices i`, $1 = account). */
async function invoicePage(tx: Tx, accountId: string, where: string[], params: unknown[], page: Page) {
  const clause = `WHERE i.account_id = $1${where.map((w) => ` AND ${w}`).join('')}`;
  const rows = await tx.query<InvoiceRow>(`${INVOICE_SELECT} ${clause} ${INVOICE_ORDER} ${pageSql(page)}`, [accountId, ...params]);
  const total = await countRows(tx, `FROM invoices i ${clause}`, [accountId, ...params]);
  const answer = pageAnswer('invoices', rows, page);
  return { ...answer, invoices: await invoicesJson(tx, accountId, answer.invoices), ...pageNumbers(page, total) };
}

export function registerInvoices(app: Hono<Env>, ctx: AppContext): void {
  app.post('/v1/import/customers/:cus/invoices', async (c) => {
    const accountId = account(c).id;
    const body = await readBody(c);
    const { customer, externalIds } = await writeThenRecompute(ctx, accountId, async (tx) => {
      const customer = await requireCustomer(tx, accountId, c.req.param('cus'));
      const externalIds = await importInvoices(tx, accountId, customer, body, ctx.today());
      return { result: { customer, externalIds }, recompute: [{ dataSourceId: customer.dataSourceId, customers: [customer.externalId] }] };
    });
    const invoices = await freshRead(ctx, accountId, (tx) => invoicesByExternalId(tx, accountId, customer.dataSourceId, externalIds));
    return c.json({ invoices }, 201);
  });

  app.get('/v1/import/customers/:cus/invoices', async (c) => {
    const accountId = account(c).id;
    const page = pageOf(c);
    return c.json(await freshRead(ctx, accountId, async (tx) => {
      const customer = await requireCustomer(tx, accountId, c.req.param('cus'));
      const answer = await invoicePage(tx, accountId, ['i.data_source_id = $2', 'i.customer_external_id = $3'],
        [customer.dataSourceId, customer.externalId], page);
      return { customer_uuid: `${PREFIX.customer}${customer.id}`, ...answer };
    }));
  });

  app.get('/v1/invoices', async (c) => {
    const accountId = account(c).id;
    const page = pageOf(c);
    return c.json(await freshRead(ctx, accountId, async (tx) => {
      const where: string[] = [];
      const params: unknown[] = [];
      const add = (sql: (n: number) => string, value: unknown) => {
        params.push(value);
        where.push(sql(params.length + 1));
      };
      const customerUuid = c.req.query('customer_uuid');
      if (customerUuid !== undefined) {
        const customer = await findCustomer(tx, accountId, customerUuid);
        if (!customer) return { invoices: [], has_more: false, cursor: null, current_page: 1, total_pages: 0 };
        add((n) => `i.data_source_id = $${n}`, customer.dataSourceId);
        add((n) => `i.customer_external_id = $${n}`, customer.externalId);
      }
      const ds = c.req.query('data_source_uuid');
      if (ds !== undefined) add((n) => `i.data_source_id = $${n}`, uuidOf(PREFIX.dataSource, ds) ?? '00000000-0000-0000-0000-000000000000');
      const externalId = c.req.query('external_id');
      if (externalId !== undefined) add((n) => `i.external_id = $${n}`, externalId);
      return invoicePage(tx, accountId, where, params, page);
    }));
  });

  app.get('/v1/invoices/:inv', async (c) => {
    const accountId = account(c).id;
    return c.json(await freshRead(ctx, accountId, async (tx) => {
      const invoice = await requireInvoice(tx, accountId, c.req.param('inv'));
      return (await invoicesByExternalId(tx, accountId, invoice.dataSourceId, [invoice.externalId]))[0];
    }));
  });

  app.delete('/v1/invoices/:inv', async (c) => {
    const accountId = account(c).id;
    await writeThenRecompute(ctx, accountId, async (tx) => {
      const invoice = await requireInvoice(tx, accountId, c.req.param('inv'));
      await deleteInvoices(tx, accountId, invoice.dataSourceId, [invoice.externalId]);
      return { result: null, recompute: [{ dataSourceId: invoice.dataSourceId, customers: [invoice.customerExternalId] }] };
    });
    return c.body(null, 204);
  });

  app.delete('/v1/data_sources/:ds/customers/:cus/invoices', async (c) => {
    const accountId = account(c).id;
    await writeThenRecompute(ctx, accountId, async (tx) => {
      const customer = await requireCustomer(tx, accountId, c.req.param('cus'));
      if ((await findDataSource(tx, accountId, c.req.param('ds'))) !== customer.dataSourceId) throw notFound('data source');
      const ids = await tx.query<{ external_id: string }>(
        'SELECT external_id FROM invoices WHERE account_id = $1 AND data_source_id = $2 AND customer_external_id = $3',
        [accountId, customer.dataSourceId, customer.externalId],
      );
      await deleteInvoices(tx, accountId, customer.dataSourceId, ids.map((r) => r.external_id));
      return { result: null, recompute: [{ dataSourceId: customer.dataSourceId, customers: [customer.externalId] }] };
    });
    return c.body(null, 204);
  });

  app.put('/v1/data_sources/:ds/invoices/:external_id/status', async (c) => {
    const accountId = account(c).id;
    const body = await readBody(c);
    const { dataSourceId, externalId, status } = await writeThenRecompute(ctx, accountId, async (tx) => {
      const dataSourceId = await findDataSource(tx, accountId, c.req.param('ds'));
      if (!dataSourceId) throw notFound('data source');
      const externalId = c.req.param('external_id');
      const rows = await tx.query<{ customer_external_id: string }>(
        'SELECT customer_external_id FROM invoices WHERE account_id = $1 AND data_source_id = $2 AND external_id = $3',
        [accountId, dataSourceId, externalId],
      );
      if (!rows[0]) throw notFound('invoice');
      const status = body.status;
      if (typeof status !== 'string' || !STATUSES.includes(status)) {
        throw validationFailed({ status: `status must be ${STATUSES.join(' or ')}` });
      }
      await tx.query('UPDATE invoices SET status = $4 WHERE account_id = $1 AND data_source_id = $2 AND external_id = $3',
        [accountId, dataSourceId, externalId, status]);
      return { result: { dataSourceId, externalId, status }, recompute: [{ dataSourceId, customers: [rows[0].customer_external_id] }] };
    });
    const [invoice] = await freshRead(ctx, accountId, (tx) => invoicesByExternalId(tx, accountId, dataSourceId, [externalId]));
    return c.json({ ...invoice, status });
  });
}
