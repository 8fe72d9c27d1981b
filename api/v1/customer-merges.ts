/**
 * POST /v1/customers/merges: `{from, into}`, each `{customer_uuid}` or `{external_id,
 * data_source_uuid}`. Everything of `from` (invoices, subscriptions, events, contacts, tags
 * and custom attributes it alone has, its website_url and owner where `into` has none) moves
 * to `into`, even across data sources; then `from` is deleted and `into` recomputed. 202 `{}`
 * as ChartMogul answers.
 */
import type { Hono } from 'hono';
import type { AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import type { Env } from '../http/auth.ts';
import { validationFailed } from '../http/errors.ts';
import { deleteDerivedData } from '../store/delete.ts';
import { moveCustomerData } from './customer-data.ts';
import { saveAttributes, uniqueTags } from './customer-fields.ts';
import { attributesOf } from './customer-serialize.ts';
import { account } from './conventions/account.ts';
import { PREFIX, uuidOf } from './conventions/ids.ts';
import { writeThenRecompute } from '../ingest/write.ts';
import { type Body, optionalObject } from './conventions/body.ts';
import { readBody } from '../http/json-body.ts';
import { findCustomer, type CustomerRef } from './conventions/lookup.ts';

async function customerOfReference(tx: Tx, accountId: string, body: Body, field: 'from' | 'into'): Promise<CustomerRef> {
  const ref = optionalObject(body, field);
  if (!ref) throw validationFailed({ [field]: `${field} is required: {customer_uuid} or {external_id, data_source_uuid}` });
  let customer: CustomerRef | null = null;
  if (ref.customer_uuid !== undefined) {
    customer = await findCustomer(tx, accountId, ref.customer_uuid);
  } else if (typeof ref.external_id === 'string' && typeof ref.data_source_uuid === 'string') {
    const ds = uuidOf(PREFIX.dataSource, ref.data_source_uuid);
    const rows = ds
      ? await tx.query<CustomerRef>(
        'SELECT id, data_source_id AS "dataSourceId", external_id AS "externalId", name FROM customers WHERE account_id = $1 AND data_source_id = $2 AND external_id = $3',
        [accountId, ds, ref.external_id],
      )
      : [];
    customer = rows[0] ?? null;
  } else {
    throw validationFailed({ [field]: `${field} must name a customer: {customer_uuid} or {external_id, data_source_uuid}` });
  }
  if (!customer) throw validationFailed({ [field]: `The ${field} customer was not found in this account` });
  return customer;
}

export function registerCustomerMerges(app: Hono<Env>, ctx: AppContext): void {
  app.post('/v1/customers/merges', async (c) => {
    const acc = account(c);
    const body = await readBody(c);
    await writeThenRecompute(ctx, acc.id, async (tx) => {
      const from = await customerOfReference(tx, acc.id, body, 'from');
      const into = await customerOfReference(tx, acc.id, body, 'into');
      if (from.id === into.id) throw validationFailed({ into: 'A customer cannot be merged into itself' });
      await moveCustomerData(tx, from, into, 'from');
      const rows = await tx.query<{ id: string; attributes: unknown }>(
        'SELECT id, attributes FROM customers WHERE id = ANY($1::uuid[])',
        [[from.id, into.id]],
      );
      const of = (id: string) => attributesOf(rows.find((r) => r.id === id)?.attributes);
      const a = of(into.id);
      const b = of(from.id);
      const merged = { tags: uniqueTags([...a.tags, ...b.tags]), custom: { ...b.custom, ...a.custom } };
      await saveAttributes(tx, into.id, merged);
      await tx.query(
        `UPDATE customers i SET website_url = COALESCE(i.website_url, f.website_url), owner = COALESCE(i.owner, f.owner)
           FROM customers f WHERE i.id = $1 AND f.id = $2`,
        [into.id, from.id],
      );
      // Its derived data goes with it; into's is recomputed from the moved data.
      await deleteDerivedData(tx, from.id);
      await tx.query('DELETE FROM customers WHERE id = $1', [from.id]);
      return { result: null, recompute: [{ dataSourceId: into.dataSourceId, customers: [into.externalId] }] };
    });
    return c.json({}, 202);
  });
}
