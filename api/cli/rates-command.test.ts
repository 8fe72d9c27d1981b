/**
 * `mogul rates update` (the real command line, in a child process, on a real PGlite folder)
 * against a local server serving ECB's format: stores the rates; a failed fetch changes nothing
 * and exits 1; bad arguments exit 2. And `mogul serve` fetches
 * them at start-up when MOGUL_ECB_URL names a URL (every other test-started server has it off).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPglite } from '../db/pglite.ts';
import { ecbXml, startEcbServer, type EcbServer } from '../rates/ecb-server.test-util.ts';
import { ECB_SOURCE } from '../rates/settings.ts';
import { referenceRatesOf, referenceRateUpdate } from '../store/reference-rates.ts';
import { buildCliOnce, mogul, serve } from '../testing/mogul-process.test-util.ts';

const root = mkdtempSync(join(tmpdir(), 'mogul-rates-'));
let ecb: EcbServer;

beforeAll(async () => {
  buildCliOnce();
  ecb = await startEcbServer(ecbXml({
    '2024-01-02': { USD: '1.0956', JPY: '155.88' },
    '2024-01-03': { USD: '1.0919', JPY: '157.13' },
  }));
}, 180_000);
afterAll(async () => {
  await ecb?.close();
  rmSync(root, { recursive: true, force: true });
});

/** Runs `mogul rates …` on a PGlite folder to its end. */
async function rates(args: string[], dataDir: string, env: Record<string, string> = {}) {
  const p = mogul(['rates', ...args], { MOGUL_DATA_DIR: dataDir, DB_DRIVER: 'pglite', MOGUL_ECB_URL: ecb.url, ...env });
  const code = await p.exited;
  return { code, output: p.output() };
}

async function storedIn(dataDir: string) {
  const db = await createPglite(dataDir);
  try {
    return await db.read(async (tx) => ({
      rates: await referenceRatesOf(tx, ['JPY', 'USD']),
      update: await referenceRateUpdate(tx, ECB_SOURCE),
    }));
  } finally {
    await db.close();
  }
}

describe('mogul rates update', () => {
  it('stores the rates of MOGUL_ECB_URL', async () => {
    const dir = join(root, 'update');
    const first = await rates(['update'], dir);
    expect(first).toEqual({ code: 0, output: `Reference rates up to 2024-01-03: 4 in ${ecb.url}, 4 new or changed\n` });
    const { rates: stored, update } = await storedIn(dir);
    expect(stored).toEqual([
      { currency: 'JPY', date: '2024-01-02', perEur: '155.88' },
      { currency: 'JPY', date: '2024-01-03', perEur: '157.13' },
      { currency: 'USD', date: '2024-01-02', perEur: '1.0956' },
      { currency: 'USD', date: '2024-01-03', perEur: '1.0919' },
    ]);
    expect(update).toMatchObject({ url: ecb.url, latestDate: '2024-01-03', rows: 4 });
  }, 120_000);

  it('a failed fetch exits 1 saying nothing was changed; bad arguments stop before any fetch', async () => {
    const dir = join(root, 'failures');
    const missing = await rates(['update', '--url', ecb.url.replace('hist', 'gone')], dir);
    expect(missing.code).toBe(1);
    expect(missing.output).toMatch(/^mogul rates: http:\/\/127\.0\.0\.1:\d+\/stats\/eurofxref\/eurofxref-gone\.xml answered 404 Not Found; nothing was changed\n$/);
    expect(existsSync(dir)).toBe(false); // the database was not even opened

    const requests = ecb.requests();
    expect(await rates([], dir)).toEqual({ code: 2, output: 'mogul rates: Usage: mogul rates update [--url URL]\n' });
    expect(await rates(['update'], dir, { MOGUL_ECB_URL: 'off' })).toMatchObject({ code: 2, output: expect.stringMatching(/MOGUL_ECB_URL is off: give the rates' URL with --url/) });
    expect(ecb.requests()).toBe(requests);
  }, 120_000);
});

describe('mogul serve and the reference rates', () => {
  it('fetches them at start-up when MOGUL_ECB_URL names another URL than the last fetch (or they are a day old)', async () => {
    // The folder `mogul rates update` filled (migrated already: a faster start).
    const url = `${ecb.url}?from-serve`;
    const server = await serve({ MOGUL_DATA_DIR: join(root, 'update'), DB_DRIVER: 'pglite', MOGUL_ECB_URL: url });
    try {
      const deadline = Date.now() + 60_000;
      while (!/Reference rates/.test(server.output()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(server.output()).toContain(`Reference rates up to 2024-01-03: 4 in ${url}, 0 new or changed\n`);
    } finally {
      expect(await server.kill('SIGTERM')).toBe(0);
    }
  }, 120_000);
});
