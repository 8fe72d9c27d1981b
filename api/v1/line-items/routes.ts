/**
 * Line items (the 11 LineItem methods of chartmogul-node): add one to an invoice, read, change,
 * delete, disable and enable one, named by its li_ UUID or by `data_source_uuid` and
 * `external_id`. Every write marks the invoice's customer for recompute; a disabled line counts
 * nowhere until enabled. The literal `/v1/line_items/disabled_state` is registered before
 * `/v1/line_items/{li}`.
 */
import { createRoute } from '@hono/zod-openapi';
import type { AppContext } from '../../context.ts';
import type { Tx } from '../../db/client.ts';
import { freshRead } from '../../derived/fresh-read.ts';
import { readBody } from '../../http/json-body.ts';
import { errorResponses, jsonRequest, jsonResponse, openapiRoute, type ApiApp } from '../../http/openapi.ts';
import { writeAndMark } from '../../ingest/write.ts';
import { deleteLineItems, lineItemByUuid, setLineItemEditState, type LineItemRow } from '../../store/line-items.ts';
import { account } from '../conventions/account.ts';
import { disabledState, editorOf, type Editor } from '../conventions/edit-state.ts';
import { disabledOf, sourceAndExternalId } from '../invoices/edit.ts';
import { requireInvoice } from '../invoices/lookup.ts';
import { lineItemJson } from '../invoices/serialize.ts';
import {
  CreateQuery, DisabledState, ExternalIdQuery, InvoiceParams, LineItem, LineItemCreate, LineItemParams, LineItemUpdate, UuidQuery,
} from './schemas.ts';
import { createLineItem, requireLineItem, requireLineItemByExternalId, updateLineItem } from './write.ts';

const tags = ['Line items'];
const byExternalId = 'named by data_source_uuid and external_id (query, or body)';
const answer = (description: string) => ({ 200: jsonResponse(LineItem, description) });
const optionalBody = <S extends Parameters<typeof jsonRequest>[0]>(schema: S) => ({ ...jsonRequest(schema), required: false });

const createLine = createRoute({
  method: 'post',
  path: '/v1/import/invoices/{inv}/line_items',
  tags,
  summary: 'Add a line item to an invoice',
  request: { params: InvoiceParams, query: CreateQuery, body: jsonRequest(LineItemCreate) },
  responses: { 201: jsonResponse(LineItem, 'The line item as stored'), ...errorResponses(400, 404, 413, 422, 503) },
});

const getByExternalId = createRoute({
  method: 'get',
  path: '/v1/line_items',
  tags,
  summary: `One line item, ${byExternalId}`,
  request: { query: ExternalIdQuery },
  responses: { ...answer('The line item'), ...errorResponses(400, 404, 422, 503) },
});

const updateByExternalId = createRoute({
  method: 'patch',
  path: '/v1/line_items',
  tags,
  summary: `Change a line item ${byExternalId}`,
  request: { query: ExternalIdQuery, body: jsonRequest(LineItemUpdate) },
  responses: { ...answer('The line item as changed'), ...errorResponses(400, 404, 413, 422, 503) },
});

const deleteByExternalId = createRoute({
  method: 'delete',
  path: '/v1/line_items',
  tags,
  summary: `Delete a line item ${byExternalId}`,
  request: { query: ExternalIdQuery, body: optionalBody(LineItemUpdate) },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(400, 404, 413, 422, 503) },
});

const disableByExternalId = createRoute({
  method: 'patch',
  path: '/v1/line_items/disabled_state',
  tags,
  summary: `Disable or enable a line item ${byExternalId}`,
  request: { query: ExternalIdQuery, body: jsonRequest(DisabledState) },
  responses: { ...answer('The line item with its disabled state'), ...errorResponses(400, 404, 413, 422, 503) },
});

const getLine = createRoute({
  method: 'get',
  path: '/v1/line_items/{li}',
  tags,
  summary: 'One line item',
  request: { params: LineItemParams, query: UuidQuery },
  responses: { ...answer('The line item'), ...errorResponses(400, 404, 503) },
});

const updateLine = createRoute({
  method: 'patch',
  path: '/v1/line_items/{li}',
  tags,
  summary: 'Change a line item (the fields sent; the others kept)',
  request: { params: LineItemParams, query: UuidQuery, body: jsonRequest(LineItemUpdate) },
  responses: { ...answer('The line item as changed'), ...errorResponses(400, 404, 413, 422, 503) },
});

const deleteLine = createRoute({
  method: 'delete',
  path: '/v1/line_items/{li}',
  tags,
  summary: 'Delete a line item',
  request: { params: LineItemParams },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(404, 503) },
});

const disableLine = createRoute({
  method: 'patch',
  path: '/v1/line_items/{li}/disabled_state',
  tags,
  summary: 'Disable or enable a line item (a disabled line counts nowhere)',
  request: { params: LineItemParams, query: UuidQuery, body: jsonRequest(DisabledState) },
  responses: { ...answer('The line item with its disabled state'), ...errorResponses(400, 404, 413, 422, 503) },
});

const touched = (line: LineItemRow) => [{ dataSourceId: line.dataSourceId, customers: line.customerExternalId === null ? [] : [line.customerExternalId] }];

export function registerLineItems(app: ApiApp, ctx: AppContext): void {
  /** The line as JSON, read after recompute (its subscription's ID is derived data). */
  const lineAnswer = async (accountId: string, id: string) =>
    freshRead(ctx, accountId, async (tx) => lineItemJson((await lineItemByUuid(tx, accountId, id))!, { standalone: true }));

  /** A write to one line (found by `find`), then the line as JSON. */
  async function writeLine(accountId: string, find: (tx: Tx) => Promise<LineItemRow>, work: (tx: Tx, line: LineItemRow) => Promise<void>) {
    const id = await writeAndMark(ctx, accountId, async (tx) => {
      const line = await find(tx);
      await work(tx, line);
      return { result: line.id, touched: touched(line) };
    });
    return lineAnswer(accountId, id);
  }

  const byRef = (accountId: string, query: Record<string, unknown>, body: Record<string, unknown>) => async (tx: Tx) =>
    requireLineItemByExternalId(tx, accountId, await sourceAndExternalId(tx, accountId, query, body));
  const byUuid = (accountId: string, li: string) => (tx: Tx) => requireLineItem(tx, accountId, li);
  const setDisabled = (accountId: string, disabled: boolean, editor: Editor) => async (tx: Tx, line: LineItemRow) => {
    if (line.disabled !== disabled) await setLineItemEditState(tx, accountId, line.id, disabledState(disabled, editor));
  };

  openapiRoute(app, createLine, async (c) => {
    const accountId = account(c).id;
    const body = await readBody(c);
    const userCreated = c.req.valid('query').handle_as_user_edit === 'true';
    const id = await writeAndMark(ctx, accountId, async (tx) => {
      const invoice = await requireInvoice(tx, accountId, c.req.valid('param').inv);
      const id = await createLineItem(tx, accountId, invoice, body, { today: ctx.today(), userCreated });
      return { result: id, touched: [{ dataSourceId: invoice.dataSourceId, customers: [invoice.customerExternalId] }] };
    });
    return c.json(await lineAnswer(accountId, id), 201);
  });

  openapiRoute(app, getByExternalId, async (c) => {
    const accountId = account(c).id;
    const query = c.req.valid('query');
    return c.json(await freshRead(ctx, accountId, async (tx) =>
      lineItemJson(await byRef(accountId, query, {})(tx), { standalone: true })), 200);
  });

  openapiRoute(app, updateByExternalId, async (c) => {
    const accountId = account(c).id;
    const body = await readBody(c);
    const query = c.req.valid('query');
    // Named by the query, the body's external_id is a change; named by the body, it is the name.
    const changes = query.external_id === undefined ? withoutRef(body) : body;
    return c.json(await writeLine(accountId, byRef(accountId, query, body), (tx, line) => updateLineItem(tx, accountId, line, changes, ctx.today(), editorOf(account(c)))), 200);
  });

  openapiRoute(app, deleteByExternalId, async (c) => {
    const accountId = account(c).id;
    const body = await readBody(c);
    const query = c.req.valid('query');
    await writeAndMark(ctx, accountId, async (tx) => {
      const line = await byRef(accountId, query, body)(tx);
      await deleteLineItems(tx, accountId, [line.id]);
      return { result: null, touched: touched(line) };
    });
    return c.body(null, 204);
  });

  openapiRoute(app, disableByExternalId, async (c) => {
    const accountId = account(c).id;
    const body = await readBody(c);
    const disabled = disabledOf(body);
    const query = c.req.valid('query');
    return c.json(await writeLine(accountId, byRef(accountId, query, body), setDisabled(accountId, disabled, editorOf(account(c)))), 200);
  });

  openapiRoute(app, getLine, async (c) => {
    const accountId = account(c).id;
    const { li } = c.req.valid('param');
    return c.json(await freshRead(ctx, accountId, async (tx) => lineItemJson(await requireLineItem(tx, accountId, li), { standalone: true })), 200);
  });

  openapiRoute(app, updateLine, async (c) => {
    const accountId = account(c).id;
    const body = await readBody(c);
    const { li } = c.req.valid('param');
    return c.json(await writeLine(accountId, byUuid(accountId, li), (tx, line) => updateLineItem(tx, accountId, line, body, ctx.today(), editorOf(account(c)))), 200);
  });

  openapiRoute(app, deleteLine, async (c) => {
    const accountId = account(c).id;
    const { li } = c.req.valid('param');
    await writeAndMark(ctx, accountId, async (tx) => {
      const line = await requireLineItem(tx, accountId, li);
      await deleteLineItems(tx, accountId, [line.id]);
      return { result: null, touched: touched(line) };
    });
    return c.body(null, 204);
  });

  openapiRoute(app, disableLine, async (c) => {
    const accountId = account(c).id;
    const body = await readBody(c);
    const disabled = disabledOf(body);
    const { li } = c.req.valid('param');
    return c.json(await writeLine(accountId, byUuid(accountId, li), setDisabled(accountId, disabled, editorOf(account(c)))), 200);
  });
}

/** A body that names its object by data_source_uuid and external_id, without those two. */
function withoutRef(body: Record<string, unknown>): Record<string, unknown> {
  const { data_source_uuid: _ds, external_id: _id, ...rest } = body;
  return rest;
}
