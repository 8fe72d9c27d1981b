/**
 * API benchmark of issue 3: ingest of a tier through /sync over HTTP (the real server in a
 * child process, `mogul import`'s code as the client) into PGlite and into PostgreSQL, the
 * time to recompute every customer's derived data, and p50/p95 latency of /v1/metrics/all
 * and /sync/results. Two plain COPYs of the same rows into the same PostgreSQL are the
 * ceilings: into Mogul's own tables (the rows as the ingest stored them, with the same
 * indexes), and the CSV files into bare text tables.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { DATASET_FILES, DEPENDENCY_ORDER } from '../../shared/index.ts';
import { apiClient } from '../cli/api-client.ts';
import { importFolder } from '../cli/import-command.ts';
import { createDb } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { DATASET_TABLES, tableName } from '../store/tables.ts';
import { REPO_ROOT } from '../paths.ts';
import { median, percentile, timed } from './stats.ts';

export const KEY = 'bench-key-0123456789';
/**
 * Tier M's ingest into PGlite when issue 13 was filed (76 s for 1.9M rows, `npm run bench` on
 * the 2-core machine, quiet): the figure its goal (3×) is stated against. A change is shown
 * against its own parent in one run by `npm run bench:before-after -- <rev> --tiers none --api-tiers M`.
 */
export const ISSUE_13_PGLITE_M_ROWS_PER_S = 24_900;
const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface IngestFigures {
  target: string;
  rows: number;
  ingestMs: number;
  rejected: number;
  recomputeMs: number;
  metricsAll: { p50: number; p95: number } | null;
  syncResults: { p50: number; p95: number };
}

interface Server {
  url: string;
  stop(): Promise<void>;
}

/** `mogul serve` in a child process, as deployed. */
export async function startServer(env: Record<string, string>): Promise<Server> {
  const child: ChildProcess = spawn(process.execPath, [join(REPO_ROOT, 'api', 'bin', 'mogul.mjs'), 'serve'], {
    // No reference rates fetched meanwhile: the measure is the import's, and a bench stays offline.
    // No recompute queue either: the import is measured alone, its recompute by the read after it.
    env: { ...process.env, PORT: '0', MOGUL_API_KEY: KEY, MOGUL_RATE_LIMIT: '1000000', MOGUL_ECB_URL: 'off', MOGUL_QUEUE: 'off', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += String(chunk);
      const m = /Mogul API on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function latency(call: () => Promise<unknown>, runs: number): Promise<{ p50: number; p95: number }> {
  await call(); // warm
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await timed(call)).ms);
  return { p50: median(times), p95: percentile(times, 95) };
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function databaseUrl(name: string): string {
  const u = new URL(SERVER_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Tables COPY'd for the ceiling: the accounts and data sources the rows belong to, then every dataset's. */
const OWNERS = ['accounts', 'data_sources'];
const BILLING_TABLES = Object.keys(DATASET_TABLES).map((d) => tableName(d as keyof typeof DATASET_TABLES));

/** A new, empty database on the benchmark's PostgreSQL (one left over by that name goes first). */
export async function freshDatabase(name: string): Promise<{ url: string; drop(): Promise<void> }> {
  const drop = () => withAdmin(async (c) => void (await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)));
  await drop();
  await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
  return { url: databaseUrl(name), drop };
}

/** COPY … FROM STDIN of a file's contents; the number of rows stored. */
async function copyFile(client: pg.Client, command: string, path: string): Promise<number> {
  const stream = client.query(copyFrom(command));
  await pipeline(createReadStream(path), stream);
  return Number((stream as unknown as { rowCount: number }).rowCount ?? 0);
}

/** Writes every billing table of the database (as COPY text) into `dir`, one file per table. */
async function dumpTables(url: string, dir: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const table of [...OWNERS, ...BILLING_TABLES]) {
      await pipeline(client.query(copyTo(`COPY ${table} TO STDOUT`)), createWriteStream(join(dir, `${table}.copy`)));
    }
  } finally {
    await client.end();
  }
}

/**
 * Imports `dir` into a fresh server on PGlite or PostgreSQL and measures it. With `dumpTo`
 * (PostgreSQL only), the stored billing tables are written there for measureCopyIntoMogulTables.
 */
export async function measureIngest(
  target: 'PGlite' | 'PostgreSQL',
  dir: string,
  asOf: string,
  start: string,
  dumpTo?: string,
  /** More measures on the same server after these (read-bench.ts), before it stops. */
  whileServing?: (url: string) => Promise<void>,
): Promise<IngestFigures> {
  let cleanup = async () => {};
  let env: Record<string, string>;
  if (target === 'PGlite') {
    const data = mkdtempSync(join(tmpdir(), 'mogul-bench-'));
    env = { MOGUL_DATA_DIR: data, DB_DRIVER: 'pglite' };
    cleanup = async () => rmSync(data, { recursive: true, force: true });
  } else {
    const database = await freshDatabase(`mogul_bench_${process.pid}`);
    env = { DATABASE_URL: database.url, DB_DRIVER: 'pg' };
    cleanup = database.drop;
  }
  const server = await startServer({ ...env, MOGUL_TODAY: asOf });
  try {
    const client = apiClient(server.url, KEY);
    const ingest = await timed(() => importFolder(dir, client));
    const rows = ingest.value.datasets.reduce((a, d) => a + d.rows, 0);
    if (dumpTo && env.DATABASE_URL) await dumpTables(env.DATABASE_URL, dumpTo);
    // The first read after an import recomputes every customer /sync marked; a one-row
    // customers page does little else, so its time is the recompute's.
    const recompute = await timed(() => client.request('GET', '/v1/customers?per_page=1'));
    const metricsPath = `/v1/metrics/all?start-date=${start}&end-date=${asOf}&interval=month`;
    let metricsAll: IngestFigures['metricsAll'] = null;
    try {
      await client.request('GET', metricsPath);
      metricsAll = await latency(() => client.request('GET', metricsPath), 50);
    } catch {
      metricsAll = null; // endpoint not available in this build
    }
    const syncResults = await latency(() => client.request('GET', '/sync/results'), 20);
    await whileServing?.(server.url);
    return {
      target, rows, ingestMs: ingest.ms, rejected: ingest.value.errors.length, recomputeMs: recompute.ms, metricsAll, syncResults,
    };
  } finally {
    await server.stop();
    await cleanup();
  }
}

/**
 * The ceiling the ingest target is measured against: a plain COPY of the rows the ingest
 * stored (from dumpTables) into a freshly migrated Mogul database: the same tables, columns,
 * constraints and indexes, one COPY per table, only the billing tables timed.
 */
export async function measureCopyIntoMogulTables(dumpDir: string): Promise<{ rows: number; ms: number }> {
  const database = await freshDatabase(`mogul_copy_own_${process.pid}`);
  const db = await createDb({ DATABASE_URL: database.url, DB_DRIVER: 'pg' });
  const client = new pg.Client({ connectionString: database.url });
  try {
    await migrate(db);
    await client.connect();
    const copy = (table: string) => copyFile(client, `COPY ${table} FROM STDIN`, join(dumpDir, `${table}.copy`));
    for (const table of OWNERS) await copy(table);
    let rows = 0;
    const ms = (await timed(async () => {
      for (const table of BILLING_TABLES) if (statSync(join(dumpDir, `${table}.copy`)).size > 0) rows += await copy(table);
    })).ms;
    return { rows, ms };
  } finally {
    await client.end();
    await db.close();
    await database.drop();
  }
}

/**
 * A second, looser ceiling: a plain COPY of the same CSV files into tables of the same columns (text)
 * with a unique index on each file's identifying column, in the same PostgreSQL.
 */
export async function measureCopy(dir: string): Promise<{ rows: number; ms: number }> {
  const database = await freshDatabase(`mogul_copy_${process.pid}`);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    let rows = 0;
    const ms = (
      await timed(async () => {
        for (const dataset of DEPENDENCY_ORDER) {
          const path = join(dir, DATASET_FILES[dataset]);
          if (!existsSync(path)) continue;
          const header = readFileSync(path, 'utf8').split('\n', 1)[0].split(',');
          const columns = header.map((_, i) => `c${i}`);
          await client.query(`CREATE TABLE ${dataset} (${columns.map((c) => `${c} text`).join(', ')})`);
          const idColumn = header.findIndex((h) => /^(External ID|Plan ID|Invoice external ID)$/i.test(h));
          if (idColumn >= 0 && ['customers', 'plans', 'invoices'].includes(dataset)) {
            await client.query(`CREATE UNIQUE INDEX ON ${dataset} (c${idColumn})`);
          }
          rows += await copyFile(client, `COPY ${dataset} FROM STDIN WITH (FORMAT csv, HEADER true)`, path);
        }
      })
    ).ms;
    return { rows, ms };
  } finally {
    await client.end();
    await database.drop();
  }
}
