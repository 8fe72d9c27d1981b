/**
 * The metrics API over a real HTTP server on every driver: the recorded shapes of every
 * endpoint, entries dated at each interval's last day clipped to end-date (itself clipped to
 * today), the summary, geo and plans filters, 422 for bad parameters, other accounts' data
 * never counted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers, testDatabase, type TestDatabase } from '../../testing/databases.test-util.ts';
import { startTestServer, type TestServer } from '../../testing/server.test-util.ts';
import { monthlyInvoice, seed, type Fixture } from '../billing-fixtures.test-util.ts';

const RATE_KEYS = ['customer-churn-rate', 'mrr-churn-rate'];
const KEYS = [
  'mrr', 'arr', ...RATE_KEYS, 'ltv', 'customers', 'asp', 'arpa', 'net-mrr-retention', 'gross-mrr-retention', 'quick-ratio',
  'trials', 'trials-converted', 'trial-to-paid-rate', 'avg-sales-cycle-days',
];

for (const driver of drivers()) {
  describe(`/v1 metrics (${driver})`, () => {
    let database: TestDatabase;
    let server: TestServer;
    let fx: Fixture;
    let other: { key: string; id: string };
    const get = async (path: string, key = server.key) => {
      const r = await server.call('GET', path, undefined, key);
      expect(r.status, JSON.stringify(r.json)).toBe(200);
      return r.json;
    };
    const Q = 'start-date=2016-01-01&end-date=2016-03-31';

    beforeAll(async () => {
      database = await testDatabase(driver);
      server = await startTestServer(database.db, { today: '2016-03-15', rateLimitPerSecond: 1_000 });
      fx = await seed(server, database.db, server.accountId, [{ id: 'us1', country: 'US' }, { id: 'de1', country: 'DE' }]);
      other = await server.newAccount('Other');
      const monthly = ['01', '02', '03'].map((m, i) =>
        monthlyInvoice(`us-${m}`, fx.plans.gold, { sub: 'us-sub', start: `2016-${m}-01`, end: `2016-0${i + 2}-01` }));
      const annual = monthlyInvoice('de-1', fx.plans.silver, { sub: 'de-sub', start: '2016-02-01', end: '2017-02-01', amount: 12000 });
      for (const [cus, invoices] of [[fx.customers.us1, monthly], [fx.customers.de1, [annual]]] as const) {
        const r = await server.call('POST', `/v1/import/customers/${cus}/invoices`, { invoices });
        if (r.status !== 201) throw new Error(JSON.stringify(r.json));
      }
    }, 60_000);
    afterAll(async () => {
      await server?.close();
      await database?.drop();
    });

    it('GET /v1/metrics/all: entries at each month\'s end clipped to today, percentage changes, summary', async () => {
      const all = await get(`/v1/metrics/all?${Q}`);
      expect(all.entries.map((e: { date: string }) => e.date)).toEqual(['2016-01-31', '2016-02-29', '2016-03-15']);
      expect(Object.keys(all.entries[0])).toEqual(['date', ...KEYS.flatMap((k) => [k, `${k}-percentage-change`])]);
      expect(all.entries.map((e: any) => [e.mrr, e.arr, e.customers, e.arpa, e.asp, e.ltv])).toEqual([
        [1000, 12000, 1, 1000, 1000, 0], [2000, 24000, 2, 1000, 1000, 0], [2000, 24000, 2, 1000, 0, 0],
      ]);
      expect(all.entries.map((e: any) => e['mrr-percentage-change'])).toEqual([0, 100, 0]);
      expect(all.entries.map((e: any) => e['asp-percentage-change'])).toEqual([0, 0, -100]);
      expect(Object.keys(all.summary)).toEqual(KEYS.flatMap((k) => [`current-${k}`, `previous-${k}`, `${k}-percentage-change`]));
      expect(all.summary).toMatchObject({ 'current-mrr': 2000, 'previous-mrr': 2000, 'mrr-percentage-change': 0, 'current-customers': 2 });
    });

    it('GET /v1/metrics/mrr and the single metrics: recorded keys, summary current/previous/percentage-change', async () => {
      const mrr = await get(`/v1/metrics/mrr?${Q}`);
      expect(mrr.entries[1]).toEqual({
        date: '2016-02-29', mrr: 2000, 'percentage-change': 100, 'mrr-new-business': 1000, 'mrr-expansion': 0,
        'mrr-contraction': 0, 'mrr-churn': 0, 'mrr-reactivation': 0,
      });
      expect(mrr.summary).toEqual({ current: 2000, previous: 2000, 'percentage-change': 0 });
      const single: Record<string, string> = {
        arr: 'arr', arpa: 'arpa', asp: 'asp', 'customer-count': 'customers', 'customer-churn-rate': 'customer-churn-rate',
        'mrr-churn-rate': 'mrr-churn-rate', ltv: 'ltv',
      };
      for (const [path, key] of Object.entries(single)) {
        const r = await get(`/v1/metrics/${path}?${Q}`);
        expect(Object.keys(r.entries[0]), path).toEqual(['date', key, 'percentage-change']);
        expect(Object.keys(r.summary), path).toEqual(['current', 'previous', 'percentage-change']);
        for (const e of r.entries) expect(typeof e[key], path).toBe('number');
      }
      // Summary over another interval: this week against the one before.
      const weekly = await get(`/v1/metrics/customer-count?start-date=2016-01-01&end-date=2016-01-31&interval=week`);
      expect(weekly.summary).toEqual({ current: 2, previous: 2, 'percentage-change': 0 });
      const daily = await get('/v1/metrics/mrr?start-date=2016-01-31&end-date=2016-02-02&interval=day');
      expect(daily.entries.map((e: any) => [e.date, e.mrr, e['percentage-change']])).toEqual([
        ['2016-01-31', 1000, 0], ['2016-02-01', 2000, 100], ['2016-02-02', 2000, 0],
      ]);
    });

    it('filters by geo and by plans (external ID or name)', async () => {
      const mrrs = async (q: string) => (await get(`/v1/metrics/mrr?${Q}&${q}`)).entries.map((e: { mrr: number }) => e.mrr);
      expect(await mrrs('geo=US')).toEqual([1000, 1000, 1000]);
      expect(await mrrs('geo=de')).toEqual([0, 1000, 1000]);
      expect(await mrrs('geo=US,DE')).toEqual([1000, 2000, 2000]);
      expect(await mrrs('geo=FR')).toEqual([0, 0, 0]);
      expect(await mrrs('plans=Gold')).toEqual([1000, 1000, 1000]);
      expect(await mrrs('plans=silver')).toEqual([0, 1000, 1000]);
      expect(await mrrs('plans=Silver%20annual,gold&geo=DE')).toEqual([0, 1000, 1000]);
    });

    it('defaults: month interval, start at the first movement\'s month, end today; later ends are clipped', async () => {
      const r = await get('/v1/metrics/customer-count');
      expect(r.entries.map((e: any) => [e.date, e.customers])).toEqual([['2016-01-31', 1], ['2016-02-29', 2], ['2016-03-15', 2]]);
      const q = await get('/v1/metrics/mrr?start-date=2015-12-15&end-date=2030-01-01&interval=quarter');
      expect(q.entries.map((e: any) => e.date)).toEqual(['2015-12-31', '2016-03-15']);
      expect((await get('/v1/metrics/mrr?start-date=2017-01-01')).entries).toEqual([]);
    });

    it('answers 422 for bad parameters and 404 for unknown metrics', async () => {
      const bad = async (q: string, field: string) => {
        const r = await server.call('GET', `/v1/metrics/all?${q}`);
        expect(r.status, q).toBe(422);
        expect(r.json.errors, q).toHaveProperty([field]);
      };
      await bad('interval=hour', 'interval');
      await bad('start-date=2016-13-01', 'start-date');
      await bad('end-date=yesterday', 'end-date');
      await bad('start-date=2016-03-01&end-date=2016-02-01', 'start-date');
      await bad('start-date=1900-01-01&interval=day', 'start-date'); // over 10,000 entries
      expect((await server.call('GET', '/v1/metrics/churn')).status).toBe(404);
    });

    it('answers a repeated query from memory until the next write changes the data', async () => {
      const before = await get(`/v1/metrics/mrr?${Q}&geo=US`);
      expect(await get(`/v1/metrics/mrr?${Q}&geo=US`)).toEqual(before);
      const r = await server.call('POST', `/v1/import/customers/${fx.customers.us1}/invoices`, {
        invoices: [monthlyInvoice('us-extra', fx.plans.gold, { sub: 'us-extra', start: '2016-03-01', end: '2016-04-01', amount: 700 })],
      });
      expect(r.status).toBe(201);
      const after = await get(`/v1/metrics/mrr?${Q}&geo=US`);
      expect(after.entries.map((e: { mrr: number }) => e.mrr)).toEqual([1000, 1000, 1700]);
      expect(after.summary).toEqual({ current: 1700, previous: 1000, 'percentage-change': 70 });
      await server.call('DELETE', `/v1/invoices/${r.json.invoices[0].uuid}`);
      expect(await get(`/v1/metrics/mrr?${Q}&geo=US`)).toEqual(before);
    });

    it('counts nothing of another account', async () => {
      const theirs = await get(`/v1/metrics/all?${Q}`, other.key);
      expect(theirs.entries.map((e: any) => [e.mrr, e.customers])).toEqual([[0, 0], [0, 0], [0, 0]]);
      expect(theirs.summary['current-mrr']).toBe(0);
    });
  });
}
