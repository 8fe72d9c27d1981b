/**
 * The reference check of changed or new line items, together with the other stored lines of
 * their subscriptions. The shared rules give a subscription the customer and currency of its
 * earliest line, and a batch check reports only the batch's own rows: a line that becomes a
 * subscription's earliest would otherwise leave its other lines refused at the next recompute
 * without a word (another customer's subscription taken over, an invoice's currency changed
 * under the rest of its subscription). Their problems are reported on `blame`, the field of
 * the request that caused them.
 */
import type { Tx } from '../../db/client.ts';
import { checkStoredReferences, type WriteScope } from '../../ingest/batch-write.ts';
import { parseRows, type FieldErrors, type RowInput } from '../../ingest/template-rows.ts';
import { lineItemsOfSubscriptions } from '../../store/line-items.ts';
import { LINE_ITEM_FIELDS } from '../invoices/fields.ts';
import { storedLineInput } from './stored.ts';

export async function checkLinesWithTheirSubscriptions(
  tx: Tx,
  scope: WriteScope,
  lines: readonly RowInput[],
  opts: { firstRow: number; exceptIds: readonly string[]; blame: string },
  errors: FieldErrors,
): Promise<void> {
  const parsed = parseRows('line_items', LINE_ITEM_FIELDS, lines, opts.firstRow, errors);
  errors.throwIfAny();
  const subscriptions = [...new Set(parsed.records.map((r) => r.subscriptionExternalId).filter((s): s is string => s !== null))];
  const except = new Set(opts.exceptIds);
  const others = (await lineItemsOfSubscriptions(tx, scope.accountId, scope.dataSourceId, subscriptions))
    .filter((l) => !except.has(l.id))
    .map((l) => ({ ...storedLineInput(l, ''), errorPaths: { invoice_external_id: opts.blame, subscription_external_id: opts.blame } }));
  const rows = parseRows('line_items', LINE_ITEM_FIELDS, [...lines, ...others], opts.firstRow, errors);
  errors.throwIfAny();
  await checkStoredReferences(tx, 'line_items', rows, scope, errors);
}
