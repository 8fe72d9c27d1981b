/**
 * Validate (a dry run): every dataset tab through the shared schemas and reference checks,
 * bad cells marked, cells that are fine again unmarked; nothing else changes.
 */
import {
  computeReport, DATASET_TABS, endOfDay, validateTables, type BillingData, type RowError, type TemplateTables,
} from '../../shared/index.ts';
import { hasTemplateTabs, NO_TEMPLATE_TABS } from './first-run.ts';
import { markErrors } from './marks.ts';
import { refreshMogulFunctions } from './refresh-functions.ts';
import { writeResults, type Headline } from './result-tabs.ts';
import { readSettings } from './settings.ts';
import { saveHeadline } from './sync-state.ts';
import { readDatasetTabs } from './tabs.ts';
import { localToday } from './today.ts';

export interface ValidationSummary {
  tabs: { tab: string; rows: number; rejected: number }[];
  errors: number;
  firstErrors: { tab: string; row: number; column: string; message: string }[];
  /** Instead of a verdict: there is nothing to check yet. */
  notice?: string;
}

function validateActive(): { summary: ValidationSummary; data: BillingData } {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const tabs = readDatasetTabs(ss);
  const tables: TemplateTables = {};
  for (const t of tabs) tables[t.dataset] = t.table;
  const { engine } = readSettings();
  const { data, errors } = validateTables(tables, engine, { asOfEnd: endOfDay(localToday()) });
  const byDataset = new Map<string, RowError[]>();
  for (const e of errors) byDataset.set(e.dataset, [...(byDataset.get(e.dataset) ?? []), e]);
  for (const t of tabs) markErrors(t.sheet, byDataset.get(t.dataset) ?? []);
  const summary: ValidationSummary = {
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

export function validateSheet(): ValidationSummary {
  if (!hasTemplateTabs(SpreadsheetApp.getActiveSpreadsheet())) return { tabs: [], errors: 0, firstErrors: [], notice: NO_TEMPLATE_TABS };
  return validateActive().summary;
}

/** Local mode: with no API, the same engine runs here on the tabs and writes the same result tabs. */
export function computeLocally(): { summary: ValidationSummary; headline: Headline } {
  if (!hasTemplateTabs(SpreadsheetApp.getActiveSpreadsheet())) throw new Error(NO_TEMPLATE_TABS);
  const { summary, data } = validateActive();
  const { engine } = readSettings();
  const report = computeReport(data, engine, { asOf: localToday() });
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const headline = writeResults(ss, report, new Date().toISOString());
  refreshMogulFunctions(ss);
  saveHeadline(headline);
  return { summary, headline };
}
