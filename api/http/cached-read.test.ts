/**
 * Answers kept in memory are never stale: on every driver, each cached read is read (twice:
 * the second answer is the kept one), the account is changed, and the read again shows the
 * change. The writes go through a second server on the same database (another process, as
 * far as the first server's memory knows), so only the data version can tell the first one.
 * An ETag from the answer gives 304 until the account changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers, testDatabase, type TestDatabase } from '../testing/databases.test-util.ts';
import { startTestServer, type TestServer } from '../testing/server.test-util.ts';
import { monthlyInvoice, seed, type Fixture } from '../v1/billing-fixtures.test-util.ts';
import { ANSWER_HEADER } from './cached-read.ts';

for (const driver of drivers()) {
  describe(`cached reads (${driver})`, () => {
    let database: TestDatabase;
    let reader: TestServer;
    let writer: TestServer;
    let fx: Fixture;
    const write = async (method: string, path: string, body: unknown, status: number) => {
      const r = await writer.call(method, path, body, reader.key);
      expect(r.status, `${method} ${path}: ${JSON.stringify(r.json)}`).toBe(status);
      return r.json;
    };
    /** Reads twice: the second answer is the kept one, equal to the first. */
    const read = async (path: string) => {
      const first = await reader.call('GET', path);
      expect(first.status, JSON.stringify(first.json)).toBe(200);
      const again = await reader.call('GET', path);
      expect(again.headers.get(ANSWER_HEADER)).toBe('cached');
      expect(again.json).toEqual(first.json);
      return first.json;
    };
    const invoice = (cus: string, id: string, start: string, end: string, amount: number) =>
      write('POST', `/v1/import/customers/${cus}/invoices`, { invoices: [monthlyInvoice(id, fx.plans.gold, { sub: `${id}-sub`, start, end, amount })] }, 201);

    beforeAll(async () => {
      database = await testDatabase(driver);
      reader = await startTestServer(database.db, { today: '2016-03-15', rateLimitPerSecond: 1_000_000 });
      writer = await startTestServer(database.db, { today: '2016-03-15', rateLimitPerSecond: 1_000_000 });
      fx = await seed(reader, database.db, reader.accountId, [{ id: 'a', name: 'Alpha' }, { id: 'b', name: 'Beta' }]);
      await invoice(fx.customers.a, 'a1', '2016-01-01', '2016-02-01', 1000);
    }, 60_000);
    afterAll(async () => {
      await reader?.close();
      await writer?.close();
      await database?.drop();
    });

    it('customer lists show a new name, tags and a deleted customer', async () => {
      const names = (r: any) => r.entries.map((e: any) => e.name);
      expect(names(await read('/v1/customers'))).toEqual(['Alpha', 'Beta']);
      await write('PATCH', `/v1/customers/${fx.customers.b}`, { name: 'Beta Two' }, 200);
      expect(names(await read('/v1/customers'))).toEqual(['Alpha', 'Beta Two']);

      expect((await read('/v1/customers?per_page=1')).entries[0].attributes.tags).toEqual([]);
      await write('POST', `/v1/customers/${fx.customers.a}/attributes/tags`, { tags: ['vip'] }, 200);
      expect((await read('/v1/customers?per_page=1')).entries[0].attributes.tags).toEqual(['vip']);

      const c = await write('POST', '/v1/customers', { data_source_uuid: fx.ds, external_id: 'c', name: 'Gamma' }, 201);
      expect(names(await read('/v1/customers'))).toEqual(['Alpha', 'Beta Two', 'Gamma']);
      await write('DELETE', `/v1/customers/${c.uuid}`, undefined, 204);
      expect(names(await read('/v1/customers'))).toEqual(['Alpha', 'Beta Two']);
    });

    it('activities, metrics and /sync/results show new billing data, a renamed plan and new settings', async () => {
      const activities = '/v1/activities?start-date=2016-01-01&end-date=2016-03-15';
      const mrr = '/v1/metrics/mrr?start-date=2016-01-01&end-date=2016-03-15';
      expect((await read(activities)).entries.map((e: any) => [e['customer-external-id'], e.type])).toEqual([['a', 'new_biz']]);
      expect((await read(mrr)).entries.map((e: any) => e.mrr)).toEqual([1000, 1000, 1000]);
      expect((await read('/sync/results')).movements.length).toBe(1);

      await invoice(fx.customers.b, 'b1', '2016-02-01', '2016-03-01', 3000);
      expect((await read(activities)).entries.map((e: any) => [e['customer-external-id'], e.type])).toEqual([
        ['a', 'new_biz'], ['b', 'new_biz'],
      ]);
      expect((await read(mrr)).entries.map((e: any) => e.mrr)).toEqual([1000, 4000, 4000]);
      expect((await read('/sync/results')).movements.length).toBe(2);

      expect((await read(activities)).entries[0].description).toBe('purchased the Gold plan');
      await write('PATCH', `/v1/plans/${fx.plans.gold}`, { name: 'Platinum' }, 202);
      expect((await read(activities)).entries[0].description).toBe('purchased the Platinum plan');

      expect((await read('/sync/results')).currency).toBe('USD');
      await write('PATCH', '/v1/account', { settings: { base_currency: 'EUR' } }, 200);
      expect((await read('/sync/results')).currency).toBe('EUR');
    });

    it('answers 304 to the ETag of the answer the account has, and 200 after a change', async () => {
      const path = '/v1/customers?per_page=1';
      const first = await reader.call('GET', path);
      const etag = first.headers.get('etag')!;
      expect(etag).toMatch(/^".+"$/);
      const revalidate = () => fetch(`${reader.url}${path}`, {
        headers: { authorization: `Basic ${Buffer.from(`${reader.key}:`).toString('base64')}`, 'if-none-match': etag },
      });
      expect((await revalidate()).status).toBe(304);
      await write('PATCH', `/v1/customers/${fx.customers.a}`, { name: 'Alpha Two' }, 200);
      const changed = await revalidate();
      expect(changed.status).toBe(200);
      expect(changed.headers.get('etag')).not.toBe(etag);
      expect(((await changed.json()) as { entries: { name: string }[] }).entries[0].name).toBe('Alpha Two');
    });
  });
}
