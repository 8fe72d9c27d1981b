/**
 * Crash safety with the real processes. `mogul serve` is SIGKILLed at seeded random moments
 * while `mogul import` runs (10 times on PostgreSQL, 3 on PGlite), started again on the same
 * database each time, and the import finally run to its end. Then the database equals a clean
 * import into a fresh database, table by table (account-snapshot.test-util.ts says what is
 * normalised and why), and GET /sync/results answers the same. After every kill, each /sync
 * batch the import sends is stored whole or not at all, and the restarted server's figures are
 * those of the data it holds.
 * One test file per driver (crash-safety.<driver>.test.ts), so the two share the machine's cores.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATASET_FILES, DEPENDENCY_ORDER, type DatasetName } from '../../shared/index.ts';
import { Rng } from '../../shared/generator/random.ts';
import { csvBatches } from '../cli/csv-batches.ts';
import type { Database } from '../db/client.ts';
import { createPglite } from '../db/pglite.ts';
import { tableName } from '../store/tables.ts';
import { accountSnapshot, rowCounts } from '../testing/account-snapshot.test-util.ts';
import { companySubset } from '../testing/company-subset.test-util.ts';
import { serverTests, testDatabase } from '../testing/databases.test-util.ts';
import { buildCliOnce, mogul, serve, type MogulProcess } from '../testing/mogul-process.test-util.ts';
import { httpCaller } from '../testing/server.test-util.ts';

const TODAY = '2026-06-30';
const SEED = 9_3;
/** Customers of the generator's tier S kept: 39,111 rows, which mogul import sends in 14 /sync batches. */
const CUSTOMERS = 600;
const KILLS = { pglite: 3, pg: 10 } as const;
export type Driver = keyof typeof KILLS;

const KEY = randomBytes(20).toString('hex');
const root = mkdtempSync(join(tmpdir(), 'mogul-crash-'));
const folder = join(root, 'subset');
const running = new Set<MogulProcess>();

/** A database for `mogul serve`, and a way to look into it while no server has it open. */
interface Store {
  env: Record<string, string>;
  inspect<T>(work: (db: Database, accountId: string) => Promise<T>): Promise<T>;
  drop(): Promise<void>;
}

async function store(driver: Driver, name: string): Promise<Store> {
  const onlyAccount = async (db: Database) =>
    (await db.read((tx) => tx.query<{ id: string }>('SELECT id FROM accounts')))[0]?.id;
  const inspect = async <T>(db: Database, work: (db: Database, accountId: string) => Promise<T>) => {
    const accountId = await onlyAccount(db);
    if (!accountId) throw new Error('mogul serve made no account');
    return work(db, accountId);
  };
  if (driver === 'pg') {
    const database = await testDatabase('pg');
    return { env: { DATABASE_URL: database.url!, DB_DRIVER: 'pg' }, inspect: (work) => inspect(database.db, work), drop: database.drop };
  }
  const dir = join(root, name);
  return {
    env: { MOGUL_DATA_DIR: dir, DB_DRIVER: 'pglite' },
    inspect: async (work) => {
      const db = await createPglite(dir);
      try {
        return await inspect(db, work);
      } finally {
        await db.close();
      }
    },
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

interface BatchRange {
  dataset: DatasetName;
  firstRow: number;
  rows: number;
}

/** The /sync batches `mogul import` cuts the folder into (rows firstRow … firstRow + rows − 1 of a file). */
async function batchRanges(dir: string): Promise<BatchRange[]> {
  const ranges: BatchRange[] = [];
  for (const dataset of DEPENDENCY_ORDER) {
    const path = join(dir, DATASET_FILES[dataset]);
    if (!existsSync(path)) continue;
    for await (const b of csvBatches(path)) ranges.push({ dataset, firstRow: b.firstRow, rows: b.rows });
  }
  return ranges;
}

/** Stored rows of each batch (a row's position is its row number in the file). */
async function storedPerBatch(db: Database, accountId: string, ranges: BatchRange[]): Promise<number[]> {
  const positions = new Map<DatasetName, number[]>();
  for (const dataset of new Set(ranges.map((r) => r.dataset))) {
    const rows = await db.read((tx) =>
      tx.query<{ position: number }>(`SELECT position FROM ${tableName(dataset)} WHERE account_id = $1`, [accountId]));
    positions.set(dataset, rows.map((r) => Number(r.position)));
  }
  return ranges.map((r) =>
    positions.get(r.dataset)!.filter((p) => p >= r.firstRow && p < r.firstRow + r.rows).length);
}

/** Every page of GET /sync/results, joined. */
async function allResults(url: string) {
  const call = httpCaller(url, KEY);
  const first = await call('GET', '/sync/results');
  expect(first.status).toBe(200);
  const all = first.json;
  for (let page = first.json; page.has_more;) {
    page = (await call('GET', `/sync/results?cursor=${page.cursor}`)).json;
    for (const list of ['customers', 'subscriptions', 'movements']) all[list].push(...page[list]);
  }
  return { ...all, has_more: false, cursor: null };
}

/** Until the import has reported `batches` answered batches (a progress line each), or has ended. */
function untilAnswered(run: MogulProcess, batches: number): Promise<void> {
  const answered = () => (run.output().match(/ rows sent \(/g) ?? []).length;
  return new Promise((resolve) => {
    const check = () => {
      if (answered() < batches) return;
      run.child.stderr!.off('data', check);
      resolve();
    };
    run.child.stderr!.on('data', check);
    void run.exited.then(() => resolve());
    check();
  });
}

/**
 * The figures a restarted server answers are those of the data it holds: no batch was stored
 * without marking its customers for recompute. (Recomputing everything, which a PATCH of the
 * settings does, changes nothing.)
 */
async function expectFiguresOfStoredData(url: string): Promise<void> {
  const before = await allResults(url);
  expect((await httpCaller(url, KEY)('PATCH', '/v1/account', { settings: {} })).status).toBe(200);
  expect(await allResults(url)).toEqual(before);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function importInto(url: string): MogulProcess {
  const run = mogul(['import', folder, '--api', url, '--key', KEY]);
  running.add(run);
  return run;
}

async function started(env: Record<string, string>) {
  const server = await serve({ ...env, MOGUL_API_KEY: KEY, MOGUL_TODAY: TODAY, MOGUL_RATE_LIMIT: '1000' });
  running.add(server);
  return server;
}

let ranges: BatchRange[];

/** The crash test on one driver; PostgreSQL's only where the server tests run (CI=true or DATABASE_URL). */
export function crashSafetyOn(driver: Driver): void {
  describe.runIf(driver === 'pglite' || serverTests())(`mogul serve killed during mogul import (${driver})`, () => {
    beforeAll(async () => {
      buildCliOnce();
      await companySubset(root, { tier: 'S', seed: 1, endDate: TODAY, customers: CUSTOMERS });
      ranges = await batchRanges(folder);
    }, 120_000);
    afterAll(async () => {
      await Promise.all([...running].map((p) => p.kill('SIGKILL')));
      rmSync(root, { recursive: true, force: true });
    });
    const stores: Store[] = [];
    afterAll(async () => {
      for (const s of stores) await s.drop();
    });

    it(`after ${KILLS[driver]} SIGKILLs mid-import and a last import, the database equals a clean import's`, async () => {
      // The clean import, into a fresh database.
      const clean = await store(driver, 'clean');
      stores.push(clean);
      let server = await started(clean.env);
      const since = performance.now();
      const first = importInto(server.url);
      expect(await first.exited, first.output()).toBe(0);
      const importTime = performance.now() - since;
      const cleanResults = await allResults(server.url);
      expect(await server.kill('SIGTERM')).toBe(0);
      const [cleanSnapshot, wholeBatches] = await clean.inspect(async (db, id) =>
        [await accountSnapshot(db, id), await storedPerBatch(db, id, ranges)] as const);
      expect(wholeBatches.every((n) => n > 0)).toBe(true);
      expect(ranges.filter((r) => r.dataset === 'invoices').length).toBeGreaterThan(1);

      // Killed at random moments of the import, started again on the same database each time.
      const crashed = await store(driver, 'crashed');
      stores.push(crashed);
      const rng = new Rng(SEED);
      let interrupted = 0;
      for (let attempt = 0; interrupted < KILLS[driver] && attempt < 3 * KILLS[driver]; attempt++) {
        server = await started(crashed.env);
        if (attempt > 0) await expectFiguresOfStoredData(server.url);
        const run = importInto(server.url);
        // After a random number of answered batches (all of them: while the figures are
        // computed), and a random part of a batch's time more.
        await untilAnswered(run, rng.int(0, ranges.length));
        await Promise.race([run.exited, sleep(rng.next() * (importTime / ranges.length))]);
        expect(await server.kill('SIGKILL')).toBe('SIGKILL');
        const end = await run.exited;
        if (end !== 0) {
          interrupted++;
          expect(run.output()).toMatch(/Cannot reach/);
        }
        const stored = await crashed.inspect((db, id) => storedPerBatch(db, id, ranges));
        const halfApplied = ranges
          .map((r, i) => ({ ...r, stored: stored[i], whole: wholeBatches[i] }))
          .filter((b) => b.stored !== 0 && b.stored !== b.whole);
        expect(halfApplied).toEqual([]);
      }
      expect(interrupted).toBe(KILLS[driver]);

      // The last import, to its end.
      server = await started(crashed.env);
      await expectFiguresOfStoredData(server.url);
      const last = importInto(server.url);
      expect(await last.exited, last.output()).toBe(0);
      expect(await allResults(server.url)).toEqual(cleanResults);
      expect(await server.kill('SIGTERM')).toBe(0);
      const crashedSnapshot = await crashed.inspect((db, id) => accountSnapshot(db, id));
      expect(rowCounts(crashedSnapshot)).toEqual(rowCounts(cleanSnapshot));
      expect(crashedSnapshot).toEqual(cleanSnapshot);
    }, 300_000);
  });
}
