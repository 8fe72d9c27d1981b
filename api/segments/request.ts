/**
 * The segment a request asks for: `filters` in ChartMogul's filter language (API.md), and its
 * older forms `plans` (plan~ANY~…, the plan in force at each instant) and `geo`
 * (region~ANY~…, country codes in any case), all ANDed. A filter Mogul cannot read is a 422
 * naming it under `filters`, never ignored.
 */
import { parseSegment, quoteSegmentValue, SegmentError, type Segment } from '../../shared/index.ts';

const list = (v: string | undefined) => (v === undefined ? [] : v.split(',').map((s) => s.trim()).filter((s) => s !== ''));

/**
 * The request's segment, or null when it names none (the whole business). An unreadable
 * `filters` is added to `errors` (the request's 422, with its other bad parameters).
 */
export function segmentOfQuery(query: (name: string) => string | undefined, errors: Record<string, string>): Segment | null {
  const filters = query('filters');
  let segment: Segment;
  try {
    segment = parseSegment(filters ?? '');
  } catch (e) {
    if (!(e instanceof SegmentError)) throw e;
    errors.filters = `filters: ${e.message}`;
    return null;
  }
  const plans = list(query('plans'));
  const geo = list(query('geo')).map((g) => g.toUpperCase());
  const customer = [...segment.customer, ...(geo.length > 0 ? [{ field: 'region' as const, operator: 'ANY' as const, values: geo }] : [])];
  const plan = [...segment.plan, ...(plans.length > 0 ? [{ field: 'plan' as const, operator: 'ANY' as const, values: plans }] : [])];
  if (customer.length === 0 && plan.length === 0) return null;
  const older = [['region', geo], ['plan', plans]] as const;
  const text = [
    ...(filters?.trim() ? [filters.trim()] : []),
    ...older.filter(([, values]) => values.length > 0).map(([field, values]) => `${field}~ANY~${values.map(quoteSegmentValue).join(',')}`),
  ].join('~AND~');
  return { text, customer, plan };
}

/** One text per meaning (the conditions in order), for caches. */
export function segmentKey(s: Pick<Segment, 'customer' | 'plan'>): string {
  return JSON.stringify([s.customer, s.plan]);
}
