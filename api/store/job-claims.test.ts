/**
 * The claim protocol under a race the status reads make: an attempt begins its work while
 * another attempt's claim check holds the job's row for a moment. The work waits for the row
 * instead of giving up (which would leave the job `processing` with nobody at it until it goes
 * stale). Two connections are needed, so the servers' drivers only (PGlite runs one at a time).
 */
import { describe, expect, it } from 'vitest';
import { jsonImports } from '../db/schema.ts';
import { drivers, testDatabase } from '../testing/databases.test-util.ts';
import { startTestServer } from '../testing/server.test-util.ts';
import { uuidOf } from '../v1/conventions/ids.ts';
import { claimJob, lockClaimedJob } from './job-claims.ts';
import { insertJsonImport, JSON_IMPORT_WAITING } from './json-imports.ts';

for (const driver of ['pg', 'neon'] as const) {
  describe.runIf(drivers().includes(driver))(`job claims (${driver})`, () => {
    it("an attempt's work waits for a claim check holding the row, then runs the job", async () => {
      const database = await testDatabase(driver);
      const server = await startTestServer(database.db);
      try {
        const created = await server.call('POST', '/v1/data_sources', { name: 'Race' });
        const dataSourceId = uuidOf('ds_', created.json.uuid)!;
        const { db } = database;
        const { id } = await db.transaction((tx) => insertJsonImport(tx, {
          accountId: server.accountId, dataSourceId, externalId: null, payload: { customers: [{ external_id: 'c1', name: 'C' }] },
        }));
        expect(await db.transaction((tx) => claimJob(tx, jsonImports, id, JSON_IMPORT_WAITING, 60))).toBe(true);

        let release!: () => void;
        const released = new Promise<void>((resolve) => (release = resolve));
        let holding!: () => void;
        const held = new Promise<void>((resolve) => (holding = resolve));
        // Another attempt's claim check: the row locked as claimJob locks it, the job found fresh.
        const check = db.transaction(async (tx) => {
          expect(await claimJob(tx, jsonImports, id, JSON_IMPORT_WAITING, 60)).toBe(false);
          holding();
          await released;
        });
        await held;
        const work = db.transaction((tx) => lockClaimedJob(tx, jsonImports, id));
        let first: unknown;
        try {
          first = await Promise.race([work.then((taken) => `answered ${taken}`), new Promise((r) => setTimeout(() => r('waiting'), 500))]);
        } finally {
          release();
          await check;
        }
        expect(first).toBe('waiting');
        expect(await work).toBe(true);
      } finally {
        await server.close();
        await database.drop();
      }
    });
  });
}
