/**
 * Read benchmark of issue 13: every read endpoint under 20 concurrent connections (autocannon),
 * on a server that holds an imported tier (api-bench.ts measureIngest), PGlite and PostgreSQL.
 *
 * Each endpoint starts from a sync: one customer's row of the tier sent again through /sync
 * (it is marked for recompute, as every customer a sync touches), then the read a client makes
 * once its sync is sent (it recomputes that customer: the data version moves on, every answer
 * kept before is stale), timed. Then three measures, printed as such:
 * - after a sync: the reads a client makes first (the first pages, the key metrics with their
 *   default range) under 20 connections, once the server's prebuild of them has ended: the
 *   bench waits for it as a client waits for its sync to finish (polling the x-mogul-prebuild
 *   header of a read), and prints how long the prebuild took by the server's own count;
 * - cold: the first read of each other page (each other query, for metrics: ranges that start
 *   in each of the tier's first 24 months), none prebuilt, every request a different page;
 * - warm: the same pages read again and again; the share of answers the server says came from
 *   memory (x-mogul-answer: cached or prebuilt) is printed beside it;
 * - for /sync/results also the add-on's walk, after another sync: one client reading every
 *   page in order by its cursor (each parsed, as the add-on does), the server reading each
 *   next page ahead.
 * A server without an answer cache says nothing of memory ('—'); one without a prebuild is not
 * waited for (its 'after a sync' reads are cold ones).
 * Run alone against a running server (profiling, repeated measures):
 *   tsx api/bench/read-bench.ts --url http://127.0.0.1:8787 [--key …] [--dir .bench/M] [--start 2021-11-01] [--as-of 2026-10-31]
 */
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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

/** The sync an endpoint's measures start from, and the server's prebuild after it. */
export interface SyncFigures {
  /** The client's first read after the sync (it recomputes the synced customer). */
  firstReadMs: number;
  /** The prebuild of the new state, as the server counts it; null when the server does not prebuild. */
  prebuildMs: number | null;
  prebuildAnswers: number;
  /** From the end of the first read until the prebuild was seen ended (polling). */
  waitedMs: number;
}

export interface EndpointFigures {
  label: string;
  /** after sync: the first reads, prebuild waited for; cold: each other page's first read; warm: the same pages read again. */
  phase: 'after sync' | 'cold' | 'warm' | 'walk';
  /** With 'after sync': the sync and prebuild before it. */
  sync?: SyncFigures;
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
  /** What a client reads first after a sync (what the server prebuilds). */
  first: string[];
  /** Pages (queries) read cold and warm: the walk, without the first reads. */
  paths: string[];
  goalMs: number;
}

/** The key metrics, each with its default range (the first movement's month to today, by month). */
const KEY_METRICS = ['all', 'mrr', 'arr', 'arpa', 'asp', 'customer-count', 'customer-churn-rate', 'mrr-churn-rate', 'ltv'];
/** Requests of the 'after a sync' measure. */
const AFTER_SYNC_READS = 200;

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
  const others = (first: string[], walked: string[]) => walked.filter((p) => !first.includes(p));
  const customers = ['/v1/customers?per_page=200', '/v1/customers'];
  const results = ['/sync/results'];
  const metrics = KEY_METRICS.map((m) => `/v1/metrics/${m}`);
  return [
    { label: 'GET /v1/customers (200 per page)', first: customers, paths: others(customers, await walk(request, customers[0], PAGES.customers)), goalMs: 50 },
    {
      label: 'GET /v1/activities (200 per page)',
      first: ['/v1/activities?per_page=200', '/v1/activities'],
      paths: await walk(request, activities, PAGES.activities),
      goalMs: 50,
    },
    { label: 'GET /sync/results (5,000 rows a page)', first: results, paths: others(results, await walk(request, results[0], PAGES.results)), goalMs: 50 },
    { label: 'GET /v1/metrics/*', first: metrics, paths: metricsQueries(start, asOf), goalMs: 20 },
  ];
}

/**
 * `amount` requests under CONNECTIONS connections, each to the next of `paths` in turn; every
 * answer's latency kept. A fixed number of requests, not a duration: the load ends when every
 * request sent is answered, so none is left in the server for the next measure.
 */
async function load(url: string, key: string, e: Endpoint, phase: EndpointFigures['phase'], amount: number): Promise<EndpointFigures> {
  const paths = phase === 'after sync' ? e.first : e.paths;
  if (paths.length === 0 || amount === 0) {
    return { label: e.label, phase, pages: 0, goalMs: e.goalMs, failed: 0, cachedShare: null, p50: NaN, p95: NaN, p99: NaN, perSecond: 0 };
  }
  const times: number[] = [];
  let failed = 0;
  let cached = 0;
  let said = 0;
  let next = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({
      url: url.replace(/\/+$/, ''),
      connections: Math.min(CONNECTIONS, amount), // a short list (a small tier) has fewer pages than connections
      amount,
      timeout: 120,
      headers: { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` },
      requests: [{
        setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] }),
        onResponse: (_status, _body, _context, headers) => {
          const answer = (headers as Record<string, string> | undefined)?.['x-mogul-answer'];
          if (answer) said++;
          if (answer === 'cached' || answer === 'prebuilt') cached++;
        },
      }],
    }, (error, result) => (error ? reject(error) : resolve(result)));
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status === 200) times.push(ms);
      else failed++;
    });
  });
  failed += result.errors + result.timeouts;
  const base = { label: e.label, phase, pages: Math.min(paths.length, amount), goalMs: e.goalMs, failed, cachedShare: said ? cached / said : null };
  if (times.length === 0) return { ...base, p50: NaN, p95: NaN, p99: NaN, perSecond: 0 };
  return {
    ...base,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    perSecond: times.length / (result.duration || 1),
  };
}

/** Milliseconds of `work`, with its value. */
async function timedMs<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await work();
  return { ms: performance.now() - t0, value };
}

/**
 * A sync, as a client makes one: the first customer of the tier's customers.csv sent again
 * through /sync (stored as it was, marked for recompute), then the client's first read (the
 * recompute runs in it), then the prebuild the server started waited for, by polling a read's
 * x-mogul-prebuild header as a client polls until its sync is done.
 */
async function sync(url: string, key: string, dir: string): Promise<SyncFigures> {
  const [header, first] = readFileSync(join(dir, 'customers.csv'), 'utf8').split('\n', 2);
  const auth = { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` };
  const base = url.replace(/\/+$/, '');
  const sent = await fetch(`${base}/sync/customers`, { method: 'POST', headers: { ...auth, 'content-type': 'text/csv' }, body: `${header}\n${first}\n` });
  if (sent.status !== 200) throw new Error(`the sync of one customer answered ${sent.status}: ${await sent.text()}`);
  const read = () => fetch(`${base}/v1/customers?per_page=1`, { headers: auth });
  const firstRead = await timedMs(async () => {
    const r = await read();
    await r.arrayBuffer();
    return r;
  });
  const waited = performance.now();
  let state = firstRead.value.headers.get('x-mogul-prebuild');
  while (state !== null && !state.startsWith('ready')) {
    if (performance.now() - waited > 600_000) throw new Error(`the prebuild did not end within 10 minutes (${state})`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const r = await read();
    await r.arrayBuffer();
    state = r.headers.get('x-mogul-prebuild');
  }
  const field = (name: string) => Number(new RegExp(`${name}=(\\d+)`).exec(state ?? '')?.[1] ?? NaN);
  return {
    firstReadMs: firstRead.ms,
    prebuildMs: state === null ? null : field('ms'),
    prebuildAnswers: state === null ? 0 : field('answers'),
    waitedMs: performance.now() - waited,
  };
}

/** The add-on's walk: one client, `first` then each next page by its cursor, each answer parsed; every page's latency kept. */
async function walkInOrder(url: string, key: string, e: Endpoint, pages: number): Promise<EndpointFigures> {
  const auth = { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` };
  const base = url.replace(/\/+$/, '');
  const times: number[] = [];
  let failed = 0;
  let cached = 0;
  let path = e.first[0];
  const started = performance.now();
  while (times.length < pages) {
    const t0 = performance.now();
    const r = await fetch(`${base}${path}`, { headers: auth });
    const page = JSON.parse(await r.text()) as ListPage;
    times.push(performance.now() - t0);
    if (r.status !== 200) failed++;
    const answer = r.headers.get('x-mogul-answer');
    if (answer === 'cached' || answer === 'prebuilt') cached++;
    if (!page.has_more || !page.cursor) break;
    path = `${e.first[0]}${e.first[0].includes('?') ? '&' : '?'}cursor=${encodeURIComponent(page.cursor)}`;
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    label: e.label, phase: 'walk', pages: times.length, goalMs: e.goalMs, failed, cachedShare: cached / times.length,
    p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), perSecond: times.length / seconds,
  };
}

/** Measures every read endpoint of the server at `url` (an imported account; figures computed first): after a sync, cold, warm. */
export async function measureReads(url: string, dir: string, start: string, asOf: string, key = KEY): Promise<EndpointFigures[]> {
  await apiClient(url, key).request('GET', '/v1/customers?per_page=1'); // any pending recompute, done
  const figures: EndpointFigures[] = [];
  for (const e of await endpoints(url, key, start, asOf)) {
    const synced = await sync(url, key, dir);
    figures.push({ ...(await load(url, key, e, 'after sync', Math.max(AFTER_SYNC_READS, e.first.length))), sync: synced });
    figures.push(await load(url, key, e, 'cold', e.paths.length));
    figures.push(await load(url, key, e, 'warm', Math.max(WARM_MIN, e.paths.length * WARM_ROUNDS)));
    if (e.first[0] === '/sync/results') {
      const synced = await sync(url, key, dir);
      figures.push({ ...(await walkInOrder(url, key, e, PAGES.results)), sync: synced });
    }
  }
  return figures;
}

const ms = (v: number) => (Number.isNaN(v) ? '—' : `${v < 10 ? v.toFixed(1) : v.toFixed(0)} ms`);

const share = (f: EndpointFigures) => (f.cachedShare === null ? '— from memory' : `${Math.round(f.cachedShare * 100)}% from memory`);

function labelOf(f: EndpointFigures): string {
  const unit = f.label.includes('metrics') ? 'queries' : 'pages';
  if (f.phase === 'after sync') return `  after a sync, prebuild waited for: the first reads (${f.pages} ${f.label.includes('metrics') ? 'metrics, default range' : unit}; ${share(f)})`;
  if (f.phase === 'walk') return `  the add-on's walk after a sync: ${f.pages} ${unit} in order, one client (${share(f)})`;
  if (f.phase === 'cold') return `  cold: first read of ${f.pages} other ${unit} (not prebuilt)`;
  return `  warm: the same ${unit} again (${share(f)})`;
}

/** The sync an endpoint's measures start from: the client's first read after it, and the prebuild. */
function syncLine(s: SyncFigures): string {
  const prebuild = s.prebuildMs === null
    ? 'no prebuild'
    : `prebuild of ${s.prebuildAnswers} answers ${ms(s.prebuildMs)} (waited ${ms(s.waitedMs)} after the first read)`;
  return `first read ${ms(s.firstReadMs)} (its recompute), ${prebuild}`;
}

/** One line per endpoint and phase: p50 / p95 / p99, requests per second, the p95 goal and whether it is met. */
export function readLines(figures: readonly EndpointFigures[]): [string, string][] {
  const lines: [string, string][] = [];
  for (const f of figures) {
    if (f.sync) lines.push([`${f.label}: a sync of one customer`, syncLine(f.sync)]);
    const failed = f.failed ? `, ${f.failed} failed` : '';
    const value = f.pages === 0
      ? 'none (the list has no other page)'
      : f.perSecond === 0
      ? `no answer; p95 goal ${f.goalMs} ms: NOT met${failed}`
      : `${ms(f.p50)} / ${ms(f.p95)} / ${ms(f.p99)}, ${f.perSecond < 10 ? f.perSecond.toFixed(1) : Math.round(f.perSecond)} req/s; p95 goal ${f.goalMs} ms: ${f.p95 < f.goalMs ? 'met' : 'NOT met'}${failed}`;
    lines.push([labelOf(f), value]);
  }
  return lines;
}

if (process.argv[1] === import.meta.filename) {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      key: { type: 'string', default: KEY },
      dir: { type: 'string', default: '.bench/M' },
      start: { type: 'string', default: '2021-11-01' },
      'as-of': { type: 'string', default: '2026-10-31' },
    },
  });
  if (!values.url) throw new Error('--url of a running server is required');
  console.log(`reads under ${CONNECTIONS} connections, p50 / p95 / p99:`);
  for (const [label, value] of readLines(await measureReads(values.url, values.dir!, values.start!, values['as-of']!, values.key!))) {
    console.log(`  ${label.padEnd(100)} ${value}`);
  }
}
