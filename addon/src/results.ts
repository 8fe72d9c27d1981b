/**
 * What the result tabs are written from, in both modes: the whole business's report (from
 * /sync/results, or the engine run in the sheet), the Segment's narrowed series, movements and
 * cohorts when one is set, and each customer's details from the sheet's own tabs.
 */
import type { Cohort, MovementRow, RevenueEntry, SeriesEntry, SyncResults, TransactionRow } from '../../shared/index.ts';

export type WholeResults = Omit<SyncResults, 'revenue' | 'transactions'> & {
  cohorts: Cohort[];
  revenue: RevenueEntry[];
  transactions: TransactionRow[];
};

export interface SegmentResults {
  /** The Segment setting as saved (the filters text). */
  text: string;
  series: SeriesEntry[];
  movements: MovementRow[];
  cohorts: Cohort[];
}

/** What the Customer tab shows of a customer besides its figures; text as it reads. */
export interface CustomerDetails {
  external_id: string;
  name: string;
  email: string | null;
  company: string | null;
  /** City, state, zip and country, those given, in that order. */
  location: string | null;
  lead_created_at: string | null;
  free_trial_started_at: string | null;
  /** The first contact of the Contacts tab: name (and title). */
  contact: string | null;
  contact_email: string | null;
  tags: string | null;
  /** "Key: value" pairs, one per line. */
  attributes: string | null;
}

/** The customers' details, read when their tab is written (a sync reads the Customers and Contacts tabs then). */
export interface DetailsSource {
  /** Cells the read takes (0 when they are at hand). */
  cells: number;
  read(): CustomerDetails[];
}

export interface AllResults {
  whole: WholeResults;
  segment: SegmentResults | null;
  details: DetailsSource;
}
