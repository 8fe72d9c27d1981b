/**
 * GET /v1/metrics/{all,mrr,arr,arpa,asp,customer-count,customer-churn-rate,mrr-churn-rate,ltv}
 * and Mogul's own /v1/metrics/{retention,conversion,cohorts}: the shared buildSeries and
 * buildCohorts over the account's cached series inputs, or over a segment's part of them
 * (api/segments/), so a request costs at most one pass over the inputs (none when the same
 * query was answered since the last write), never a recompute of stored figures. The summary
 * compares the figures over the interval holding today with the interval before it.
 */
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { DAY_MS, defaultSeriesStart, hasPlanConditions, intervalFirstDay, type SeriesEntry } from '../../../shared/index.ts';
import type { AppContext } from '../../context.ts';
import { cohortsOf, seriesOf, type AccountInputs, type SeriesQuery, type SeriesView } from '../../derived/series-inputs.ts';
import type { AnswerStamp } from '../../http/answer-cache.ts';
import type { Env } from '../../http/auth.ts';
import { cachedJson, freshStamp, NOT_MODIFIED } from '../../http/cached-read.ts';
import { notFound } from '../../http/errors.ts';
import { errorResponses, jsonResponse, openapiRoute, type ApiApp } from '../../http/openapi.ts';
import { segmentedView } from '../../segments/view.ts';
import { cohortsMemo, series } from './memo.ts';
import { parseCohortsQuery, parseMetricsQuery, type MetricsQuery as ParsedMetricsQuery } from './query.ts';
import {
  Cohorts, CohortsQuery, Conversion, Metrics, MetricsParams, MetricsQuery, Retention,
} from './schemas.ts';
import { cohortsAnswer, conversionAnswer, METRIC_PATHS, metricsAnswer, retentionAnswer, type Summary } from './serialize.ts';

const tags = ['Metrics'];
const failures = errorResponses(422, 503);

const getMetrics = createRoute({
  method: 'get',
  path: '/v1/metrics/{metric}',
  tags,
  summary: 'A metric (or the key metrics: all) per interval, with a summary of now against one interval before',
  request: { params: MetricsParams, query: MetricsQuery },
  responses: { 200: jsonResponse(Metrics, 'The entries and the summary'), ...NOT_MODIFIED, ...errorResponses(404, 422, 503) },
});

const getRetention = createRoute({
  method: 'get',
  path: '/v1/metrics/retention',
  tags,
  summary: 'Net and gross MRR retention and the quick ratio per interval (METRICS.md section 13)',
  request: { query: MetricsQuery },
  responses: { 200: jsonResponse(Retention, 'The entries and the summary'), ...NOT_MODIFIED, ...failures },
});

const getConversion = createRoute({
  method: 'get',
  path: '/v1/metrics/conversion',
  tags,
  summary: 'Trials, trials converted, the trial-to-paid rate and the average sales cycle per interval (METRICS.md section 13)',
  request: { query: MetricsQuery },
  responses: { 200: jsonResponse(Conversion, 'The entries and the summary'), ...NOT_MODIFIED, ...failures },
});

const getCohorts = createRoute({
  method: 'get',
  path: '/v1/metrics/cohorts',
  tags,
  summary: 'Customers grouped by the interval of their first new business, followed interval by interval (METRICS.md section 12)',
  request: { query: CohortsQuery },
  responses: { 200: jsonResponse(Cohorts, 'One entry per cohort, oldest first'), ...NOT_MODIFIED, ...failures },
});

function summaryOf(inputs: AccountInputs, view: SeriesView, q: SeriesQuery, viewKey: string, entries: SeriesEntry[], today: number): Summary {
  const current = intervalFirstDay(today, q.interval);
  const previous = intervalFirstDay(current - DAY_MS, q.interval);
  // The requested series already holds both intervals when it runs to today from before them.
  const both = q.end === today && q.start <= previous && entries.length >= 2
    ? entries
    : series(inputs, view, { ...q, start: previous, end: today }, viewKey, today);
  return { current: both[both.length - 1], previous: both[both.length - 2] };
}

/** The series a metrics request asks for (its segment's), with its summary, on the account's state `stamp`. */
async function requestedSeries(ctx: AppContext, query: ParsedMetricsQuery, stamp: AnswerStamp) {
  const { accountId } = stamp;
  const today = ctx.today();
  const inputs = await ctx.inputs.get(accountId, stamp.version);
  const { view, key } = await segmentedView(ctx, accountId, inputs, query.segment, today);
  // As `mogul report --segment` starts: at the month of the segment's first movement.
  const start = query.start ?? defaultSeriesStart(view.movements, today);
  const q: SeriesQuery = { start, end: query.end, interval: query.interval };
  const entries = start <= query.end ? series(inputs, view, q, key, today) : [];
  return { query, entries, summary: summaryOf(inputs, view, q, key, entries, today) };
}

export function registerMetrics(app: ApiApp, ctx: AppContext): void {
  // The literal paths before /v1/metrics/{metric}.
  /** A series answer: the query read (a 422 before anything else), then the answer on the account's fresh state, kept. */
  const seriesAnswer = async (c: Context<Env>, answer: (query: ParsedMetricsQuery, series: Awaited<ReturnType<typeof requestedSeries>>) => unknown) => {
    const query = parseMetricsQuery((name) => c.req.query(name), ctx.today());
    const stamp = await freshStamp(ctx, c);
    return cachedJson(ctx, c, stamp, async () => answer(query, await requestedSeries(ctx, query, stamp))) as never;
  };

  openapiRoute(app, getRetention, (c) => seriesAnswer(c, (_q, { entries, summary }) => retentionAnswer(entries, summary)));

  openapiRoute(app, getConversion, (c) => seriesAnswer(c, (_q, { entries, summary }) => conversionAnswer(entries, summary)));

  openapiRoute(app, getCohorts, async (c) => {
    const today = ctx.today();
    const query = parseCohortsQuery((name) => c.req.query(name), today);
    const stamp = await freshStamp(ctx, c);
    return cachedJson(ctx, c, stamp, async () => {
      const inputs = await ctx.inputs.get(stamp.accountId, stamp.version);
      const { view, key } = await segmentedView(ctx, stamp.accountId, inputs, query.segment, today);
      const q = { end: query.end, interval: query.interval, start: query.start ?? undefined };
      const cohorts = cohortsMemo.get(inputs, `${today} ${q.start} ${q.end} ${q.interval} ${key}`, () => cohortsOf(view, q));
      return cohortsAnswer(cohorts);
    }) as never;
  });

  openapiRoute(app, getMetrics, async (c) => {
    const { metric } = c.req.valid('param');
    if (!METRIC_PATHS.includes(metric)) throw notFound('metric');
    return seriesAnswer(c, (query, { entries, summary }) => {
      const segmentMoves = query.segment !== null && hasPlanConditions(query.segment);
      return metricsAnswer(metric, entries, summary, segmentMoves);
    });
  });
}
