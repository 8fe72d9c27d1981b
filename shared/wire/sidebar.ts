/**
 * The add-on's sidebar and its Apps Script server code: what each server function the sidebar
 * calls (google.script.run) takes and returns, and the zod schema of what the sidebar sends.
 * The sidebar imports the types only, so none of this (nor zod) goes into its page.
 */
import { z } from 'zod';
import type { DatasetName } from '../templates/datasets.ts';
import type { Settings } from '../templates/settings.ts';

/** One dataset tab's part of a sync. */
export interface Progress {
  dataset: DatasetName;
  tab: string;
  /** Rows counted when the sync started, and how many went, were stored and were refused. */
  rows: number;
  sent: number;
  accepted: number;
  rejected: number;
}

/** The slowest milliseconds per unit (a request; a cell) seen for each kind of step of a sync. */
export type StepRates = Partial<Record<'request' | 'read' | 'mark' | 'write', number>>;

/** A sync, kept in document properties so that it survives executions and a closed sidebar. */
export interface SyncState {
  id: string;
  status: 'running' | 'writing results' | 'done' | 'cancelled' | 'failed';
  startedAt: string;
  finishedAt?: string;
  datasets: Progress[];
  /** Index of the dataset being sent. */
  current: number;
  /** The metric settings went to the account (once per sync, before the rows). */
  settingsSent?: boolean;
  /** How slow each kind of step has been, for the next execution's time budget. */
  rates?: StepRates;
  /** When the result tabs were first written to, and how many are done (they may take executions). */
  resultsAt?: string;
  tabsWritten?: number;
  message?: string;
}

/** The headline numbers the sidebar shows after a sync or a local computation (money in cents). */
export interface Headline {
  asOf: string;
  currency: string;
  mrr: number;
  arr: number;
  customers: number;
  lastMonth: { date: string; newBiz: number; expansion: number; contraction: number; churn: number; reactivation: number } | null;
  syncedAt: string;
}

/** What Validate found, tab by tab, and the first problems. */
export interface Validation {
  tabs: { tab: string; rows: number; rejected: number }[];
  errors: number;
  firstErrors: { tab: string; row: number; column: string; message: string }[];
  /** Instead of a verdict: there is nothing to check yet (no template tabs). */
  notice?: string;
}

/** The add-on's settings as the sidebar sees them: the API key never leaves the server side. */
export interface AddonSettings {
  apiUrl: string;
  hasApiKey: boolean;
  source: string;
  engine: Settings;
  /** The Segment setting: a filters text (API.md) narrowing the MRR, Cohorts and Movements tabs; '' for the whole business. */
  segment: string;
}

export interface SidebarState {
  /** 'api' with a URL and a key; else the sidebar computes in the sheet. */
  mode: 'api' | 'local';
  /** False on a first run: no dataset tab yet. */
  templateTabs: boolean;
  settings: AddonSettings;
  /** The last sync (one under way is picked up again). */
  sync: SyncState | null;
  headline: Headline | null;
}

export interface CreatedTabs {
  created: string[];
  extended: { tab: string; columns: string[] }[];
  /** What was done, in a sentence (also shown as a toast). */
  message: string;
}

/**
 * The Settings form as the sidebar sends it; what is absent stays as it is. The metric settings
 * (`engine`) are each checked by the shared settings schemas, which name a bad one.
 */
export const SettingsInput = z.object(
  {
    apiUrl: z.string().optional(),
    /** Empty removes the key. */
    apiKey: z.string().optional(),
    source: z.string().optional(),
    /** Empty: the whole business. */
    segment: z.string().optional(),
    engine: z.record(z.string(), z.unknown()).optional(),
  },
  { error: 'Settings must be an object of setting → value' },
);

export type SettingsInput = z.input<typeof SettingsInput>;

export interface SavedSettings {
  settings: AddonSettings;
  /** Why a setting was not saved, one message each (the rest were). */
  errors: string[];
}

/** The server functions the sidebar calls, with what they take and return. */
export interface SidebarCalls {
  getSidebarState(): SidebarState;
  getSettings(): AddonSettings;
  saveSettings(input: SettingsInput): SavedSettings;
  createTemplateTabs(): CreatedTabs;
  validateSheet(): Validation;
  startSync(): SyncState;
  /** Goes on with the sync in a new execution; the sidebar calls it until the sync is over. */
  continueSync(): SyncState;
  cancelSync(): SyncState | null;
  /** Local mode: the engine runs in the sheet and writes the result tabs. */
  computeLocally(): { summary: Validation; headline: Headline };
}
