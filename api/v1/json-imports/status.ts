/**
 * An import's outcome as ChartMogul's `status_details`: `plans`, and per customer (by external
 * ID) a status with one entry per list of its rows, each `imported`, or `failed` with the rows
 * that were not stored: `{row: "invoices[3]", field: "currency", message, external_id}`. Line
 * items and transactions belong to their invoice's customer; rows whose customer cannot be
 * told are under UNKNOWN_CUSTOMER.
 */
import { IMPORT_LISTS, type ImportList } from './fields.ts';
import type { ImportOutcome, RowProblem } from './import.ts';

export const UNKNOWN_CUSTOMER = '(unknown customer)';

export interface RowErrorDetail {
  row: string;
  field: string | null;
  message: string;
  external_id?: string;
}

interface ListStatus {
  status: 'imported' | 'failed';
  errors?: RowErrorDetail[];
}

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null);

function detail(p: RowProblem, row: Record<string, unknown>): RowErrorDetail {
  const externalId = text(row.external_id);
  return { row: `${p.list}[${p.index}]`, field: p.field, message: p.message, ...(externalId === null ? {} : { external_id: externalId }) };
}

/** Whose row it is: `plans`, or a customer's external ID. */
function groupOf(list: ImportList, row: Record<string, unknown>, invoiceCustomer: (invoice: string) => string | undefined): string {
  switch (list) {
    case 'plans':
      return 'plans';
    case 'customers':
      return text(row.external_id) ?? UNKNOWN_CUSTOMER;
    case 'invoices':
    case 'subscription_events':
      return text(row.customer_external_id) ?? UNKNOWN_CUSTOMER;
    case 'line_items':
    case 'transactions': {
      const invoice = text(row.invoice_external_id);
      return (invoice === null ? undefined : invoiceCustomer(invoice)) ?? UNKNOWN_CUSTOMER;
    }
  }
}

export interface ImportResult {
  /** `failed` when rows were sent and none could be stored. */
  status: 'completed' | 'failed';
  statusDetails: Record<string, unknown>;
}

export function importResult(outcome: ImportOutcome, invoiceCustomer: (invoice: string) => string | undefined): ImportResult {
  const groups = new Map<string, Map<ImportList, ListStatus>>();
  let stored = 0;
  let refused = 0;
  for (const list of IMPORT_LISTS) {
    const { rows, problems } = outcome[list];
    rows.forEach((row, index) => {
      const group = groupOf(list, row, invoiceCustomer);
      const lists = groups.get(group) ?? groups.set(group, new Map()).get(group)!;
      const status = lists.get(list) ?? lists.set(list, { status: 'imported' }).get(list)!;
      const rowProblems = problems.get(index);
      if (!rowProblems) {
        stored++;
        return;
      }
      refused++;
      status.status = 'failed';
      status.errors = [...(status.errors ?? []), ...rowProblems.map((p) => detail(p, row))];
    });
  }
  const details: Record<string, unknown> = {};
  for (const [group, lists] of groups) {
    const failed = [...lists.values()].some((l) => l.status === 'failed');
    if (group === 'plans') details.plans = lists.get('plans');
    else details[group] = { status: failed ? 'failed' : 'imported', ...Object.fromEntries(lists) };
  }
  return { status: stored === 0 && refused > 0 ? 'failed' : 'completed', statusDetails: details };
}
