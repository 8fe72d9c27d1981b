/**
 * The API as a Cloudflare Worker, run for real in workerd (Miniflare, from npm): the very
 * bundle `wrangler deploy` would upload (`wrangler deploy --dry-run --outdir`), over Neon's
 * driver, reaching the machine's PostgreSQL through the local WebSocket relay the Neon
 * driver tests use.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Miniflare } from 'miniflare';
import { REPO_ROOT } from '../paths.ts';
import type { WorkerEnv } from '../worker.ts';

const WRANGLER = join(REPO_ROOT, 'node_modules', '.bin', 'wrangler');
const CONFIG = join(REPO_ROOT, 'api', 'wrangler.jsonc');

let built: Promise<string> | null = null;

/**
 * The deploy bundle, built once per test process (or the one MOGUL_WORKER_BUNDLE names, built
 * by a parent process); answers its folder.
 */
export function buildWorker(): Promise<string> {
  const given = process.env.MOGUL_WORKER_BUNDLE;
  if (given) return Promise.resolve(given);
  built ??= (async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'mogul-worker-'));
    await promisify(execFile)(WRANGLER, ['deploy', '--dry-run', '--outdir', outdir, '--config', CONFIG], {
      cwd: REPO_ROOT,
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' },
    });
    return outdir;
  })();
  return built;
}

/** The compatibility date and flags of api/wrangler.jsonc, so the tests run what deploys. */
function compatibility(): { compatibilityDate: string; compatibilityFlags: string[] } {
  const config = readFileSync(CONFIG, 'utf8');
  const date = /"compatibility_date":\s*"([^"]+)"/.exec(config)?.[1];
  const flags = /"compatibility_flags":\s*\[([^\]]*)\]/.exec(config)?.[1];
  if (!date || flags === undefined) throw new Error(`${CONFIG} has no compatibility_date or compatibility_flags`);
  return { compatibilityDate: date, compatibilityFlags: [...flags.matchAll(/"([^"]+)"/g)].map((m) => m[1]) };
}

export interface RunningWorker {
  url: string;
  /** Runs a cron trigger once (as Cloudflare does on schedule; default the five-minute one) and waits for it. */
  scheduled(cron?: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the Worker in workerd with these bindings (vars and secrets alike); `queue`: with the
 * recompute queue of api/wrangler.jsonc (producer and consumer, run by Miniflare).
 */
export async function startWorker(bindings: Omit<WorkerEnv, 'RECOMPUTE_QUEUE'> & { DATABASE_URL: string }, options: { queue?: boolean } = {}): Promise<RunningWorker> {
  const dir = await buildWorker();
  const mf = new Miniflare({
    modules: true,
    scriptPath: join(dir, 'worker.js'),
    modulesRoot: dir,
    ...compatibility(),
    bindings: Object.fromEntries(Object.entries(bindings).filter(([, v]) => v !== undefined)) as Record<string, string>,
    host: '127.0.0.1',
    port: 0,
    unsafeTriggerHandlers: true,
    ...(options.queue
      ? {
        queueProducers: { RECOMPUTE_QUEUE: { queueName: 'mogul-recompute' } },
        queueConsumers: { 'mogul-recompute': { maxBatchSize: 10, maxBatchTimeout: 1, maxRetries: 10 } },
      }
      : {}),
  });
  const url = (await mf.ready).toString().replace(/\/$/, '');
  return {
    url,
    scheduled: async (cron = '*/5 * * * *') => {
      const response = await fetch(`${url}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent(cron)}`);
      await response.text();
      if (!response.ok) throw new Error(`The scheduled handler failed: ${response.status}`);
    },
    close: () => mf.dispose(),
  };
}
