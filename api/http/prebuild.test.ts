/**
 * The prebuild, on every driver: after `mogul import` of a golden case through /sync and the
 * read that recomputes it, every prebuilt read is answered from memory (x-mogul-answer:
 * prebuilt) with the bytes a server without a prebuild (or any answer kept) builds for the same
 * request; a write after the prebuild makes the next read show it, and the new state's prebuild
 * holds it, as it does after a recompute no read started (a queue job). A client walking
 * /sync/results page by page finds each next page read ahead (not on PGlite). Writes and fresh builds go through other servers on the same database, so only the
 * data version can tell the prebuilding server anything changed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDateOnly } from '../../shared/index.ts';
import { createApp } from '../app.ts';
import { apiClient } from '../cli/api-client.ts';
import { catchUp } from '../derived/freshness.ts';
import { SeriesInputsCache } from '../derived/series-inputs.ts';
import { GOLDEN_DIR } from '../cli/golden-dir.ts';
import { importFolder } from '../cli/import-command.ts';
import { drivers, testDatabase, type TestDatabase } from '../testing/databases.test-util.ts';
import { startTestServer, type TestServer } from '../testing/server.test-util.ts';
import { ANSWER_HEADER } from './cached-read.ts';
import { PREBUILD_HEADER, PREBUILT_READS, prebuildAfterRecompute, prebuilderOf } from './prebuild.ts';

const CASE = join(GOLDEN_DIR, '25-segment-customers');
const args: string[] = JSON.parse(readFileSync(join(CASE, 'expected.json'), 'utf8')).args;
const AS_OF = args[args.indexOf('--as-of') + 1];

/** A GET as the account of `key`: status, headers and the body's bytes. */
async function get(server: TestServer, path: string, key: string) {
  const r = await fetch(`${server.url}${path}`, { headers: { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` } });
  return { status: r.status, headers: r.headers, body: Buffer.from(await r.arrayBuffer()) };
}

for (const driver of drivers()) {
  describe(`prebuild (${driver})`, () => {
    let database: TestDatabase;
    let reader: TestServer;
    let writer: TestServer;
    const options = { today: AS_OF, rateLimitPerSecond: 1_000_000 };

    /** What a server that never saw the account builds for `path` now. */
    async function fresh(path: string): Promise<Buffer> {
      const server = await startTestServer(database.db, options);
      try {
        const r = await get(server, path, reader.key);
        expect(r.status, path).toBe(200);
        expect(r.headers.get(ANSWER_HEADER)).toBe('built');
        return r.body;
      } finally {
        await server.close();
      }
    }

    /** Reads until the prebuild of the state the reader sees has ended, as a client waits for its sync. */
    async function prebuilt(): Promise<string> {
      for (;;) {
        const r = await get(reader, '/v1/customers?per_page=1', reader.key);
        expect(r.status).toBe(200);
        const state = r.headers.get(PREBUILD_HEADER);
        expect(state).not.toBeNull();
        if (state!.startsWith('ready')) return state!;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }

    beforeAll(async () => {
      database = await testDatabase(driver);
      reader = await startTestServer(database.db, { ...options, prebuild: true });
      writer = await startTestServer(database.db, options);
      await importFolder(CASE, apiClient(writer.url, reader.key));
    }, 120_000);
    afterAll(async () => {
      await reader?.close();
      await writer?.close();
      await database?.drop();
    });

    it('answers the first reads after a sync from memory, byte for byte as a fresh build', async () => {
      // The read a client makes once its sync is sent: it recomputes what the sync marked.
      expect((await get(reader, '/v1/customers?per_page=1', reader.key)).status).toBe(200);
      expect(await prebuilt()).toMatch(new RegExp(`^ready; answers=${PREBUILT_READS.length}; failed=0; ms=\\d+$`));
      for (const path of PREBUILT_READS) {
        const r = await get(reader, path, reader.key);
        expect(r.status, path).toBe(200);
        expect(r.headers.get(ANSWER_HEADER), path).toBe('prebuilt');
        expect(r.body.equals(await fresh(path)), path).toBe(true);
      }
      // Of the account's data: the list and the metrics are not empty.
      const customers = JSON.parse((await get(reader, '/v1/customers', reader.key)).body.toString('utf8'));
      expect(customers.entries.length).toBeGreaterThan(0);
      const mrr = JSON.parse((await get(reader, '/v1/metrics/mrr', reader.key)).body.toString('utf8'));
      expect(mrr.entries.some((e: { mrr: number }) => e.mrr > 0)).toBe(true);
    }, 120_000);

    it('shows a write made after the prebuild, and prebuilds the new state', async () => {
      await prebuilt();
      const before = await get(reader, '/v1/customers', reader.key);
      const first = JSON.parse(before.body.toString('utf8')).entries[0];
      const renamed = `${first.name} (renamed)`;
      const patched = await writer.call('PATCH', `/v1/customers/${first.uuid}`, { name: renamed }, reader.key);
      expect(patched.status, JSON.stringify(patched.json)).toBe(200);

      const after = await get(reader, '/v1/customers', reader.key);
      expect(after.headers.get(ANSWER_HEADER)).not.toBe('prebuilt'); // the prebuilt answer was of the state before
      expect(JSON.parse(after.body.toString('utf8')).entries[0].name).toBe(renamed);
      expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));

      await prebuilt();
      const again = await get(reader, '/v1/customers?per_page=200', reader.key);
      expect(again.headers.get(ANSWER_HEADER)).toBe('prebuilt');
      expect(JSON.parse(again.body.toString('utf8')).entries[0].name).toBe(renamed);
      expect(again.body.equals(await fresh('/v1/customers?per_page=200'))).toBe(true);
    }, 120_000);

    /** An app of its own on the database (no HTTP), so a test can wait for its prebuilder. */
    function ownApp() {
      const ctx = { db: database.db, today: () => parseDateOnly(AS_OF)!, inputs: new SeriesInputsCache(database.db) };
      const app = createApp(ctx, { prebuild: true, logError: () => {}, clientAddress: () => '127.0.0.1', rateLimitPerSecond: 1_000_000 });
      const call = async (path: string) => {
        const r = await app.request(path, { headers: { authorization: `Basic ${Buffer.from(`${reader.key}:`).toString('base64')}` } });
        expect(r.status, path).toBe(200);
        return { headers: r.headers, body: Buffer.from(await r.arrayBuffer()) };
      };
      return { ctx, call, settled: () => prebuilderOf(ctx)!.settled(reader.accountId) };
    }

    it(`${driver === 'pglite' ? 'does not read ahead' : 'reads ahead'} the next page of a client walking a list`, async () => {
      const { call, settled } = ownApp();
      let path = '/sync/results?per_page=7';
      let page = await call(path);
      expect(page.headers.get(ANSWER_HEADER)).toBe('built'); // not a prebuilt read
      let pages = 1;
      for (;;) {
        await settled();
        const { has_more, cursor } = JSON.parse(page.body.toString('utf8'));
        if (!has_more) break;
        path = `/sync/results?per_page=7&cursor=${encodeURIComponent(cursor)}`;
        page = await call(path);
        // PGlite's queries share the thread that sends the page: nothing is read ahead there.
        expect(page.headers.get(ANSWER_HEADER), path).toBe(driver === 'pglite' ? 'built' : 'prebuilt');
        expect(page.body.equals(await fresh(path)), path).toBe(true);
        pages++;
      }
      expect(pages).toBeGreaterThan(3);
    }, 120_000);

    it('prebuilds when a recompute no read started (a queue job) completes the figures', async () => {
      const { ctx, call, settled } = ownApp();
      const before = JSON.parse((await call('/v1/customers')).body.toString('utf8')).entries[1];
      const renamed = `${before.name} (queued)`;
      expect((await writer.call('PATCH', `/v1/customers/${before.uuid}`, { name: renamed }, reader.key)).status).toBe(200);
      await catchUp(database.db, reader.accountId, parseDateOnly(AS_OF)!); // what a queue's slice jobs do
      await prebuildAfterRecompute(ctx, reader.accountId);
      await settled();
      const after = await call('/v1/customers');
      expect(after.headers.get(ANSWER_HEADER)).toBe('prebuilt');
      expect(JSON.parse(after.body.toString('utf8')).entries[1].name).toBe(renamed);
      expect(after.body.equals(await fresh('/v1/customers'))).toBe(true);
    }, 120_000);
  });
}
