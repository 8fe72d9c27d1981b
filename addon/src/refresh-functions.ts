/**
 * Sheets recalculates a custom function only when its formula or its arguments change, and the
 * Mogul functions read the result tabs, which are not their arguments: after new result tabs,
 * the cells that call one still show the old figures. Setting the same formula again changes
 * nothing either; clearing the cells, letting Sheets apply that (flush), then setting the
 * formulas back makes Sheets evaluate them anew.
 */
import { MOGUL_FUNCTIONS } from './mogul-functions.ts';

/** A call of one of them anywhere in a formula, not a longer name (MY_MRR, MRR2); any case. */
const CALL = `(^|[^A-Za-z0-9_.])(${[...MOGUL_FUNCTIONS].sort((a, b) => b.length - a.length).join('|')})\\s*\\(`;

/** Evaluates every cell of the spreadsheet that calls a Mogul function again; answers how many. */
export function refreshMogulFunctions(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): number {
  const cells = ss.createTextFinder(CALL).matchFormulaText(true).useRegularExpression(true).findAll();
  if (cells.length === 0) return 0;
  const formulas = cells.map((cell) => cell.getFormula());
  for (const cell of cells) cell.clearContent();
  SpreadsheetApp.flush();
  cells.forEach((cell, i) => cell.setFormula(formulas[i]));
  SpreadsheetApp.flush();
  return cells.length;
}
