/** POST /v1/import/invoices/{inv}/transactions: one payment or refund of an invoice. */
import type { Hono } from 'hono';
import type { AppContext } from '../context.ts';
import type { Env } from '../http/auth.ts';
import { accountSettings } from '../derived/recompute.ts';
import { TRANSACTION_FIELDS } from './invoices-fields.ts';
import { transactionInput } from './invoices-inputs.ts';
import { transactionJson } from './serialize-invoice.ts';
import { checkAndStore, refuseStoredExternalIds } from '../ingest/batch-write.ts';
import { account } from './conventions/account.ts';
import { writeThenRecompute } from '../ingest/write.ts';
import { idsByKey, keysOf, nextPosition } from '../store/record-write.ts';
import { FieldErrors, parseRows } from '../ingest/template-rows.ts';
import { readBody } from '../http/json-body.ts';
import { requireInvoice } from './billing-refs.ts';

export function registerTransactions(app: Hono<Env>, ctx: AppContext): void {
  app.post('/v1/import/invoices/:inv/transactions', async (c) => {
    const accountId = account(c).id;
    const body = await readBody(c);
    const json = await writeThenRecompute(ctx, accountId, async (tx) => {
      const invoice = await requireInvoice(tx, accountId, c.req.param('inv'));
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
      const [stored] = await tx.query<Record<string, unknown>>('SELECT * FROM transactions WHERE account_id = $1 AND id = $2', [accountId, id]);
      return { result: transactionJson(stored), recompute: [{ dataSourceId: ds, customers: [invoice.customerExternalId] }] };
    });
    return c.json(json, 201);
  });
}
