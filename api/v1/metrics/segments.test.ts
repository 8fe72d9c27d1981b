/**
 * Segments on the metrics API and activities over a real HTTP server on every driver
 * (METRICS.md section 11, API.md `filters`): every operator on customer facts (location, tags,
 * typed custom attributes, data source, currency), plan conditions by the plan in force at
 * each instant (segment_entry / segment_exit; `plans=` no longer files a whole history under
 * the latest plan), `geo` and `plans` as the older forms, 422 naming an unknown field or
 * operator, activities naming the plan in force at each movement, and the shapes of the
 * cohorts, retention and conversion endpoints. Every expected figure is derived by hand below.
 *
 * As of 2024-04-15, all monthly lines renewed on the 1st (MRR at 01-31, 02-29, 03-31, 04-15):
 * | customer | source | facts | MRR |
 * | us1 | Main | US, CA, San Francisco; tags vip; seats 50 | pro 10000 throughout |
 * | us2 | Main | US, NY, New York; tags beta; seats 9 | basic 5000 in Jan, pro 12000 from Feb (one subscription) |
 * | de1 | Main | DE; tags vip, beta; seats 100 | pro 20000 in Jan, basic 8000 from Feb (one subscription) |
 * | ca1 | Main | CA; no tags, no seats | pro_y (yearly) 120000 from Mar: 10000 |
 * | fr1 | Second | FR | Second's pro ("Pro EU") 7000 throughout |
 * Whole business: 42000, 37000, 47000, 47000.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers, testDatabase, type TestDatabase } from '../../testing/databases.test-util.ts';
import { startTestServer, type TestServer } from '../../testing/server.test-util.ts';

const Q = 'start-date=2024-01-01&end-date=2024-04-15';
const months = (m: string[]) => m.map((d) => `2024-${d}`);

function line(invoice: string, sub: string, plan: string, start: string, end: string, amount: number) {
  return {
    'Invoice external ID': invoice, 'Subscription external ID': sub, Type: 'Subscription', 'Amount in cents': amount, Plan: plan,
    'Service period start': start, 'Service period end': end, Quantity: 1, Proration: 'FALSE',
  };
}

/** A subscription renewed on the 1st of each listed month at its plan and amount. */
function monthly(customer: string, sub: string, steps: [string, string, number][]) {
  const invoices = steps.map(([month], i) => ({
    'Customer external ID': customer, 'Invoice external ID': `${sub}-${i}`, 'Invoiced date': `2024-${month}-01`, Currency: 'USD',
  }));
  const lines = steps.map(([month, plan, amount], i) => {
    const next = String(Number(month) + 1).padStart(2, '0');
    return line(`${sub}-${i}`, sub, plan, `2024-${month}-01`, `2024-${next}-01`, amount);
  });
  return { invoices, lines };
}

for (const driver of drivers()) {
  describe(`/v1 metrics and activities under segments (${driver})`, () => {
    let database: TestDatabase;
    let server: TestServer;
    const ids: Record<string, string> = {};

    const sync = async (dataset: string, rows: unknown[], source?: string) => {
      const r = await server.call('POST', `/sync/${dataset}`, { rows, ...(source ? { source } : {}) });
      if (r.status !== 200 || r.json.errors.length > 0) throw new Error(`${dataset}: ${JSON.stringify(r.json)}`);
    };
    const get = async (path: string) => {
      const r = await server.call('GET', path);
      expect(r.status, `${path}: ${JSON.stringify(r.json)}`).toBe(200);
      return r.json;
    };
    const mrr = async (segment: string) =>
      (await get(`/v1/metrics/mrr?${Q}&${segment}`)).entries.map((e: { mrr: number }) => e.mrr);
    const filters = (text: string) => `filters=${encodeURIComponent(text)}`;

    beforeAll(async () => {
      database = await testDatabase(driver);
      server = await startTestServer(database.db, { today: '2024-04-15', rateLimitPerSecond: 1_000 });
      await sync('customers', [
        { Name: 'US One', 'External ID': 'us1', Country: 'US', State: 'CA', City: 'San Francisco', 'Lead created at': '2023-12-01', 'Free trial started at': '2024-01-01' },
        { Name: 'US Two', 'External ID': 'us2', Country: 'US', State: 'NY', City: 'New York' },
        { Name: 'DE One', 'External ID': 'de1', Country: 'DE' },
        { Name: 'CA One', 'External ID': 'ca1', Country: 'CA', 'Lead created at': '2024-01-15', 'Free trial started at': '2024-02-01' },
      ], 'Main');
      await sync('plans', [
        { Name: 'Pro', 'Interval count': 1, 'Interval unit': 'month', 'Plan ID': 'pro' },
        { Name: 'Basic', 'Interval count': 1, 'Interval unit': 'month', 'Plan ID': 'basic' },
        { Name: 'Pro yearly', 'Interval count': 1, 'Interval unit': 'year', 'Plan ID': 'pro_y' },
      ], 'Main');
      const us1 = monthly('us1', 'us1s', [['01', 'pro', 10000], ['02', 'pro', 10000], ['03', 'pro', 10000], ['04', 'pro', 10000]]);
      const us2 = monthly('us2', 'us2s', [['01', 'basic', 5000], ['02', 'pro', 12000], ['03', 'pro', 12000], ['04', 'pro', 12000]]);
      const de1 = monthly('de1', 'de1s', [['01', 'pro', 20000], ['02', 'basic', 8000], ['03', 'basic', 8000], ['04', 'basic', 8000]]);
      const ca1 = {
        invoices: [{ 'Customer external ID': 'ca1', 'Invoice external ID': 'ca1s-0', 'Invoiced date': '2024-03-01', Currency: 'USD' }],
        lines: [line('ca1s-0', 'ca1s', 'pro_y', '2024-03-01', '2025-03-01', 120000)],
      };
      await sync('invoices', [...us1.invoices, ...us2.invoices, ...de1.invoices, ...ca1.invoices], 'Main');
      await sync('line_items', [...us1.lines, ...us2.lines, ...de1.lines, ...ca1.lines], 'Main');
      await sync('customers', [{ Name: 'FR One', 'External ID': 'fr1', Country: 'FR' }], 'Second');
      await sync('plans', [{ Name: 'Pro EU', 'Interval count': 1, 'Interval unit': 'month', 'Plan ID': 'pro' }], 'Second');
      const fr1 = monthly('fr1', 'fr1s', [['01', 'pro', 7000], ['02', 'pro', 7000], ['03', 'pro', 7000], ['04', 'pro', 7000]]);
      await sync('invoices', fr1.invoices, 'Second');
      await sync('line_items', fr1.lines, 'Second');

      for (const c of (await get('/v1/customers?per_page=200')).entries) ids[c.external_id] = c.uuid;
      for (const p of (await get('/v1/plans?per_page=200')).plans) ids[`${p.data_source_uuid} ${p.external_id}`] = p.uuid;
      for (const d of (await get('/v1/data_sources')).data_sources) ids[d.name] = d.uuid;
      const tag = (cus: string, tags: string[]) => server.call('POST', `/v1/customers/${ids[cus]}/attributes/tags`, { tags });
      const seats = (cus: string, value: number) =>
        server.call('POST', `/v1/customers/${ids[cus]}/attributes/custom`, { custom: [{ type: 'Integer', key: 'seats', value }] });
      for (const r of await Promise.all([
        tag('us1', ['vip']), tag('us2', ['beta']), tag('de1', ['vip', 'beta']), seats('us1', 50), seats('us2', 9), seats('de1', 100),
      ])) expect(r.status, JSON.stringify(r.json)).toBeLessThan(300);
    }, 120_000);
    afterAll(async () => {
      await server?.close();
      await database?.drop();
    });

    it('without a segment: the whole business', async () => {
      expect(await mrr('')).toEqual([42000, 37000, 47000, 47000]);
    });

    it('customer conditions: region, state, city, tags with every set operator', async () => {
      expect(await mrr(filters("region~ANY~'US'"))).toEqual([15000, 22000, 22000, 22000]);
      expect(await mrr(filters("region~NONE~'US'"))).toEqual([27000, 15000, 25000, 25000]);
      expect(await mrr(filters("region~EQ~'DE'"))).toEqual([20000, 8000, 8000, 8000]);
      expect(await mrr(filters("region~NOT_EQ~'DE'"))).toEqual([22000, 29000, 39000, 39000]);
      expect(await mrr(filters("state~ANY~'CA'"))).toEqual([10000, 10000, 10000, 10000]);
      expect(await mrr(filters("city~EQ~'New York'"))).toEqual([5000, 12000, 12000, 12000]);
      expect(await mrr(filters("tags~ANY~'vip'"))).toEqual([30000, 18000, 18000, 18000]);
      expect(await mrr(filters("tags~ALL~'vip','beta'"))).toEqual([20000, 8000, 8000, 8000]);
      // A customer without tags matches NONE.
      expect(await mrr(filters("tags~NONE~'vip'"))).toEqual([12000, 19000, 29000, 29000]);
      // Text matches exactly: the case of a tag counts.
      expect(await mrr(filters("tags~ANY~'VIP'"))).toEqual([0, 0, 0, 0]);
    });

    it('custom attributes compare by type (9 < 10 as numbers), keys in any case, missing only for NONE and NOT_EQ', async () => {
      expect(await mrr(filters('custom.seats~GT~9'))).toEqual([30000, 18000, 18000, 18000]);
      expect(await mrr(filters('custom.seats~GTE~9'))).toEqual([35000, 30000, 30000, 30000]);
      expect(await mrr(filters('custom.seats~LT~50'))).toEqual([5000, 12000, 12000, 12000]);
      expect(await mrr(filters('custom.seats~LTE~50'))).toEqual([15000, 22000, 22000, 22000]);
      expect(await mrr(filters('custom.seats~BETWEEN~9,50'))).toEqual([15000, 22000, 22000, 22000]);
      expect(await mrr(filters('custom.Seats~EQ~100'))).toEqual([20000, 8000, 8000, 8000]);
      expect(await mrr(filters('custom.SEATS~ANY~9,100'))).toEqual([25000, 20000, 20000, 20000]);
      expect(await mrr(filters('custom.seats~NOT_EQ~100'))).toEqual([22000, 29000, 39000, 39000]);
      expect(await mrr(filters('custom.seats~NONE~100'))).toEqual([22000, 29000, 39000, 39000]);
      expect(await mrr(filters('custom.seats~GTE~10~AND~tags~ANY~\'vip\'~AND~region~ANY~\'US\''))).toEqual([10000, 10000, 10000, 10000]);
    });

    it('data source by name or ID, currency billed', async () => {
      expect(await mrr(filters("data_source~ANY~'Second'"))).toEqual([7000, 7000, 7000, 7000]);
      expect(await mrr(filters(`data_source~EQ~'${ids.Main}'`))).toEqual([35000, 30000, 40000, 40000]);
      expect(await mrr(filters("currency~ANY~'USD'"))).toEqual([42000, 37000, 47000, 47000]);
      expect(await mrr(filters("currency~ANY~'EUR'"))).toEqual([0, 0, 0, 0]);
    });

    it('geo is region~ANY~ in any case, ANDed with filters', async () => {
      expect(await mrr('geo=us,de')).toEqual([35000, 30000, 30000, 30000]);
      expect(await mrr(`geo=US&${filters("tags~ANY~'vip'")}`)).toEqual([10000, 10000, 10000, 10000]);
    });

    it('plan conditions: the plan in force at each instant, with segment entry and exit', async () => {
      // pro in force: us1 throughout; us2 from Feb (entering with 12000 from basic's 5000); de1 in Jan
      // only (leaving with its 20000 for basic); fr1's pro in the second data source.
      expect(await mrr('plans=pro')).toEqual([37000, 29000, 29000, 29000]);
      const entries = (await get(`/v1/metrics/mrr?${Q}&plans=pro`)).entries;
      expect(entries[1]).toMatchObject({ 'mrr-expansion': 0, 'mrr-contraction': 0, 'mrr-segment-entry': 12000, 'mrr-segment-exit': -20000 });
      expect(entries[0]['mrr-new-business']).toBe(37000);
      expect(await mrr(filters("plan~ANY~'pro'"))).toEqual([37000, 29000, 29000, 29000]);
      // By name, by UUID: one data source's plan only.
      expect(await mrr(filters("plan~EQ~'Pro EU'"))).toEqual([7000, 7000, 7000, 7000]);
      expect(await mrr('plans=Pro%20EU')).toEqual([7000, 7000, 7000, 7000]);
      const mainPro = ids[`${ids.Main} pro`];
      expect(await mrr(filters(`plan~ANY~'${mainPro}'`))).toEqual([30000, 22000, 22000, 22000]);
      // NONE: basic and pro_y; us2 leaves basic for pro (exit), de1 enters basic from pro.
      expect(await mrr(filters("plan~NONE~'pro'"))).toEqual([5000, 8000, 18000, 18000]);
      expect(await mrr(filters("billing_cycle~EQ~'year-1'"))).toEqual([0, 0, 10000, 10000]);
      expect(await mrr(filters("billing_cycle~ANY~'month-1'"))).toEqual([42000, 37000, 37000, 37000]);
      // With a customer condition: both hold.
      expect(await mrr(filters("region~ANY~'US'~AND~plan~ANY~'pro'"))).toEqual([10000, 22000, 22000, 22000]);
      expect(await mrr(`geo=DE&plans=pro`)).toEqual([20000, 0, 0, 0]);
      // The series keeps section 4's invariant inside the segment: MRR = sum of its movements.
      const all = (await get(`/v1/metrics/mrr?${Q}&plans=pro`)).entries;
      let running = 0;
      for (const e of all) {
        running += e['mrr-new-business'] + e['mrr-expansion'] + e['mrr-contraction'] + e['mrr-churn'] + e['mrr-reactivation']
          + e['mrr-segment-entry'] + e['mrr-segment-exit'];
        expect(e.mrr, e.date).toBe(running);
      }
      const counts = (await get(`/v1/metrics/customer-count?${Q}&plans=pro`)).entries.map((e: any) => e.customers);
      expect(counts).toEqual([3, 3, 3, 3]);
    });

    it('an unknown field or operator is a 422 naming it, on every endpoint', async () => {
      const paths = ['/v1/metrics/all', '/v1/metrics/mrr', '/v1/metrics/retention', '/v1/metrics/conversion', '/v1/metrics/cohorts', '/v1/activities', `/v1/customers/${ids.us1}/activities`];
      for (const path of paths) {
        for (const [text, named] of [["colour~ANY~'red'", 'colour'], ["region~LIKE~'US'", 'LIKE'], ["region~GT~'US'", 'GT'], ["region~ANY~'US'~OR~tags~ANY~'vip'", 'OR']]) {
          const r = await server.call('GET', `${path}?${filters(text)}`);
          expect(r.status, `${path} ${text}`).toBe(422);
          expect(r.json.errors.filters, `${path} ${text}`).toContain(named);
        }
      }
    });

    it('activities name the plan in force at each movement; under plan conditions they carry segment movements', async () => {
      const rows = async (q: string) => (await get(`/v1/activities?${q}`)).entries
        .map((e: any) => [e.date.slice(0, 10), e['customer-external-id'], e.type, e['activity-mrr-movement'], e['plan-external-id'], e.description]);
      expect(await rows("type=new_biz")).toEqual([
        ['2024-01-01', 'de1', 'new_biz', 20000, 'pro', 'purchased the Pro plan'],
        ['2024-01-01', 'fr1', 'new_biz', 7000, 'pro', 'purchased the Pro EU plan'],
        ['2024-01-01', 'us1', 'new_biz', 10000, 'pro', 'purchased the Pro plan'],
        ['2024-01-01', 'us2', 'new_biz', 5000, 'basic', 'purchased the Basic plan'],
        ['2024-03-01', 'ca1', 'new_biz', 10000, 'pro_y', 'purchased the Pro yearly plan'],
      ]);
      expect(await rows('start-date=2024-02-01&end-date=2024-02-01')).toEqual([
        ['2024-02-01', 'de1', 'contraction', -12000, 'basic', 'reduced their Basic plan'],
        ['2024-02-01', 'us2', 'expansion', 7000, 'pro', 'expanded their Pro plan'],
      ]);
      expect(await rows('plans=pro')).toEqual([
        ['2024-01-01', 'de1', 'new_biz', 20000, 'pro', 'purchased the Pro plan'],
        ['2024-01-01', 'fr1', 'new_biz', 7000, 'pro', 'purchased the Pro EU plan'],
        ['2024-01-01', 'us1', 'new_biz', 10000, 'pro', 'purchased the Pro plan'],
        ['2024-02-01', 'de1', 'segment_exit', -20000, 'pro', 'moved out of the segment from their Pro plan'],
        ['2024-02-01', 'us2', 'segment_entry', 12000, 'pro', 'moved into the segment with their Pro plan'],
      ]);
      expect(await rows(`type=segment_entry&${filters("plan~ANY~'pro'")}`)).toEqual([
        ['2024-02-01', 'us2', 'segment_entry', 12000, 'pro', 'moved into the segment with their Pro plan'],
      ]);
      expect(await rows(`order=-date&per_page=2&${filters("tags~ANY~'vip'")}`)).toEqual([
        ['2024-02-01', 'de1', 'contraction', -12000, 'basic', 'reduced their Basic plan'],
        ['2024-01-01', 'us1', 'new_biz', 10000, 'pro', 'purchased the Pro plan'],
      ]);
      // Pages under plan conditions follow the cursor like any list.
      const first = await get('/v1/activities?plans=pro&per_page=3');
      expect(first.has_more).toBe(true);
      const next = await get(`/v1/activities?plans=pro&per_page=3&cursor=${encodeURIComponent(first.cursor)}`);
      expect([...first.entries, ...next.entries].map((e: any) => e.type)).toEqual(['new_biz', 'new_biz', 'new_biz', 'segment_exit', 'segment_entry']);
      expect(next).toMatchObject({ has_more: false, cursor: null });
      const theirs = await get(`/v1/customers/${ids.us2}/activities?plans=pro`);
      expect(theirs.entries.map((e: any) => [e.type, e['activity-mrr-movement'], e.description])).toEqual([
        ['segment_entry', 12000, 'moved into the segment with their Pro plan'],
      ]);
      expect((await get(`/v1/customers/${ids.us2}/activities`)).entries.map((e: any) => e.description)).toEqual([
        'purchased the Basic plan', 'expanded their Pro plan',
      ]);
    });

    it('cohorts: whole business and under a plan segment (a customer that only entered it is in no cohort)', async () => {
      const whole = await get('/v1/metrics/cohorts?end-date=2024-04-15');
      expect(whole.entries.map((c: any) => [c.cohort, c.size, c['mrr-start']])).toEqual([['2024-01-01', 4, 42000], ['2024-03-01', 1, 10000]]);
      expect(whole.entries[0].periods).toEqual([
        { period: 0, date: '2024-01-31', customers: 4, mrr: 42000, 'customer-retention': 100, 'mrr-retention': 100 },
        { period: 1, date: '2024-02-29', customers: 4, mrr: 37000, 'customer-retention': 100, 'mrr-retention': 88.1 },
        { period: 2, date: '2024-03-31', customers: 4, mrr: 37000, 'customer-retention': 100, 'mrr-retention': 88.1 },
        { period: 3, date: '2024-04-15', customers: 4, mrr: 37000, 'customer-retention': 100, 'mrr-retention': 88.1 },
      ]);
      const pro = await get('/v1/metrics/cohorts?plans=pro');
      expect(pro.entries.map((c: any) => [c.cohort, c.size, c['mrr-start']])).toEqual([['2024-01-01', 3, 37000]]);
      expect(pro.entries[0].periods[1]).toEqual({
        period: 1, date: '2024-02-29', customers: 2, mrr: 17000, 'customer-retention': 66.67, 'mrr-retention': 45.95,
      });
      const vip = await get(`/v1/metrics/cohorts?interval=quarter&${filters("tags~ANY~'vip'")}`);
      expect(vip.entries.map((c: any) => [c.cohort, c.size, c['mrr-start'], c.periods.map((p: any) => [p.date, p.mrr])])).toEqual([
        ['2024-01-01', 2, 18000, [['2024-03-31', 18000], ['2024-04-15', 18000]]],
      ]);
      expect((await get('/v1/metrics/cohorts?start-date=2024-02-01')).entries.map((c: any) => c.cohort)).toEqual(['2024-03-01']);
      const bad = await server.call('GET', '/v1/metrics/cohorts?interval=day');
      expect(bad.status).toBe(422);
      expect(bad.json.errors.interval).toContain('week');
    });

    it('retention and conversion: entries and summary', async () => {
      const r = await get(`/v1/metrics/retention?${Q}`);
      expect(r.entries.map((e: any) => [e.date, e['net-mrr-retention'], e['gross-mrr-retention'], e['quick-ratio']])).toEqual([
        ['2024-01-31', 0, 0, null],
        // S = everyone paying on 01-31 (42000); at 02-29 37000; gross caps us2 at its 5000.
        ['2024-02-29', 88.1, 71.43, 0.58],
        ['2024-03-31', 100, 100, null],
        ['2024-04-15', 100, 100, null],
      ]);
      expect(Object.keys(r.entries[0])).toEqual([
        'date', 'net-mrr-retention', 'net-mrr-retention-percentage-change', 'gross-mrr-retention',
        'gross-mrr-retention-percentage-change', 'quick-ratio', 'quick-ratio-percentage-change',
      ]);
      expect(r.summary).toMatchObject({ 'current-net-mrr-retention': 100, 'previous-net-mrr-retention': 100, 'current-quick-ratio': null });
      const c = await get(`/v1/metrics/conversion?${Q}`);
      expect(c.entries.map((e: any) => [e.date, e.trials, e['trials-converted'], e['trial-to-paid-rate'], e['avg-sales-cycle-days']])).toEqual([
        ['2024-01-31', 1, 1, 100, 31],
        ['2024-02-29', 1, 1, 100, null],
        ['2024-03-31', 0, 0, 0, 46],
        ['2024-04-15', 0, 0, 0, null],
      ]);
      expect(c.summary).toMatchObject({ 'current-trials': 0, 'previous-avg-sales-cycle-days': 46 });
      // Under a segment: only the US customers' trials.
      const us = await get(`/v1/metrics/conversion?${Q}&geo=US`);
      expect(us.entries.map((e: any) => e.trials)).toEqual([1, 0, 0, 0]);
      const all = await get(`/v1/metrics/all?${Q}`);
      expect(all.entries[1]).toMatchObject({ 'net-mrr-retention': 88.1, 'quick-ratio': 0.58, trials: 1 });
      expect(all.entries[0]).toMatchObject({ 'quick-ratio': 0 }); // null is 0 on the ChartMogul-compatible /all
    });
  });
}
