/**
 * Recompute benchmark of issue 13: a tier imported into a fresh database (PGlite in a folder,
 * or PostgreSQL), then, in this process on that database, a full recompute of every customer
 * (what the first read after the import triggers) split into its load, engine and store
 * phases, beside the engine alone (the whole report) on the same data loaded from the store.
 * Each recompute runs in a transaction rolled back after it, and the rows it wrote are then
 * vacuumed away (a rolled-back write leaves them dead in the tables and their indexes: without
 * it, each run writes into the debris of the runs before, and the store phase grows run by
 * run), so every run starts from the state the import left: derived tables empty.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeReport, endOfDay, parseDateOnly } from '../../shared/index.ts';
import { apiClient } from '../cli/api-client.ts';
import { importFolder } from '../cli/import-command.ts';
import { createDb, type Database, type DbEnv } from '../db/client.ts';
import { loadBillingData } from '../derived/billing-data.ts';
import { accountSettings, recompute, type RecomputeTimings } from '../derived/recompute.ts';
import { startServer } from '../server.ts';
import { firstAccount } from '../store/accounts.ts';
import { readDataSources } from '../store/data-sources.ts';
import { lockAccount } from '../store/dirty.ts';
import { DERIVED_TABLES } from '../store/statistics.ts';
import { KEY, freshDatabase } from './api-bench.ts';
import { fmt, median, timed } from './stats.ts';

export interface RecomputeFigures {
  target: string;
  /** Whole recompute of every customer (median of the runs), and its phases in that run. */
  recomputeMs: number;
  phases: RecomputeTimings;
  /** computeReport on the same data (loaded from the store), median of the runs. */
  engineMs: number;
  /** This process's CPU time (user + system) in the same runs: steadier than wall time on a busy machine (on PGlite it includes the database's work). */
  recomputeCpuMs: number;
  engineCpuMs: number;
}

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

export interface ImportedTier {
  env: DbEnv;
  drop(): Promise<void>;
}

/** A fresh database holding the tier as `mogul import` stores it (through an in-process server). */
export async function importTier(target: 'PGlite' | 'PostgreSQL', dir: string, asOf: string): Promise<ImportedTier> {
  let env: DbEnv;
  let drop: () => Promise<void>;
  if (target === 'PGlite') {
    const data = mkdtempSync(join(tmpdir(), 'mogul-recompute-'));
    env = { MOGUL_DATA_DIR: data, DB_DRIVER: 'pglite' };
    drop = async () => rmSync(data, { recursive: true, force: true });
  } else {
    const database = await freshDatabase(`mogul_recompute_${process.pid}`);
    env = { DATABASE_URL: database.url, DB_DRIVER: 'pg' };
    drop = database.drop;
  }
  const server = await startServer({ ...env, PORT: '0', MOGUL_API_KEY: KEY, MOGUL_TODAY: asOf, MOGUL_RATE_LIMIT: '1000000' }, { log: () => {} });
  try {
    const summary = await importFolder(dir, apiClient(server.url, KEY));
    if (summary.errors.length > 0) throw new Error(`${dir}: the import rejected ${summary.errors.length} rows`);
  } catch (e) {
    await server.close();
    await drop();
    throw e;
  }
  await server.close();
  return { env, drop };
}

class RolledBack extends Error {}

/** Every data source of the account recomputed whole in one transaction, then rolled back. */
async function recomputeOnce(
  db: Database, accountId: string, dataSourceIds: readonly string[], today: number,
): Promise<{ ms: number; cpuMs: number; phases: RecomputeTimings }> {
  const phases: RecomputeTimings = { loadMs: 0, engineMs: 0, storeMs: 0 };
  let ms = 0;
  let cpu = 0;
  await db.transaction(async (tx) => {
    await lockAccount(tx, accountId);
    cpu = cpuMs();
    ms = (await timed(async () => {
      for (const dataSourceId of dataSourceIds) await recompute(tx, { accountId, dataSourceId, customers: null }, today, phases);
    })).ms;
    cpu = cpuMs() - cpu;
    throw new RolledBack();
  }).catch((e: unknown) => {
    if (!(e instanceof RolledBack)) throw e;
  });
  await db.read((tx) => tx.query(`VACUUM ${DERIVED_TABLES.join(', ')}`));
  return { ms, cpuMs: cpu, phases };
}

const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();

/** Recompute and engine on the imported tier, interleaved (one untimed run of each first). */
export async function measureRecompute(target: string, env: DbEnv, asOf: string, runs = 3): Promise<RecomputeFigures> {
  const today = parseDateOnly(asOf)!;
  const db = await createDb(env);
  try {
    const { accountId, dataSourceIds } = await db.read(async (tx) => {
      const account = (await firstAccount(tx))!;
      const sources = await readDataSources(tx, { accountId: account.id }, false);
      return { accountId: account.id, dataSourceIds: sources.filter((s) => s.imported).map((s) => s.id) };
    });
    const engineRun = async () => {
      const inputs = await db.read(async (tx) => {
        const settings = await accountSettings(tx, accountId);
        const data = await Promise.all(dataSourceIds.map((dataSourceId) =>
          loadBillingData(tx, { accountId, dataSourceId, customers: null }, settings, endOfDay(today))));
        return { settings, data };
      });
      collectGarbage();
      const cpu = cpuMs();
      const { ms } = await timed(() => { for (const data of inputs.data) computeReport(data, inputs.settings, { asOf: today }); });
      return { ms, cpuMs: cpuMs() - cpu };
    };
    await engineRun();
    await recomputeOnce(db, accountId, dataSourceIds, today);
    const engine: { ms: number; cpuMs: number }[] = [];
    const recomputes: { ms: number; cpuMs: number; phases: RecomputeTimings }[] = [];
    for (let i = 0; i < runs; i++) {
      engine.push(await engineRun());
      collectGarbage();
      recomputes.push(await recomputeOnce(db, accountId, dataSourceIds, today));
    }
    const mid = [...recomputes].sort((a, b) => a.ms - b.ms)[runs >> 1];
    return {
      target, recomputeMs: mid.ms, phases: mid.phases, engineMs: median(engine.map((e) => e.ms)),
      recomputeCpuMs: median(recomputes.map((r) => r.cpuMs)), engineCpuMs: median(engine.map((e) => e.cpuMs)),
    };
  } finally {
    await db.close();
  }
}

/** The bench's lines for one tier: on each target, the import's recompute beside the engine. */
export async function recomputeLines(dir: string, asOf: string, targets: readonly ('PGlite' | 'PostgreSQL')[]): Promise<[string, string][]> {
  const lines: [string, string][] = [];
  for (const target of targets) {
    const imported = await importTier(target, dir, asOf);
    try {
      const f = await measureRecompute(target, imported.env, asOf);
      lines.push(
        [`recompute every customer (${target}, median of 3)`, fmt.ms(f.recomputeMs)],
        ['  load / engine / store', [f.phases.loadMs, f.phases.engineMs, f.phases.storeMs].map(fmt.ms).join(' / ')],
        ['  engine alone on the same data (median of 3)', fmt.ms(f.engineMs)],
        ['  recompute ÷ engine (goal within 2)', fmt.ratio(f.recomputeMs / f.engineMs)],
        [
          // On PostgreSQL the server's own CPU is not counted.
          `  CPU here: recompute, engine${target === 'PGlite' ? ' (with PGlite)' : ' (not the server)'}`,
          `${fmt.ms(f.recomputeCpuMs)}, ${fmt.ms(f.engineCpuMs)} (${fmt.ratio(f.recomputeCpuMs / f.engineCpuMs)})`,
        ],
      );
    } finally {
      await imported.drop();
    }
  }
  return lines;
}
