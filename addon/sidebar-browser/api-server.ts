// `mogul serve` in a child process, as deployed: UrlFetchApp in the harness blocks the test's
// thread, so the API must answer from another process. Data goes to a fresh temporary folder.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

export interface ApiServer {
  url: string;
  key: string;
  stop(): Promise<void>;
}

export async function startApiServer(options: { today: string; key?: string }): Promise<ApiServer> {
  const key = options.key ?? 'sidebar-test-key-0123456789';
  const dataDir = mkdtempSync(join(tmpdir(), 'mogul-sidebar-api-'));
  const child = spawn(process.execPath, [join(ROOT, 'api', 'bin', 'mogul.mjs'), 'serve'], {
    env: {
      ...process.env, PORT: '0', MOGUL_DATA_DIR: dataDir, MOGUL_API_KEY: key, MOGUL_TODAY: options.today,
      MOGUL_RATE_LIMIT: '100000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the API did not start within 60 s:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += String(chunk);
      const m = /Mogul API on (http:\/\/\S+)/.exec(output);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`the API exited (${code}):\n${output}`)); });
  });
  return {
    url,
    key,
    stop: () => new Promise<void>((resolve) => {
      const done = () => { rmSync(dataDir, { recursive: true, force: true }); resolve(); };
      if (child.exitCode !== null) return done();
      child.once('exit', done);
      child.kill('SIGTERM');
    }),
  };
}
