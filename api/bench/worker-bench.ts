/**
 * The Worker beside the Node server: `mogul import` of a tier through the API as a
 * Cloudflare Worker (workerd, Neon's driver over the WebSocket relay) and through
 * `mogul serve` (node-postgres), each into a fresh database on the same PostgreSQL, then
 * reading until the figures are ready. Per target: ingest rows/s, the time until the
 * figures are computed, how many reads were told to wait (503 + Retry-After), and the
 * longest any single request took — the Worker bounds it by recomputing in slices.
 */
import { apiClient } from '../cli/api-client.ts';
import { importFolder } from '../cli/import-command.ts';
import { createDb } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { startWorkerChild } from '../testing/worker-child.test-util.ts';
import { freshDatabase, KEY, startServer } from './api-bench.ts';
import { timed } from './stats.ts';

export interface WorkerFigures {
  target: 'Worker (workerd, Neon driver)' | 'Node server (node-postgres)';
  rows: number;
  rejected: number;
  ingestMs: number;
  /** From the end of the import until /sync/results answers 200. */
  figuresMs: number;
  requests: number;
  waits: number;
  longest: { ms: number; method: string; path: string };
}

async function startTarget(target: WorkerFigures['target'], url: string, asOf: string) {
  const env = { DATABASE_URL: url, MOGUL_TODAY: asOf, MOGUL_API_KEY: KEY, MOGUL_RATE_LIMIT: '1000000' };
  if (target === 'Node server (node-postgres)') return startServer({ ...env, DB_DRIVER: 'pg' });
  const db = await createDb({ DATABASE_URL: url, DB_DRIVER: 'pg' });
  await migrate(db); // `npm run deploy:worker` migrates before the Worker serves
  await db.close();
  return startWorkerChild(env);
}

export async function measureWorkerImport(target: WorkerFigures['target'], dir: string, asOf: string): Promise<WorkerFigures> {
  const database = await freshDatabase(`mogul_bench_worker_${process.pid}`);
  const server = await startTarget(target, database.url, asOf);
  try {
    const exchanges: { ms: number; method: string; path: string }[] = [];
    let waits = 0;
    const client = apiClient(server.url, KEY, {
      onExchange: ({ method, path, ms }) => exchanges.push({ method, path: path.replace(/\?.*/, ''), ms }),
      onWait: () => waits++,
    });
    const ingest = await timed(() => importFolder(dir, client));
    const figures = await timed(() => client.request('GET', '/sync/results?per_page=1'));
    const longest = exchanges.reduce((a, b) => (b.ms > a.ms ? b : a));
    return {
      target,
      rows: ingest.value.datasets.reduce((a, d) => a + d.rows, 0),
      rejected: ingest.value.errors.length,
      ingestMs: ingest.ms,
      figuresMs: figures.ms,
      requests: exchanges.length,
      waits,
      longest,
    };
  } finally {
    await server.stop();
    await database.drop();
  }
}
