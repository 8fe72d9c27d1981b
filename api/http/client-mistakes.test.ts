/**
 * Requests that once answered 500 (issue 9), over a real HTTP server on every driver: each is
 * a 4xx naming the parameter or field, and a refused request writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers, testDatabase, type TestDatabase } from '../testing/databases.test-util.ts';
import { startTestServer, type TestServer } from '../testing/server.test-util.ts';
import { monthlyInvoice, seed, type Fixture } from '../v1/billing-fixtures.test-util.ts';

const nested = (depth: number, inner = '1') => '['.repeat(depth) + inner + ']'.repeat(depth);
const nestedObject = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
const cursor = (text: string) => Buffer.from(text).toString('base64url');
const PLAN = { Name: 'Gold', 'Interval count': 1, 'Interval unit': 'month', 'Plan ID': 'gold' };

for (const driver of drivers()) {
  describe(`client mistakes answered 4xx (${driver})`, () => {
    let database: TestDatabase;
    let server: TestServer;
    let fx: Fixture;
    const count = async (table: string) =>
      Number((await database.db.read((tx) => tx.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE account_id = $1`, [server.accountId])))[0].n);
    const send = async (method: string, path: string, body?: unknown) => {
      const r = await server.call(method, path, body);
      expect(r.status, `${method} ${path} → ${JSON.stringify(r.json)}`).toBeLessThan(500);
      return r;
    };

    beforeAll(async () => {
      database = await testDatabase(driver);
      server = await startTestServer(database.db, { today: '2016-03-15', rateLimitPerSecond: 10_000 });
      fx = await seed(server, database.db, server.accountId, [{ id: 'a', name: 'Alpha' }]);
      await server.call('POST', `/v1/import/customers/${fx.customers.a}/invoices`, {
        invoices: [monthlyInvoice('a1', fx.plans.gold, { sub: 'a-sub', start: '2016-01-01', end: '2016-02-01' })],
      });
    }, 60_000);
    afterAll(async () => {
      await server?.close();
      await database?.drop();
    });

    it('JSON nested thousands of levels deep is a 400 naming the nesting limit', async () => {
      for (const [method, path, body] of [
        ['POST', '/v1/customers', `{"name":${nested(5_000)}}`],
        ['POST', '/v1/customers', `{"name":${nested(200_000)}}`],
        ['PATCH', '/v1/account', `{"settings":{"base_currency":${nested(10_000)}}}`],
        ['PATCH', '/v1/account', `{"settings":${nestedObject(10_000)}}`],
        ['POST', '/sync/customers', `{"rows":[{"Name":${nested(10_000)},"External ID":"deep"}]}`],
        ['POST', `/v1/import/customers/${fx.customers.a}/invoices`, `{"invoices":${nested(10_000)}}`],
      ] as const) {
        const r = await send(method, path, body);
        expect(r.status, path).toBe(400);
        expect(r.json.message, path).toMatch(/nested more than 64 levels deep/);
      }
      // 64 levels are fine: the answer is about the value, not the nesting.
      const ok = await send('POST', '/sync/customers', `{"rows":[{"Name":${nested(61, '"x"')},"External ID":"deep"}]}`);
      expect(ok.status).toBe(200);
      expect(ok.json.errors[0]).toMatchObject({ row: 2, column: 'Name' });
      expect(await count('customers')).toBe(1);
    });

    it('a NUL character in any query parameter is a 4xx naming the parameter', async () => {
      for (const [path, param] of [
        ['/v1/invoices?external_id=a%00b', 'external_id'],
        ['/v1/subscription_events?customer_external_id=a%00b', 'customer_external_id'],
        ['/v1/subscription_events?subscription_external_id=%00', 'subscription_external_id'],
        ['/v1/subscription_events?plan_external_id=x&event_type=%00', 'event_type'],
        ['/v1/metrics/mrr?plans=gold,a%00b', 'plans'],
        ['/v1/metrics/all?geo=%00', 'geo'],
        ['/v1/customers?email=%00', 'email'],
        ['/v1/activities?type=%00', 'type'],
        ['/v1/plans?per_page=1&%00=1', '\\u0000'],
      ] as const) {
        const r = await send('GET', path);
        expect(r.status, path).toBe(422);
        expect(Object.keys(r.json.errors), path).toEqual([param]);
        expect(r.json.errors[param], path).toMatch(/NUL character/);
      }
      const sync = await send('POST', '/sync/plans?source=%00', { rows: [PLAN] });
      expect(sync.status).toBe(400);
      expect(sync.json).toMatchObject({ param: 'source' });
      const path = await send('PUT', `/v1/data_sources/${fx.ds}/invoices/a%00/status`, { status: 'voided' });
      expect(path.status).toBe(404);
    });

    it('a cursor past any real offset is a 400 naming cursor, on every list', async () => {
      const lists = [
        '/v1/customers', '/v1/customers/search?email=x@example.com', '/v1/plans', '/v1/invoices', '/v1/subscription_events',
        '/v1/contacts', '/v1/activities', `/v1/customers/${fx.customers.a}/activities`, `/v1/customers/${fx.customers.a}/contacts`,
        `/v1/import/customers/${fx.customers.a}/invoices`, `/v1/import/customers/${fx.customers.a}/subscriptions`,
        `/v1/customers/${fx.customers.a}/subscriptions`,
      ];
      for (const list of lists) {
        for (const offset of ['9223372036854775808', '9007199254740993', '1' + '0'.repeat(30), '007']) {
          const r = await send('GET', `${list}${list.includes('?') ? '&' : '?'}cursor=${cursor(`o${offset}`)}`);
          expect(r.status, `${list} ${offset}`).toBe(400);
          expect(r.json.param).toBe('cursor');
        }
      }
      for (const offset of ['9223372036854775808', '9007199254740993', '0.1']) {
        const r = await send('GET', `/sync/results?cursor=${cursor(`1.${offset}`)}`);
        expect(r.status, offset).toBe(400);
        expect(r.json.param).toBe('cursor');
      }
    });

    it('a /sync row number over 2^31 − 1 is a 400 naming it', async () => {
      const json = await send('POST', '/sync/plans', { rows: [{ ...PLAN, row: 2 ** 31 }] });
      expect(json.status).toBe(400);
      expect(json.json.message).toMatch(/rows\[0\]\.row .*2,147,483,647/);
      const highest = await send('POST', '/sync/plans', { rows: [{ ...PLAN, 'Interval count': 0, row: 2 ** 31 - 1 }] });
      expect(highest.json.errors[0]).toMatchObject({ row: 2 ** 31 - 1, column: 'Interval count' });
      const csv = 'Name,Interval count,Interval unit,Plan ID\nGold,1,month,gold\nSilver,1,month,silver\n';
      for (const first of [2 ** 31, 2 ** 31 - 1, 1e30]) {
        const r = await fetch(`${server.url}/sync/plans?first_row=${first}`, {
          method: 'POST',
          headers: { authorization: `Basic ${Buffer.from(`${server.key}:`).toString('base64')}`, 'content-type': 'text/csv' },
          body: csv,
        });
        expect(r.status, String(first)).toBe(400);
        expect(((await r.json()) as { param: string }).param).toBe('first_row');
      }
    });

    it('a lone UTF-16 surrogate is refused, the same way every time it is sent', async () => {
      const before = await count('customers');
      for (let i = 0; i < 2; i++) {
        const v1 = await send('POST', '/v1/customers', `{"data_source_uuid":"${fx.ds}","external_id":"sur","name":"a\\ud800b"}`);
        expect(v1.status).toBe(422);
        expect(v1.json.errors).toEqual({ name: 'name contains a lone UTF-16 surrogate; text must be valid Unicode' });
        const key = await send('POST', '/v1/customers', `{"data_source_uuid":"${fx.ds}","external_id":"sur","name":"x","attributes":{"custom":{"k\\udc00":1}}}`);
        expect(key.status).toBe(422);
        expect(Object.keys(key.json.errors)).toEqual(['attributes.custom.k\\udc00']);
        const account = await send('PATCH', '/v1/account', '{"settings":{"base_currency":"\\ud83d"}}');
        expect(account.status).toBe(422);
        expect(Object.keys(account.json.errors)).toEqual(['settings.base_currency']);
        const sync = await send('POST', '/sync/plans', `{"rows":[{"Name":"Bad \\ud800","Interval count":1,"Interval unit":"month","Plan ID":"bad"},
          {"Name":"Fine \\ud83d\\ude00","Interval count":1,"Interval unit":"month","Plan ID":"fine"}]}`);
        expect(sync.status).toBe(200);
        expect(sync.json.accepted).toBe(1);
        expect(sync.json.errors).toEqual([{
          row: 2, column: 'Name', value: 'Bad \\ud800', message: 'Name contains a lone UTF-16 surrogate; text must be valid Unicode',
        }]);
        const header = await send('POST', '/sync/customers', '{"rows":[{"Name":"n","External ID":"e","Attribute: \\udfff":"v"}]}');
        expect(header.status).toBe(400);
        expect(header.json.message).toMatch(/lone UTF-16 surrogate/);
      }
      expect(await count('customers')).toBe(before);
      const plans = await database.db.read((tx) => tx.query<{ name: string }>("SELECT name FROM plans WHERE account_id = $1 AND external_id = 'fine'", [server.accountId]));
      expect(plans.map((p) => p.name)).toEqual(['Fine 😀']);
    });

    it('figures summed past any integer column (seats, MRR, payments) are stored and read back, not a 500', async () => {
      const own = await server.newAccount('Huge');
      const as = async (method: string, path: string, body?: unknown) => {
        const r = await server.call(method, path, body, own.key);
        expect(r.status, `${method} ${path} → ${JSON.stringify(r.json).slice(0, 300)}`).toBe(200);
        return r.json;
      };
      const rows = (n: number, row: (i: number) => Record<string, unknown>) => ({ rows: Array.from({ length: n }, (_, i) => row(i)) });
      const largest = 999_999_999_999_999;
      await as('POST', '/sync/customers', { rows: [{ Name: 'Huge', 'External ID': 'huge' }] });
      await as('POST', '/sync/plans', { rows: [{ Name: 'Daily', 'Interval count': 1, 'Interval unit': 'day', 'Plan ID': 'daily' }] });
      await as('POST', '/sync/invoices', { rows: [{ 'Customer external ID': 'huge', 'Invoice external ID': 'h1', 'Invoiced date': '2016-03-14', Currency: 'USD' }] });
      // 400 subscriptions of a day at the largest amount and seat count: past 2^63 cents of MRR, past 2^31 seats.
      expect(await as('POST', '/sync/line_items', rows(400, (i) => ({
        'Invoice external ID': 'h1', 'Subscription external ID': `h${i}`, Type: 'Subscription', 'Amount in cents': largest, Plan: 'daily',
        'Service period start': '2016-03-14', 'Service period end': '2016-03-15', Quantity: 2 ** 31 - 1, Proration: 'FALSE',
      })))).toMatchObject({ accepted: 400, errors: [] });
      for (const batch of ['p', 'q']) {
        expect(await as('POST', '/sync/transactions', rows(5_000, (i) => ({
          'Invoice external ID': 'h1', 'External ID': `${batch}${i}`, Type: 'payment', Result: 'successful', Date: '2016-03-14', 'Amount in cents': largest,
        })))).toMatchObject({ accepted: 5_000, errors: [] });
      }
      const [huge] = (await as('GET', '/sync/results')).customers;
      expect(huge.mrr).toBeGreaterThan(2 ** 63);
      expect(huge.quantity).toBe(400 * (2 ** 31 - 1));
      expect(huge.net_payments).toBeGreaterThan(2 ** 63);
      await as('GET', '/v1/customers?external_id=huge');
      await as('GET', '/v1/metrics/all?start-date=2016-03-01');
      await as('GET', '/v1/activities');
    }, 120_000);

    it('a contact after one at the highest position is created (they share it)', async () => {
      const top = await send('POST', `/v1/customers/${fx.customers.a}/contacts`, { first_name: 'Top', position: 2 ** 31 - 1 });
      expect(top.status).toBe(201);
      const next = await send('POST', `/v1/customers/${fx.customers.a}/contacts`, { first_name: 'Next' });
      expect(next.status).toBe(201);
      expect(next.json.position).toBe(2 ** 31 - 1);
      const over = await send('POST', `/v1/customers/${fx.customers.a}/contacts`, { first_name: 'Over', position: 2 ** 31 });
      expect(over.status).toBe(422);
      expect(Object.keys(over.json.errors)).toEqual(['position']);
    });

    it('keys every object has (__proto__, constructor) are no setting and no attribute', async () => {
      for (const key of ['__proto__', 'constructor', 'toString']) {
        const r = await send('PATCH', '/v1/account', `{"settings":{"base_currency":"USD","${key}":"String"}}`);
        expect(r.status, key).toBe(422);
        expect(Object.keys(r.json.errors), key).toEqual([key]);
      }
      const proto = await send('POST', `/v1/customers/${fx.customers.a}/attributes/custom`, '{"custom":[{"type":"String","key":"__proto__","value":"x"}]}');
      expect(proto.status).toBe(422);
      const absent = await send('PUT', `/v1/customers/${fx.customers.a}/attributes/custom`, '{"custom":{"constructor":"x"}}');
      expect(absent.status).toBe(422);
      expect(absent.json.errors.custom).toMatch(/no custom attribute 'constructor'/);
      const added = await send('POST', `/v1/customers/${fx.customers.a}/attributes/custom`, '{"custom":[{"type":"String","key":"constructor","value":"x"}]}');
      expect(added.json).toEqual({ custom: { constructor: 'x' } });
    });

    it('activities and metrics over years 0001 to 9999 answer, dated in the years asked', async () => {
      for (const path of [
        '/v1/activities?start-date=0001-01-01&end-date=9999-12-31&interval=year',
        `/v1/customers/${fx.customers.a}/activities?start-date=0001-01-01&end-date=9999-12-31`,
      ]) {
        const r = await send('GET', path);
        expect(r.status, path).toBe(200);
        expect(r.json.entries.length, path).toBeGreaterThan(0);
      }
      const mrr = await send('GET', '/v1/metrics/mrr?start-date=0001-01-01&end-date=9999-12-31&interval=year');
      expect(mrr.status).toBe(200);
      expect(mrr.json.entries[0].date).toBe('0001-12-31');
      expect(mrr.json.entries.at(-1).date).toBe('2016-03-15');
      expect(mrr.json.entries.length).toBe(2016);
      for (const interval of ['day', 'week', 'month']) {
        const r = await send('GET', `/v1/metrics/all?start-date=0001-01-01&end-date=9999-12-31&interval=${interval}`);
        expect(r.status, interval).toBe(422);
        expect(Object.keys(r.json.errors)).toEqual(['start-date']);
      }
      const late = await send('GET', '/v1/metrics/mrr?start-date=9999-12-31&end-date=9999-12-31&interval=day');
      expect(late.status).toBe(200);
      expect(late.json.entries).toEqual([]);
      const zero = await send('GET', '/v1/activities?start-date=0000-01-01');
      expect(zero.status).toBe(422);
      expect(Object.keys(zero.json.errors)).toEqual(['start-date']);
      const backwards = await send('GET', '/v1/activities?start-date=2016-02-01&end-date=2016-01-01');
      expect(backwards.status).toBe(422);
    });
  });
}
