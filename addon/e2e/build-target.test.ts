// `npm run build:addon` for a server: the URL goes into the manifest's urlFetchWhitelist and is
// the default API URL of the built bundle; a URL Apps Script could not fetch is refused; with no
// URL the add-on is local only. Each build here writes to a folder of its own (other test files
// load dist/addon meanwhile).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildAddon } from '../build.mjs';
import { loadAddon } from '../testing/harness.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const TEMPLATE = JSON.parse(readFileSync(join(ROOT, 'appsscript.json'), 'utf8')) as Record<string, unknown>;
const SERVER = 'https://mogul.example.workers.dev';

const folders: string[] = [];
const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'mogul-build-'));
  folders.push(dir);
  return dir;
};
afterAll(() => folders.forEach((d) => rmSync(d, { recursive: true, force: true })));

const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'appsscript.json'), 'utf8')) as Record<string, unknown>;

function cli(args: string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, [join(ROOT, 'addon', 'build.mjs'), ...args], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, MOGUL_API_URL: '', ...env },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const defaultApiUrl = (dir: string) => (loadAddon({ bundlePath: join(dir, 'Code.js') }).call('getSettings') as { apiUrl: string }).apiUrl;

describe('a build for a server', () => {
  test('the URL is whitelisted (with a path, as Apps Script requires) and is the default API URL; a saved one wins', async () => {
    const dir = await buildAddon({ apiUrl: SERVER, out: folder() });
    expect(manifest(dir)).toEqual({ ...TEMPLATE, urlFetchWhitelist: [`${SERVER}/`] });
    expect(manifest(dir)).toMatchObject({
      runtimeVersion: 'V8',
      oauthScopes: [
        'https://www.googleapis.com/auth/spreadsheets.currentonly',
        'https://www.googleapis.com/auth/script.container.ui',
        'https://www.googleapis.com/auth/script.external_request',
      ],
    });
    const addon = loadAddon({ bundlePath: join(dir, 'Code.js') });
    expect((addon.call('getSettings') as { apiUrl: string }).apiUrl).toBe(SERVER);
    expect(addon.call('saveSettings', { apiUrl: `${SERVER}/v2/` })).toMatchObject({ errors: [] });
    expect((addon.call('getSettings') as { apiUrl: string }).apiUrl).toBe(`${SERVER}/v2`);
    expect(addon.call('saveSettings', { apiUrl: '' })).toMatchObject({ errors: [] });
    expect(addon.call('getSidebarState')).toMatchObject({ mode: 'local', settings: { apiUrl: '' } });
  });

  test('a server under a path keeps its path; a trailing slash is dropped', async () => {
    const dir = await buildAddon({ apiUrl: 'https://tools.example.com/mogul/', out: folder() });
    expect(manifest(dir).urlFetchWhitelist).toEqual(['https://tools.example.com/mogul/']);
    expect(defaultApiUrl(dir)).toBe('https://tools.example.com/mogul');
  });

  test('the command line takes --api-url or MOGUL_API_URL and says what it built', () => {
    const dir = folder();
    const flag = cli(['--api-url', SERVER, '--out', dir]);
    expect(flag.status, flag.stderr).toBe(0);
    expect(flag.stdout).toContain(`for ${SERVER}`);
    expect(manifest(dir).urlFetchWhitelist).toEqual([`${SERVER}/`]);

    const other = folder();
    const env = cli(['--out', other], { MOGUL_API_URL: 'https://api.example.org' });
    expect(env.status, env.stderr).toBe(0);
    expect(manifest(other).urlFetchWhitelist).toEqual(['https://api.example.org/']);
    expect(defaultApiUrl(other)).toBe('https://api.example.org');
  });

  test('with no URL the build works, says it is local mode only, and whitelists nothing', () => {
    const dir = folder();
    const run = cli(['--out', dir]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/no server URL: local mode only/);
    expect(run.stdout).toContain('--api-url');
    expect(manifest(dir)).toEqual(TEMPLATE);
    expect(defaultApiUrl(dir)).toBe('');
  });

  test.each([
    ['http://mogul.example.workers.dev', /must be an https:\/\/ URL.*Google's servers/s],
    ['http://127.0.0.1:8787', /must be an https:\/\/ URL.*Google's servers/s],
    ['https://localhost:8787', /not reachable from the internet.*not from this computer/s],
    ['https://192.168.1.20', /not reachable from the internet/],
    ['https://mogul.example.com/?key=1', /no query/],
    ['mogul.example.com', /must be a URL/],
  ])('a production build refuses %s with a clear message and writes nothing', (url, message) => {
    const dir = join(folder(), 'out');
    const run = cli(['--api-url', url, '--out', dir]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^Add-on not built: /);
    expect(run.stderr).toMatch(message);
    expect(existsSync(dir)).toBe(false);
  });

  test('a development build (--dev, never the default) may use a server on this computer', async () => {
    const dir = folder();
    const run = cli(['--dev', '--api-url', 'http://127.0.0.1:8787', '--out', dir]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('Development build');
    expect(manifest(dir)).toEqual(TEMPLATE); // Apps Script takes only https prefixes
    expect(defaultApiUrl(dir)).toBe('http://127.0.0.1:8787');
    await expect(buildAddon({ apiUrl: 'http://localhost:9000', out: folder() })).rejects.toThrow(/https/);
  });

  test('an unknown option is refused', () => {
    const run = cli(['--api', SERVER, '--out', folder()]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Unknown option --api');
  });
});
