/** POST /v1/import/invoices/{inv}/transactions: one payment or refund of an invoice. */
import { createRoute } from '@hono/zod-openapi';
import type { AppContext } from '../../context.ts';
import { accountSettings } from '../../derived/recompute.ts';
import { readBody } from '../../http/json-body.ts';
import { errorResponses, jsonRequest, jsonResponse, openapiRoute, type ApiApp } from '../../http/openapi.ts';
import { checkAndStore, refuseStoredExternalIds } from '../../ingest/batch-write.ts';
import { FieldErrors, parseRows } from '../../ingest/template-rows.ts';
import { writeAndMark } from '../../ingest/write.ts';
import { idsByKey, keysOf, nextPosition } from '../../store/record-write.ts';
import { transactionByUuid } from '../../store/transactions.ts';
import { account } from '../conventions/account.ts';
import { requireInvoice } from '../invoices/lookup.ts';
import { TRANSACTION_FIELDS, transactionInput } from './fields.ts';
import { Transaction, TransactionCreate, TransactionParams } from './schemas.ts';
import { transactionJson } from './serialize.ts';

const createTransaction = createRoute({
  method: 'post',
  path: '/v1/import/invoices/{inv}/transactions',
  tags: ['Invoices'],
  summary: 'Add a payment or refund to an invoice',
  request: { params: TransactionParams, body: jsonRequest(TransactionCreate) },
  responses: { 201: jsonResponse(Transaction, 'The transaction as stored'), ...errorResponses(400, 404, 413, 422, 503) },
});

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
      const stored = (await transactionByUuid(tx, accountId, id))!;
      return { result: transactionJson(stored), touched: [{ dataSourceId: ds, customers: [invoice.customerExternalId] }] };
    });
    return c.json(json, 201);
  });
}
