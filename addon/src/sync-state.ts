/** Progress of a sync, kept in document properties so it survives executions and a closed sidebar. */
import type { DatasetName, Headline, SyncState } from '../../shared/index.ts';
import { utf8Pieces } from './utf8.ts';

const STATE = 'mogul.sync';
const CANCEL = 'mogul.cancel';
const HEADLINE = 'mogul.headline';

const props = () => PropertiesService.getDocumentProperties();

export function loadState(): SyncState | null {
  const text = props().getProperty(STATE);
  return text ? (JSON.parse(text) as SyncState) : null;
}

/**
 * UTF-8 bytes of a message kept in the state. A property value holds 9 KB (UTF-8) at most, and
 * a message can quote a server's answer at any length; the rest of the state stays under 2 KB.
 */
const MAX_MESSAGE_BYTES = 2_000;

export function saveState(state: SyncState): void {
  const message = state.message === undefined ? undefined : utf8Pieces(state.message, MAX_MESSAGE_BYTES)[0];
  props().setProperty(STATE, JSON.stringify({ ...state, message }));
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

/**
 * Rejected rows of the dataset being sent, kept until its cells are marked: the list's JSON cut
 * into cache values of at most 100 KB in UTF-8 bytes, CacheService's limit per value (a margin
 * kept: Japanese text is 3 bytes a character, so a cut by characters would not do).
 */
const ERRORS = 'mogul.errors';
const PART_BYTES = 100_000;

export function saveErrors(dataset: DatasetName, errors: { row: number; column: string; message: string }[]): void {
  const cache = CacheService.getDocumentCache()!;
  const pieces = utf8Pieces(JSON.stringify(errors), PART_BYTES);
  const parts: Record<string, string> = {};
  pieces.forEach((piece, i) => (parts[`${ERRORS}.${dataset}.${i}`] = piece));
  parts[`${ERRORS}.${dataset}`] = String(pieces.length);
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
