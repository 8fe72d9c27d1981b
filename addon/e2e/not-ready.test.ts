// The API may answer a read with 503 and Retry-After while it recomputes figures after an
// import. The sync then waits (Utilities.sleep, inside its time budget), shows the progress in
// its state, goes on in the next call when the budget is spent, and never fails for it.
// A real gateway (child process) answers 503 the first times and passes the rest to the real API.
import type { SyncState } from '../../shared/index.ts';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { buildAddon } from '../build.mjs';
import { loadAddon, type Addon } from '../testing/harness.ts';
import { startApiServer, type ApiServer } from './api-server.test-util.ts';
import { startGateway, type Gateway, type GatewayRule } from './gateway.test-util.ts';
import {
  actualTabs, connect, expectedTabs, fillFromFolder, GOLDEN_DIR, goldenAsOf, reportOf,
} from './sheet.test-util.ts';

const CASE = '06-lifecycle';
const DIR = join(GOLDEN_DIR, CASE);
const AS_OF = goldenAsOf(CASE);
const PENDING = JSON.stringify({
  code: 503,
  message: 'Mogul is still computing figures after the last import: 1,234 customers to go.',
  param: null,
  pending_customers: 1234,
});
let api: ApiServer;
let gateway: Gateway | null = null;

beforeAll(async () => {
  await buildAddon({ dev: true });
  api = await startApiServer({ today: AS_OF });
}, 120_000);
afterAll(async () => api?.stop());
afterEach(() => gateway?.close());

const notReady = (path: string, times: number, retryAfterSeconds: number): GatewayRule => ({
  method: 'GET', path, times, status: 503, headers: { 'Retry-After': String(retryAfterSeconds) }, body: PENDING,
});

async function sheetBehind(rules: GatewayRule[]): Promise<Addon> {
  gateway = await startGateway(api.url, rules);
  const addon = loadAddon({ now: Date.parse(`${AS_OF}T15:00:00Z`) });
  fillFromFolder(addon, DIR);
  connect(addon, { url: gateway.url, key: api.key });
  return addon;
}

const next = (addon: Addon) => addon.runFromSidebar('continueSync') as SyncState;
const statuses = (addon: Addon, path: string) => addon.urlFetch.requests.filter((r) => new URL(r.url).pathname === path).map((r) => r.status);

describe('a server still computing figures (503 with Retry-After)', () => {
  test('the sync sleeps for Retry-After and asks again, within one execution', async () => {
    const addon = await sheetBehind([notReady('/sync/results', 2, 30), notReady('/v1/account', 1, 5)]);
    addon.runFromSidebar('saveSettings', { engine: { sac_window_minutes: 60 } }); // the sync reads /v1/account first
    expect(addon.runFromSidebar('startSync')).toMatchObject({ status: 'running' });
    const before = addon.clock.now();
    const state = next(addon);
    expect(state.status, state.message).toBe('done');
    expect(state.message).toBeUndefined();
    expect(statuses(addon, '/v1/account')[0]).toBe(503);
    expect(statuses(addon, '/sync/results')).toEqual([503, 503, 200]);
    expect(addon.clock.now() - before).toBeGreaterThanOrEqual(5_000 + 2 * 30_000); // Utilities.sleep spends fake time
    expect(actualTabs(addon)).toEqual(expectedTabs(reportOf(DIR, AS_OF)));
  });

  test('a wait longer than the budget: the state shows the progress and the next call goes on', async () => {
    const addon = await sheetBehind([notReady('/sync/results', 2, 200)]);
    addon.runFromSidebar('startSync');
    const waiting = next(addon);
    expect(waiting.status).toBe('writing results');
    expect(waiting.message).toBe('Computing figures: 1,234 customers to go');
    expect(statuses(addon, '/sync/results')).toEqual([503, 503]);
    // A sidebar opened now shows the same.
    expect((addon.runFromSidebar('getSidebarState') as { sync: SyncState }).sync).toMatchObject({
      status: 'writing results', message: 'Computing figures: 1,234 customers to go',
    });
    const done = next(addon);
    expect(done.status, done.message).toBe('done');
    expect(done.message).toBeUndefined();
    expect(statuses(addon, '/sync/results')).toEqual([503, 503, 200]);
    expect(actualTabs(addon)).toEqual(expectedTabs(reportOf(DIR, AS_OF)));
  });
});
