/**
 * Refreshing the reference rates from a local server serving ECB's format: stored exactly,
 * idempotent, a changed rate marks the accounts billing in another currency than their base
 * (and only those) for recompute, a file that is not ECB's or a failed fetch stores nothing;
 * and the Node server's schedule fetches when the rates are missing or a day old, not otherwise.
 */
import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EcbFormatError } from '../../shared/rates/ecb.ts';
import { referenceRates } from '../db/schema.ts';
import { countDirty } from '../store/dirty.ts';
import { recordReferenceRateUpdate, referenceRateUpdate } from '../store/reference-rates.ts';
import { drivers, testDatabase, type TestDatabase } from '../testing/databases.test-util.ts';
import { startTestServer, type TestServer } from '../testing/server.test-util.ts';
import { ecbXml, startEcbServer, type EcbDays, type EcbServer } from './ecb-server.test-util.ts';
import { RatesFetchError, refreshReferenceRates } from './refresh.ts';
import { scheduleRefresh } from './serve-refresh.ts';
import { ECB_SOURCE } from './settings.ts';

const DAYS: EcbDays = {
  '2024-01-02': { USD: '1.0956', GBP: '0.86275', JPY: '155.88' },
  '2024-01-03': { USD: '1.0919', GBP: '0.86560', JPY: '157.13' },
};

for (const driver of drivers()) {
  describe(`reference rates refresh (${driver})`, () => {
    let database: TestDatabase;
    let ecb: EcbServer;
    let server: TestServer;
    beforeAll(async () => {
      database = await testDatabase(driver);
      ecb = await startEcbServer(ecbXml(DAYS));
      server = await startTestServer(database.db, { today: '2024-01-20', rateLimitPerSecond: 1_000 });
    }, 60_000);
    afterAll(async () => {
      await server?.close();
      await ecb?.close();
      await database?.drop();
    });

    const stored = () => database.db.read((tx) =>
      tx.db.select().from(referenceRates).orderBy(asc(referenceRates.date), asc(referenceRates.currency)));
    const dirty = (accountId: string) => database.db.read((tx) => countDirty(tx, accountId));

    it('a failed fetch or a file not in ECB\'s format stores nothing and records no update', async () => {
      ecb.serve(503);
      await expect(refreshReferenceRates(database.db, ecb.url)).rejects.toThrow(RatesFetchError);
      await expect(refreshReferenceRates(database.db, ecb.url.replace('hist', 'nothing'))).rejects.toThrow(/answered 404/);
      ecb.serve('<html>Maintenance</html>');
      await expect(refreshReferenceRates(database.db, ecb.url)).rejects.toThrow(EcbFormatError);
      await expect(refreshReferenceRates(database.db, 'http://127.0.0.1:9/none.xml')).rejects.toThrow(/Could not fetch/);
      expect(await stored()).toEqual([]);
      expect(await database.db.read((tx) => referenceRateUpdate(tx, ECB_SOURCE))).toBeNull();
    });

    it('stores every rate as published (exact decimal text) and when, from where, up to which day', async () => {
      ecb.serve(ecbXml(DAYS));
      const result = await refreshReferenceRates(database.db, ecb.url);
      expect(result).toEqual({ url: ecb.url, rows: 6, changed: 6, latestDate: '2024-01-03', accountsMarked: 0 });
      expect(await stored()).toEqual([
        { currency: 'GBP', date: '2024-01-02', perEur: '0.86275' },
        { currency: 'JPY', date: '2024-01-02', perEur: '155.88' },
        { currency: 'USD', date: '2024-01-02', perEur: '1.0956' },
        { currency: 'GBP', date: '2024-01-03', perEur: '0.8656' },
        { currency: 'JPY', date: '2024-01-03', perEur: '157.13' },
        { currency: 'USD', date: '2024-01-03', perEur: '1.0919' },
      ]);
      const update = await database.db.read((tx) => referenceRateUpdate(tx, ECB_SOURCE));
      expect(update).toMatchObject({ source: 'ecb', url: ecb.url, latestDate: '2024-01-03', rows: 6 });
      expect(update!.fetchedAt).toBeInstanceOf(Date);
    });

    it('a refresh with nothing new changes nothing and marks nothing; a new or changed rate marks only accounts billing in another currency', async () => {
      // Account 1 bills in EUR (base USD); account 2 only in USD.
      const foreign = { key: server.key, id: server.accountId };
      const home = await server.newAccount('Home');
      for (const [account, currency] of [[foreign, 'EUR'], [home, 'USD']] as const) {
        for (const [dataset, rows] of [
          ['customers', [{ 'External ID': 'c1', Name: 'C1' }]],
          ['plans', [{ 'Plan ID': 'm', Name: 'Monthly', 'Interval count': 1, 'Interval unit': 'month' }]],
          ['invoices', [{ 'Invoice external ID': 'i1', 'Customer external ID': 'c1', 'Invoiced date': '2024-01-03', Currency: currency }]],
          ['line_items', [{
            'Invoice external ID': 'i1', Type: 'Subscription', 'Amount in cents': 1000, Proration: false, 'Subscription external ID': 's1',
            Plan: 'm', 'Service period start': '2024-01-03', 'Service period end': '2024-02-03',
          }]],
        ] as const) {
          const r = await server.call('POST', `/sync/${dataset}`, { rows }, account.key);
          expect(r.json.errors, `${dataset} ${currency}`).toEqual([]);
        }
        // Figures computed: nothing left to recompute.
        expect((await server.call('GET', '/sync/results', undefined, account.key)).status).toBe(200);
        expect(await dirty(account.id)).toBe(0);
      }

      expect(await refreshReferenceRates(database.db, ecb.url)).toMatchObject({ rows: 6, changed: 0, accountsMarked: 0 });
      expect(await dirty(foreign.id)).toBe(0);

      ecb.serve(ecbXml({ ...DAYS, '2024-01-03': { ...DAYS['2024-01-03'], USD: '1.0920' }, '2024-01-04': { USD: '1.0953' } }));
      expect(await refreshReferenceRates(database.db, ecb.url)).toMatchObject({ rows: 7, changed: 2, latestDate: '2024-01-04', accountsMarked: 1 });
      expect((await stored()).filter((r) => r.currency === 'USD').map((r) => r.perEur)).toEqual(['1.0956', '1.092', '1.0953']);
      expect(await dirty(foreign.id)).toBeGreaterThan(0);
      expect(await dirty(home.id)).toBe(0);
    });

    it("the server's schedule fetches when the rates are missing, a day old or from another URL; not when fresh", async () => {
      const lines: string[] = [];
      const run = async (url: string) => {
        const schedule = scheduleRefresh(database.db, url, (l) => lines.push(l));
        await schedule.firstCheck;
        await schedule.stop();
      };
      const last = () => database.db.read((tx) => referenceRateUpdate(tx, ECB_SOURCE));
      let requests = ecb.requests();
      await run(ecb.url); // fetched minutes ago
      expect([ecb.requests() - requests, lines]).toEqual([0, []]);

      await run(`${ecb.url}?mirror`); // another URL
      expect(ecb.requests() - requests).toBe(1);
      expect(lines).toEqual([`Reference rates up to 2024-01-04: 7 in ${ecb.url}?mirror, 0 new or changed`]);
      expect((await last())!.url).toBe(`${ecb.url}?mirror`);

      const old = (await last())!;
      await database.db.transaction((tx) => recordReferenceRateUpdate(tx, { ...old, fetchedAt: new Date(Date.now() - 25 * 3_600_000) }));
      requests = ecb.requests();
      ecb.serve(404);
      await run(old.url); // a day old, and the server is down: one line, nothing changed
      expect(ecb.requests() - requests).toBe(1);
      expect(lines[1]).toMatch(/^Reference rates not refreshed \(another try in an hour\): .* answered 404/);
      expect((await last())!.fetchedAt.getTime()).toBeLessThan(Date.now() - 24 * 3_600_000);
    });
  });
}
