/**
 * Read benchmark of issue 13: every read endpoint under 20 concurrent connections (autocannon),
 * on a server that holds an imported tier (api-bench.ts measureIngest), PGlite and PostgreSQL.
 *
 * Each list walks many pages (by the cursors it gives), not one. Each endpoint is measured
 * twice and printed as such:
 * - cold: the first read of each page (each query, for metrics) under 20 connections, every
 *   request a different page, after a write made every kept answer stale (a tag added to one
 *   customer and removed again: the data version moves on, nothing shown changes) and one
 *   metrics read loaded the series inputs of that version;
 * - warm: the same pages read again and again under 20 connections; the share of answers the
 *   server says came from memory (x-mogul-answer: cached) is printed beside it.
 * A server without an answer cache (before issue 13's) says neither: its share is printed as '—'.
 * Run alone against a running server (profiling, repeated measures):
 *   tsx api/bench/read-bench.ts --url http://127.0.0.1:8787 [--key …] [--start 2021-11-01] [--as-of 2026-10-31]
 */
import autocannon from 'autocannon';
import { parseArgs } from 'node:util';
import { apiClient } from '../cli/api-client.ts';
import { KEY } from './api-bench.ts';
import { percentile } from './stats.ts';

export const CONNECTIONS = 20;
/** Pages walked per list (fewer when the list ends first). */
const PAGES = { customers: 100, activities: 100, results: 24 };
/** Warm reads per page walked (at least WARM_MIN in all). */
const WARM_ROUNDS = 5;
const WARM_MIN = 400;

export interface EndpointFigures {
  label: string;
  /** cold: each page's first read; warm: the same pages read again. */
  phase: 'cold' | 'warm';
  /** Distinct pages (queries) read. */
  pages: number;
  goalMs: number;
  p50: number;
  p95: number;
  p99: number;
  perSecond: number;
  /** Answers other than 200 (and connection errors). */
  failed: number;
  /** Of the 200 answers, the share the server kept in memory; null when the server does not say. */
  cachedShare: number | null;
}

interface Endpoint {
  label: string;
  paths: string[];
  goalMs: number;
}

interface ListPage {
  cursor: string | null;
  has_more: boolean;
}

/** The paths of the first `pages` pages of a list, by the cursor each page gives. */
async function walk(request: (path: string) => Promise<ListPage>, first: string, pages: number): Promise<string[]> {
  const paths = [first];
  let path = first;
  while (paths.length < pages) {
    const page = await request(path);
    if (!page.has_more || !page.cursor) break;
    path = `${first}${first.includes('?') ? '&' : '?'}cursor=${page.cursor}`;
    paths.push(path);
  }
  return paths;
}

/** Distinct metrics queries: five metrics by month, over ranges starting in each of the tier's first 24 months. */
function metricsQueries(start: string, asOf: string): string[] {
  const paths: string[] = [];
  const first = new Date(`${start}T00:00:00Z`);
  for (let m = 0; m < 24; m++) {
    const from = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + m, 1)).toISOString().slice(0, 10);
    if (from > asOf) break;
    for (const name of ['all', 'mrr', 'customer-count', 'arpa', 'mrr-churn-rate']) {
      paths.push(`/v1/metrics/${name}?start-date=${from}&end-date=${asOf}&interval=month`);
    }
  }
  return paths;
}

/** The endpoints measured: list pages with a 50 ms goal, metrics with 20 ms. */
async function endpoints(url: string, key: string, start: string, asOf: string): Promise<Endpoint[]> {
  const client = apiClient(url, key);
  const request = (path: string) => client.request<ListPage>('GET', path);
  const activities = `/v1/activities?per_page=200&start-date=${start}&end-date=${asOf}`;
  return [
    { label: 'GET /v1/customers (200 per page)', paths: await walk(request, '/v1/customers?per_page=200', PAGES.customers), goalMs: 50 },
    { label: 'GET /v1/activities (200 per page)', paths: await walk(request, activities, PAGES.activities), goalMs: 50 },
    { label: 'GET /sync/results (5,000 rows a page)', paths: await walk(request, '/sync/results?per_page=5000', PAGES.results), goalMs: 50 },
    { label: 'GET /v1/metrics/* (5 metrics, many ranges)', paths: metricsQueries(start, asOf), goalMs: 20 },
  ];
}

/**
 * `amount` requests under CONNECTIONS connections, each to the next of `paths` in turn; every
 * answer's latency kept. A fixed number of requests, not a duration: the load ends when every
 * request sent is answered, so none is left in the server for the next measure.
 */
async function load(url: string, key: string, e: Endpoint, phase: 'cold' | 'warm', amount: number): Promise<EndpointFigures> {
  const times: number[] = [];
  let failed = 0;
  let cached = 0;
  let said = 0;
  let next = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({
      url: url.replace(/\/+$/, ''),
      connections: CONNECTIONS,
      amount,
      timeout: 120,
      headers: { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` },
      requests: [{
        setupRequest: (req) => ({ ...req, path: e.paths[next++ % e.paths.length] }),
        onResponse: (_status, _body, _context, headers) => {
          const answer = (headers as Record<string, string> | undefined)?.['x-mogul-answer'];
          if (answer) said++;
          if (answer === 'cached') cached++;
        },
      }],
    }, (error, result) => (error ? reject(error) : resolve(result)));
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status === 200) times.push(ms);
      else failed++;
    });
  });
  failed += result.errors + result.timeouts;
  const base = { label: e.label, phase, pages: Math.min(e.paths.length, amount), goalMs: e.goalMs, failed, cachedShare: said ? cached / said : null };
  if (times.length === 0) return { ...base, p50: NaN, p95: NaN, p99: NaN, perSecond: 0 };
  return {
    ...base,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    perSecond: times.length / (result.duration || 1),
  };
}

/**
 * A write that leaves every answer as it was but moves the account's data version on, so no
 * answer kept so far is served again: a tag added to the first customer and removed.
 */
async function staleEveryAnswer(url: string, key: string, metricsPath: string): Promise<void> {
  const client = apiClient(url, key);
  const [first] = (await client.request<{ entries: { uuid: string }[] }>('GET', '/v1/customers?per_page=1')).entries;
  const tag = `bench-${Date.now()}`;
  await client.request('POST', `/v1/customers/${first.uuid}/attributes/tags`, { tags: [tag] });
  await client.request('DELETE', `/v1/customers/${first.uuid}/attributes/tags`, { tags: [tag] });
  await client.request('GET', metricsPath); // the series inputs of the new version, loaded
}

/** Measures every read endpoint of the server at `url` (an imported account; figures computed first), cold then warm. */
export async function measureReads(url: string, start: string, asOf: string, key = KEY): Promise<EndpointFigures[]> {
  await apiClient(url, key).request('GET', '/v1/customers?per_page=1'); // any pending recompute, done
  const figures: EndpointFigures[] = [];
  const loadInputs = `/v1/metrics/all?start-date=${start}&end-date=${asOf}&interval=quarter`;
  for (const e of await endpoints(url, key, start, asOf)) {
    await staleEveryAnswer(url, key, loadInputs);
    figures.push(await load(url, key, e, 'cold', e.paths.length));
    figures.push(await load(url, key, e, 'warm', Math.max(WARM_MIN, e.paths.length * WARM_ROUNDS)));
  }
  return figures;
}

const ms = (v: number) => (Number.isNaN(v) ? '—' : `${v < 10 ? v.toFixed(1) : v.toFixed(0)} ms`);

/** One line per endpoint and phase: p50 / p95 / p99, requests per second, the p95 goal and whether it is met. */
export function readLines(figures: readonly EndpointFigures[]): [string, string][] {
  return figures.map((f) => {
    const label = f.phase === 'cold'
      ? `${f.label}, cold: first read of ${f.pages} ${f.label.includes('metrics') ? 'queries' : 'pages'}`
      : `  warm: the same read again (${f.cachedShare === null ? '— from memory' : `${Math.round(f.cachedShare * 100)}% from memory`})`;
    const failed = f.failed ? `, ${f.failed} failed` : '';
    const value = f.perSecond === 0
      ? `no answer; p95 goal ${f.goalMs} ms: NOT met${failed}`
      : `${ms(f.p50)} / ${ms(f.p95)} / ${ms(f.p99)}, ${f.perSecond < 10 ? f.perSecond.toFixed(1) : Math.round(f.perSecond)} req/s; p95 goal ${f.goalMs} ms: ${f.p95 < f.goalMs ? 'met' : 'NOT met'}${failed}`;
    return [label, value];
  });
}

if (process.argv[1] === import.meta.filename) {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      key: { type: 'string', default: KEY },
      start: { type: 'string', default: '2021-11-01' },
      'as-of': { type: 'string', default: '2026-10-31' },
    },
  });
  if (!values.url) throw new Error('--url of a running server is required');
  console.log(`reads under ${CONNECTIONS} connections, p50 / p95 / p99:`);
  for (const [label, value] of readLines(await measureReads(values.url, values.start!, values['as-of']!, values.key!))) {
    console.log(`  ${label.padEnd(64)} ${value}`);
  }
}
