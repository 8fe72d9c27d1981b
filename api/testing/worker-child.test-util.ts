/** Starts api/testing/worker-process.ts in a child process and waits for its URL. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../paths.ts';
import { buildWorker } from './worker.test-util.ts';

export interface WorkerChild {
  url: string;
  /** What the process printed on stderr (workerd's logs). */
  output(): string;
  stop(): Promise<void>;
}

export async function startWorkerChild(bindings: Record<string, string>): Promise<WorkerChild> {
  // Built here once, so children started side by side do not each run wrangler.
  const bundle = await buildWorker();
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'api', 'testing', 'worker-process.ts'), JSON.stringify(bindings)], {
    cwd: REPO_ROOT,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', MOGUL_WORKER_BUNDLE: bundle },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let stdout = '';
    const onData = (d: Buffer) => {
      stdout += d;
      const line = stdout.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      child.stdout.off('data', onData);
      resolve({
        url: JSON.parse(line).url,
        output: () => stderr,
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      });
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`The Worker process ended (${code}) before it was ready:\n${stderr}`)));
  });
}
