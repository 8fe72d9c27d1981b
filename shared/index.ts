/** The public face of shared/: schemas, validation and the metrics engine. */
export * from './templates/datasets.ts';
export * from './templates/values.ts';
export * from './templates/spec.ts';
export * from './templates/specs/index.ts';
export * from './templates/notes.ts';
export * from './templates/table.ts';
export * from './templates/records.ts';
export * from './templates/settings.ts';
export * from './templates/references.ts';
export * from './templates/validate.ts';
export * from './templates/attributes.ts';
export * from './wire/sync-limits.ts';
export type { SyncAnswer, SyncResults, SyncResultsPage, SyncRowError } from './wire/sync-response.ts';
export * from './wire/sidebar.ts';
// The /sync zod schemas are imported from wire/sync-request.ts and wire/sync-response.ts: the
// add-on's bundle takes in every module this file exports, and Apps Script parses it all on
// every execution.
export * from './engine/report.ts';
export * from './engine/arr.ts';
export * from './engine/intervals.ts';
export { buildSeries, type SeriesEntry, type SeriesLead } from './engine/series.ts';
export * from './engine/cohorts.ts';
export type { SubscriptionConnection } from './engine/connections.ts';
export type { ForecastEntry } from './engine/forecast.ts';
export { revenueSchedule, type RevenueEntry } from './engine/revenue.ts';
export { transactionRows, type TransactionRow } from './engine/transactions.ts';
export * from './engine/types.ts';
export * from './segments/segment.ts';
export * from './segments/parse.ts';
export * from './segments/match.ts';
export * from './engine/segment.ts';
export type { InSegment } from './engine/movements.ts';
export * from './time.ts';
export * from './money.ts';
export * from './retry-after.ts';
export * from './unicode.ts';
