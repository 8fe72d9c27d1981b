/**
 * Local mode's results: the engine run in the sheet, for the whole business (with its revenue
 * recognition schedule, transactions and cohorts) and, when the Segment setting is set, once more
 * for the segment's series, movements and cohorts, the same split the server gives.
 */
import {
  computeReport, createEngineContext, transactionRows, type BillingData, type Segment, type Settings,
} from '../../shared/index.ts';
import { customerDetails } from './customer-details.ts';
import type { AllResults } from './results.ts';

/** `dataSource`: the name a segment's data_source condition matches (the add-on's Data source name). */
export function localResults(data: BillingData, engine: Settings, asOf: number, segment: Segment | null, dataSource: string): AllResults {
  const report = computeReport(data, engine, { asOf, revenue: true });
  const transactions = transactionRows(data, createEngineContext(data, engine, asOf));
  const narrowed = segment ? computeReport(data, engine, { asOf, segment, dataSource }) : null;
  return {
    whole: { ...report, revenue: report.revenue ?? [], transactions },
    segment: segment && narrowed ? { text: segment.text, series: narrowed.series, movements: narrowed.movements, cohorts: narrowed.cohorts } : null,
    details: { cells: 0, read: () => customerDetails(data) },
  };
}
