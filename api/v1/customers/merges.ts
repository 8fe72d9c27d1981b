/**
 * POST /v1/customers/merges: `{from, into}`, each `{customer_uuid}` or `{external_id,
 * data_source_uuid}`. Everything of `from` (invoices, subscriptions, events, contacts, tags
 * and custom attributes it alone has, its website_url and owner where `into` has none) moves
 * to `into`, even across data sources; then `from` is deleted and `into` recomputed. 202 `{}`
 * as ChartMogul answers. The merge is recorded (store/customer-merges.ts): `from`'s row as it
 * was, the rows that moved and the tags and custom attributes `into` gained, for an unmerge.
 */
import { createRoute } from '@hono/zod-openapi';
import type { AppContext } from '../../context.ts';
import type { Tx } from '../../db/client.ts';
import { validationFailed } from '../../http/errors.ts';
import { readBody } from '../../http/json-body.ts';
import { errorResponses, jsonRequest, jsonResponse, openapiRoute, type ApiApp } from '../../http/openapi.ts';
import { writeAndMark } from '../../ingest/write.ts';
import { moveCustomerData } from '../../store/customer-data.ts';
import { ADDED_CUSTOM, ADDED_TAGS, customerSnapshot, recordMerge } from '../../store/customer-merges.ts';
import { attributesByCustomer, customerByExternalId, deleteCustomerRow, fillWebsiteAndOwner, saveAttributes } from '../../store/customers.ts';
import { deleteDerivedData } from '../../store/delete.ts';
import { account } from '../conventions/account.ts';
import { optionalObject, type Body } from '../conventions/body.ts';
import { PREFIX, uuidOf } from '../conventions/ids.ts';
import { findCustomer, type CustomerRef } from '../conventions/lookup.ts';
import { uniqueTags } from './fields.ts';
import { CustomerMerge, MergeAccepted } from './schemas.ts';

const mergeCustomers = createRoute({
  method: 'post',
  path: '/v1/customers/merges',
  tags: ['Customers'],
  summary: 'Merge one customer into another',
  request: { body: jsonRequest(CustomerMerge) },
  responses: { 202: jsonResponse(MergeAccepted, 'Merged'), ...errorResponses(400, 413, 422, 503) },
});

async function customerOfReference(tx: Tx, accountId: string, body: Body, field: 'from' | 'into'): Promise<CustomerRef> {
  const ref = optionalObject(body, field);
  if (!ref) throw validationFailed({ [field]: `${field} is required: {customer_uuid} or {external_id, data_source_uuid}` });
  let customer: CustomerRef | null = null;
  if (ref.customer_uuid !== undefined) {
    customer = await findCustomer(tx, accountId, ref.customer_uuid);
  } else if (typeof ref.external_id === 'string' && typeof ref.data_source_uuid === 'string') {
    const ds = uuidOf(PREFIX.dataSource, ref.data_source_uuid);
    customer = ds ? await customerByExternalId(tx, accountId, ds, ref.external_id) : null;
  } else {
    throw validationFailed({ [field]: `${field} must name a customer: {customer_uuid} or {external_id, data_source_uuid}` });
  }
  if (!customer) throw validationFailed({ [field]: `The ${field} customer was not found in this account` });
  return customer;
}

export function registerCustomerMerges(app: ApiApp, ctx: AppContext): void {
  openapiRoute(app, mergeCustomers, async (c) => {
    const acc = account(c);
    const body = await readBody(c);
    await writeAndMark(ctx, acc.id, async (tx) => {
      const from = await customerOfReference(tx, acc.id, body, 'from');
      const into = await customerOfReference(tx, acc.id, body, 'into');
      if (from.id === into.id) throw validationFailed({ into: 'A customer cannot be merged into itself' });
      const snapshot = await customerSnapshot(tx, from.id);
      const move = await moveCustomerData(tx, from, into);
      if ('clash' in move) throw validationFailed({ from: move.clash });
      const stored = await attributesByCustomer(tx, [from.id, into.id]);
      const a = stored.get(into.id)!;
      const b = stored.get(from.id)!;
      const tags = uniqueTags([...a.tags, ...b.tags]);
      await saveAttributes(tx, into.id, { tags, custom: { ...b.custom, ...a.custom } });
      await fillWebsiteAndOwner(tx, into.id, from.id);
      await recordMerge(tx, {
        accountId: acc.id, intoCustomerId: into.id, from: snapshot,
        moved: {
          ...move.moved,
          [ADDED_TAGS]: tags.filter((t) => !a.tags.includes(t)),
          [ADDED_CUSTOM]: Object.keys(b.custom).filter((k) => !Object.hasOwn(a.custom, k)),
        },
      });
      // Its derived data goes with it; into's is recomputed from the moved data.
      await deleteDerivedData(tx, from.id);
      await deleteCustomerRow(tx, from.id);
      return { result: null, touched: [{ dataSourceId: into.dataSourceId, customers: [into.externalId] }] };
    });
    return c.json({}, 202);
  });
}
