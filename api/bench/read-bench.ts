/**
 * Read benchmark of issue 13: every read endpoint under 20 concurrent connections (autocannon),
 * on a server that holds an imported tier (api-bench.ts measureIngest), PGlite and PostgreSQL.
 * The figures are computed by one read first, so each measure is the read alone.
 * Run alone against a running server (profiling, repeated measures):
 *   tsx api/bench/read-bench.ts --url http://127.0.0.1:8787 [--key …] [--start 2021-11-01] [--as-of 2026-10-31]
 */
import autocannon from 'autocannon';
import { parseArgs } from 'node:util';
import { apiClient } from '../cli/api-client.ts';
import { KEY } from './api-bench.ts';
import { percentile, timed } from './stats.ts';

export const CONNECTIONS = 20;
const SECONDS = 4;

export interface EndpointFigures {
  label: string;
  path: string;
  goalMs: number;
  p50: number;
  p95: number;
  p99: number;
  perSecond: number;
  /** Answers other than 200 (and connection errors). */
  failed: number;
}

interface Endpoint {
  label: string;
  path: string;
  goalMs: number;
}

interface ListPage {
  cursor: string | null;
  has_more: boolean;
}

/** The cursor of the page `pages` pages in (fewer when the list ends first). */
async function cursorAfter(request: (path: string) => Promise<ListPage>, path: string, pages: number): Promise<string | null> {
  let cursor: string | null = null;
  for (let i = 0; i < pages; i++) {
    const page: ListPage = await request(cursor ? `${path}&cursor=${cursor}` : path);
    if (!page.has_more) break;
    cursor = page.cursor;
  }
  return cursor;
}

/** The endpoints measured: list pages (a first and a later one) with a 50 ms goal, metrics with 20 ms. */
async function endpoints(url: string, key: string, start: string, asOf: string): Promise<Endpoint[]> {
  const client = apiClient(url, key);
  const request = (path: string) => client.request<ListPage>('GET', path);
  const customers = '/v1/customers?per_page=200';
  const activities = `/v1/activities?per_page=200&start-date=${start}&end-date=${asOf}`;
  const laterCustomers = await cursorAfter(request, customers, 25);
  const laterActivities = await cursorAfter(request, activities, 50);
  const laterResults = await cursorAfter(request, '/sync/results?per_page=5000', 10);
  const metrics = (name: string) => `/v1/metrics/${name}?start-date=${start}&end-date=${asOf}&interval=month`;
  const list: Endpoint[] = [
    { label: 'GET /v1/customers (200 per page)', path: customers, goalMs: 50 },
    { label: '  a later page (cursor)', path: laterCustomers ? `${customers}&cursor=${laterCustomers}` : customers, goalMs: 50 },
    { label: 'GET /v1/activities (200 per page)', path: activities, goalMs: 50 },
    { label: '  a later page (cursor)', path: laterActivities ? `${activities}&cursor=${laterActivities}` : activities, goalMs: 50 },
    { label: 'GET /sync/results (5,000 rows)', path: '/sync/results?per_page=5000', goalMs: 50 },
    { label: '  a later page (cursor)', path: laterResults ? `/sync/results?per_page=5000&cursor=${laterResults}` : '/sync/results?per_page=5000', goalMs: 50 },
  ];
  for (const name of ['all', 'mrr', 'customer-count', 'arpa', 'mrr-churn-rate']) list.push({ label: `GET /v1/metrics/${name}`, path: metrics(name), goalMs: 20 });
  return list;
}

/**
 * One endpoint under CONNECTIONS connections, about SECONDS seconds of requests; every answer's
 * latency kept. A fixed number of requests (from one request's time), not a duration: the load
 * ends when every request sent is answered, so none is left in the server for the next endpoint.
 */
async function load(url: string, key: string, e: Endpoint, oneMs: number): Promise<EndpointFigures> {
  const amount = Math.min(10_000, Math.max(2 * CONNECTIONS, Math.round((1.5 * SECONDS * 1000) / Math.max(oneMs, 0.1))));
  const times: number[] = [];
  let failed = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({
      url: `${url.replace(/\/+$/, '')}${e.path}`,
      connections: CONNECTIONS,
      amount,
      timeout: 120,
      headers: { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` },
    }, (error, result) => (error ? reject(error) : resolve(result)));
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status === 200) times.push(ms);
      else failed++;
    });
  });
  failed += result.errors + result.timeouts;
  if (times.length === 0) return { ...e, p50: NaN, p95: NaN, p99: NaN, perSecond: 0, failed };
  const seconds = result.duration || SECONDS;
  return {
    ...e,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    perSecond: times.length / seconds,
    failed,
  };
}

/** Measures every read endpoint of the server at `url` (an imported account; figures computed first). */
export async function measureReads(url: string, start: string, asOf: string, key = KEY): Promise<EndpointFigures[]> {
  await apiClient(url, key).request('GET', '/v1/customers?per_page=1'); // any pending recompute, done
  const figures: EndpointFigures[] = [];
  for (const e of await endpoints(url, key, start, asOf)) {
    await apiClient(url, key).request('GET', e.path); // warm (memos, plans)
    const one = await timed(() => apiClient(url, key).request('GET', e.path));
    figures.push(await load(url, key, e, one.ms));
  }
  return figures;
}

const ms = (v: number) => (Number.isNaN(v) ? '—' : `${v < 10 ? v.toFixed(1) : v.toFixed(0)} ms`);

/** One line per endpoint: p50 / p95 / p99, requests per second, the p95 goal and whether it is met. */
export function readLines(figures: readonly EndpointFigures[]): [string, string][] {
  return figures.map((f) => [
    f.label,
    f.perSecond === 0
      ? `no answer; p95 goal ${f.goalMs} ms: NOT met${f.failed ? `, ${f.failed} failed` : ''}`
      : `${ms(f.p50)} / ${ms(f.p95)} / ${ms(f.p99)}, ${f.perSecond < 10 ? f.perSecond.toFixed(1) : Math.round(f.perSecond)} req/s; p95 goal ${f.goalMs} ms: ${f.p95 < f.goalMs ? 'met' : 'NOT met'}${f.failed ? `, ${f.failed} failed` : ''}`,
  ]);
}

if (process.argv[1] === import.meta.filename) {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      key: { type: 'string', default: KEY },
      start: { type: 'string', default: '2021-11-01' },
      'as-of': { type: 'string', default: '2026-10-31' },
      only: { type: 'string' },
    },
  });
  if (!values.url) throw new Error('--url of a running server is required');
  console.log(`reads under ${CONNECTIONS} connections, p50 / p95 / p99:`);
  for (const [label, value] of readLines(await measureReads(values.url, values.start!, values['as-of']!, values.key!))) {
    console.log(`  ${label.padEnd(46)} ${value}`);
  }
}
