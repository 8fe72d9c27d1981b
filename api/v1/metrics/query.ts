/**
 * The query of the metrics API: start-date and end-date (YYYY-MM-DD; the end clipped to
 * today), interval (day, week, month, quarter, year; default month), geo (customer country
 * codes) and plans (plan external IDs or names), comma-separated.
 */
import { DAY_MS, INTERVALS, isoWeekday, parseDateOnly, utcDay, ymd, type Interval } from '../../../shared/index.ts';
import type { CustomerInputs } from '../../derived/series-inputs.ts';
import type { Tx } from '../../db/client.ts';
import { validationFailed } from '../../http/errors.ts';
import { planExternalIds } from '../../store/derived.ts';

export interface MetricsQuery {
  /** Null: the first of the month of the first movement (as `mogul report` starts). */
  start: number | null;
  /** Clipped to today. */
  end: number;
  interval: Interval;
  geo: Set<string> | null;
  plans: string[] | null;
}

/** Shortest length of each interval in days, to bound a range's entries before building it. */
const MIN_DAYS: Record<string, number> = { day: 1, week: 7, month: 28, quarter: 89, year: 365 };
const MAX_ENTRIES = 10_000;

const list = (v: string | undefined) => (v === undefined ? null : v.split(',').map((s) => s.trim()).filter((s) => s !== ''));

export function parseMetricsQuery(query: (name: string) => string | undefined, today: number): MetricsQuery {
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
  if (!(INTERVALS as readonly string[]).includes(interval)) errors.interval = `interval must be one of ${INTERVALS.join(', ')}; got '${interval}'`;
  if (start !== null && end !== null && start > end) errors['start-date'] = 'start-date must be on or before end-date';
  const entries = start === null ? 0 : (Math.min(end ?? today, today) - start) / DAY_MS / (MIN_DAYS[interval] ?? 1);
  if (entries > MAX_ENTRIES) errors['start-date'] = `The range holds more than ${MAX_ENTRIES.toLocaleString('en-US')} ${interval} entries; choose a later start-date or a longer interval`;
  if (Object.keys(errors).length > 0) throw validationFailed(errors);
  const geo = list(query('geo'));
  return {
    start,
    end: Math.min(end ?? today, today),
    interval: interval as Interval,
    geo: geo ? new Set(geo.map((g) => g.toUpperCase())) : null,
    plans: list(query('plans')),
  };
}

export interface CustomerFilter {
  keep: (c: CustomerInputs) => boolean;
  /** What it keeps, as text (the countries and resolved plan external IDs). */
  key: string;
}

/** Which customers count under the geo and plans filters. */
export async function customerFilter(tx: Tx, accountId: string, q: MetricsQuery): Promise<CustomerFilter> {
  const plans = q.plans ? new Set(await planExternalIds(tx, accountId, q.plans)) : null;
  const geo = q.geo;
  return {
    keep: (c) =>
      (!geo || (c.country !== null && geo.has(c.country.toUpperCase()))) &&
      (!plans || [...c.plans].some((p) => plans!.has(p))),
    key: JSON.stringify([geo ? [...geo].sort() : null, plans ? [...plans].sort() : null]),
  };
}

/** First day of the interval holding day d. */
export function intervalStart(d: number, interval: Interval): number {
  const { year, month } = ymd(d);
  switch (interval) {
    case 'day':
      return d;
    case 'week':
      return d - (isoWeekday(d) - 1) * DAY_MS;
    case 'month':
      return utcDay(year, month, 1);
    case 'quarter':
      return utcDay(year, Math.floor((month - 1) / 3) * 3 + 1, 1);
    case 'year':
      return utcDay(year, 1, 1);
  }
}
