/**
 * GET /v1/metrics/{all,mrr,arr,arpa,asp,customer-count,customer-churn-rate,mrr-churn-rate,ltv}:
 * the shared buildSeries (through seriesOf) over the account's cached series inputs, so a
 * request costs at most one pass over the inputs (none when the same query was answered
 * since the last write), never a recompute. The summary compares the metric
 * over the interval holding today with the interval before it.
 */
import { createRoute } from '@hono/zod-openapi';
import { DAY_MS, defaultSeriesStart, type SeriesEntry } from '../../../shared/index.ts';
import type { AppContext } from '../../context.ts';
import { ensureFresh } from '../../derived/freshness.ts';
import { seriesOf, type AccountInputs, type SeriesQuery } from '../../derived/series-inputs.ts';
import { notFound } from '../../http/errors.ts';
import { errorResponses, jsonResponse, openapiRoute, type ApiApp } from '../../http/openapi.ts';
import { accountState } from '../../store/derived.ts';
import { account } from '../conventions/account.ts';
import { memoSeries } from './memo.ts';
import { customerFilter, intervalStart, parseMetricsQuery } from './query.ts';
import { Metrics, MetricsParams, MetricsQuery } from './schemas.ts';
import { METRIC_PATHS, metricsAnswer, type Summary } from './serialize.ts';

const getMetrics = createRoute({
  method: 'get',
  path: '/v1/metrics/{metric}',
  tags: ['Metrics'],
  summary: 'A metric (or the key metrics: all) per interval, with a summary of now against one interval before',
  request: { params: MetricsParams, query: MetricsQuery },
  responses: { 200: jsonResponse(Metrics, 'The entries and the summary'), ...errorResponses(404, 422, 503) },
});

/** The account's series inputs as of today (derived data made fresh first). */
async function accountInputs(ctx: AppContext, accountId: string): Promise<AccountInputs> {
  await ensureFresh(ctx.db, accountId, ctx.today(), ctx.recompute);
  const state = await ctx.db.read((tx) => accountState(tx, accountId));
  return ctx.inputs.get(accountId, state!.dataVersion);
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

export function registerMetrics(app: ApiApp, ctx: AppContext): void {
  openapiRoute(app, getMetrics, async (c) => {
    const { metric } = c.req.valid('param');
    if (!METRIC_PATHS.includes(metric)) throw notFound('metric');
    const accountId = account(c).id;
    const today = ctx.today();
    const query = parseMetricsQuery((name) => c.req.query(name), today);
    const inputs = await accountInputs(ctx, accountId);
    const filter = query.geo || query.plans ? await ctx.db.read((tx) => customerFilter(tx, accountId, query)) : null;
    const start = query.start ?? defaultSeriesStart(inputs.movements, today);
    const q: SeriesQuery = { start, end: query.end, interval: query.interval, customer: filter?.keep };
    const entries = start <= query.end ? series(inputs, q, filter?.key ?? '', today) : [];
    return c.json(metricsAnswer(metric, entries, summaryOf(inputs, q, filter?.key ?? '', entries, today)), 200);
  });
}
