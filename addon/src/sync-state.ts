/** Progress of a sync, kept in document properties so it survives executions and a closed sidebar. */
import type { DatasetName } from '../../shared/index.ts';
import type { Headline } from './result-tabs.ts';

export interface DatasetProgress {
  dataset: DatasetName;
  tab: string;
  rows: number;
  sent: number;
  accepted: number;
  rejected: number;
}

export interface SyncState {
  id: string;
  status: 'running' | 'writing results' | 'done' | 'cancelled' | 'failed';
  startedAt: string;
  finishedAt?: string;
  datasets: DatasetProgress[];
  /** Index of the dataset being sent, and how many of its rows went. */
  current: number;
  /** The metric settings went to the account (once per sync, before the rows). */
  settingsSent?: boolean;
  message?: string;
}

const STATE = 'mogul.sync';
const CANCEL = 'mogul.cancel';
const HEADLINE = 'mogul.headline';

const props = () => PropertiesService.getDocumentProperties();

export function loadState(): SyncState | null {
  const text = props().getProperty(STATE);
  return text ? (JSON.parse(text) as SyncState) : null;
}

export function saveState(state: SyncState): void {
  props().setProperty(STATE, JSON.stringify(state));
}

export function requestCancel(): void {
  props().setProperty(CANCEL, '1');
}

export function cancelRequested(): boolean {
  return props().getProperty(CANCEL) === '1';
}

export function clearCancel(): void {
  props().deleteProperty(CANCEL);
}

export function saveHeadline(headline: Headline): void {
  props().setProperty(HEADLINE, JSON.stringify(headline));
}

export function loadHeadline(): Headline | null {
  const text = props().getProperty(HEADLINE);
  return text ? (JSON.parse(text) as Headline) : null;
}

/** Rejected rows of the dataset being sent, kept until its cells are marked (chunked cache). */
const ERRORS = 'mogul.errors';
const PART = 90_000;

export function saveErrors(dataset: DatasetName, errors: { row: number; column: string; message: string }[]): void {
  const cache = CacheService.getDocumentCache()!;
  const text = JSON.stringify(errors);
  const parts: Record<string, string> = {};
  const count = Math.ceil(text.length / PART);
  for (let i = 0; i < count; i++) parts[`${ERRORS}.${dataset}.${i}`] = text.slice(i * PART, (i + 1) * PART);
  parts[`${ERRORS}.${dataset}`] = String(count);
  cache.putAll(parts, 21_600);
}

export function loadErrors(dataset: DatasetName): { row: number; column: string; message: string }[] {
  const cache = CacheService.getDocumentCache()!;
  const count = Number(cache.get(`${ERRORS}.${dataset}`) ?? 0);
  if (count === 0) return [];
  const keys = Array.from({ length: count }, (_, i) => `${ERRORS}.${dataset}.${i}`);
  const parts = cache.getAll(keys);
  const text = keys.map((k) => parts[k] ?? '').join('');
  try {
    return JSON.parse(text);
  } catch {
    return []; // the cache dropped a part: the cells stay as they were marked before
  }
}
