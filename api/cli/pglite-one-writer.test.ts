/**
 * One process per PGlite folder, with the real command line in real processes: while
 * `mogul serve` holds a folder, `mogul account create`, `mogul db migrate` and a second
 * `mogul serve` stop with an error naming the folder and the server's process (no key printed,
 * nothing written), and the server's data stays whole; after the server is SIGKILLed its lock
 * is stale and the next process takes the folder over. Also: `mogul serve` refuses an empty or
 * blank MOGUL_API_KEY before it opens anything.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPglite } from '../db/pglite.ts';
import { LOCK_FILE } from '../db/folder-lock.ts';
import { REPO_ROOT } from '../paths.ts';
import { httpCaller } from '../testing/server.test-util.ts';

const CLI = join(REPO_ROOT, 'api', 'bin', 'mogul.mjs');
const root = mkdtempSync(join(tmpdir(), 'mogul-one-writer-'));
const servers: ChildProcess[] = [];

function envFor(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { MOGUL_API_KEY: _, ...parent } = process.env;
  return { ...parent, PORT: '0', HOST: '127.0.0.1', MOGUL_DATA_DIR: dataDir, DATABASE_URL: '', DB_DRIVER: 'pglite', ...extra };
}

/** Runs a mogul command to its end. */
function mogul(args: string[], dataDir: string, extra: Record<string, string> = {}) {
  return spawnSync(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, env: envFor(dataDir, extra), encoding: 'utf8', timeout: 120_000 });
}

interface Server {
  child: ChildProcess;
  url: string;
  output: string;
  exited: Promise<number | null>;
}

/** Starts `mogul serve` on the folder and waits until it listens (and has printed what it prints on start). */
async function serve(dataDir: string, extra: Record<string, string> = {}): Promise<Server> {
  const child = spawn(process.execPath, [CLI, 'serve'], { cwd: REPO_ROOT, env: envFor(dataDir, extra), stdio: ['ignore', 'pipe', 'pipe'] });
  servers.push(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += String(d);
      const m = /Mogul API on (http:\/\/\S+)/.exec(output);
      if (m && /Try: /.test(output)) resolve(m[1]);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`mogul serve ended (${code}) before it listened:\n${output}`)));
  });
  return { child, url, output, exited };
}

async function kill(server: Server, signal: NodeJS.Signals): Promise<number | null> {
  server.child.kill(signal);
  return server.exited;
}

beforeAll(() => {
  // Builds the CLI bundle once, before processes start side by side.
  const help = spawnSync(process.execPath, [CLI, 'help'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (help.status !== 0) throw new Error(`mogul help failed: ${help.stderr}`);
}, 120_000);
afterAll(() => {
  for (const child of servers) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

describe('one process per PGlite folder', () => {
  it('while mogul serve holds the folder, account create, db migrate and a second serve stop with a clear error and write nothing; after a SIGKILL the stale lock is taken over', async () => {
    const dataDir = join(root, 'data');
    const server = await serve(dataDir);
    const folder = realpathSync(dataDir);
    const key = /API key: ([0-9a-f]{40})/.exec(server.output)![1];
    const call = httpCaller(server.url, key);
    expect((await call('POST', '/v1/data_sources', { name: 'Before' })).status).toBe(201);

    const inUse = `The PGlite folder ${folder} is in use by process ${server.child.pid} (mogul serve, started `;
    const create = mogul(['account', 'create', 'Intruder'], dataDir);
    expect(create.status).toBe(1);
    expect(create.stdout).toBe('');
    expect(create.stderr).toContain(`mogul account: ${inUse}`);
    expect(create.stderr).toContain(`Stop that process (Ctrl-C where it runs, or \`kill ${server.child.pid}\`) and run this again`);
    const migrate = mogul(['db', 'migrate'], dataDir);
    expect(migrate.status).toBe(1);
    expect(migrate.stderr).toContain(`mogul db: ${inUse}`);
    const second = mogul(['serve'], dataDir);
    expect(second.status).toBe(1);
    expect(second.stdout).not.toMatch(/Mogul API on/);
    expect(second.stderr).toContain(`mogul serve: ${inUse}`);

    // The server goes on, its data whole.
    expect((await call('POST', '/v1/data_sources', { name: 'During' })).status).toBe(201);
    const names = async (c: typeof call) => (await c('GET', '/v1/data_sources')).json.data_sources.map((d: { name: string }) => d.name).sort();
    expect(await names(call)).toEqual(['Before', 'During']);

    expect(await kill(server, 'SIGKILL')).toBe(null);
    expect(existsSync(join(folder, LOCK_FILE))).toBe(true); // stale

    const restarted = await serve(dataDir);
    expect(restarted.output).not.toMatch(/API key:/);
    expect(await names(httpCaller(restarted.url, key))).toEqual(['Before', 'During']);
    expect(await kill(restarted, 'SIGKILL')).toBe(null);

    const created = mogul(['account', 'create', 'Second'], dataDir); // over the stale lock again
    expect(created.status).toBe(0);
    const secondKey = /API key: ([0-9a-f]{40})/.exec(created.stdout)![1];
    expect(existsSync(join(folder, LOCK_FILE))).toBe(false);

    const last = await serve(dataDir);
    const account = await httpCaller(last.url, secondKey)('GET', '/v1/account');
    expect(account.status).toBe(200);
    expect(account.json.name).toBe('Second');
    expect(await kill(last, 'SIGTERM')).toBe(0);
    expect(existsSync(join(folder, LOCK_FILE))).toBe(false);

    const db = await createPglite(dataDir);
    try {
      const accounts = await db.read((tx) => tx.query<{ name: string }>('SELECT name FROM accounts ORDER BY created_at'));
      expect(accounts.map((a) => a.name)).toEqual(['Default', 'Second']);
    } finally {
      await db.close();
    }
  }, 240_000);

  for (const [label, value] of [['empty', ''], ['blank', '  ']] as const) {
    it(`mogul serve refuses a MOGUL_API_KEY that is ${label}, before it opens the folder`, () => {
      const dataDir = join(root, `refused-${label}`);
      const result = mogul(['serve'], dataDir, { MOGUL_API_KEY: value });
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(`mogul serve: MOGUL_API_KEY is set but ${label}: unset it, or set it to the key you want.\n`);
      expect(existsSync(dataDir)).toBe(false);
    });
  }
});
