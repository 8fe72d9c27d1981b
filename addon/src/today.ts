/** Today as the user sees it: the calendar day in the spreadsheet's time zone (UTC midnight of it). */
import { parseDateOnly } from '../../shared/index.ts';

export function localToday(): number {
  const timeZone = SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone();
  return parseDateOnly(Utilities.formatDate(new Date(), timeZone, 'yyyy-MM-dd'))!;
}
