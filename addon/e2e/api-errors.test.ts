// A sync whose server cannot be reached, or answers with an error, ends with a message that
// says what happened and what to do, never Apps Script's raw exception. The servers are real:
// an unknown host (.invalid never resolves), a closed port, and a gateway in a child process.
import type { SyncState } from '../../shared/index.ts';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildAddon } from '../build.mjs';
import { loadAddon, type Addon } from '../testing/harness.ts';
import { startGateway, type Gateway, type GatewayRule } from './gateway.test-util.ts';
import { fillFromFolder, GOLDEN_DIR, goldenAsOf } from './sheet.test-util.ts';

const CASE = '06-lifecycle';
const AS_OF = goldenAsOf(CASE);
const SERVER = 'https://mogul.invalid';
const builds = { server: '', dev: '' };
const gateways: Gateway[] = [];

beforeAll(async () => {
  builds.server = await buildAddon({ apiUrl: SERVER, out: mkdtempSync(join(tmpdir(), 'mogul-errors-')) });
  builds.dev = await buildAddon({ dev: true, out: mkdtempSync(join(tmpdir(), 'mogul-errors-')) });
}, 60_000);
afterAll(() => {
  gateways.forEach((g) => g.close());
  Object.values(builds).forEach((d) => d && rmSync(d, { recursive: true, force: true }));
});

function sheet(build: keyof typeof builds, settings: { apiUrl?: string; apiKey: string }): Addon {
  const addon = loadAddon({ bundlePath: join(builds[build], 'Code.js'), now: Date.parse(`${AS_OF}T15:00:00Z`) });
  fillFromFolder(addon, join(GOLDEN_DIR, CASE));
  const saved = addon.runFromSidebar('saveSettings', settings) as { errors: string[] };
  expect(saved.errors).toEqual([]);
  return addon;
}

function sync(addon: Addon): SyncState {
  let state = addon.runFromSidebar('startSync') as SyncState;
  for (let i = 0; i < 20 && (state.status === 'running' || state.status === 'writing results'); i++) {
    state = addon.runFromSidebar('continueSync') as SyncState;
  }
  return state;
}

async function gateway(rules: GatewayRule[]): Promise<Gateway> {
  const g = await startGateway(null, rules);
  gateways.push(g);
  return g;
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
  const { port } = probe.address() as { port: number };
  await new Promise((r) => probe.close(r));
  return port;
}

const UNREACHABLE_ADVICE =
  "Apps Script fetches from Google, not from this computer, so a server on a laptop or a private network is unreachable: " +
  'deploy the API where the internet can reach it over https (see the README).';

describe('a server that cannot be reached from Google', () => {
  test('an unknown host (DNS error)', () => {
    const state = sync(sheet('server', { apiKey: 'k' }));
    expect(state.status).toBe('failed');
    expect(state.message).toMatch(
      /^The Mogul server at https:\/\/mogul\.invalid could not be reached from Google's servers \(DNS error: https:\/\/mogul\.invalid\/sync\/\w+\)\. /,
    );
    expect(state.message!.endsWith(UNREACHABLE_ADVICE)).toBe(true);
  });

  test('nothing listening there (address unavailable)', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const state = sync(sheet('dev', { apiUrl: url, apiKey: 'k' }));
    expect(state.status).toBe('failed');
    expect(state.message).toMatch(new RegExp(`^The Mogul server at ${url} could not be reached from Google's servers \\(Address unavailable: ${url}/sync/\\w+\\)\\. `));
    expect(state.message!.endsWith(UNREACHABLE_ADVICE)).toBe(true);
  });

  test("a URL outside the manifest's whitelist (saved by an earlier build) is explained, not thrown", () => {
    const addon = sheet('server', { apiKey: 'k' });
    addon.properties.document.data.set('mogul.apiUrl', 'https://elsewhere.invalid');
    const state = sync(addon);
    expect(state.status).toBe('failed');
    expect(state.message).toBe(
      'Apps Script refused to fetch https://elsewhere.invalid: this add-on was built for https://mogul.invalid, and a published add-on may only fetch ' +
        'the addresses in its manifest. Set Settings → API URL to https://mogul.invalid, or rebuild the add-on with --api-url https://elsewhere.invalid.',
    );
    expect(addon.urlFetch.calls).toBe(0);
  });
});

describe('a server that answers with an error', () => {
  test('401: check the API key in Settings', async () => {
    const g = await gateway([{ path: '/', times: 99, status: 401, body: '{"code":401,"message":"Unauthorized"}' }]);
    const state = sync(sheet('dev', { apiUrl: g.url, apiKey: 'wrong' }));
    expect(state).toMatchObject({
      status: 'failed',
      message: `The Mogul server at ${g.url} did not accept the API key (401): check the API key in Extensions → Mogul → Settings.`,
    });
  });

  test("a proxy's HTML error page: the server failed, with a short quote of the page", async () => {
    const page = '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';
    const g = await gateway([{ path: '/', times: 99, status: 502, headers: { 'Content-Type': 'text/html' }, body: page }]);
    const state = sync(sheet('dev', { apiUrl: g.url, apiKey: 'k' }));
    expect(state).toMatchObject({
      status: 'failed',
      message: `The Mogul server at ${g.url} failed (status 502): "502 Bad Gateway". Try again later; if it goes on, look at the server's logs.`,
    });
  });

  test('a 5xx with a JSON message quotes it; a long page is cut short', async () => {
    const json = await gateway([{ path: '/', times: 99, status: 500, body: '{"code":500,"message":"database is down"}' }]);
    expect(sync(sheet('dev', { apiUrl: json.url, apiKey: 'k' })).message).toBe(
      `The Mogul server at ${json.url} failed (status 500): "database is down". Try again later; if it goes on, look at the server's logs.`,
    );
    const long = await gateway([{ path: '/', times: 99, status: 503, headers: { 'Content-Type': 'text/plain' }, body: `overloaded ${'x'.repeat(5000)}` }]);
    const message = sync(sheet('dev', { apiUrl: long.url, apiKey: 'k' })).message!;
    expect(message).toMatch(new RegExp(`^The Mogul server at ${long.url} failed \\(status 503\\): "overloaded x+…"\\. `));
    expect(message.length).toBeLessThan(400);
  });
});
