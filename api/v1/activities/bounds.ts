/**
 * `start-date` and `end-date` of the activities lists: a day (`2024-01-01`, the whole day
 * counts) or an ISO 8601 date-time as ChartMogul's docs send it (`2024-01-01T00:00:00Z`,
 * `…+02:00`; a date-time without a zone is UTC), which bounds the movements' instants.
 * `start_date` / `end_date` are read too: ChartMogul's Node examples send those names.
 */
import { DAY_MS, formatDate, parseDateOnly, parseInstant } from '../../../shared/index.ts';

/** The bounds of a query: days (inclusive) or instants (epoch ms, inclusive). */
export interface ActivityBounds {
  startDay?: string;
  endDay?: string;
  startAt?: number;
  endAt?: number;
}

/**
 * An unencoded `+` of a zone offset reaches us as a space (`…T10:00:00 02:00`): read it back as
 * the `+` it was.
 */
function withPlus(s: string): string {
  return s.replace(/^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}(?::?\d{2})?)$/, '$1+$2');
}

type Bound = { day: number } | { at: number };

function parseBound(raw: string): Bound | null {
  const s = raw.trim();
  const day = parseDateOnly(s);
  if (day !== null) return { day };
  const at = parseInstant(withPlus(s));
  return at === null ? null : { at };
}

/** The bounds of the query, adding a message per bad parameter to `errors`. */
export function activityBounds(query: (name: string) => string | undefined, errors: Record<string, string>): ActivityBounds {
  const bounds: ActivityBounds = {};
  let from: number | undefined;
  let to: number | undefined;
  for (const name of ['start-date', 'end-date'] as const) {
    const raw = query(name) ?? query(name.replace('-', '_'));
    if (raw === undefined || raw.trim() === '') continue;
    const bound = parseBound(raw);
    if (bound === null) {
      errors[name] = `${name} must be a date YYYY-MM-DD from 0001-01-01 to 9999-12-31 or an ISO 8601 date-time such as 2024-01-01T00:00:00Z; got '${raw}'`;
      continue;
    }
    const start = name === 'start-date';
    if ('day' in bound) {
      if (start) bounds.startDay = formatDate(bound.day);
      else bounds.endDay = formatDate(bound.day);
    } else if (start) bounds.startAt = bound.at;
    else bounds.endAt = bound.at;
    const instant = 'at' in bound ? bound.at : bound.day + (start ? 0 : DAY_MS - 1);
    if (start) from = instant;
    else to = instant;
  }
  if (from !== undefined && to !== undefined && from > to) errors['start-date'] = 'start-date must be on or before end-date';
  return bounds;
}
