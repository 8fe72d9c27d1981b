/** A stored data source → /v1 JSON, with the optional parts the query asks for. */
import { parseSettingsJson } from '../../../shared/index.ts';
import type { DataSourceListRow } from '../../store/data-sources.ts';
import { PREFIX, prefixed } from '../conventions/ids.ts';
import { isoOut } from '../conventions/time.ts';
import type { DataSource } from './schemas.ts';

export interface Parts {
  processing: boolean;
  autoChurn: boolean;
  invoiceHandling: boolean;
}

/** The parts a query's `with_…=true` flags ask for. */
export function partsOf(query: Record<string, string | undefined>): Parts {
  return {
    processing: query.with_processing_status === 'true',
    autoChurn: query.with_auto_churn_subscription_setting === 'true',
    invoiceHandling: query.with_invoice_handling_setting === 'true',
  };
}

/** How invoices make subscriptions here: voided and written-off invoices are left out of MRR. */
const INVOICE_HANDLING = {
  create_subscription_when_invoice_is: 'open',
  update_subscription_when_invoice_is: 'open',
  prevent_subscription_for_invoice_voided: true,
  prevent_subscription_for_invoice_refunded: false,
  prevent_subscription_for_invoice_written_off: true,
};

export function dataSourceJson(row: DataSourceListRow, parts: Parts, settings: Record<string, unknown>): DataSource {
  const out: DataSource = {
    uuid: prefixed(PREFIX.dataSource, row.id),
    name: row.name,
    system: row.system,
    created_at: isoOut(row.createdAt)!,
    status: row.imported ? 'idle' : 'never_imported',
  };
  if (parts.processing) out.processing_status = { processed: Number(row.processed ?? 0), failed: 0, pending: 0 };
  if (parts.autoChurn) {
    const days = parseSettingsJson(settings).settings.auto_churn;
    out.auto_churn_subscription_setting = { enabled: typeof days === 'number', interval: typeof days === 'number' ? days : null };
  }
  if (parts.invoiceHandling) out.invoice_handling_setting = { manual: INVOICE_HANDLING, automatic: INVOICE_HANDLING };
  return out;
}
