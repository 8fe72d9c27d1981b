// A sync longer than one execution: it stops within its time budget and goes on with the next
// call, survives a closed sidebar and executions killed at the limit, can be cancelled, and
// never runs while another execution holds the document lock.
import type { SyncState } from '../../shared/index.ts';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadAddon, type Addon } from '../testing/harness.ts';
import { builtAddonWithApi } from './built-with-api.test-util.ts';
import {
  actualTabs, connect, expectedTabs, fillFromFolder, GOLDEN_DIR, goldenAsOf, reportOf,
} from './sheet.test-util.ts';

const CASE = '06-lifecycle';
const DIR = join(GOLDEN_DIR, CASE);
const AS_OF = goldenAsOf(CASE);
const api = builtAddonWithApi(AS_OF);

function sheet(options: { urlFetchCostMs?: number; cellCostMs?: { read?: number; write?: number } } = {}): Addon {
  const addon = loadAddon({ now: Date.parse(`${AS_OF}T15:00:00Z`), ...options });
  fillFromFolder(addon, DIR);
  connect(addon, api);
  return addon;
}

const start = (addon: Addon) => addon.runFromSidebar('startSync') as SyncState;
const next = (addon: Addon) => addon.runFromSidebar('continueSync') as SyncState;
const sent = (s: SyncState) => s.datasets.reduce((n, d) => n + d.sent, 0);
const expectResults = (addon: Addon) => expect(actualTabs(addon)).toEqual(expectedTabs(reportOf(DIR, AS_OF)));

describe('resumable sync', () => {
  test('past the time budget it answers running; further executions finish it', async () => {
    const { TIME_BUDGET_MS } = await import('../src/sync-budget.ts');
    const addon = sheet({ urlFetchCostMs: 100_000 });
    let state = start(addon);
    expect(state.status).toBe('running');
    expect(addon.urlFetch.calls).toBe(0);
    const t0 = addon.clock.now();
    state = next(addon);
    expect(state.status).toBe('running');
    expect(addon.clock.now() - t0).toBeLessThanOrEqual(TIME_BUDGET_MS);
    expect(sent(state)).toBeGreaterThan(0);
    expect(sent(state)).toBeLessThan(state.datasets.reduce((n, d) => n + d.rows, 0));
    let executions = 1;
    while (state.status === 'running' || state.status === 'writing results') {
      state = next(addon);
      executions++;
    }
    expect(state.status, state.message).toBe('done');
    expect(executions).toBeGreaterThanOrEqual(2);
    expectResults(addon);
  });

  test('a slow API never takes an execution past 6 minutes: the next request is only started when it fits', () => {
    const addon = sheet({ urlFetchCostMs: 130_000 });
    let state = start(addon);
    for (let i = 0; i < 20 && (state.status === 'running' || state.status === 'writing results'); i++) state = next(addon);
    expect(state.status, state.message).toBe('done');
    expectResults(addon);
  });

  test('slow tabs: reading, marking and writing count against the budget, so no execution passes 6 minutes', () => {
    // Each cell read costs 1 s and each cell written 0.35 s: reading every tab, marking them and
    // writing the result tabs take several executions, while the requests (1 s) cost little.
    const addon = sheet({ urlFetchCostMs: 1_000, cellCostMs: { read: 1_000, write: 350 } });
    let state = start(addon);
    const statuses: string[] = [];
    for (let i = 0; i < 30 && (state.status === 'running' || state.status === 'writing results'); i++) {
      const t0 = addon.clock.now();
      state = next(addon); // throws 'Exceeded maximum execution time' past 6 minutes
      expect(addon.clock.now() - t0).toBeLessThanOrEqual(6 * 60_000);
      statuses.push(state.status);
    }
    expect(state.status, state.message).toBe('done');
    expect(statuses.filter((s) => s === 'running').length).toBeGreaterThanOrEqual(1);
    expect(statuses.filter((s) => s === 'writing results').length).toBeGreaterThanOrEqual(1);
    expect(addon.urlFetch.calls).toBeLessThan(20); // the time went to the tabs, not to requests
    expectResults(addon);
  });

  test('an execution killed at the limit (even while writing results) is picked up by the next call', () => {
    const addon = sheet({ urlFetchCostMs: 100_000 });
    addon.executionLimitMs = 150_000; // every execution dies during its second request
    let state = start(addon);
    const statuses: string[] = [];
    let killed = 0;
    for (let i = 0; i < 20 && state.status !== 'done' && state.status !== 'failed'; i++) {
      try {
        state = next(addon);
      } catch (e) {
        expect((e as Error).message).toBe('Exceeded maximum execution time');
        killed++;
        state = (addon.runFromSidebar('getSidebarState') as { sync: SyncState }).sync;
      }
      statuses.push(state.status);
    }
    expect(killed).toBeGreaterThan(3);
    expect(statuses).toContain('writing results');
    expect(state.status, state.message).toBe('done');
    expectResults(addon);
  });

  test('a sync left running when the sidebar closed shows in getSidebarState and completes with continueSync', () => {
    const addon = sheet({ urlFetchCostMs: 100_000 });
    start(addon);
    expect(next(addon).status).toBe('running');
    // The sidebar is closed; later the user opens it again.
    addon.clock.advance(3_600_000);
    addon.open();
    addon.clickMenu('Sync to Mogul');
    const opened = addon.runFromSidebar('getSidebarState') as { mode: string; sync: SyncState };
    expect(opened.mode).toBe('api');
    expect(opened.sync.status).toBe('running');
    let state = opened.sync;
    while (state.status === 'running' || state.status === 'writing results') state = next(addon);
    expect(state.status).toBe('done');
    expect(sent(state)).toBe(state.datasets.reduce((n, d) => n + d.rows, 0));
    expectResults(addon);
  });

  test('cancel stops after the current chunk; a new sync then sends everything', () => {
    const addon = sheet({ urlFetchCostMs: 100_000 });
    start(addon);
    const partial = next(addon);
    expect(partial.status).toBe('running');
    const calls = addon.urlFetch.calls;
    expect((addon.runFromSidebar('cancelSync') as SyncState).status).toBe('running');
    const cancelled = next(addon);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.message).toMatch(/Cancelled/);
    expect(sent(cancelled)).toBe(sent(partial));
    expect(addon.urlFetch.calls).toBe(calls);
    expect(next(addon).status).toBe('cancelled'); // stays cancelled
    let state = start(addon);
    while (state.status === 'running' || state.status === 'writing results') state = next(addon);
    expect(state.status).toBe('done');
    expectResults(addon);
  });
});

describe('errors from the API', () => {
  test('a wrong API key fails the sync with a message that says so; the sheet is left as it was', () => {
    const addon = sheet();
    connect(addon, { url: api.url, key: 'not-the-key' });
    let state = start(addon);
    while (state.status === 'running') state = next(addon);
    expect(state.status).toBe('failed');
    expect(state.message).toBe(`The Mogul server at ${api.url} did not accept the API key (401): check the API key in Extensions → Mogul → Settings.`);
    expect(addon.spreadsheet.getSheetByName('Customer Metrics')).toBeNull();
    expect(addon.urlFetch.requests.map((r) => r.status)).toEqual([401]);
  });
});

describe('document lock', () => {
  test('with the lock held elsewhere, startSync and continueSync say so and send nothing', () => {
    const addon = sheet();
    addon.locks.holdElsewhere('document');
    const started = start(addon);
    expect(started.message).toMatch(/^Another sync .*running/);
    expect(started.status).not.toBe('running');
    const continued = next(addon);
    expect(continued.message).toMatch(/^Another sync .*running/);
    expect(addon.urlFetch.calls).toBe(0);
    expect(actualTabsOrNull(addon)).toBeNull();
  });

  test('a sync in progress elsewhere is reported with its progress; once the lock is free it goes on', () => {
    const addon = sheet();
    start(addon);
    addon.locks.holdElsewhere('document', addon.clock.now() + 60_000);
    const busy = next(addon);
    expect(busy.status).toBe('running');
    expect(busy.message).toMatch(/^Another sync of this spreadsheet is running/);
    expect(addon.urlFetch.calls).toBe(0);
    addon.clock.advance(60_000);
    let state = next(addon);
    while (state.status === 'running' || state.status === 'writing results') state = next(addon);
    expect(state.status).toBe('done');
  });
});

function actualTabsOrNull(addon: Addon) {
  return addon.spreadsheet.getSheetByName('Customer Metrics') ? actualTabs(addon) : null;
}
