/**
 * Sync to Mogul: the tabs go to /sync in dependency order, in chunks of at most 5,000 rows
 * and under 5 MB, within a time budget per execution (the sidebar calls again to go on, so
 * a sync longer than Apps Script's 6 minutes resumes; so does one whose sidebar was closed).
 * A document lock keeps two syncs of one spreadsheet apart. Rejected rows get their cells
 * marked, tab by tab; the result tabs are written at the end.
 */
import {
  DATASET_TABS, DEPENDENCY_ORDER, SYNC_CLIENT_BODY_BYTES, SYNC_MAX_ROWS, type SyncAnswer, type SyncState,
} from '../../shared/index.ts';
import { apiRequest } from './api.ts';
import { markErrors } from './marks.ts';
import { refreshMogulFunctions } from './refresh-functions.ts';
import { headlineOf, resultTabWrites } from './result-tabs.ts';
import { sheetDetails } from './customer-details.ts';
import type { AllResults } from './results.ts';
import { readSettings, savedEngine, savedSegment } from './settings.ts';
import { startBudget, type Budget } from './sync-budget.ts';
import { chunkBody } from './sync-chunks.ts';
import { NO_TEMPLATE_TABS } from './first-run.ts';
import { fetchResults, fetchSegmentResults, pushSettings } from './sync-results.ts';
import { StillComputing, whenReady } from './sync-wait.ts';
import {
  cancelRequested, clearCancel, loadErrors, loadState, saveErrors, saveHeadline, saveState,
} from './sync-state.ts';
import { readDatasetTab, type DatasetTab } from './tabs.ts';

export { TIME_BUDGET_MS } from './sync-budget.ts';
/** UTF-8 bytes of the rows of one request: under the API's limit with the JSON around them. */
const MAX_BYTES = SYNC_CLIENT_BODY_BYTES;

function withLock<T>(work: () => T, busy: () => T): T {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(5_000)) return busy();
  try {
    return work();
  } finally {
    lock.releaseLock();
  }
}

export function startSync(): SyncState {
  return withLock(
    () => {
      const ss = SpreadsheetApp.getActiveSpreadsheet();
      const timeZone = ss.getSpreadsheetTimeZone();
      const rates = {};
      const budget = startBudget(Date.now(), rates); // measures reading, for the executions to come
      const datasets = DEPENDENCY_ORDER.flatMap((dataset) => {
        const sheet = ss.getSheetByName(DATASET_TABS[dataset]);
        if (!sheet) return [];
        const rows = budget.step('read', sheetCells(sheet), () => readDatasetTab(sheet, dataset, timeZone)).table.rows.length;
        return [{ dataset, tab: DATASET_TABS[dataset], rows, sent: 0, accepted: 0, rejected: 0 }];
      });
      if (datasets.length === 0) {
        return { id: '', status: 'failed', startedAt: new Date().toISOString(), datasets, current: 0, message: NO_TEMPLATE_TABS };
      }
      clearCancel();
      const state: SyncState = {
        id: Utilities.getUuid(), status: 'running', startedAt: new Date().toISOString(), datasets, current: 0, rates,
      };
      for (const d of datasets) saveErrors(d.dataset, []);
      saveState(state);
      return state;
    },
    () => busyState(),
  );
}

function busyState(): SyncState {
  const state = loadState();
  if (state) return { ...state, message: 'Another sync of this spreadsheet is running; it will go on from there.' };
  return { id: '', status: 'failed', startedAt: new Date().toISOString(), datasets: [], current: 0, message: 'Another sync is running' };
}

export function continueSync(): SyncState {
  const startedAt = Date.now(); // the execution's start: waiting for the lock counts too
  return withLock(() => runSync(startedAt), () => busyState());
}

/** Cells a tab holds: what reading it, or marking it, costs. */
function sheetCells(sheet: GoogleAppsScript.Spreadsheet.Sheet): number {
  return sheet.getLastRow() * sheet.getLastColumn();
}

/** Runs a step of a kind when it fits the budget; false (and nothing done) when it does not. */
function stepWithin(budget: Budget, kind: 'read' | 'mark' | 'write', cells: number, work: () => void): boolean {
  if (!budget.fits(kind, cells)) return false;
  budget.step(kind, cells, work);
  return true;
}

function runSync(startedAt: number): SyncState {
  const state = loadState();
  // 'writing results' too: an execution that ended while writing them left that status.
  if (!state || (state.status !== 'running' && state.status !== 'writing results')) return state ?? busyState();
  const budget = startBudget(startedAt, (state.rates ??= {})); // the rates go on with the state
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const timeZone = ss.getSpreadsheetTimeZone();
  const { source } = readSettings();
  let tab: DatasetTab | null = null;
  /** A request; while the server is still computing, its progress is the state's message. */
  const ask = <T>(request: () => T): T => {
    const answer = whenReady(budget, request, (progress) => {
      state.message = progress;
      saveState(state);
    });
    delete state.message;
    return answer;
  };
  try {
    const engine = savedEngine();
    if (!state.settingsSent && engine) {
      ask(() => pushSettings(engine));
      state.settingsSent = true;
      saveState(state);
    }
    while (state.status === 'running' && state.current < state.datasets.length) {
      if (cancelRequested()) {
        state.status = 'cancelled';
        state.message = 'Cancelled; rows sent so far are stored. Sync again to send the rest.';
        saveState(state);
        return state;
      }
      if (!budget.fits()) {
        saveState(state);
        return state;
      }
      const progress = state.datasets[state.current];
      const sheet = ss.getSheetByName(progress.tab);
      if (!sheet) {
        state.current++;
        continue;
      }
      // Rows left to send (as counted when the sync started): read the tab, if not read yet.
      const rowsLeft = progress.sent < progress.rows;
      if (rowsLeft && (!tab || tab.dataset !== progress.dataset)) {
        const cells = sheetCells(sheet);
        if (!budget.fits('read', cells)) {
          saveState(state);
          return state;
        }
        tab = budget.step('read', cells, () => readDatasetTab(sheet, progress.dataset, timeZone));
      }
      if (rowsLeft && tab && progress.sent < tab.table.rows.length) {
        const chunk = chunkBody(tab, progress.sent, source, SYNC_MAX_ROWS, MAX_BYTES);
        const answer = ask(() => apiRequest<SyncAnswer>('post', `/sync/${progress.dataset}`, chunk.body));
        progress.accepted += answer.accepted;
        progress.rejected += new Set(answer.errors.map((e) => e.row)).size;
        progress.sent = chunk.next;
        if (answer.errors.length > 0) saveErrors(progress.dataset, [...loadErrors(progress.dataset), ...answer.errors]);
        saveState(state);
        continue;
      }
      if (!stepWithin(budget, 'mark', sheetCells(sheet), () => markErrors(sheet, loadErrors(progress.dataset)))) {
        saveState(state);
        return state;
      }
      state.current++;
      saveState(state);
    }
    state.status = 'writing results';
    saveState(state);
    if (!budget.fits()) return state;
    // Fetched again by each execution that writes some of the tabs; all carry the first one's time.
    const segment = savedSegment();
    const results: AllResults = {
      whole: ask(() => fetchResults()),
      segment: segment ? ask(() => fetchSegmentResults(segment)) : null,
      details: sheetDetails(ss, readSettings().engine),
    };
    state.resultsAt ??= new Date().toISOString();
    const writes = resultTabWrites(ss, results, state.resultsAt);
    for (let i = state.tabsWritten ?? 0; i < writes.length; i++) {
      const { read, cells, write } = writes[i];
      // A tab written from cells read first (the Customers tab's details) starts only when both fit.
      if (read && !budget.fits('read', read.cells, 'write', cells)) {
        saveState(state);
        return state;
      }
      if (read) budget.step('read', read.cells, read.run);
      if (!stepWithin(budget, 'write', cells, write)) {
        saveState(state);
        return state;
      }
      state.tabsWritten = i + 1;
      saveState(state);
    }
    refreshMogulFunctions(ss);
    const headline = headlineOf(results, state.resultsAt);
    saveHeadline(headline);
    state.status = 'done';
    state.finishedAt = headline.syncedAt;
    saveState(state);
    return state;
  } catch (e) {
    if (e instanceof StillComputing) {
      saveState(state); // still running: the next continueSync goes on
      return state;
    }
    state.status = 'failed';
    state.message = (e as Error).message;
    saveState(state);
    return state;
  }
}
