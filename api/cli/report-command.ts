/** `mogul report <dir> [--as-of D] [--start D] [--interval I] [--cohort-interval I] [--segment F] [--json] [--revenue]` */
import { basename, resolve } from 'node:path';
import {
  checkReferences, COHORT_INTERVALS, computeReport, computeReportSections, INTERVALS, parseDateOnly, parseSegment,
  SegmentError, sortErrors, startOfDay, type BillingRecords, type CohortInterval, type Interval, type Report,
  type ReportOptions, type ReportSections, type RowError, type Segment, type Settings, type TableWarning,
} from '../../shared/index.ts';
import { loadFolder } from './load-folder.ts';
import { commandArgs, UsageError } from './usage.ts';

export interface ReportArgs {
  dir: string;
  asOf: number;
  start?: number;
  interval: Interval;
  cohortInterval: CohortInterval;
  /** Narrows the report (METRICS.md section 11); absent for the whole business. */
  segment?: Segment;
  json: boolean;
  revenue: boolean;
}

export const REPORT_USAGE =
  'Usage: mogul report <dir> [--as-of YYYY-MM-DD] [--start YYYY-MM-DD] ' +
  '[--interval day|week|month|quarter|year] [--cohort-interval week|month|quarter|year] ' +
  `[--segment "region~ANY~'US'~AND~plan~ANY~'pro'"] [--json] [--revenue]`;

function dayOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const day = parseDateOnly(value);
  if (day === null) throw new UsageError(`--${name} must be a date YYYY-MM-DD; got '${value}'`);
  return day;
}

export function parseReportArgs(argv: string[], today: number): ReportArgs {
  const { values, positionals } = commandArgs(argv, {
    'as-of': { type: 'string' },
    start: { type: 'string' },
    interval: { type: 'string' },
    'cohort-interval': { type: 'string' },
    segment: { type: 'string' },
    json: { type: 'boolean', default: false },
    revenue: { type: 'boolean', default: false },
  }, REPORT_USAGE);
  if (positionals.length !== 1) throw new UsageError(REPORT_USAGE);
  const interval = values.interval ?? 'month';
  if (!(INTERVALS as readonly string[]).includes(interval)) {
    throw new UsageError(`--interval must be one of ${INTERVALS.join(', ')}; got '${interval}'`);
  }
  const cohortInterval = values['cohort-interval'] ?? 'month';
  if (!(COHORT_INTERVALS as readonly string[]).includes(cohortInterval)) {
    throw new UsageError(`--cohort-interval must be one of ${COHORT_INTERVALS.join(', ')}; got '${cohortInterval}'`);
  }
  let segment: Segment | undefined;
  if (values.segment !== undefined) {
    try {
      segment = parseSegment(values.segment);
    } catch (e) {
      if (e instanceof SegmentError) throw new UsageError(`--segment: ${e.message}`);
      throw e;
    }
  }
  return {
    dir: positionals[0],
    asOf: dayOption('as-of', values['as-of']) ?? startOfDay(today),
    start: dayOption('start', values.start),
    interval: interval as Interval,
    cohortInterval: cohortInterval as CohortInterval,
    ...(segment ? { segment } : {}),
    json: values.json ?? false,
    revenue: values.revenue ?? false,
  };
}

/** Reads the folder and computes its report. Exit status 1 when any row was rejected. */
export function buildFolderReport(args: ReportArgs): { report: Report; exitCode: 0 | 1 } {
  const input = checkedFolder(args);
  const report: Report = {
    ...computeReport(input.data, input.settings, reportOptions(args)),
    errors: input.errors,
    warnings: input.warnings,
  };
  return { report, exitCode: input.errors.length > 0 ? 1 : 0 };
}

/**
 * buildFolderReport with the customer, subscription and movement rows made as they are
 * written (json-stream.ts): once it returns, the billing data and the engine's intermediates
 * can be collected while the rows go out (issue 13).
 */
export function buildFolderReportSections(args: ReportArgs): {
  report: ReportSections & { errors: RowError[]; warnings: TableWarning[] }; exitCode: 0 | 1;
} {
  const input = checkedFolder(args);
  const sections = computeReportSections(input.data, input.settings, reportOptions(args));
  return {
    report: { ...sections, errors: input.errors, warnings: input.warnings },
    exitCode: input.errors.length > 0 ? 1 : 0,
  };
}

/** The folder read and checked; the parsed tables themselves are not kept past this call. */
function checkedFolder(args: ReportArgs): {
  data: BillingRecords; settings: Settings; errors: RowError[]; warnings: TableWarning[];
} {
  const folder = loadFolder(args.dir, { dropRowIds: true });
  const { data, errors } = checkReferences(folder.parsed, folder.settings.settings, {
    asOfEnd: args.asOf + 86_400_000 - 1,
  });
  return {
    data,
    settings: folder.settings.settings,
    errors: sortErrors(errors.concat(folder.settings.errors)),
    warnings: folder.warnings,
  };
}

function reportOptions(args: ReportArgs): ReportOptions {
  return {
    asOf: args.asOf, start: args.start, interval: args.interval, cohortInterval: args.cohortInterval,
    revenue: args.revenue,
    // In a CSV folder the data source is the folder's name (METRICS.md section 11).
    ...(args.segment ? { segment: args.segment, dataSource: basename(resolve(args.dir)) } : {}),
  };
}
