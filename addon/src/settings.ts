/**
 * Settings in document properties: the API's URL and key (the key never goes into a cell),
 * the data source name, and the engine settings of METRICS.md section 9.
 */
import {
  DEFAULT_SETTINGS, parseSegment, parseSettings, SegmentError, SETTING_RULES, type AddonSettings, type SavedSettings, type Segment,
  type Settings, type SettingsInput,
} from '../../shared/index.ts';
import type { z } from 'zod';
import { checkApiUrl } from './api-url.ts';
import { BUILD } from './build-info.ts';
import { ENGINE_LABELS, SETTING_LABELS } from './setting-labels.ts';
import { refreshSettingsTab } from './settings-tab.ts';
import { utf8Length } from './utf8.ts';

const KEYS = { apiUrl: 'mogul.apiUrl', apiKey: 'mogul.apiKey', source: 'mogul.source', engine: 'mogul.settings', segment: 'mogul.segment' };

function props() {
  return PropertiesService.getDocumentProperties();
}

export function apiKey(): string | null {
  return props().getProperty(KEYS.apiKey);
}

/** The metric settings the user saved (null: never saved, the account's own apply). */
export function savedEngine(): Settings | null {
  return props().getProperty(KEYS.engine) === null ? null : readSettings().engine;
}

export function readSettings(): AddonSettings {
  const p = props();
  let engine: Settings = { ...DEFAULT_SETTINGS };
  const stored = p.getProperty(KEYS.engine);
  if (stored) {
    const parsed = parseSettings(Object.entries(JSON.parse(stored)).map(([key, value], i) => ({ key, value, row: i + 2 })));
    engine = parsed.settings;
  }
  return {
    // The server the add-on was built for, until the user saves another (or none).
    apiUrl: p.getProperty(KEYS.apiUrl) ?? BUILD.apiUrl,
    hasApiKey: !!p.getProperty(KEYS.apiKey),
    source: p.getProperty(KEYS.source) ?? SpreadsheetApp.getActiveSpreadsheet().getName(),
    engine,
    segment: p.getProperty(KEYS.segment) ?? '',
  };
}

/** The Segment setting parsed (it was checked when saved), or null for the whole business. */
export function savedSegment(): Segment | null {
  const text = props().getProperty(KEYS.segment);
  if (text === null || text.trim() === '') return null;
  return parseSegment(text);
}

/** Apps Script keeps a property value of at most 9 KB (UTF-8). */
const MAX_PROPERTY_BYTES = 9 * 1024;

/** Null when the value fits a property, else the message for the setting as the form labels it. */
function tooLong(label: string, value: string): string | null {
  const bytes = utf8Length(value);
  if (bytes <= MAX_PROPERTY_BYTES) return null;
  return `${label} is too long to keep (${bytes.toLocaleString('en-US')} bytes; at most ${MAX_PROPERTY_BYTES.toLocaleString('en-US')})`;
}

/** Saves what is valid; returns the messages of what is not. */
export function writeSettings(input: SettingsInput): SavedSettings {
  const p = props();
  const errors: string[] = [];
  /** Stores a setting unless it is too long for a property. */
  const keep = (key: string, label: string, value: string) => {
    const problem = tooLong(label, value);
    if (problem) errors.push(problem);
    else p.setProperty(key, value);
  };
  if (input.apiUrl !== undefined) {
    const checked = checkApiUrl(input.apiUrl);
    if ('error' in checked) errors.push(checked.error);
    else keep(KEYS.apiUrl, 'API URL', checked.url);
  }
  if (input.apiKey !== undefined) {
    if (input.apiKey.trim() === '') p.deleteProperty(KEYS.apiKey);
    else keep(KEYS.apiKey, 'API key', input.apiKey.trim());
  }
  if (input.source !== undefined && input.source.trim() !== '') keep(KEYS.source, 'Data source name', input.source.trim());
  if (input.segment !== undefined) {
    const text = input.segment.trim();
    const problem = text === '' ? null : segmentProblem(text);
    if (problem) errors.push(problem);
    else if (text === '') p.deleteProperty(KEYS.segment);
    else keep(KEYS.segment, SETTING_LABELS.segment, text);
  }
  if (input.engine) {
    const parsed = parseSettings(Object.entries(input.engine).map(([key, value], i) => ({ key, value, row: i + 2 })));
    errors.push(...parsed.errors.map((e) => engineError(e.column as keyof Settings, e.value)));
    p.setProperty(KEYS.engine, JSON.stringify(parsed.settings));
    refreshSettingsTab(SpreadsheetApp.getActiveSpreadsheet(), parsed.settings);
  }
  return { settings: readSettings(), errors };
}

/** Why a Segment cannot be used (the parser's message names the field, operator or value), or null. */
function segmentProblem(text: string): string | null {
  try {
    parseSegment(text);
    return null;
  } catch (e) {
    if (e instanceof SegmentError) return `${SETTING_LABELS.segment}: ${e.message}`;
    throw e;
  }
}

/** A bad metric setting, named as the Settings form labels it. */
function engineError(key: keyof Settings, value: string): string {
  return `${ENGINE_LABELS[key]} ${SETTING_RULES[key]}; got '${value}'`;
}

/** What was wrong with the form as sent, named as the form labels it. */
export function settingsInputErrors(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const field = issue.path[0];
    if (field === 'engine') return 'The metric settings must be an object of setting → value';
    if (field === 'apiUrl' || field === 'apiKey' || field === 'source' || field === 'segment') return `${SETTING_LABELS[field]} must be text`;
    return issue.message;
  });
}
