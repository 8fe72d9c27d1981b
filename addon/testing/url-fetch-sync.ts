// Blocks the calling thread while a worker makes the HTTP requests (synckit). The worker is
// bundled by esbuild into the temp folder, named by its source's hash (Node 20 cannot run .ts workers).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { createSyncFn } from 'synckit';
import type { WireRequest, WireResponse } from './url-fetch-wire.ts';

const here = dirname(fileURLToPath(import.meta.url));
let syncFetch: ((requests: WireRequest[]) => WireResponse[]) | null = null;

function workerFile(): string {
  const source = join(here, 'url-fetch-worker.ts');
  const hash = createHash('sha256').update(readFileSync(source)).update(readFileSync(join(here, 'url-fetch-wire.ts'))).digest('hex').slice(0, 12);
  const out = join(tmpdir(), `mogul-url-fetch-worker-${hash}.cjs`);
  if (!existsSync(out)) {
    buildSync({
      entryPoints: [source], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: `${out}.${process.pid}`,
      nodePaths: [join(here, '..', '..', 'node_modules')], logLevel: 'error',
    });
    renameSync(`${out}.${process.pid}`, out); // atomic: parallel test workers never see half a file
  }
  return out;
}

/** Sends the requests in parallel and waits for every answer; timeoutMs bounds the whole batch. */
export function fetchSync(requests: WireRequest[], timeoutMs: number): WireResponse[] {
  syncFetch ??= createSyncFn<(r: WireRequest[]) => Promise<WireResponse[]>>(workerFile(), { timeout: timeoutMs + 5000 });
  return syncFetch(requests);
}
