/**
 * Hostile requests over every route (issue 9), seeded so a failure replays: thousands of
 * requests per driver against a real HTTP server on a database holding some valid data, each
 * drawn by api/testing/hostile-requests.test-util.ts. Asserted:
 * - no answer is a 5xx (a client cannot cause a fault of ours);
 * - nothing refused was half-written: after every 4xx, every table of the database holds
 *   exactly what it held before (row counts and content, compared by a fingerprint);
 * - the server still answers /v1/ping, along the way and at the end;
 * - every registered route was fuzzed, and has a valid template to fuzz from.
 * MOGUL_FUZZ_SEED replays another seed, MOGUL_FUZZ_RUNS sets the requests per driver (the Neon
 * driver gets a fifth), MOGUL_FUZZ_DRIVERS=pg,… picks drivers,
 * MOGUL_FUZZ_SHOW=<index> prints that request whole, MOGUL_FUZZ_VERBOSE=1 the answers per route.
 * One test file per driver (fuzz.<driver>.test.ts), so the drivers' runs share the machine's
 * cores instead of queueing in one file.
 */
import { request as httpRequest } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDateOnly } from '../../shared/index.ts';
import { createApp } from '../app.ts';
import type { Database } from '../db/client.ts';
import { SeriesInputsCache } from '../derived/series-inputs.ts';
import { drivers, testDatabase, type DriverName, type TestDatabase } from '../testing/databases.test-util.ts';
import { abstractRequest, concreteRequest, routeKey, type ConcreteRequest, type Route } from '../testing/hostile-requests.test-util.ts';
import { TEMPLATES, type Pool } from '../testing/route-templates.test-util.ts';
import { startTestServer, type TestServer } from '../testing/server.test-util.ts';
import { intId } from '../store/int-id.ts';

const SEED = Number(process.env.MOGUL_FUZZ_SEED ?? 20_260_907);
const RUNS = Number(process.env.MOGUL_FUZZ_RUNS ?? 5_000);
/** The Neon driver speaks to the same PostgreSQL through a WebSocket relay: a fifth of the requests keeps the file short. */
const runsOn = (driver: string) => (driver === 'neon' ? Math.ceil(RUNS / 5) : RUNS);
const ONLY = process.env.MOGUL_FUZZ_DRIVERS?.split(',');
const TODAY = '2024-11-21';
/** Every so many requests the seed rows are sent again (sooner, though not at once, when deletes left little to reach). */
const RESEED_EVERY = 250;
const thin = (pool: Pool) => pool.cus.length < 3 || pool.inv.length < 2 || pool.sub.length < 2 || pool.con.length === 0 || pool.se.length === 0;

/** The routes the app registers (middleware left out), sorted. */
function registeredRoutes(db: Database): Route[] {
  const app = createApp({ db, today: () => parseDateOnly(TODAY)!, inputs: new SeriesInputsCache(db) });
  const keys = new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => routeKey(r)));
  return [...keys].sort().map((k) => {
    const [method, path] = k.split(' ');
    return { method, path };
  });
}

/** Valid rows of every dataset, in two data sources: what the fuzz starts from (and restores). */
const SEED_ROWS: [dataset: string, source: string | undefined, rows: Record<string, unknown>[]][] = [
  ['customers', undefined, [
    { Name: 'Alpha', 'External ID': 'c1', Email: 'alpha@example.com', Country: 'US', 'Lead created at': '2023-11-01' },
    { Name: 'Beta', 'External ID': 'c2', Email: 'beta@example.com', Country: 'DE' },
    { Name: 'Gamma', 'External ID': 'c3', Email: 'gamma@example.com', Country: 'FR', 'Free trial started at': '2023-12-01' },
    { Name: 'Delta', 'External ID': 'c4', Email: 'alpha@example.com' },
  ]],
  ['plans', undefined, [
    { Name: 'Gold', 'Interval count': 1, 'Interval unit': 'month', 'Plan ID': 'gold' },
    { Name: 'Silver', 'Interval count': 1, 'Interval unit': 'year', 'Plan ID': 'silver' },
    { Name: 'Weekly', 'Interval count': 7, 'Interval unit': 'day', 'Plan ID': 'weekly' },
  ]],
  ['exchange_rates', undefined, [{ Date: '2024-01-01', Currency: 'EUR', Rate: '1.1' }]],
  ['invoices', undefined, [
    { 'Customer external ID': 'c1', 'Invoice external ID': 'i1', 'Invoiced date': '2024-01-01', Currency: 'USD' },
    { 'Customer external ID': 'c1', 'Invoice external ID': 'i2', 'Invoiced date': '2024-02-01', Currency: 'USD' },
    { 'Customer external ID': 'c2', 'Invoice external ID': 'i3', 'Invoiced date': '2024-01-15', Currency: 'EUR' },
    { 'Customer external ID': 'c3', 'Invoice external ID': 'i4', 'Invoiced date': '2024-03-01', Currency: 'USD' },
  ]],
  ['line_items', undefined, [
    { 'Invoice external ID': 'i1', 'Subscription external ID': 's1', Type: 'Subscription', 'Amount in cents': 5000, Plan: 'gold', 'Service period start': '2024-01-01', 'Service period end': '2024-02-01', Quantity: 1, Proration: 'FALSE' },
    { 'Invoice external ID': 'i2', 'Subscription external ID': 's1', Type: 'Subscription', 'Amount in cents': 7000, Plan: 'gold', 'Service period start': '2024-02-01', 'Service period end': '2024-03-01', Quantity: 2, Proration: 'FALSE' },
    { 'Invoice external ID': 'i2', Type: 'OneTime', 'Amount in cents': 1500, Proration: 'FALSE' },
    { 'Invoice external ID': 'i3', 'Subscription external ID': 's2', Type: 'Subscription', 'Amount in cents': 120000, Plan: 'silver', 'Service period start': '2024-01-15', 'Service period end': '2025-01-15', Quantity: 1, Proration: 'FALSE' },
    { 'Invoice external ID': 'i4', 'Subscription external ID': 's3', Type: 'Subscription', 'Amount in cents': 900, Plan: 'weekly', 'Service period start': '2024-03-01', 'Service period end': '2024-03-08', Quantity: 3, Proration: 'FALSE' },
  ]],
  ['transactions', undefined, [
    { 'Invoice external ID': 'i1', 'External ID': 't1', Type: 'payment', Result: 'successful', Date: '2024-01-02' },
    { 'Invoice external ID': 'i2', 'External ID': 't2', Type: 'refund', Result: 'successful', Date: '2024-02-10', 'Amount in cents': 500 },
  ]],
  ['cancellations', undefined, [{ 'Customer external ID': 'c3', 'Subscription external ID': 's3', 'Cancelled at': '2024-03-05' }]],
  ['subscription_events', undefined, [
    { 'Customer external ID': 'c4', 'Subscription external ID': 's4', 'External ID': 'e1', 'Event Type': 'subscription_start', Date: '2024-04-01', 'Effective Date': '2024-04-01', 'Plan external ID': 'gold', Currency: 'USD', 'Amount in Cents': 3000, Quantity: 1 },
  ]],
  ['manual_subscriptions', undefined, [
    { 'Subscription external ID': 'm1', 'Customer external ID': 'c2', 'Plan external ID': 'gold', Date: '2024-05-01', 'Effective Date': '2024-05-01', 'Event Type': 'subscription_start', Currency: 'USD', 'Amount in cents': 2000, Quantity: 1 },
  ]],
  ['contacts', undefined, [{ 'Customer external ID': 'c1', 'First name': 'Ada', Email: 'ada@example.com' }]],
  ['customers', 'Other', [{ Name: 'Other one', 'External ID': 'o1', Email: 'other@example.com' }]],
  ['plans', 'Other', [{ Name: 'Other plan', 'Interval count': 1, 'Interval unit': 'month', 'Plan ID': 'other' }]],
];

async function readPool(db: Database, accountId: string): Promise<Pool> {
  return db.read(async (tx) => {
    const q = <T>(sql: string) => tx.query<T & Record<string, unknown>>(sql, [accountId]);
    const ds = await q<{ id: string }>('SELECT id FROM data_sources WHERE account_id = $1 ORDER BY created_at, name');
    const cus = await q<{ id: string; external_id: string; email: string | null }>('SELECT id, external_id, email FROM customers WHERE account_id = $1 ORDER BY external_id, created_at');
    const pl = await q<{ id: string; external_id: string }>('SELECT id, external_id FROM plans WHERE account_id = $1 ORDER BY external_id, created_at');
    const inv = await q<{ id: string; external_id: string }>('SELECT id, external_id FROM invoices WHERE account_id = $1 ORDER BY external_id, created_at');
    const sub = await q<{ id: string; external_id: string; customer: string; ds: string }>(
      `SELECT s.id, s.external_id, c.external_id AS customer, c.data_source_id AS ds
         FROM subscriptions s JOIN customers c ON c.id = s.customer_id WHERE s.account_id = $1 ORDER BY s.external_id, c.external_id, c.created_at`,
    );
    const con = await q<{ id: string }>('SELECT id FROM contacts WHERE account_id = $1 ORDER BY created_at, customer_external_id, position');
    const se = await q<{ id: string; external_id: string | null }>('SELECT id, external_id FROM subscription_events WHERE account_id = $1 ORDER BY created_at, external_id, position');
    return {
      ds: ds.map((r) => `ds_${r.id}`),
      cus: cus.map((r) => `cus_${r.id}`),
      cusExt: cus.map((r) => r.external_id),
      email: cus.flatMap((r) => (r.email ? [r.email] : [])),
      pl: pl.map((r) => `pl_${r.id}`),
      plExt: pl.map((r) => r.external_id),
      inv: inv.map((r) => `inv_${r.id}`),
      invExt: inv.map((r) => r.external_id),
      sub: sub.map((r) => `sub_${r.id}`),
      subExt: sub.map((r) => r.external_id),
      subCusExt: sub.map((r) => r.customer),
      subDs: sub.map((r) => `ds_${r.ds}`),
      con: con.map((r) => `con_${r.id}`),
      se: se.map((r) => intId(r.id)),
      seExt: se.flatMap((r) => (r.external_id ? [r.external_id] : [])),
    };
  });
}

/** Milliseconds spent on each part of the run (printed with MOGUL_FUZZ_VERBOSE). */
const timings = { fingerprint: 0, send: 0, fresh: 0, pool: 0, seed: 0 };
async function timed<T>(what: keyof typeof timings, work: Promise<T>): Promise<T> {
  const t = performance.now();
  try {
    return await work;
  } finally {
    timings[what] += performance.now() - t;
  }
}

/** One text per table of the database: its row count and the sum of its rows' hashes (any change of a row changes it). */
async function fingerprint(db: Database, tables: string[], server: TestServer): Promise<string> {
  // A job an earlier accepted request started (a JSON import, an export) writes after its answer.
  await server.jobsIdle();
  const sql = tables
    .map((t) => `SELECT '${t}' AS t, count(*) AS n, coalesce(sum(hashtextextended(x::text, 0)::numeric), 0) AS h FROM "${t}" x`)
    .join(' UNION ALL ');
  const rows = await db.read((tx) => tx.query<{ t: string; n: string | number; h: string }>(sql));
  return rows.map((r) => `${r.t}:${r.n}:${r.h}`).join(' ');
}

interface Finding {
  index: number;
  request: string;
  status: number;
  problem: string;
}

const describeRequest = (r: ConcreteRequest) =>
  `${r.method} ${r.path.slice(0, 300)} [${r.route}] ${r.headers['content-type'] ?? ''} ${r.body === undefined ? '' : r.body.slice(0, 300)}`;

/** The fuzz on one driver; skipped where that driver does not run (PostgreSQL and Neon need CI=true or DATABASE_URL). */
export function fuzzOn(driver: DriverName): void {
  const runs = drivers().includes(driver) && (!ONLY || ONLY.includes(driver));
  describe.runIf(runs)(`hostile requests over every route (${driver})`, () => {
    let database: TestDatabase;
    let server: TestServer;
    let routes: Route[];
    let tables: string[];

    beforeAll(async () => {
      database = await testDatabase(driver);
      server = await startTestServer(database.db, { today: TODAY, rateLimitPerSecond: 1_000_000 });
      routes = registeredRoutes(database.db);
      tables = (await database.db.read((tx) => tx.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
      ))).map((r) => r.table_name);
    }, 60_000);
    afterAll(async () => {
      await server?.close();
      await database?.drop();
    });

    const samples = new Map<string, string[]>();
    /**
     * One request on a connection of its own (node:http, which also sends a GET's body): a
     * server that drops a connection after refusing a request (431, 413) cannot make the
     * next request fail by its reuse. The status counts once its head arrives: a server that
     * answers without reading a body, then closes, may cut the rest. Null when the connection
     * ended before any answer.
     */
    function send(r: ConcreteRequest): Promise<number | null> {
      return new Promise((resolve) => {
        const request = httpRequest(`${server.url}${r.path}`, {
          method: r.method,
          agent: false,
          headers: {
            authorization: `Basic ${Buffer.from(`${server.key}:`).toString('base64')}`,
            // Node frames no body of a GET or DELETE by itself: without a length it would be read as the next request.
            ...(r.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(r.body)) }),
            ...r.headers,
          },
        }, (response) => {
          const status = response.statusCode ?? 0;
          const chunks: Buffer[] = [];
          const done = () => {
            if (process.env.MOGUL_FUZZ_VERBOSE) {
              const key = `${r.route} ${status}`;
              const seen = samples.get(key) ?? [];
              if (seen.length < 3) seen.push(Buffer.concat(chunks).toString('utf8').slice(0, 200));
              samples.set(key, seen);
            }
            resolve(status);
          };
          response.on('data', (c: Buffer) => chunks.push(c));
          response.on('end', done);
          response.on('error', done);
          response.on('aborted', done);
        });
        request.on('error', () => resolve(null));
        request.end(r.body);
      });
    }

    async function seed(): Promise<void> {
      for (const [dataset, source, rows] of SEED_ROWS) {
        const answer = await server.call('POST', `/sync/${dataset}`, { rows, source });
        if (answer.status !== 200) throw new Error(`seed ${dataset}: ${answer.status} ${JSON.stringify(answer.json)}`);
      }
    }

    /** Derived data caught up with every accepted write, so that a refused request has nothing to recompute. */
    const fresh = () => server.call('GET', '/sync/results?per_page=1');

    const RUNS = runsOn(driver);
    it(`answers ${RUNS} hostile requests without a 5xx, and a refused one writes nothing`, async () => {
      const started = performance.now();
      console.log(`fuzz (${driver}): seed ${SEED} (MOGUL_FUZZ_SEED=${SEED} replays it), ${RUNS} requests over ${routes.length} routes`);
      const requests = fc.sample(abstractRequest(routes), { seed: SEED, numRuns: RUNS });
      const findings: Finding[] = [];
      const perRoute = new Map<string, number>();
      const statuses = new Map<number, number>();
      const byRoute = new Map<string, Map<number, number>>();
      let pool!: Pool;
      let before = '';
      let accepted = 0;
      let seededAt = 0;
      let previous = '';
      let dropped = 0;

      /** After a write: derived data caught up (a read must not fail), then what the database holds now. */
      const rebase = async (index: number, after: string) => {
        await server.jobsIdle();
        const freshness = await timed('fresh', fresh());
        if (freshness.status >= 500) findings.push({ index, request: `GET /sync/results after ${after}`, status: freshness.status, problem: '5xx' });
        pool = await timed('pool', readPool(database.db, server.accountId));
        before = await timed('fingerprint', fingerprint(database.db, tables, server));
      };

      for (const [index, abstract] of requests.entries()) {
        if (index === 0 || index - seededAt >= RESEED_EVERY || (thin(pool) && index - seededAt >= 100)) {
          seededAt = index;
          await timed('seed', seed());
          await rebase(index, 'seeding');
          const ping = await server.call('GET', '/v1/ping');
          expect(ping.json, `ping before request ${index}`).toEqual({ data: 'pong!' });
        }
        const request = concreteRequest(routes, abstract, pool);
        if (process.env.MOGUL_FUZZ_SHOW === String(index)) console.log(`request ${index}:`, JSON.stringify(request));
        perRoute.set(request.route, (perRoute.get(request.route) ?? 0) + 1);
        const status = await timed('send', send(request));
        if (status === null) {
          // The connection ended before an answer: fine if the server still answers (it closed
          // on a body it would not read); whether the request was applied is unknown, so the
          // baseline is taken again.
          dropped++;
          const ping = await server.call('GET', '/v1/ping');
          if (ping.status !== 200) findings.push({ index, request: describeRequest(request), status: 0, problem: `no answer, and no ping after; the request before: ${previous}` });
          await rebase(index, describeRequest(request));
          continue;
        }
        previous = `${describeRequest(request).slice(0, 200)} → ${status}`;
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        const seen = byRoute.get(request.route) ?? new Map<number, number>();
        seen.set(status, (seen.get(status) ?? 0) + 1);
        byRoute.set(request.route, seen);
        if (status >= 500) findings.push({ index, request: describeRequest(request), status, problem: '5xx' });
        if (status >= 400) {
          const after = await timed('fingerprint', fingerprint(database.db, tables, server));
          if (after !== before) {
            const was = new Set(before.split(' '));
            const changed = after.split(' ').filter((t) => !was.has(t)).map((t) => t.split(':')[0]);
            findings.push({ index, request: describeRequest(request), status, problem: `refused, yet the database changed (${changed.join(', ')})` });
            before = after;
          }
        } else if (request.method !== 'GET') {
          accepted++;
          await rebase(index, describeRequest(request));
        }
      }

      const ping = await server.call('GET', '/v1/ping');
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const histogram = [...statuses.entries()].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ');
      console.log(`fuzz (${driver}): ${RUNS} requests in ${seconds} s, ${accepted} accepted writes, ${dropped} connections closed before an answer; statuses ${histogram}`);
      if (process.env.MOGUL_FUZZ_VERBOSE) {
        console.log(`  ms: ${JSON.stringify(Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)])))}`);
        for (const [route, seen] of [...byRoute.entries()].sort()) {
          console.log(`  ${route}: ${[...seen.entries()].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ')}`);
          for (const s of seen.keys()) for (const text of samples.get(`${route} ${s}`) ?? []) console.log(`    ${s} ${text}`);
        }
      }
      expect(ping.json).toEqual({ data: 'pong!' });
      expect(findings.slice(0, 20), `seed ${SEED}: ${findings.length} finding(s)`).toEqual([]);
      const least = Math.min(20, Math.floor(RUNS / routes.length / 4));
      const missing = routes.map(routeKey).filter((k) => (perRoute.get(k) ?? 0) < least);
      expect(missing, `routes fuzzed fewer than ${least} times`).toEqual([]);
    }, 900_000);

    it('has a valid template for every registered route, and none for a route that is gone', () => {
      const keys = routes.map(routeKey);
      expect(keys.filter((k) => !(k in TEMPLATES)), 'routes without a template in route-templates.test-util.ts').toEqual([]);
      expect(Object.keys(TEMPLATES).filter((k) => !keys.includes(k)), 'templates of no route').toEqual([]);
    });
  });
}
