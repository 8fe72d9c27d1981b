/**
 * GET /v1/activities and GET /v1/customers/{cus}/activities: the stored MRR movements, with
 * start-date / end-date (days, inclusive), type and order (date or -date) filters and the
 * cursor of the other lists. Movement rows are rewritten when a customer is recomputed, so
 * their uuid / id change then; the order (instant, customer, position) does not.
 */
import type { Context, Hono } from 'hono';
import { formatDate, MOVEMENT_TYPES, parseDateOnly, parseSettingsJson } from '../../shared/index.ts';
import type { AppContext } from '../context.ts';
import type { Env } from '../http/auth.ts';
import { validationFailed } from '../http/errors.ts';
import { activityJson, activityRows, customerActivityJson } from './serialize-activity.ts';
import { account } from './conventions/account.ts';
import { freshRead } from '../derived/fresh-read.ts';
import { pageAnswer, pageOf, pageNumber } from './conventions/pages.ts';
import { pageSql } from '../store/pages.ts';
import { requireCustomer } from './conventions/lookup.ts';

/** The filters as SQL over `m`, parameters after `first`. */
function activityFilters(c: Context, first: unknown[]): { where: string; params: unknown[]; order: string } {
  const errors: Record<string, string> = {};
  const params = [...first];
  const where: string[] = [];
  const add = (sql: (n: number) => string, value: unknown) => {
    params.push(value);
    where.push(sql(params.length));
  };
  // Bounds as dates, made instants by PostgreSQL: the day after 9999-12-31 is no ISO text.
  const days: Record<string, number> = {};
  for (const [name, bound] of [['start-date', (n: number) => `m.at >= ($${n}::date)::timestamp AT TIME ZONE 'UTC'`],
    ['end-date', (n: number) => `m.at < ($${n}::date + 1)::timestamp AT TIME ZONE 'UTC'`]] as const) {
    const raw = c.req.query(name);
    if (raw === undefined || raw === '') continue;
    const day = parseDateOnly(raw.trim());
    if (day === null) errors[name] = `${name} must be a date YYYY-MM-DD from 0001-01-01 to 9999-12-31; got '${raw}'`;
    else {
      days[name] = day;
      add(bound, formatDate(day));
    }
  }
  if (days['start-date'] > days['end-date']) errors['start-date'] = 'start-date must be on or before end-date';
  const type = c.req.query('type');
  if (type !== undefined && type !== '') {
    if (!(MOVEMENT_TYPES as readonly string[]).includes(type)) errors.type = `type must be one of ${MOVEMENT_TYPES.join(', ')}; got '${type}'`;
    else add((n) => `m.type = $${n}`, type);
  }
  const order = c.req.query('order') ?? 'date';
  if (order !== 'date' && order !== '-date') errors.order = `order must be date or -date; got '${order}'`;
  if (Object.keys(errors).length > 0) throw validationFailed(errors);
  const dir = order === '-date' ? 'DESC' : 'ASC';
  return { where: where.length ? where.join(' AND ') : 'TRUE', params, order: `ORDER BY m.at ${dir}, c.external_id ${dir}, m.position ${dir}` };
}

export function registerActivities(app: Hono<Env>, ctx: AppContext): void {
  app.get('/v1/activities', async (c) => {
    const a = account(c);
    const currency = parseSettingsJson(a.settings ?? {}).settings.base_currency;
    const page = pageOf(c);
    const f = activityFilters(c, [a.id]);
    const rows = await freshRead(ctx, a.id, (tx) => activityRows(tx, f.where, f.params, `${f.order} ${pageSql(page)}`));
    return c.json({ ...pageAnswer('entries', rows.map((r) => activityJson(r, currency)), page), per_page: page.perPage });
  });

  app.get('/v1/customers/:cus/activities', async (c) => {
    const a = account(c);
    const currency = parseSettingsJson(a.settings ?? {}).settings.base_currency;
    const page = pageOf(c);
    return c.json(await freshRead(ctx, a.id, async (tx) => {
      const customer = await requireCustomer(tx, a.id, c.req.param('cus'));
      const f = activityFilters(c, [a.id, customer.id]);
      const rows = await activityRows(tx, `m.customer_id = $2 AND ${f.where}`, f.params, `${f.order} ${pageSql(page)}`);
      const answer = pageAnswer('entries', rows.map((r) => customerActivityJson(r, currency)), page);
      return { ...answer, per_page: page.perPage, page: pageNumber(page) };
    }));
  });
}
