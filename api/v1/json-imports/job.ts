/**
 * The job of a JSON import: the request's rows imported (import.ts) and the outcome written,
 * in one transaction under the account's write lock, like a /v1 import.
 */
import { accountSettings } from '../../derived/recompute.ts';
import { rollDay } from '../../derived/freshness.ts';
import type { JobKind } from '../../jobs/kind.ts';
import { lockAccount } from '../../store/dirty.ts';
import {
  claimJsonImport, failJsonImport, finishJsonImport, invoiceCustomers, jsonImportToRun, unfinishedJsonImports,
} from '../../store/json-imports.ts';
import { planForKeyLookups } from '../../store/statistics.ts';
import type { ImportList } from './fields.ts';
import { importLists } from './import.ts';
import { importResult } from './status.ts';

export const jsonImportJob: JobKind = {
  name: 'json_import',
  claim: claimJsonImport,
  unfinished: unfinishedJsonImports,
  fail: failJsonImport,
  async run(ctx, tx, id) {
    const work = await jsonImportToRun(tx, id);
    if (!work) return false;
    const today = ctx.today();
    await lockAccount(tx, work.accountId);
    await planForKeyLookups(tx);
    await rollDay(tx, work.accountId, today);
    const target = { accountId: work.accountId, dataSourceId: work.dataSourceId };
    const lists = work.payload as Partial<Record<ImportList, Record<string, unknown>[]>>;
    const outcome = await importLists(tx, target, lists, await accountSettings(tx, work.accountId), today);
    // Each line and transaction belongs to its invoice's customer: stored, or else as the request names it.
    const sent = new Map<string, string>();
    for (const r of outcome.invoices.rows) {
      if (typeof r.external_id === 'string' && typeof r.customer_external_id === 'string') sent.set(r.external_id, r.customer_external_id);
    }
    const invoiceIds = [...new Set([...outcome.line_items.rows, ...outcome.transactions.rows].map((r) => r.invoice_external_id))]
      .filter((v): v is string => typeof v === 'string');
    const stored = await invoiceCustomers(tx, work.dataSourceId, invoiceIds);
    const result = importResult(outcome, (invoice) => stored.get(invoice) ?? sent.get(invoice));
    await finishJsonImport(tx, id, result.status, work.externalId, result.statusDetails);
    return true;
  },
};
