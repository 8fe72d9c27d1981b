// The sidebar's server functions, as the contract (shared/wire/sidebar.ts) lists them: each is a
// top-level function of the built bundle, and what the sidebar sends is checked on arrival.
import { beforeAll, describe, expect, test } from 'vitest';
import type { SidebarCalls } from '../../shared/index.ts';
import { buildAddon } from '../build.mjs';
import { ENTRY_POINTS } from '../entry-points.mjs';
import { loadAddon } from '../testing/harness.ts';

/** Every name of SidebarCalls, no more (the compiler holds this list to the contract). */
const CALLS = {
  getSidebarState: true, getSettings: true, saveSettings: true, createTemplateTabs: true, validateSheet: true,
  startSync: true, continueSync: true, cancelSync: true, computeLocally: true,
} satisfies Record<keyof SidebarCalls, true>;

beforeAll(async () => {
  await buildAddon({ dev: true });
});

describe('the sidebar contract', () => {
  test('every call is an entry point with a top-level stub', () => {
    const addon = loadAddon();
    const entryPoints = ENTRY_POINTS.map((e) => e.name);
    for (const name of Object.keys(CALLS)) {
      expect(entryPoints, name).toContain(name);
      expect(addon.fn(name), name).toBeTypeOf('function');
    }
  });

  test('saveSettings refuses what the form never sends, naming the setting, and saves nothing of it', () => {
    const addon = loadAddon();
    const save = (input: unknown) => addon.runFromSidebar('saveSettings', input) as { errors: string[] };
    expect(save({ apiUrl: 42, source: ['a'] }).errors).toEqual(['API URL must be text', 'Data source name must be text']);
    expect(save({ engine: 'USD' }).errors).toEqual(['The metric settings must be an object of setting → value']);
    expect(save(null).errors).toEqual(['Settings must be an object of setting → value']);
    expect(addon.properties.document.data.get('mogul.source')).toBeUndefined();
    expect(save({ source: 'Books', engine: { base_currency: 'EUR' } }).errors).toEqual([]);
    expect(addon.properties.document.data.get('mogul.source')).toBe('Books');
  });
});
