/**
 * What /sync answers: POST /sync/{dataset} the rows it took and the ones it refused, GET
 * /sync/results one page of the report (the add-on writes its result tabs from these pages).
 * The schemas follow the engine's row types; a compile-time check below keeps them equal.
 */
import { z } from 'zod';
import type { Cohort, CohortPeriod } from '../engine/cohorts.ts';
import type { CustomerStatus } from '../engine/customers.ts';
import type { CustomerRow, MovementRow, SubscriptionRow } from '../engine/report.ts';
import type { RevenueEntry } from '../engine/revenue.ts';
import type { TransactionRow } from '../engine/transactions.ts';
import type { SeriesEntry } from '../engine/series.ts';
import type { MovementType, SubscriptionStatus } from '../engine/types.ts';

/** A refused cell of a row, by the caller's row number and the template's column name. */
export const SyncRowError = z.object({
  row: z.int(),
  column: z.string(),
  value: z.string(),
  message: z.string(),
});

/** POST /sync/{dataset}: 200 with the rows stored (or, on a dry run, that would be) and the refused ones. */
export const SyncAnswer = z.object({
  accepted: z.int(),
  errors: z.array(SyncRowError),
  /** About the request as a whole, e.g. an unknown column that was ignored. */
  warnings: z.array(z.string()),
  dry_run: z.boolean(),
});

export type SyncRowError = z.infer<typeof SyncRowError>;
export type SyncAnswer = z.infer<typeof SyncAnswer>;

const day = z.string().describe('YYYY-MM-DD');
const cents = z.number().describe('integer cents in the base currency');

export const SeriesEntrySchema = z.object({
  date: day,
  mrr: cents,
  arr: cents,
  new_biz: cents,
  expansion: cents,
  contraction: cents,
  churn: cents,
  reactivation: cents,
  fx_impact: cents,
  customers: z.number(),
  arpa: cents,
  asp: cents,
  customer_churn_rate: z.number(),
  mrr_churn_rate: z.number(),
  gross_mrr_churn_rate: z.number(),
  ltv: cents.nullable(),
  subscriptions: z.number(),
  quantity: z.number(),
  gross_cash_flow: cents,
  refunds: cents,
  net_cash_flow: cents,
  non_recurring_cash_flow: cents,
  failed_transactions: z.number(),
  leads: z.number(),
  trials: z.number(),
  segment_entry: cents,
  segment_exit: cents,
  net_mrr_retention: z.number(),
  gross_mrr_retention: z.number(),
  quick_ratio: z.number().nullable(),
  trials_converted: z.number(),
  trial_to_paid_rate: z.number(),
  avg_sales_cycle_days: z.number().nullable(),
  cmrr: cents,
});

export const CustomerRowSchema = z.object({
  external_id: z.string(),
  name: z.string(),
  status: z.enum(['Lead', 'Active', 'Past due', 'Cancelled'] satisfies CustomerStatus[]),
  mrr: cents,
  arr: cents,
  subscriber_since: day.nullable(),
  net_payments: cents,
  subscriptions: z.number(),
  quantity: z.number(),
});

export const SubscriptionRowSchema = z.object({
  external_id: z.string(),
  customer_external_id: z.string(),
  set_external_id: z.string().nullable(),
  plan_external_id: z.string().nullable(),
  status: z.enum(['active', 'past_due', 'cancelled'] satisfies SubscriptionStatus[]),
  mrr: cents,
  quantity: z.number(),
  started_at: day,
  paid_through: day.nullable(),
  cancelled_at: day.nullable(),
});

export const MovementRowSchema = z.object({
  date: day,
  at: z.string().describe('ISO 8601 instant'),
  customer_external_id: z.string(),
  subscription_external_id: z.string(),
  type: z.enum([
    'new_biz', 'expansion', 'contraction', 'churn', 'reactivation', 'segment_entry', 'segment_exit',
  ] satisfies MovementType[]),
  amount: cents,
  customer_mrr_after: cents,
});

/** A customer's revenue recognised in one calendar month (METRICS.md section 10). */
export const RevenueRowSchema = z.object({
  customer_external_id: z.string(),
  month: z.string().describe('YYYY-MM'),
  amount: cents,
});

/** One payment or refund (successful or failed) of a customer's invoice; amount as cash flow counts it. */
export const TransactionRowSchema = z.object({
  customer_external_id: z.string(),
  invoice_external_id: z.string(),
  external_id: z.string().nullable(),
  date: day,
  at: z.string().describe('ISO 8601 instant'),
  type: z.enum(['payment', 'refund']),
  result: z.enum(['successful', 'failed']),
  amount: cents,
});

/** One period of a cohort (METRICS.md section 12). */
export const CohortPeriodSchema = z.object({
  period: z.int(),
  date: day,
  customers: z.number(),
  mrr: cents,
  customer_retention: z.number(),
  mrr_retention: z.number(),
});

/** A monthly cohort: customers whose first new business fell in one month, followed month by month. */
export const CohortSchema = z.object({
  cohort: day,
  size: z.number(),
  mrr_start: cents,
  periods: z.array(CohortPeriodSchema),
});

/**
 * GET /sync/results: one page, of the whole business or of a segment (`?segment=`, the filters
 * syntax). The series and cohorts come on the first page (no cursor); the customers,
 * subscriptions, movements, revenue and transactions lists are paged across, in that order,
 * until `has_more` is false.
 */
export const SyncResultsPage = z.object({
  as_of: day,
  currency: z.string(),
  series: z.array(SeriesEntrySchema).optional(),
  /** The monthly cohorts up to as-of, on the first page with the series. */
  cohorts: z.array(CohortSchema).optional(),
  customers: z.array(CustomerRowSchema),
  subscriptions: z.array(SubscriptionRowSchema),
  movements: z.array(MovementRowSchema),
  /** Every customer's revenue recognition schedule, by customer then month (the Customer tab). */
  revenue: z.array(RevenueRowSchema),
  /** Every customer's transactions, by customer then instant (the Customer tab). */
  transactions: z.array(TransactionRowSchema),
  has_more: z.boolean(),
  /** Pass it back as `?cursor=` for the next page; null on the last. */
  cursor: z.string().nullable(),
});

export type SyncResultsPage = z.infer<typeof SyncResultsPage>;

/**
 * Every page of /sync/results put together: what the result tabs show. The revenue and
 * transactions lists are optional: a report computed in the sheet has them only when asked.
 */
export type SyncResults = Omit<SyncResultsPage, 'series' | 'cohorts' | 'has_more' | 'cursor' | 'revenue' | 'transactions'> & {
  series: SeriesEntry[];
  cohorts?: Cohort[];
  revenue?: RevenueEntry[];
  transactions?: TransactionRow[];
};

// The wire rows are the engine's rows: a field one has and the other lacks fails to compile here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
export type WireRowsAreEngineRows = [
  Holds<Same<z.infer<typeof SeriesEntrySchema>, SeriesEntry>>,
  Holds<Same<z.infer<typeof CustomerRowSchema>, CustomerRow>>,
  Holds<Same<z.infer<typeof SubscriptionRowSchema>, SubscriptionRow>>,
  Holds<Same<z.infer<typeof MovementRowSchema>, MovementRow>>,
  Holds<Same<z.infer<typeof RevenueRowSchema>, RevenueEntry>>,
  Holds<Same<z.infer<typeof TransactionRowSchema>, TransactionRow>>,
  Holds<Same<z.infer<typeof CohortPeriodSchema>, CohortPeriod>>,
  Holds<Same<z.infer<typeof CohortSchema>, Cohort>>,
];
