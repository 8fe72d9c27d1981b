/**
 * A spreadsheet with no template tab yet has nothing to check: Validate, Sync and Compute in
 * this sheet say what to do first instead of "every row is valid" or an empty sync.
 */
import { DATASET_NAMES, DATASET_TABS } from '../../shared/index.ts';

export const NO_TEMPLATE_TABS = 'No template tabs yet: Create template tabs first';

export function hasTemplateTabs(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): boolean {
  return DATASET_NAMES.some((d) => ss.getSheetByName(DATASET_TABS[d]) !== null);
}
