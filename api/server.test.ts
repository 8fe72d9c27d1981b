/**
 * What `mogul serve` prints on a PGlite folder, first and later starts, with and without
 * MOGUL_API_KEY: a key is printed once, by the start that generated it, and MOGUL_API_KEY is
 * never printed back. Settings it cannot start with (an empty MOGUL_API_KEY, a MOGUL_TRUST_PROXY
 * that is no number) stop it before it opens the folder.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type ServerEnv } from './server.ts';
import { SettingError } from './setting-error.ts';
import { httpCaller } from './testing/server.test-util.ts';
import { keySetting } from './store/accounts.ts';

const root = mkdtempSync(join(tmpdir(), 'mogul-serve-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Starts on the folder, notes what it printed, tries a key on it, and stops. */
async function start(dataDir: string, env: ServerEnv = {}, tryKeys: string[] = []) {
  const lines: string[] = [];
  const server = await startServer({ PORT: '0', MOGUL_DATA_DIR: dataDir, DATABASE_URL: '', DB_DRIVER: 'pglite', ...env }, { log: (l) => lines.push(l) });
  try {
    const statuses = [];
    for (const key of tryKeys) statuses.push((await httpCaller(server.url, key)('GET', '/v1/ping')).status);
    return { lines: lines.map((l) => l.replace(server.url, 'URL')), statuses };
  } finally {
    await server.close();
  }
}

describe('what mogul serve prints', () => {
  it('without MOGUL_API_KEY: the first start prints the key it made; later starts never print a key', async () => {
    const dataDir = join(root, 'generated');
    const first = await start(dataDir);
    expect(first.lines[0]).toBe(`Mogul API on URL (PGlite in ${dataDir})`);
    const key = /^API key: ([0-9a-f]{40})$/.exec(first.lines[1])![1];
    expect(first.lines.slice(2)).toEqual([`Try: curl -u ${key}: URL/v1/ping`]);

    const later = await start(dataDir, {}, [key]);
    expect(later.lines.slice(1)).toEqual([
      'The default account exists; its API key was printed when it was created (or set MOGUL_API_KEY).',
      'Try: curl -u <your API key>: URL/v1/ping',
    ]);
    expect(later.statuses).toEqual([200]);

    // MOGUL_API_KEY on a later start becomes a key of the default account, and is not printed.
    const given = await start(dataDir, { MOGUL_API_KEY: 'a-key-of-my-choosing' }, ['a-key-of-my-choosing', key]);
    expect(given.lines.slice(1)).toEqual(['MOGUL_API_KEY is a key of the default account.', 'Try: curl -u "$MOGUL_API_KEY:" URL/v1/ping']);
    expect(given.statuses).toEqual([200, 200]);
  }, 120_000);

  it('with MOGUL_API_KEY: the default account is made with it, and it is never printed', async () => {
    const dataDir = join(root, 'given');
    const first = await start(dataDir, { MOGUL_API_KEY: 'deployment-key-1' }, ['deployment-key-1']);
    expect(first.lines.slice(1)).toEqual(['Default account created; its API key is MOGUL_API_KEY.', 'Try: curl -u "$MOGUL_API_KEY:" URL/v1/ping']);
    expect(first.statuses).toEqual([200]);
    const later = await start(dataDir, { MOGUL_API_KEY: 'deployment-key-1' }, ['deployment-key-1', 'deployment-key-2']);
    expect(later.lines.join('\n')).not.toContain('deployment-key');
    expect(later.lines.slice(1)).toEqual(['MOGUL_API_KEY is a key of the default account.', 'Try: curl -u "$MOGUL_API_KEY:" URL/v1/ping']);
    expect(later.statuses).toEqual([200, 401]);
  }, 120_000);

  it('refuses settings it cannot start with before it opens the folder', async () => {
    for (const env of [{ MOGUL_API_KEY: '' }, { MOGUL_API_KEY: ' \t' }, { MOGUL_TRUST_PROXY: 'yes' }]) {
      const dataDir = join(root, 'refused');
      await expect(start(dataDir, env)).rejects.toThrow(SettingError);
      expect(existsSync(dataDir)).toBe(false);
    }
  });
});

describe('MOGUL_API_KEY', () => {
  it('is refused when empty, blank, with spaces at an end, with control characters or with a colon', () => {
    const fix = 'unset it, or set it to the key you want.';
    expect(() => keySetting('')).toThrow(`MOGUL_API_KEY is set but empty: ${fix}`);
    expect(() => keySetting('   ')).toThrow(`MOGUL_API_KEY is set but blank: ${fix}`);
    expect(() => keySetting('key\n')).toThrow(`MOGUL_API_KEY has spaces or line breaks at its start or end: ${fix}`);
    expect(() => keySetting('ke\u0000y')).toThrow(`MOGUL_API_KEY contains a control character: ${fix}`);
    expect(() => keySetting('user:password')).toThrow(`MOGUL_API_KEY contains ':', which HTTP Basic auth cannot carry in a user name: ${fix}`);
    expect(keySetting(undefined)).toBe(undefined);
    expect(keySetting('any key at all')).toBe('any key at all');
  });
});
