/**
 * The add-on's entry points (addon/entry-points.mjs lists them; the build gives each a
 * top-level stub that Apps Script can call).
 */
import { hasTemplateTabs } from './first-run.ts';
import { startSync, continueSync } from './sync.ts';
import { loadHeadline, loadState, requestCancel } from './sync-state.ts';
import { readSettings, writeSettings, type SettingsInput } from './settings.ts';
import { createTemplateTabs as createTabs } from './templates.ts';

export { onOpen, onInstall, showSidebar, showSettings } from './menu.ts';
export { validateSheet, computeLocally } from './validate.ts';
export { MRR, ARR, CUSTOMER_STATUS, MRR_MOVEMENTS, MRR_TOTAL, MRR_SERIES } from './functions.ts';
export { startSync, continueSync };

export function createTemplateTabs() {
  const result = createTabs(SpreadsheetApp.getActiveSpreadsheet());
  const parts = [
    result.created.length ? `Created ${result.created.join(', ')}.` : '',
    ...result.extended.map((e) => `Added ${e.columns.join(', ')} to ${e.tab}.`),
  ].filter(Boolean);
  const message = parts.join(' ') || 'Every template tab is already there.';
  SpreadsheetApp.getActiveSpreadsheet().toast(message, 'Mogul');
  return { ...result, message };
}

export function getSettings() {
  return readSettings();
}

export function saveSettings(input: SettingsInput) {
  return writeSettings(input);
}

export function cancelSync() {
  requestCancel();
  return loadState();
}

/**
 * What the sidebar shows when it opens: mode, whether there are template tabs yet (a first
 * run offers to create them), sync progress (to resume), headline numbers.
 */
export function getSidebarState() {
  const settings = readSettings();
  return {
    mode: settings.apiUrl && settings.hasApiKey ? 'api' : 'local',
    templateTabs: hasTemplateTabs(SpreadsheetApp.getActiveSpreadsheet()),
    settings,
    sync: loadState(),
    headline: loadHeadline(),
  };
}
