// A fresh spreadsheet: nothing to check yet. The sidebar is told there are no template tabs
// (it offers Create template tabs); Validate, Compute in this sheet and Sync say so instead of
// "every row is valid" or an empty sync; once the tabs are there, everything works as usual.
import { beforeAll, describe, expect, test } from 'vitest';
import { DATASET_NAMES, DATASET_TABS } from '../../shared/index.ts';
import { buildAddon } from '../build.mjs';
import { loadAddon } from '../testing/harness.ts';

const NOTHING_YET = 'No template tabs yet: Create template tabs first';

beforeAll(async () => {
  await buildAddon({ dev: true });
}, 60_000);

describe('first run', () => {
  test('a fresh spreadsheet: the sidebar state says there are no template tabs, in local mode', () => {
    const addon = loadAddon();
    expect(addon.runFromSidebar('getSidebarState')).toMatchObject({ mode: 'local', templateTabs: false, sync: null, headline: null });
  });

  test('Validate says there is nothing to check yet, and marks nothing', () => {
    const addon = loadAddon();
    expect(addon.runFromSidebar('validateSheet')).toEqual({ tabs: [], errors: 0, firstErrors: [], notice: NOTHING_YET });
    expect(addon.spreadsheet.getSheets().map((s) => s.getName())).toEqual(['Sheet1']);
  });

  test('Compute in this sheet says so too, and writes no result tabs', () => {
    const addon = loadAddon();
    expect(() => addon.runFromSidebar('computeLocally')).toThrow(NOTHING_YET);
    expect(addon.spreadsheet.getSheets().map((s) => s.getName())).toEqual(['Sheet1']);
  });

  test('Sync with a server set says so, and sends nothing', () => {
    const addon = loadAddon();
    addon.runFromSidebar('saveSettings', { apiUrl: 'http://127.0.0.1:9', apiKey: 'k' });
    expect(addon.runFromSidebar('getSidebarState')).toMatchObject({ mode: 'api', templateTabs: false });
    expect(addon.runFromSidebar('startSync')).toMatchObject({ status: 'failed', message: NOTHING_YET, datasets: [] });
    expect(addon.urlFetch.calls).toBe(0);
    expect(addon.runFromSidebar('getSidebarState')).toMatchObject({ sync: null });
  });

  test('after Create template tabs: the example rows validate and the state says the tabs are there', () => {
    const addon = loadAddon();
    addon.runFromSidebar('createTemplateTabs');
    expect(addon.runFromSidebar('getSidebarState')).toMatchObject({ templateTabs: true });
    const summary = addon.runFromSidebar('validateSheet') as { errors: number; tabs: { tab: string }[]; notice?: string };
    expect(summary.notice).toBeUndefined();
    expect(summary.errors).toBe(0);
    expect(summary.tabs.map((t) => t.tab)).toEqual(DATASET_NAMES.map((d) => DATASET_TABS[d]));
  });
});
