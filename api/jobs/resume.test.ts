/**
 * A server's start-up takes up the jobs a stopped one left: `mogul serve` on a PGlite folder
 * holding a JSON import and an activities export as a server killed before running them would
 * leave them (rows written, no job run) completes both, without a status read to prompt it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../server.ts';
import { insertActivityExport } from '../store/activity-exports.ts';
import { insertJsonImport } from '../store/json-imports.ts';
import { httpCaller } from '../testing/server.test-util.ts';
import { uuidOf } from '../v1/conventions/ids.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'mogul-jobs-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const KEY = 'jobs-test-key';
const start = () => startServer({ PORT: '0', MOGUL_DATA_DIR: dataDir, DATABASE_URL: '', DB_DRIVER: 'pglite', MOGUL_API_KEY: KEY, MOGUL_TODAY: '2024-06-15' }, { log: () => {} });

/** The status of the jobs straight from the database (a status read would take them up itself). */
async function statuses(server: RunningServer, ids: { imp: string; exp: string }): Promise<string[]> {
  return server.db.read(async (tx) => [
    ...(await tx.query<{ status: string }>('SELECT status FROM json_imports WHERE id = $1', [ids.imp])).map((r) => r.status),
    ...(await tx.query<{ status: string }>('SELECT status FROM activity_exports WHERE id = $1', [ids.exp])).map((r) => r.status),
  ]);
}

it('a start-up finishes the jobs the last server left queued or pending', async () => {
  const first = await start();
  let ids: { imp: string; exp: string };
  try {
    const call = httpCaller(first.url, KEY);
    const ds = uuidOf('ds_', (await call('POST', '/v1/data_sources', { name: 'Jobs' })).json.uuid)!;
    const accountId = (await first.db.read((tx) => tx.query<{ account_id: string }>('SELECT account_id FROM data_sources WHERE id = $1', [ds])))[0].account_id;
    ids = await first.db.transaction(async (tx) => ({
      imp: (await insertJsonImport(tx, {
        accountId, dataSourceId: ds, externalId: 'left',
        payload: { customers: [{ external_id: 'c1', name: 'Left behind' }], plans: [{ external_id: 'p1', name: 'P', interval_count: 1, interval_unit: 'month' }] },
      })).id,
      exp: (await insertActivityExport(tx, accountId, { file_token: 'left-token' })).id,
    }));
  } finally {
    await first.close();
  }

  const second = await start();
  try {
    for (let done = false; !done;) {
      const now = await statuses(second, ids);
      done = now[0] === 'completed' && now[1] === 'succeeded';
      if (!done) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const call = httpCaller(second.url, KEY);
    const customers = await call('GET', '/v1/customers');
    expect(customers.json.entries.map((c: { name: string }) => c.name)).toEqual(['Left behind']);
  } finally {
    await second.close();
  }
}, 60_000);
