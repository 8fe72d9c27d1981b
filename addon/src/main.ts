/**
 * The add-on's entry points (addon/entry-points.mjs lists them; the build gives each a
 * top-level stub that Apps Script can call). Those the sidebar calls are typed by
 * SidebarCalls (shared/wire/sidebar.ts), which the type check at the end holds them to.
 */
import {
  SettingsInput, type AddonSettings, type CreatedTabs, type SavedSettings, type SidebarCalls, type SidebarState,
  type SyncState,
} from '../../shared/index.ts';
import { hasTemplateTabs } from './first-run.ts';
import { startSync, continueSync } from './sync.ts';
import { loadHeadline, loadState, requestCancel } from './sync-state.ts';
import { readSettings, settingsInputErrors, writeSettings } from './settings.ts';
import { createTemplateTabs as createTabs } from './templates.ts';
import { validateSheet, computeLocally } from './validate.ts';

export { onOpen, onInstall, showSidebar, showSettings } from './menu.ts';
export { validateSheet, computeLocally };
export { MRR, ARR, CUSTOMER_STATUS, MRR_MOVEMENTS } from './functions.ts';
export { MRR_TOTAL, MRR_SERIES, NRR, GRR, QUICK_RATIO, COHORT } from './series-functions.ts';
export { startSync, continueSync };

export function createTemplateTabs(): CreatedTabs {
  const result = createTabs(SpreadsheetApp.getActiveSpreadsheet());
  const parts = [
    result.created.length ? `Created ${result.created.join(', ')}.` : '',
    ...result.extended.map((e) => `Added ${e.columns.join(', ')} to ${e.tab}.`),
  ].filter(Boolean);
  const message = parts.join(' ') || 'Every template tab is already there.';
  SpreadsheetApp.getActiveSpreadsheet().toast(message, 'Mogul');
  return { ...result, message };
}

export function getSettings(): AddonSettings {
  return readSettings();
}

/** The sidebar's Settings form; checked here, as anything could be sent to a server function. */
export function saveSettings(input: unknown): SavedSettings {
  const parsed = SettingsInput.safeParse(input);
  if (!parsed.success) return { settings: readSettings(), errors: settingsInputErrors(parsed.error) };
  return writeSettings(parsed.data);
}

export function cancelSync(): SyncState | null {
  requestCancel();
  return loadState();
}

/**
 * What the sidebar shows when it opens: mode, whether there are template tabs yet (a first
 * run offers to create them), sync progress (to resume), headline numbers.
 */
export function getSidebarState(): SidebarState {
  const settings = readSettings();
  return {
    mode: settings.apiUrl && settings.hasApiKey ? 'api' : 'local',
    templateTabs: hasTemplateTabs(SpreadsheetApp.getActiveSpreadsheet()),
    settings,
    sync: loadState(),
    headline: loadHeadline(),
  };
}

// Each server function the sidebar calls takes what the sidebar sends and returns what it expects.
type Serves<Calls> = { [K in keyof Calls]: Calls[K] extends (...args: infer A) => infer R ? (...args: A) => R : never };
type Holds<T extends true> = T;
export type ServerAnswersSidebar = Holds<typeof import('./main.ts') extends Serves<SidebarCalls> ? true : false>;
