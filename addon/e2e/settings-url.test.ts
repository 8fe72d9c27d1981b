// Settings take only an API URL the build can fetch: https, within the manifest's
// urlFetchWhitelist (a development build also takes a server on this computer), and every
// message names settings as the Settings form labels them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SETTING_KEYS } from '../../shared/index.ts';
import { buildAddon } from '../build.mjs';
import { loadAddon, type Addon } from '../testing/harness.ts';

const SERVER = 'https://mogul.example.workers.dev';
const builds: Record<'server' | 'local' | 'dev', string> = { server: '', local: '', dev: '' };

beforeAll(async () => {
  const out = () => mkdtempSync(join(tmpdir(), 'mogul-settings-'));
  builds.server = await buildAddon({ apiUrl: SERVER, out: out() });
  builds.local = await buildAddon({ out: out() });
  builds.dev = await buildAddon({ dev: true, out: out() });
}, 60_000);
afterAll(() => Object.values(builds).forEach((d) => d && rmSync(d, { recursive: true, force: true })));

const load = (build: keyof typeof builds) => loadAddon({ bundlePath: join(builds[build], 'Code.js') });
type Saved = { errors: string[]; settings: { apiUrl: string } };
const save = (addon: Addon, input: Record<string, unknown>) => addon.runFromSidebar('saveSettings', input) as Saved;
const storedUrl = (addon: Addon) => addon.properties.document.data.get('mogul.apiUrl');

describe('API URL of a build for a server', () => {
  test('the built URL and addresses below it are taken', () => {
    const addon = load('server');
    expect(save(addon, { apiUrl: `${SERVER}/` })).toEqual(expect.objectContaining({ errors: [], settings: expect.objectContaining({ apiUrl: SERVER }) }));
    expect(save(addon, { apiUrl: 'HTTPS://Mogul.Example.Workers.dev/tenant-2' }).errors).toEqual([]);
    expect(storedUrl(addon)).toBe(`${SERVER}/tenant-2`);
  });

  test('another server is refused, saying why and how to build for it; the stored URL stays', () => {
    const addon = load('server');
    save(addon, { apiUrl: SERVER });
    for (const other of ['https://mogul.example.com', 'https://mogul.example.workers.dev.evil.com', 'https://evil.example.workers.dev']) {
      expect(save(addon, { apiUrl: other }).errors).toEqual([
        `This add-on was built for ${SERVER}; Apps Script only lets a published add-on fetch the addresses in its manifest. ` +
          `Rebuild the add-on with --api-url ${other} to use another server.`,
      ]);
    }
    expect(storedUrl(addon)).toBe(SERVER);
  });

  test('a non-https URL is refused: Apps Script fetches from Google, so the server must be on the internet over https', () => {
    const addon = load('server');
    for (const url of ['http://mogul.example.workers.dev', 'http://127.0.0.1:8787', 'http://localhost:8787']) {
      expect(save(addon, { apiUrl: url }).errors).toEqual([
        `API URL must start with https:// (got '${url}'): Apps Script fetches from Google's servers, so the Mogul server must be reachable over https from the internet (see the README).`,
      ]);
    }
    expect(save(addon, { apiUrl: 'ftp://example.com' }).errors).toEqual(["API URL must start with https:// (got 'ftp://example.com')"]);
    expect(storedUrl(addon)).toBeUndefined();
  });
});

describe('API URL of a build without a server', () => {
  test('every server is refused (local mode only); an empty URL is fine', () => {
    const addon = load('local');
    expect(save(addon, { apiUrl: SERVER }).errors).toEqual([
      'This add-on was built without a server (local mode only); Apps Script only lets a published add-on fetch the addresses in its manifest. ' +
        `Rebuild the add-on with --api-url ${SERVER} to use a server.`,
    ]);
    expect(save(addon, { apiUrl: '' }).errors).toEqual([]);
  });
});

describe('API URL of a development build', () => {
  test('a server on this computer (any port) is taken; other http URLs are not', () => {
    const addon = load('dev');
    for (const url of ['http://127.0.0.1:43117', 'http://localhost:8787']) {
      expect(save(addon, { apiUrl: url }).errors).toEqual([]);
      expect(storedUrl(addon)).toBe(url);
    }
    expect(save(addon, { apiUrl: 'http://mogul.example.com' }).errors[0]).toMatch(/^API URL must start with https:\/\//);
  });
});

describe('metric settings', () => {
  test('a bad value is named as the Settings form labels it, never by its internal key', () => {
    const addon = load('dev');
    const { errors } = save(addon, {
      engine: { base_currency: 'usd', churn_recognition: 'later', auto_churn: '120', sac_window_minutes: 'x', transaction_fees: 'keep' },
    });
    expect(errors).toEqual([
      "Base currency must be a three-letter upper-case ISO 4217 code such as USD; got 'usd'",
      "Churn recognition must be cancellation or service_period_end; got 'later'",
      "Auto-churn must be empty (never), missing_renewal or a number of days from 1 to 90; got '120'",
      "Smart grouping window (minutes) must be a whole number of minutes from 0 to 1440; got 'x'",
      "Transaction fees must be ignore or deduct; got 'keep'",
    ]);
    for (const key of SETTING_KEYS) expect(errors.join('\n')).not.toContain(key);
  });
});
