/**
 * The README's two paths, run as written: "Try it on your machine" (the Node server on
 * PGlite) always, and "From nothing to a synced sheet" where PostgreSQL is (CI=true or
 * DATABASE_URL), with a database on it standing in for Neon and the Worker in workerd
 * standing in for `npm run deploy:worker`. Every command runs in bash from the repository,
 * in order, except those the README names as needing a Cloudflare, Google or Neon account
 * (checked to be exactly the ones that do) and `npm ci`, which .ci/run runs.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './paths.ts';
import { serverTests, testDatabase, type TestDatabase } from './testing/databases.test-util.ts';
import { startWorkerChild, type WorkerChild } from './testing/worker-child.test-util.ts';

const README = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');

/** The lines of the shell blocks under a `## ` heading, up to the next heading: [command, comment]. */
function commandsUnder(heading: string): [string, string][] {
  const start = README.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README has no section '${heading}'`);
  const end = README.slice(start + 1).search(/\n##+ /);
  const section = README.slice(start, end < 0 ? undefined : start + 1 + end);
  const lines = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => m[1].split('\n')).filter((l) => l.trim());
  return lines.map((line) => {
    const hash = line.search(/\s#\s/);
    return hash < 0 ? [line.trim(), ''] : [line.slice(0, hash).trim(), line.slice(hash).replace(/^\s*#\s*/, '')];
  });
}

const NEEDS_ACCOUNT = /needs an? (Cloudflare|Google|Neon) account/;

/** Runs a command line in bash from the repository; its standard output, or a failure naming it. */
function run(command: string, env: Record<string, string | undefined>): string {
  const result = spawnSync('bash', ['-c', command], { cwd: REPO_ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 300_000 });
  if (result.status !== 0) throw new Error(`\`${command}\` failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

const keyIn = (output: string) => /API key: ([0-9a-f]{40})/.exec(output)?.[1];

describe('README: try it on your machine', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mogul-readme-'));
  let server: ReturnType<typeof spawn> | null = null;
  afterAll(() => {
    // npm and the server under it: the whole process group, or the server outlives the test.
    if (server?.pid) process.kill(-server.pid, 'SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs: npm start, mogul example, mogul report, mogul import, curl', async () => {
    const commands = commandsUnder('Try it on your machine').map(([c]) => c);
    expect(commands[0]).toBe('npm ci && npm start');
    // `npm start` serves until stopped: started in the background on a free port and a scratch
    // folder; the later lines get its URL and the key it prints.
    const { MOGUL_API_KEY: _, ...parentEnv } = process.env; // the first start makes and prints a key
    server = spawn('bash', ['-c', 'npm start'], { cwd: REPO_ROOT, env: { ...parentEnv, PORT: '0', MOGUL_DATA_DIR: dataDir }, detached: true });
    const started = await new Promise<string>((resolve, reject) => {
      let out = '';
      server!.stdout!.on('data', (d) => {
        out += d;
        if (/API key: /.test(out) && /Try: /.test(out)) resolve(out);
      });
      server!.once('exit', (code) => reject(new Error(`npm start ended (${code}): ${out}`)));
    });
    const url = /Mogul API on (http:\/\/\S+)/.exec(started)![1];
    const key = keyIn(started)!;
    const outputs = commands.slice(1).map((c) => run(c.replaceAll('http://127.0.0.1:8787', url).replaceAll('<the API key>', key), {}));
    expect(outputs[0]).toMatch(/Wrote Acme Analytics, the example company, to examples\/acme-analytics/);
    expect(outputs[1]).toMatch(/Customers\s+2\d active, 0 past due/);
    expect(outputs[2]).toMatch(/Every row was accepted/);
    const mrr = JSON.parse(outputs[3]);
    expect(mrr.entries.length).toBe(12);
  }, 300_000);
});

describe.runIf(serverTests())('README: from nothing to a synced sheet', () => {
  const lines = commandsUnder('From nothing to a synced sheet');
  let database: TestDatabase | null = null;
  let worker: WorkerChild | null = null;
  const addonOut = mkdtempSync(join(tmpdir(), 'mogul-readme-addon-'));
  afterAll(async () => {
    await worker?.stop();
    await database?.drop();
    rmSync(addonOut, { recursive: true, force: true });
  });

  it('names as needing an account exactly the commands that do, and CI runs npm ci', () => {
    const skipped = lines.filter(([, comment]) => NEEDS_ACCOUNT.test(comment) || /CI runs this/.test(comment)).map(([c]) => c);
    expect(skipped.map((c) => c.split(' ').slice(0, 3).join(' '))).toEqual([
      'git clone https://github.com/<you>/mogul.git', 'npx wrangler login', 'npx wrangler secret', 'npx wrangler queues', 'npm run deploy:worker',
      'npx clasp login', 'npx clasp create', 'npx clasp push',
    ]);
    expect(skipped[0]).toMatch(/&& npm ci$/);
    for (const [command] of lines) {
      if (/^npx (wrangler|clasp)|deploy:worker/.test(command)) expect(skipped).toContain(command);
    }
  });

  it('runs every other command, in order, against PostgreSQL and the Worker', async () => {
    database = await testDatabase('pg');
    const env: Record<string, string | undefined> = { DATABASE_URL: database.url };
    const outputs = new Map<string, string>();
    for (const [command, comment] of lines) {
      if (NEEDS_ACCOUNT.test(comment) || /CI runs this/.test(comment)) continue;
      const exported = /^export (\w+)=/.exec(command);
      if (exported) {
        // The README's placeholders get this machine's stand-ins.
        const name = exported[1];
        if (name === 'DATABASE_URL') env.DATABASE_URL = database.url;
        else if (name === 'MOGUL_API_KEY') env.MOGUL_API_KEY = keyIn(outputs.get('npx mogul account create "Acme Analytics"') ?? '');
        else if (name === 'MOGUL_API_URL') {
          // What `npm run deploy:worker` would make: the Worker, on the migrated database.
          worker = await startWorkerChild({ DATABASE_URL: database.url!, MOGUL_RATE_LIMIT: '1000' });
          env.MOGUL_API_URL = worker.url;
        } else throw new Error(`The README exports ${name}, which this test does not know`);
        expect(env[name], `${name} for \`${command}\``).toBeTruthy();
        continue;
      }
      if (command.startsWith('npm run build:addon')) {
        // The local Worker is plain http on loopback, which a production build rightly refuses,
        // and dist/addon belongs to the other tests: the README's own example URL, another folder.
        outputs.set(command, run(`${command} --out ${addonOut}`, { ...env, MOGUL_API_URL: 'https://mogul-api.example.workers.dev' }));
        continue;
      }
      outputs.set(command, run(command, env));
    }
    expect(outputs.get('npm run db:migrate')).toMatch(/Migrations applied \(PostgreSQL/);
    expect(outputs.get('curl -u "$MOGUL_API_KEY:" "$MOGUL_API_URL/v1/ping"')).toBe('{"data":"pong!"}');
    const imported = [...outputs].find(([c]) => c.startsWith('npx mogul import'))![1];
    expect(imported).toMatch(/Every row was accepted/);
    expect(imported).toMatch(/Figures computed as of \d{4}-\d{2}-\d{2}: MRR \$[\d,.]+, 2\d customers/);
    const manifest = JSON.parse(readFileSync(join(addonOut, 'appsscript.json'), 'utf8'));
    expect(manifest.urlFetchWhitelist).toEqual(['https://mogul-api.example.workers.dev/']);
  }, 600_000);
});
