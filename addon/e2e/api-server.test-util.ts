// The real API (`node api/bin/mogul.mjs serve`) in a child process: UrlFetchApp is synchronous
// and blocks the test's thread, so the server must live elsewhere. Each server gets its own
// PGlite folder, copied from a migrated template made once per machine (a fresh initdb costs
// ~10 s; a copy opens in ~1 s).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'api', 'bin', 'mogul.mjs');

export interface ApiServer {
  url: string;
  key: string;
  today: string;
  /** Everything the server printed (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

function templateKey(): string {
  const hash = createHash('sha256');
  const migrations = join(ROOT, 'api', 'db', 'migrations');
  for (const name of readdirSync(migrations).sort()) {
    if (name.endsWith('.sql')) hash.update(name).update(readFileSync(join(migrations, name)));
  }
  hash.update(JSON.parse(readFileSync(join(ROOT, 'node_modules', '@electric-sql', 'pglite', 'package.json'), 'utf8')).version);
  return hash.digest('hex').slice(0, 16);
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * A migrated, empty PGlite folder (no account yet), shared by every test file. Made under a
 * lock folder (parallel test files wait for the first); `mogul help` first rebuilds the CLI
 * bundle if api/ changed, so servers started later never rebuild it side by side.
 */
function templateDir(): string {
  const final = join(tmpdir(), `mogul-e2e-pgdata-${templateKey()}`);
  const lock = `${final}.lock`;
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const held = statSync(lock, { throwIfNoEntry: false });
      if (waited > 120_000 || (held && Date.now() - held.mtimeMs > 120_000)) {
        rmSync(lock, { recursive: true, force: true });
      }
      sleepSync(200);
    }
  }
  try {
    const help = spawnSync(process.execPath, [CLI, 'help'], { cwd: ROOT, encoding: 'utf8' });
    if (help.status !== 0) throw new Error(`mogul help failed: ${help.stderr}`);
    if (!existsSync(final)) {
      const work = `${final}.${randomBytes(4).toString('hex')}`;
      const migrate = spawnSync(process.execPath, [CLI, 'db', 'migrate'], {
        cwd: ROOT, encoding: 'utf8', env: { ...process.env, MOGUL_DATA_DIR: work, DATABASE_URL: '', DB_DRIVER: 'pglite' },
      });
      if (migrate.status !== 0) throw new Error(`mogul db migrate failed: ${migrate.stderr}${migrate.stdout}`);
      renameSync(work, final);
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  return final;
}

/** Starts `mogul serve` with MOGUL_TODAY = today on a fresh copy of the template database. */
export async function startApiServer(options: { today: string; key?: string }): Promise<ApiServer> {
  const template = templateDir();
  const dataDir = mkdtempSync(join(tmpdir(), 'mogul-e2e-'));
  cpSync(template, dataDir, { recursive: true });
  const key = options.key ?? `e2e_${randomBytes(12).toString('hex')}`;
  const child: ChildProcess = spawn(process.execPath, [CLI, 'serve'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env, PORT: '0', HOST: '127.0.0.1', MOGUL_DATA_DIR: dataDir, MOGUL_API_KEY: key,
      MOGUL_TODAY: options.today, MOGUL_RATE_LIMIT: '100000', DATABASE_URL: '', DB_DRIVER: 'pglite',
    },
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`mogul serve did not start in 60 s:\n${output}`)), 60_000);
    const onData = (d: Buffer) => {
      output += String(d);
      const m = /Mogul API on (http:\/\/[^\s]+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`mogul serve exited (${code}) before it listened:\n${output}`));
    });
  });
  return {
    url,
    key,
    today: options.today,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
