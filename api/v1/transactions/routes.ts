/**
 * Transactions (payments and refunds of an invoice), ChartMogul's `Transaction` methods: add
 * one to an invoice; retrieve, update, delete, disable and enable, each by tr_ ID in the path or
 * by `data_source_uuid` and `external_id` in the query (GET /v1/transactions with both answers the
 * transaction; with fewer filters it lists, Mogul's extension). Every change goes through the
 * one write path (writeAndMark) and marks the invoice's customer for recompute; a disabled
 * transaction counts nowhere (derived/billing-data.ts leaves it out) and is listed only with
 * `with_disabled=true`.
 */
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppContext } from '../../context.ts';
import type { Tx } from '../../db/client.ts';
import { accountSettings } from '../../derived/recompute.ts';
import type { Env } from '../../http/auth.ts';
import { notFound } from '../../http/errors.ts';
import { readBody } from '../../http/json-body.ts';
import { errorResponses, jsonRequest, jsonResponse, openapiRoute, type ApiApp } from '../../http/openapi.ts';
import { checkAndStore, refuseStoredExternalIds } from '../../ingest/batch-write.ts';
import { FieldErrors, parseRows } from '../../ingest/template-rows.ts';
import { writeAndMark } from '../../ingest/write.ts';
import { idsByKey, keysOf, nextPosition } from '../../store/record-write.ts';
import { deleteTransaction, readTransactions, setTransactionEditState, transactionByUuid, type TransactionRow } from '../../store/transactions.ts';
import { account } from '../conventions/account.ts';
import { editorOf } from '../conventions/edit-state.ts';
import { PREFIX, uuidOf } from '../conventions/ids.ts';
import { pageAnswer, pageOf } from '../conventions/pages.ts';
import { requireInvoice } from '../invoices/lookup.ts';
import { TRANSACTION_FIELDS, transactionInput } from './fields.ts';
import { touchedBy, transactionById, transactionByRef } from './lookup.ts';
import {
  DisabledState, Transaction, TransactionCreate, TransactionListQuery, TransactionOrList, TransactionParams, TransactionPath,
  TransactionReadQuery, TransactionRef, TransactionUpdate,
} from './schemas.ts';
import { transactionJson } from './serialize.ts';
import { modifyTransaction, setDisabled, type Change } from './write.ts';

const tags = ['Transactions'];
const changeErrors = errorResponses(400, 404, 413, 422, 503);

const createTransaction = createRoute({
  method: 'post',
  path: '/v1/import/invoices/{inv}/transactions',
  tags: ['Invoices'],
  summary: 'Add a payment or refund to an invoice',
  request: { params: TransactionParams, body: jsonRequest(TransactionCreate) },
  responses: { 201: jsonResponse(Transaction, 'The transaction as stored'), ...errorResponses(400, 404, 413, 422, 503) },
});

const retrieveTransaction = createRoute({
  method: 'get',
  path: '/v1/transactions/{tr}',
  tags,
  summary: 'One transaction (a disabled one only with with_disabled=true)',
  request: { params: TransactionPath, query: TransactionReadQuery },
  responses: { 200: jsonResponse(Transaction, 'The transaction'), ...errorResponses(400, 404) },
});

const listTransactions = createRoute({
  method: 'get',
  path: '/v1/transactions',
  tags,
  summary: 'The transaction named by data_source_uuid and external_id (ChartMogul\'s Retrieve a Transaction; a disabled one only '
    + 'with with_disabled=true); with one of them or neither, a page of the account\'s transactions, oldest first (Mogul\'s extension)',
  request: { query: TransactionListQuery },
  responses: {
    200: jsonResponse(TransactionOrList, 'The transaction both parameters name, or a page of the transactions the filters select'),
    ...errorResponses(400, 404),
  },
});

const modifyById = createRoute({
  method: 'patch',
  path: '/v1/transactions/{tr}',
  tags,
  summary: 'Change a transaction (type, date, result, amount_in_cents); the fields left out are kept',
  request: { params: TransactionPath, body: jsonRequest(TransactionUpdate) },
  responses: { 200: jsonResponse(Transaction, 'The transaction as changed'), ...changeErrors },
});

const modifyByRef = createRoute({
  method: 'patch',
  path: '/v1/transactions',
  tags,
  summary: 'Change the transaction named by data_source_uuid and external_id',
  request: { query: TransactionRef, body: jsonRequest(TransactionUpdate) },
  responses: { 200: jsonResponse(Transaction, 'The transaction as changed'), ...changeErrors },
});

const deleteById = createRoute({
  method: 'delete',
  path: '/v1/transactions/{tr}',
  tags,
  summary: 'Delete a transaction',
  request: { params: TransactionPath },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(404, 503) },
});

const deleteByRef = createRoute({
  method: 'delete',
  path: '/v1/transactions',
  tags,
  summary: 'Delete the transaction named by data_source_uuid and external_id',
  request: { query: TransactionRef },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(400, 404, 503) },
});

const disabledStateById = createRoute({
  method: 'patch',
  path: '/v1/transactions/{tr}/disabled_state',
  tags,
  summary: 'Disable a transaction (it then counts nowhere) or enable it again',
  request: { params: TransactionPath, body: jsonRequest(DisabledState) },
  responses: { 200: jsonResponse(Transaction, 'The transaction'), ...changeErrors },
});

const disabledStateByRef = createRoute({
  method: 'patch',
  path: '/v1/transactions/disabled_state',
  tags,
  summary: 'Disable or enable the transaction named by data_source_uuid and external_id',
  request: { query: TransactionRef, body: jsonRequest(DisabledState) },
  responses: { 200: jsonResponse(Transaction, 'The transaction'), ...changeErrors },
});

const withDisabled = (query: { with_disabled?: string }) => query.with_disabled === 'true';

function changeOf(c: Context<Env>, ctx: AppContext): Change {
  const a = account(c);
  return { accountId: a.id, ...editorOf(a), today: ctx.today() };
}

async function reread(tx: Tx, accountId: string, id: string) {
  return transactionJson((await transactionByUuid(tx, accountId, id))!);
}

export function registerTransactions(app: ApiApp, ctx: AppContext): void {
  openapiRoute(app, createTransaction, async (c) => {
    const accountId = account(c).id;
    const body = await readBody(c);
    const json = await writeAndMark(ctx, accountId, async (tx) => {
      const invoice = await requireInvoice(tx, accountId, c.req.valid('param').inv);
      const ds = invoice.dataSourceId;
      const errors = new FieldErrors();
      const input = transactionInput(body, '', invoice.externalId, 'invoice_uuid');
      const rows = parseRows('transactions', TRANSACTION_FIELDS, [input], await nextPosition(tx, 'transactions', ds), errors);
      errors.throwIfAny();
      await refuseStoredExternalIds(tx, 'transactions', ds, rows.records.map((r) => ({ input, externalId: r.externalId })), errors, 'transaction');
      errors.throwIfAny();
      const scope = { accountId, dataSourceId: ds, settings: await accountSettings(tx, accountId), today: ctx.today() };
      await checkAndStore(tx, 'transactions', rows, scope, errors);
      const key = keysOf('transactions', rows.records)[0];
      const id = (await idsByKey(tx, 'transactions', ds, [key])).get(key)!;
      // ChartMogul shows a transaction added alone through the API as user-created.
      await setTransactionEditState(tx, accountId, id, { userCreated: true });
      return { result: await reread(tx, accountId, id), touched: [{ dataSourceId: ds, customers: [invoice.customerExternalId] }] };
    });
    return c.json(json, 201);
  });

  openapiRoute(app, retrieveTransaction, async (c) => {
    const accountId = account(c).id;
    return c.json(await ctx.db.read(async (tx) => {
      const row = await transactionById(tx, accountId, c.req.valid('param').tr);
      if (row.disabled && !withDisabled(c.req.valid('query'))) throw notFound('transaction');
      return transactionJson(row);
    }), 200);
  });

  openapiRoute(app, listTransactions, async (c) => {
    const accountId = account(c).id;
    const query = c.req.valid('query');
    const { data_source_uuid, external_id } = query;
    if (data_source_uuid !== undefined && external_id !== undefined) {
      return c.json(await ctx.db.read(async (tx) => {
        const row = await transactionByRef(tx, accountId, { data_source_uuid, external_id });
        if (row.disabled && !withDisabled(query)) throw notFound('transaction', 'external_id');
        return transactionJson(row);
      }), 200);
    }
    const page = pageOf(c);
    const dataSourceId = query.data_source_uuid === undefined ? undefined : uuidOf(PREFIX.dataSource, query.data_source_uuid);
    const filter = {
      accountId, externalId: query.external_id, withDisabled: withDisabled(query),
      dataSourceId: dataSourceId ?? undefined, none: dataSourceId === null,
    };
    const rows = await ctx.db.read((tx) => readTransactions(tx, filter, page));
    return c.json(pageAnswer('transactions', rows.map(transactionJson), page), 200);
  });

  /** A change of the transaction `find` names, marked for recompute; the transaction after it. */
  const change = (c: Context<Env>, find: (tx: Tx, accountId: string) => Promise<TransactionRow>, work: (tx: Tx, who: Change, row: TransactionRow) => Promise<void>) => {
    const who = changeOf(c, ctx);
    return writeAndMark(ctx, who.accountId, async (tx) => {
      const row = await find(tx, who.accountId);
      await work(tx, who, row);
      return { result: await reread(tx, who.accountId, row.id), touched: await touchedBy(tx, who.accountId, row) };
    });
  };
  const remove = (c: Context<Env>, find: (tx: Tx, accountId: string) => Promise<TransactionRow>) => {
    const accountId = account(c).id;
    return writeAndMark(ctx, accountId, async (tx) => {
      const row = await find(tx, accountId);
      const touched = await touchedBy(tx, accountId, row);
      await deleteTransaction(tx, accountId, row.id);
      return { result: null, touched };
    });
  };

  // The literal path first: /v1/transactions/disabled_state is no transaction's ID.
  openapiRoute(app, disabledStateByRef, async (c) => {
    const { disabled } = c.req.valid('json');
    const ref = c.req.valid('query');
    return c.json(await change(c, (tx, a) => transactionByRef(tx, a, ref), (tx, who, row) => setDisabled(tx, who, row, disabled)), 200);
  });

  openapiRoute(app, disabledStateById, async (c) => {
    const { disabled } = c.req.valid('json');
    const { tr } = c.req.valid('param');
    return c.json(await change(c, (tx, a) => transactionById(tx, a, tr), (tx, who, row) => setDisabled(tx, who, row, disabled)), 200);
  });

  openapiRoute(app, modifyByRef, async (c) => {
    const body = await readBody(c);
    const ref = c.req.valid('query');
    return c.json(await change(c, (tx, a) => transactionByRef(tx, a, ref), (tx, who, row) => modifyTransaction(tx, who, row, body)), 200);
  });

  openapiRoute(app, modifyById, async (c) => {
    const body = await readBody(c);
    const { tr } = c.req.valid('param');
    return c.json(await change(c, (tx, a) => transactionById(tx, a, tr), (tx, who, row) => modifyTransaction(tx, who, row, body)), 200);
  });

  openapiRoute(app, deleteByRef, async (c) => {
    const ref = c.req.valid('query');
    await remove(c, (tx, a) => transactionByRef(tx, a, ref));
    return c.body(null, 204);
  });

  openapiRoute(app, deleteById, async (c) => {
    const { tr } = c.req.valid('param');
    await remove(c, (tx, a) => transactionById(tx, a, tr));
    return c.body(null, 204);
  });
}
