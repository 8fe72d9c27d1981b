/**
 * The query of the metrics API: start-date and end-date (YYYY-MM-DD; the end clipped to
 * today), interval (day, week, month, quarter, year; default month; cohorts take week to year)
 * and the segment (`filters`, and its older forms `plans` and `geo`: api/segments/request.ts).
 */
import {
  COHORT_INTERVALS, DAY_MS, INTERVALS, parseDateOnly, type CohortInterval, type Interval,
  type Segment,
} from '../../../shared/index.ts';
import { validationFailed } from '../../http/errors.ts';
import { segmentOfQuery } from '../../segments/request.ts';

export interface MetricsQuery {
  /** Null: the first of the month of the first movement (as `mogul report` starts). */
  start: number | null;
  /** Clipped to today. */
  end: number;
  interval: Interval;
  /** Null: the whole business. */
  segment: Segment | null;
}

/** Shortest length of each interval in days, to bound a range's entries before building it. */
const MIN_DAYS: Record<string, number> = { day: 1, week: 7, month: 28, quarter: 89, year: 365 };
const MAX_ENTRIES = 10_000;

type Query = (name: string) => string | undefined;

/** Every parameter's problem at once: a 422 naming each bad one. */
function parseCommon(query: Query, today: number, intervals: readonly string[]) {
  const errors: Record<string, string> = {};
  const day = (name: string): number | null => {
    const raw = query(name);
    if (raw === undefined || raw === '') return null;
    const d = parseDateOnly(raw.trim());
    if (d === null) errors[name] = `${name} must be a date YYYY-MM-DD from 0001-01-01 to 9999-12-31; got '${raw}'`;
    return d;
  };
  const start = day('start-date');
  const end = day('end-date');
  const interval = query('interval') ?? 'month';
  if (!intervals.includes(interval)) errors.interval = `interval must be one of ${intervals.join(', ')}; got '${interval}'`;
  if (start !== null && end !== null && start > end) errors['start-date'] = 'start-date must be on or before end-date';
  const segment = segmentOfQuery(query, errors);
  return { errors, start, end: Math.min(end ?? today, today), interval, segment };
}

export function parseMetricsQuery(query: Query, today: number): MetricsQuery {
  const { errors, start, end, interval, segment } = parseCommon(query, today, INTERVALS);
  const entries = start === null ? 0 : (end - start) / DAY_MS / (MIN_DAYS[interval] ?? 1);
  if (entries > MAX_ENTRIES) errors['start-date'] = `The range holds more than ${MAX_ENTRIES.toLocaleString('en-US')} ${interval} entries; choose a later start-date or a longer interval`;
  if (Object.keys(errors).length > 0) throw validationFailed(errors);
  return { start, end, interval: interval as Interval, segment };
}

export interface CohortsQuery {
  /** Null: every cohort. */
  start: number | null;
  end: number;
  interval: CohortInterval;
  segment: Segment | null;
}

export function parseCohortsQuery(query: Query, today: number): CohortsQuery {
  const { errors, start, end, interval, segment } = parseCommon(query, today, COHORT_INTERVALS);
  if (Object.keys(errors).length > 0) throw validationFailed(errors);
  return { start, end, interval: interval as CohortInterval, segment };
}

