/**
 * A JSON import's request (in ChartMogul's documented shape) and the same data sent object by
 * object through the single-object endpoints, with the official client. Today 2024-06-15.
 *
 * cus_a: sub_a on Gold monthly, 2024-01-05 → 02-05 5000 and a one-time setup fee, then
 *        02-05 → 03-05 at quantity 2 for 7000 (expansion); both paid.
 *        A subscription_cancelled event ends sub_a on 2024-03-05 (churn).
 * cus_b: sub_b on Silver yearly, 2024-03-01 → 2025-03-01 120000 with 20000 tax (MRR 8333), payment failed.
 * cus_c: sub_c by subscription events only: started 2024-04-01 on Gold at 3000, cancelled 2024-05-15
 *        (recorded; events of a subscription without invoices change no metric, METRICS.md section 8).
 */
import { createRequire } from 'node:module';

// chartmogul-node is CommonJS without type declarations.
export const ChartMogul = createRequire(import.meta.url)('chartmogul-node');

export type Row = Record<string, unknown>;

export interface ImportData {
  external_id?: string;
  customers?: Row[];
  plans?: Row[];
  invoices?: Row[];
  line_items?: Row[];
  transactions?: Row[];
  subscription_events?: Row[];
}

export const IMPORT: ImportData = {
  external_id: 'batch_2024_06',
  customers: [
    { external_id: 'cus_a', name: 'Alice Ltd', email: 'billing@alice.example', country: 'US', state: 'CA', city: 'San Francisco', zip: '94105', company: 'Alice Ltd', lead_created_at: '2023-12-01 00:00:00' },
    { external_id: 'cus_b', name: 'Bob GmbH', email: 'konto@bob.example', country: 'DE', city: 'Berlin' },
    { external_id: 'cus_c', name: 'Carol Inc', email: 'carol@carol.example', free_trial_started_at: '2024-03-20T00:00:00Z' },
  ],
  plans: [
    { external_id: 'gold_monthly', name: 'Gold monthly', interval_count: 1, interval_unit: 'month' },
    { external_id: 'silver_annual', name: 'Silver annual', interval_count: 1, interval_unit: 'year' },
  ],
  invoices: [
    { external_id: 'inv_a1', customer_external_id: 'cus_a', date: '2024-01-05 00:00:00', due_date: '2024-01-20 00:00:00', currency: 'USD', collection_method: 'automatic' },
    { external_id: 'inv_a2', customer_external_id: 'cus_a', date: '2024-02-05 00:00:00', currency: 'USD' },
    { external_id: 'inv_b1', customer_external_id: 'cus_b', date: '2024-03-01T00:00:00Z', currency: 'USD', collection_method: 'manual' },
  ],
  line_items: [
    {
      invoice_external_id: 'inv_a1', external_id: 'li_a1', type: 'subscription', subscription_external_id: 'sub_a', plan_external_id: 'gold_monthly',
      service_period_start: '2024-01-05 00:00:00', service_period_end: '2024-02-05 00:00:00', amount_in_cents: 5000, quantity: 1,
    },
    { invoice_external_id: 'inv_a1', type: 'one_time', description: 'Setup', amount_in_cents: 1500, quantity: 1 },
    {
      invoice_external_id: 'inv_a2', type: 'subscription', subscription_external_id: 'sub_a', plan_external_id: 'gold_monthly',
      service_period_start: '2024-02-05 00:00:00', service_period_end: '2024-03-05 00:00:00', amount_in_cents: 7000, quantity: 2, discount_amount_in_cents: 1000, discount_code: 'TWO',
    },
    {
      invoice_external_id: 'inv_b1', type: 'subscription', subscription_external_id: 'sub_b', plan_external_id: 'silver_annual',
      service_period_start: '2024-03-01T00:00:00Z', service_period_end: '2025-03-01T00:00:00Z', amount_in_cents: 120000, quantity: 1, tax_amount_in_cents: 20000,
    },
  ],
  transactions: [
    { invoice_external_id: 'inv_a1', external_id: 'tr_a1', type: 'payment', result: 'successful', date: '2024-01-05 00:10:00' },
    { invoice_external_id: 'inv_a2', type: 'payment', result: 'successful', date: '2024-02-06 00:00:00' },
    { invoice_external_id: 'inv_b1', external_id: 'tr_b1', type: 'payment', result: 'failed', date: '2024-03-01 08:00:00' },
  ],
  subscription_events: [
    {
      external_id: 'ev_a_end', customer_external_id: 'cus_a', subscription_external_id: 'sub_a', event_type: 'subscription_cancelled',
      event_date: '2024-03-01', effective_date: '2024-03-05',
    },
    {
      external_id: 'ev_c1', customer_external_id: 'cus_c', subscription_external_id: 'sub_c', plan_external_id: 'gold_monthly', event_type: 'subscription_start',
      event_date: '2024-04-01', effective_date: '2024-04-01', currency: 'USD', amount_in_cents: 3000, quantity: 1,
    },
    {
      external_id: 'ev_c2', customer_external_id: 'cus_c', subscription_external_id: 'sub_c', event_type: 'subscription_cancelled',
      event_date: '2024-05-15', effective_date: '2024-05-15',
    },
  ],
};

/** A fresh data source of the account of `config`; its ds_ UUID. */
export async function newDataSource(config: unknown, name: string): Promise<string> {
  return (await ChartMogul.DataSource.create(config, { name })).uuid;
}

/** The same data through POST /v1/customers, /v1/plans, the invoice import (lines and transactions inside) and /v1/subscription_events. */
export async function importOneByOne(config: unknown, ds: string, data: ImportData): Promise<void> {
  const customers = new Map<string, string>();
  for (const c of data.customers ?? []) customers.set(String(c.external_id), (await ChartMogul.Customer.create(config, { ...c, data_source_uuid: ds })).uuid);
  const plans = new Map<string, string>();
  for (const p of data.plans ?? []) plans.set(String(p.external_id), (await ChartMogul.Plan.create(config, { ...p, data_source_uuid: ds })).uuid);
  for (const invoice of data.invoices ?? []) {
    const lines = (data.line_items ?? []).filter((l) => l.invoice_external_id === invoice.external_id)
      .map(({ invoice_external_id: _i, plan_external_id, ...l }) => (plan_external_id ? { ...l, plan_uuid: plans.get(String(plan_external_id)) } : l));
    const transactions = (data.transactions ?? []).filter((t) => t.invoice_external_id === invoice.external_id)
      .map(({ invoice_external_id: _i, ...t }) => t);
    const { customer_external_id, ...fields } = invoice;
    await ChartMogul.Invoice.create(config, customers.get(String(customer_external_id)), { invoices: [{ ...fields, line_items: lines, transactions }] });
  }
  for (const e of data.subscription_events ?? []) await ChartMogul.SubscriptionEvent.create(config, { ...e, data_source_uuid: ds });
}

/** Reads the import's status until it is done (completed or failed). */
export async function importDone(config: unknown, ds: string, id: string): Promise<{ status: string; status_details: Record<string, any>; seen: string[] } & Row> {
  const seen: string[] = [];
  for (;;) {
    const answer = await ChartMogul.JsonImport.retrieve(config, ds, id);
    if (seen.at(-1) !== answer.status) seen.push(answer.status);
    if (answer.status === 'completed' || answer.status === 'failed') return { ...answer, seen };
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
