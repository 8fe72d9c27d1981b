/**
 * Validate (a dry run): every dataset tab through the shared schemas and reference checks,
 * bad cells marked, cells that are fine again unmarked; nothing else changes.
 */
import {
  DATASET_TABS, endOfDay, validateTables, type BillingData, type Headline, type RowError, type TemplateTables, type Validation,
} from '../../shared/index.ts';
import { hasTemplateTabs, NO_TEMPLATE_TABS } from './first-run.ts';
import { markErrors } from './marks.ts';
import { refreshMogulFunctions } from './refresh-functions.ts';
import { localResults } from './local-results.ts';
import { writeResults } from './result-tabs.ts';
import { readSettings, savedSegment } from './settings.ts';
import { saveHeadline } from './sync-state.ts';
import { readDatasetTabs } from './tabs.ts';
import { localToday } from './today.ts';

function validateActive(): { summary: Validation; data: BillingData } {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const tabs = readDatasetTabs(ss);
  const tables: TemplateTables = {};
  for (const t of tabs) tables[t.dataset] = t.table;
  const { engine } = readSettings();
  const { data, errors } = validateTables(tables, engine, { asOfEnd: endOfDay(localToday()) });
  const byDataset = new Map<string, RowError[]>();
  for (const e of errors) byDataset.set(e.dataset, [...(byDataset.get(e.dataset) ?? []), e]);
  for (const t of tabs) markErrors(t.sheet, byDataset.get(t.dataset) ?? []);
  const summary: Validation = {
    tabs: tabs.map((t) => ({
      tab: DATASET_TABS[t.dataset],
      rows: t.table.rows.length,
      rejected: new Set((byDataset.get(t.dataset) ?? []).map((e) => e.row)).size,
    })),
    errors: errors.length,
    firstErrors: errors.slice(0, 20).map((e) => ({
      tab: e.dataset === 'settings' ? 'Settings' : DATASET_TABS[e.dataset], row: e.row, column: e.column, message: e.message,
    })),
  };
  return { summary, data };
}

export function validateSheet(): Validation {
  if (!hasTemplateTabs(SpreadsheetApp.getActiveSpreadsheet())) return { tabs: [], errors: 0, firstErrors: [], notice: NO_TEMPLATE_TABS };
  return validateActive().summary;
}

/** Local mode: with no API, the same engine runs here on the tabs and writes the same result tabs. */
export function computeLocally(): { summary: Validation; headline: Headline } {
  if (!hasTemplateTabs(SpreadsheetApp.getActiveSpreadsheet())) throw new Error(NO_TEMPLATE_TABS);
  const { summary, data } = validateActive();
  const { engine, source } = readSettings();
  const results = localResults(data, engine, localToday(), savedSegment(), source);
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const headline = writeResults(ss, results, new Date().toISOString());
  refreshMogulFunctions(ss);
  saveHeadline(headline);
  return { summary, headline };
}
