/**
 * POST /v1/customers/unmerges (chartmogul-node's Customer.unmerge): `{customer_uuid,
 * data_source_uuid, external_id, move_to_new_customer}` undoes the merge of that data source's
 * customer into `customer_uuid`. The merged customer comes back with its cus_ UUID and its row
 * as it was before the merge (tags and custom attributes included); the rows the merge moved go
 * back to its data source and external ID, with their subscriptions' connections; the tags and
 * custom attributes the merge gave the other customer leave it, unless changed since (ChartMogul:
 * what was added after the merge stays). Both customers are recomputed. 202 `{}` as recorded.
 * `move_to_new_customer` names CRM objects (tasks, opportunities, notes), which Mogul does not
 * keep: checked, nothing to move.
 */
import { createRoute } from '@hono/zod-openapi';
import type { AppContext } from '../../context.ts';
import type { Tx } from '../../db/client.ts';
import { validationFailed } from '../../http/errors.ts';
import { readBody } from '../../http/json-body.ts';
import { errorResponses, jsonRequest, jsonResponse, openapiRoute, type ApiApp } from '../../http/openapi.ts';
import { writeAndMark } from '../../ingest/write.ts';
import { moveRowsBack } from '../../store/customer-data.ts';
import { ADDED_CUSTOM, ADDED_TAGS, findMerge, forgetMerge, restoreCustomer, type StoredMerge } from '../../store/customer-merges.ts';
import { attributesByCustomer, saveAttributes } from '../../store/customers.ts';
import { account } from '../conventions/account.ts';
import { optionalArray, type Body } from '../conventions/body.ts';
import { findDataSource, requireCustomer } from '../conventions/lookup.ts';
import { CustomerUnmerge, MergeAccepted } from './schemas.ts';

const MOVABLE = ['tasks', 'opportunities', 'notes'];

const unmergeCustomers = createRoute({
  method: 'post',
  path: '/v1/customers/unmerges',
  tags: ['Customers'],
  summary: 'Undo the merge of a data source customer into a customer',
  request: { body: jsonRequest(CustomerUnmerge) },
  responses: { 202: jsonResponse(MergeAccepted, 'Unmerged'), ...errorResponses(400, 404, 413, 422, 503) },
});

/** The body's fields, or a 422 naming every missing or malformed one. */
function unmergeRequest(body: Body): { customer: string; dataSource: string; externalId: string } {
  const errors: Record<string, string> = {};
  const text = (field: string) => {
    const v = body[field];
    if (typeof v !== 'string' || v.trim() === '') errors[field] = `${field} is required (a string)`;
    return typeof v === 'string' ? v.trim() : '';
  };
  const out = { customer: text('customer_uuid'), dataSource: text('data_source_uuid'), externalId: text('external_id') };
  try {
    const moves = optionalArray(body, 'move_to_new_customer') ?? [];
    const unknown = moves.filter((m) => typeof m !== 'string' || !MOVABLE.includes(m));
    if (unknown.length > 0) errors.move_to_new_customer = `move_to_new_customer may hold ${MOVABLE.join(', ')}; got ${JSON.stringify(unknown)}`;
  } catch {
    errors.move_to_new_customer = 'move_to_new_customer must be an array';
  }
  if (Object.keys(errors).length > 0) throw validationFailed(errors);
  return out;
}

/** The surviving customer's attributes without what the merge gave it and was not changed since. */
async function takeBackAttributes(tx: Tx, intoId: string, merge: StoredMerge): Promise<void> {
  const current = (await attributesByCustomer(tx, [intoId])).get(intoId)!;
  const given = merge.from.attributes ?? { tags: [], custom: {} };
  const tags = new Set(merge.moved[ADDED_TAGS] ?? []);
  const keys = new Set((merge.moved[ADDED_CUSTOM] ?? []).filter((k) => JSON.stringify(current.custom[k]) === JSON.stringify(given.custom?.[k])));
  await saveAttributes(tx, intoId, {
    tags: current.tags.filter((t) => !tags.has(t)),
    custom: Object.fromEntries(Object.entries(current.custom).filter(([k]) => !keys.has(k))),
  });
}

export function registerCustomerUnmerges(app: ApiApp, ctx: AppContext): void {
  openapiRoute(app, unmergeCustomers, async (c) => {
    const acc = account(c);
    const request = unmergeRequest(await readBody(c));
    await writeAndMark(ctx, acc.id, async (tx) => {
      const into = await requireCustomer(tx, acc.id, request.customer, 'customer_uuid');
      const dataSource = await findDataSource(tx, acc.id, request.dataSource);
      if (!dataSource) throw validationFailed({ data_source_uuid: `No data source with UUID '${request.dataSource}' in this account` });
      const merge = await findMerge(tx, acc.id, into.id, dataSource, request.externalId);
      if (!merge) throw validationFailed({ external_id: `No customer '${request.externalId}' of that data source was merged into this customer` });
      const back = { dataSourceId: merge.from.dataSourceId, externalId: merge.from.externalId };
      if (!await restoreCustomer(tx, merge.from)) {
        throw validationFailed({ external_id: `The data source holds a customer '${request.externalId}' again; the customer cannot be unmerged` });
      }
      const clash = await moveRowsBack(tx, merge.moved, into, back);
      if (clash !== null) throw validationFailed({ external_id: clash });
      await takeBackAttributes(tx, into.id, merge);
      await forgetMerge(tx, merge.id);
      return {
        result: null,
        touched: [{ dataSourceId: into.dataSourceId, customers: [into.externalId] }, { dataSourceId: back.dataSourceId, customers: [back.externalId] }],
      };
    });
    return c.json({}, 202);
  });
}
