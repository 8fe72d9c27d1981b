/**
 * GET /v1/metrics/{all,mrr,arr,arpa,asp,customer-count,customer-churn-rate,mrr-churn-rate,ltv}:
 * the shared buildSeries (through seriesOf) over the account's cached series inputs, so a
 * request costs at most one pass over the inputs (none when the same query was answered
 * since the last write), never a recompute. The summary compares the metric
 * over the interval holding today with the interval before it.
 */
import type { Hono } from 'hono';
import { DAY_MS, defaultSeriesStart, type SeriesEntry } from '../../shared/index.ts';
import type { AppContext } from '../context.ts';
import { ensureFresh } from '../derived/freshness.ts';
import { seriesOf, type AccountInputs, type SeriesQuery } from '../derived/series-inputs.ts';
import type { Env } from '../http/auth.ts';
import { notFound } from '../http/errors.ts';
import { METRIC_PATHS, metricsAnswer, type Summary } from './metrics-format.ts';
import { memoSeries } from './metrics-memo.ts';
import { customerFilter, intervalStart, parseMetricsQuery } from './metrics-query.ts';
import { account } from './conventions/account.ts';

/** The account's series inputs as of today (derived data made fresh first). */
export async function accountInputs(ctx: AppContext, accountId: string): Promise<AccountInputs> {
  await ensureFresh(ctx.db, accountId, ctx.today(), ctx.recompute);
  const rows = await ctx.db.read((tx) => tx.query<{ v: string | number }>('SELECT data_version AS v FROM accounts WHERE id = $1', [accountId]));
  return ctx.inputs.get(accountId, Number(rows[0].v));
}

/** seriesOf, remembered for this data version; `filter` names the customer filter. */
function series(inputs: AccountInputs, q: SeriesQuery, filter: string, today: number): SeriesEntry[] {
  return memoSeries(inputs, `${today} ${q.start} ${q.end} ${q.interval} ${filter}`, () => seriesOf(inputs, q));
}

function summaryOf(inputs: AccountInputs, q: SeriesQuery, filter: string, entries: SeriesEntry[], today: number): Summary {
  const current = intervalStart(today, q.interval);
  const previous = intervalStart(current - DAY_MS, q.interval);
  // The requested series already holds both intervals when it runs to today from before them.
  const both = q.end === today && q.start <= previous && entries.length >= 2
    ? entries
    : series(inputs, { ...q, start: previous, end: today }, filter, today);
  return { current: both[both.length - 1], previous: both[both.length - 2] };
}

export function registerMetrics(app: Hono<Env>, ctx: AppContext): void {
  app.get('/v1/metrics/:metric', async (c) => {
    const metric = c.req.param('metric');
    if (!METRIC_PATHS.includes(metric)) throw notFound('metric');
    const accountId = account(c).id;
    const today = ctx.today();
    const query = parseMetricsQuery((name) => c.req.query(name), today);
    const inputs = await accountInputs(ctx, accountId);
    const filter = query.geo || query.plans ? await ctx.db.read((tx) => customerFilter(tx, accountId, query)) : null;
    const start = query.start ?? defaultSeriesStart(inputs.movements, today);
    const q: SeriesQuery = { start, end: query.end, interval: query.interval, customer: filter?.keep };
    const entries = start <= query.end ? series(inputs, q, filter?.key ?? '', today) : [];
    return c.json(metricsAnswer(metric, entries, summaryOf(inputs, q, filter?.key ?? '', entries, today)));
  });
}
