/**
 * Invoices (API.md): import for a customer, list (per customer and account-wide with
 * filters), retrieve, change (edit.ts), delete (one, or all of a customer), disable and enable,
 * and the status that leaves voided and written-off invoices out of MRR. An invoice is named by
 * its inv_ UUID or by `data_source_uuid` and `external_id`. Every write marks the customer for
 * recompute. The literal `/v1/invoices/disabled_state` is registered before `/v1/invoices/{inv}`.
 */
import { createRoute } from '@hono/zod-openapi';
import type { AppContext } from '../../context.ts';
import type { Tx } from '../../db/client.ts';
import { freshRead } from '../../derived/fresh-read.ts';
import { notFound, validationFailed } from '../../http/errors.ts';
import { readBody } from '../../http/json-body.ts';
import { errorResponses, jsonRequest, jsonResponse, openapiRoute, type ApiApp } from '../../http/openapi.ts';
import { writeAndMark } from '../../ingest/write.ts';
import {
  countInvoices, customerInvoiceIds, deleteInvoices, invoicesByExternalId, readInvoices, setInvoiceStatus, type InvoiceFilter,
  type InvoiceRow,
} from '../../store/invoices.ts';
import { account } from '../conventions/account.ts';
import { editorOf } from '../conventions/edit-state.ts';
import { PREFIX, uuidOf } from '../conventions/ids.ts';
import { findCustomer, findDataSource, requireCustomer } from '../conventions/lookup.ts';
import { PageQuery, pageAnswer, pageNumbers, pageOf, type Page } from '../conventions/pages.ts';
import { disabledOf, requireInvoiceByExternalId, setInvoiceDisabled, sourceAndExternalId, updateInvoice } from './edit.ts';
import { importInvoices } from './import.ts';
import { requireInvoice } from './lookup.ts';
import { invoicesJson, invoicesJsonByExternalId } from './read.ts';
import {
  CustomerInvoiceList, CustomerParams, DisabledState, ExternalIdQuery, ImportedInvoices, Invoice, InvoiceImport, InvoiceList,
  InvoiceListQuery, InvoiceParams, InvoiceStatusUpdate, InvoiceUpdate, InvoiceWithStatus, SourceCustomerParams, StatusParams,
} from './schemas.ts';

const STATUSES = ['voided', 'written_off'];
const tags = ['Invoices'];

const importRoute = createRoute({
  method: 'post',
  path: '/v1/import/customers/{cus}/invoices',
  tags,
  summary: "Import invoices of a customer, with their line items and transactions",
  request: { params: CustomerParams, body: jsonRequest(InvoiceImport) },
  responses: { 201: jsonResponse(ImportedInvoices, 'The invoices as stored, in the order sent'), ...errorResponses(400, 404, 413, 422, 503) },
});

const listCustomerInvoices = createRoute({
  method: 'get',
  path: '/v1/import/customers/{cus}/invoices',
  tags,
  summary: "A customer's invoices, by date",
  request: { params: CustomerParams, query: PageQuery },
  responses: { 200: jsonResponse(CustomerInvoiceList, "A page of the customer's invoices"), ...errorResponses(400, 404, 422, 503) },
});

const listInvoices = createRoute({
  method: 'get',
  path: '/v1/invoices',
  tags,
  summary: 'The invoices of the account, by date',
  request: { query: InvoiceListQuery },
  responses: { 200: jsonResponse(InvoiceList, 'A page of the invoices the filters select'), ...errorResponses(400, 422, 503) },
});

const getInvoice = createRoute({
  method: 'get',
  path: '/v1/invoices/{inv}',
  tags,
  summary: 'One invoice',
  request: { params: InvoiceParams },
  responses: { 200: jsonResponse(Invoice, 'The invoice'), ...errorResponses(404, 422, 503) },
});

const deleteInvoice = createRoute({
  method: 'delete',
  path: '/v1/invoices/{inv}',
  tags,
  summary: 'Delete an invoice with its line items and transactions',
  request: { params: InvoiceParams },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(404, 422, 503) },
});

const deleteCustomerInvoices = createRoute({
  method: 'delete',
  path: '/v1/data_sources/{ds}/customers/{cus}/invoices',
  tags,
  summary: "Delete all of a customer's invoices",
  request: { params: SourceCustomerParams },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(404, 422, 503) },
});

const updateStatus = createRoute({
  method: 'put',
  path: '/v1/data_sources/{ds}/invoices/{external_id}/status',
  tags,
  summary: 'Void or write off an invoice (it then counts for no MRR)',
  request: { params: StatusParams, body: jsonRequest(InvoiceStatusUpdate) },
  responses: { 200: jsonResponse(InvoiceWithStatus, 'The invoice with its status'), ...errorResponses(400, 404, 413, 422, 503) },
});

const byExternalId = 'named by data_source_uuid and external_id (query, or body)';

const updateByExternalId = createRoute({
  method: 'patch',
  path: '/v1/invoices',
  tags,
  summary: `Change an invoice's date, due date, currency or collection method, ${byExternalId}`,
  request: { query: ExternalIdQuery, body: jsonRequest(InvoiceUpdate) },
  responses: { 200: jsonResponse(Invoice, 'The invoice as changed'), ...errorResponses(400, 404, 413, 422, 503) },
});

const deleteByExternalId = createRoute({
  method: 'delete',
  path: '/v1/invoices',
  tags,
  summary: `Delete an invoice with its line items and transactions, ${byExternalId}`,
  request: { query: ExternalIdQuery, body: { ...jsonRequest(InvoiceUpdate), required: false } },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(400, 404, 413, 422, 503) },
});

const disableByExternalId = createRoute({
  method: 'patch',
  path: '/v1/invoices/disabled_state',
  tags,
  summary: `Disable or enable an invoice ${byExternalId}`,
  request: { query: ExternalIdQuery, body: jsonRequest(DisabledState) },
  responses: { 200: jsonResponse(Invoice, 'The invoice with its disabled state'), ...errorResponses(400, 404, 413, 422, 503) },
});

const updateInvoiceRoute = createRoute({
  method: 'patch',
  path: '/v1/invoices/{inv}',
  tags,
  summary: "Change an invoice's date, due date, currency or collection method (the fields sent; the others kept)",
  request: { params: InvoiceParams, query: ExternalIdQuery.pick({ handle_as_user_edit: true }), body: jsonRequest(InvoiceUpdate) },
  responses: { 200: jsonResponse(Invoice, 'The invoice as changed'), ...errorResponses(400, 404, 413, 422, 503) },
});

const disableInvoice = createRoute({
  method: 'patch',
  path: '/v1/invoices/{inv}/disabled_state',
  tags,
  summary: 'Disable or enable an invoice (a disabled invoice counts nowhere, with its lines and transactions)',
  request: { params: InvoiceParams, query: ExternalIdQuery.pick({ handle_as_user_edit: true }), body: jsonRequest(DisabledState) },
  responses: { 200: jsonResponse(Invoice, 'The invoice with its disabled state'), ...errorResponses(400, 404, 413, 422, 503) },
});

/** A page of the invoices the filter selects, as JSON, with the page numbers. */
async function invoicePage(tx: Tx, filter: InvoiceFilter, page: Page) {
  const rows = await readInvoices(tx, filter, page);
  const total = await countInvoices(tx, filter);
  const answer = pageAnswer('invoices', rows, page);
  return { ...answer, invoices: await invoicesJson(tx, filter.accountId, answer.invoices), ...pageNumbers(page, total) };
}

export function registerInvoices(app: ApiApp, ctx: AppContext): void {
  openapiRoute(app, importRoute, async (c) => {
    const accountId = account(c).id;
    const body = await readBody(c);
    const { customer, externalIds } = await writeAndMark(ctx, accountId, async (tx) => {
      const customer = await requireCustomer(tx, accountId, c.req.valid('param').cus);
      const externalIds = await importInvoices(tx, accountId, customer, body, ctx.today());
      return { result: { customer, externalIds }, touched: [{ dataSourceId: customer.dataSourceId, customers: [customer.externalId] }] };
    });
    // Its lines show their subscriptions' IDs: derived data, so read fresh (api/ingest/policy.ts).
    const invoices = await freshRead(ctx, accountId, (tx) => invoicesJsonByExternalId(tx, accountId, customer.dataSourceId, externalIds));
    return c.json({ invoices }, 201);
  });

  openapiRoute(app, listCustomerInvoices, async (c) => {
    const accountId = account(c).id;
    const page = pageOf(c);
    return c.json(await freshRead(ctx, accountId, async (tx) => {
      const customer = await requireCustomer(tx, accountId, c.req.valid('param').cus);
      const answer = await invoicePage(tx, { accountId, customer }, page);
      return { customer_uuid: `${PREFIX.customer}${customer.id}`, ...answer };
    }), 200);
  });

  openapiRoute(app, listInvoices, async (c) => {
    const accountId = account(c).id;
    const page = pageOf(c);
    const query = c.req.valid('query');
    return c.json(await freshRead(ctx, accountId, async (tx) => {
      const filter: InvoiceFilter = { accountId, externalId: query.external_id };
      if (query.customer_uuid !== undefined) {
        const customer = await findCustomer(tx, accountId, query.customer_uuid);
        if (!customer) return { invoices: [], has_more: false, cursor: null, current_page: 1, total_pages: 0 };
        filter.customer = customer;
      }
      if (query.data_source_uuid !== undefined) {
        const id = uuidOf(PREFIX.dataSource, query.data_source_uuid);
        if (id) filter.dataSourceId = id;
        else filter.none = true;
      }
      return invoicePage(tx, filter, page);
    }), 200);
  });

  openapiRoute(app, getInvoice, async (c) => {
    const accountId = account(c).id;
    return c.json(await freshRead(ctx, accountId, async (tx) => {
      const invoice = await requireInvoice(tx, accountId, c.req.valid('param').inv);
      return (await invoicesJsonByExternalId(tx, accountId, invoice.dataSourceId, [invoice.externalId]))[0];
    }), 200);
  });

  openapiRoute(app, deleteInvoice, async (c) => {
    const accountId = account(c).id;
    await writeAndMark(ctx, accountId, async (tx) => {
      const invoice = await requireInvoice(tx, accountId, c.req.valid('param').inv);
      await deleteInvoices(tx, accountId, invoice.dataSourceId, [invoice.externalId]);
      return { result: null, touched: [{ dataSourceId: invoice.dataSourceId, customers: [invoice.customerExternalId] }] };
    });
    return c.body(null, 204);
  });

  openapiRoute(app, deleteCustomerInvoices, async (c) => {
    const accountId = account(c).id;
    const { ds, cus } = c.req.valid('param');
    await writeAndMark(ctx, accountId, async (tx) => {
      const customer = await requireCustomer(tx, accountId, cus);
      if ((await findDataSource(tx, accountId, ds)) !== customer.dataSourceId) throw notFound('data source');
      const ids = await customerInvoiceIds(tx, accountId, customer.dataSourceId, customer.externalId);
      await deleteInvoices(tx, accountId, customer.dataSourceId, ids);
      return { result: null, touched: [{ dataSourceId: customer.dataSourceId, customers: [customer.externalId] }] };
    });
    return c.body(null, 204);
  });

  /** A write to one invoice (found by `find`), then the invoice as JSON, read after recompute. */
  async function writeInvoice(accountId: string, find: (tx: Tx) => Promise<InvoiceRow>, work: (tx: Tx, invoice: InvoiceRow) => Promise<void>) {
    const key = await writeAndMark(ctx, accountId, async (tx) => {
      const invoice = await find(tx);
      await work(tx, invoice);
      return {
        result: { dataSourceId: invoice.dataSourceId, externalId: invoice.externalId },
        touched: [{ dataSourceId: invoice.dataSourceId, customers: [invoice.customerExternalId] }],
      };
    });
    const [json] = await freshRead(ctx, accountId, (tx) => invoicesJsonByExternalId(tx, accountId, key.dataSourceId, [key.externalId]));
    return json;
  }
  const byRef = (accountId: string, query: Record<string, unknown>, body: Record<string, unknown>) => async (tx: Tx) =>
    requireInvoiceByExternalId(tx, accountId, await sourceAndExternalId(tx, accountId, query, body));
  const byUuid = (accountId: string, inv: string) => (tx: Tx) => requireInvoice(tx, accountId, inv);

  openapiRoute(app, updateByExternalId, async (c) => {
    const accountId = account(c).id;
    const body = await readBody(c);
    const query = c.req.valid('query');
    // Named by the body, its data_source_uuid and external_id are the name, not changes.
    const changes = query.external_id === undefined ? { ...body, external_id: undefined, data_source_uuid: undefined } : body;
    return c.json(await writeInvoice(accountId, byRef(accountId, query, body), (tx, invoice) => updateInvoice(tx, accountId, invoice, changes, ctx.today(), editorOf(account(c)))), 200);
  });

  openapiRoute(app, deleteByExternalId, async (c) => {
    const accountId = account(c).id;
    const body = await readBody(c);
    const query = c.req.valid('query');
    await writeAndMark(ctx, accountId, async (tx) => {
      const invoice = await byRef(accountId, query, body)(tx);
      await deleteInvoices(tx, accountId, invoice.dataSourceId, [invoice.externalId]);
      return { result: null, touched: [{ dataSourceId: invoice.dataSourceId, customers: [invoice.customerExternalId] }] };
    });
    return c.body(null, 204);
  });

  openapiRoute(app, disableByExternalId, async (c) => {
    const accountId = account(c).id;
    const body = await readBody(c);
    const disabled = disabledOf(body);
    const query = c.req.valid('query');
    return c.json(await writeInvoice(accountId, byRef(accountId, query, body), (tx, invoice) => setInvoiceDisabled(tx, accountId, invoice, disabled, editorOf(account(c)))), 200);
  });

  openapiRoute(app, updateInvoiceRoute, async (c) => {
    const accountId = account(c).id;
    const body = await readBody(c);
    const { inv } = c.req.valid('param');
    return c.json(await writeInvoice(accountId, byUuid(accountId, inv), (tx, invoice) => updateInvoice(tx, accountId, invoice, body, ctx.today(), editorOf(account(c)))), 200);
  });

  openapiRoute(app, disableInvoice, async (c) => {
    const accountId = account(c).id;
    const body = await readBody(c);
    const disabled = disabledOf(body);
    const { inv } = c.req.valid('param');
    return c.json(await writeInvoice(accountId, byUuid(accountId, inv), (tx, invoice) => setInvoiceDisabled(tx, accountId, invoice, disabled, editorOf(account(c)))), 200);
  });

  openapiRoute(app, updateStatus, async (c) => {
    const accountId = account(c).id;
    const body = await readBody(c);
    const params = c.req.valid('param');
    const { dataSourceId, externalId, status } = await writeAndMark(ctx, accountId, async (tx) => {
      const dataSourceId = await findDataSource(tx, accountId, params.ds);
      if (!dataSourceId) throw notFound('data source');
      const externalId = params.external_id;
      const [invoice] = await invoicesByExternalId(tx, accountId, dataSourceId, [externalId]);
      if (!invoice) throw notFound('invoice');
      const status = body.status;
      if (typeof status !== 'string' || !STATUSES.includes(status)) {
        throw validationFailed({ status: `status must be ${STATUSES.join(' or ')}` });
      }
      await setInvoiceStatus(tx, accountId, { dataSourceId, externalId }, status);
      return { result: { dataSourceId, externalId, status }, touched: [{ dataSourceId, customers: [invoice.customerExternalId] }] };
    });
    const [invoice] = await freshRead(ctx, accountId, (tx) => invoicesJsonByExternalId(tx, accountId, dataSourceId, [externalId]));
    return c.json({ ...invoice, status }, 200);
  });
}
