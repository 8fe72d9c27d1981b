// Custom functions in cells, recalculated when Sheets would: on entering or changing the
// formula, or when an argument's values change; not when other data they read changes.
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadAddon } from './harness.ts';

const bundlePath = join(import.meta.dirname, 'fixtures', 'Code.js');
const load = () => loadAddon({ bundlePath });

describe('custom functions in cells', () => {
  test('evaluated when entered and when an argument changes', () => {
    const addon = load();
    const sheet = addon.spreadsheet.getSheetByName('Sheet1')!;
    sheet.getRange('A1').setValue(2);
    sheet.getRange('C1').setFormula('=DOUBLE(A1)');
    expect(sheet.getRange('C1').getValue()).toBe(4);
    sheet.getRange('A1').setValue(5);
    expect(sheet.getRange('C1').getValue()).toBe(10);
    sheet.getRange('C2').setFormula('=double(A1) + 1'); // any case, inside arithmetic
    expect(sheet.getRange('C2').getValue()).toBe(11);
    sheet.getRange('C3').setFormula('=NO_SUCH_FUNCTION(A1)');
    expect(sheet.getRange('C3').getValue()).toBe('#NAME?');
  });

  test('not when data the function reads but does not take changes, nor when the same formula is set again', () => {
    const addon = load();
    const sheet = addon.spreadsheet.getSheetByName('Sheet1')!;
    sheet.getRange('B1').setValue('first');
    sheet.getRange('C1').setFormula('=READ_B1()');
    expect(sheet.getRange('C1').getValue()).toBe('first');
    sheet.getRange('B1').setValue('second');
    expect(sheet.getRange('C1').getValue()).toBe('first');
    addon.call('setFormulaAgain', 'Sheet1!C1', 'same');
    expect(sheet.getRange('C1').getValue()).toBe('first');
    // Cleared and set again in one execution: Sheets sees the same formula when the script ends.
    addon.call('setFormulaAgain', 'Sheet1!C1', 'clear');
    expect(sheet.getRange('C1').getValue()).toBe('first');
    // With a flush between, the formula went and came back: evaluated again.
    addon.call('setFormulaAgain', 'Sheet1!C1', 'flush');
    expect(sheet.getRange('C1').getValue()).toBe('second');
  });

  test('a table answer spills; nested in SUM; blocked by data it would cover', () => {
    const addon = load();
    const sheet = addon.spreadsheet.getSheetByName('Sheet1')!;
    sheet.getRange('A1:A3').setValues([[1], [2], [3]]);
    sheet.getRange('B1').setFormula('=DOUBLE(A1:A3)');
    expect(sheet.getRange('B1:B3').getValues()).toEqual([[2], [4], [6]]);
    expect(sheet.getRange('B2').getFormula()).toBe('');
    sheet.getRange('D1').setFormula('=SUM(DOUBLE(A1:A3))');
    expect(sheet.getRange('D1').getValue()).toBe(12);
    sheet.getRange('F1').setFormula('=TABLE(3)');
    expect(sheet.getRange('F1:G3').getValues()).toEqual([[1, 10], [2, 20], [3, 30]]);
    sheet.getRange('F1').setFormula('=TABLE(2)'); // changed: the old spill goes
    expect(sheet.getRange('F1:G3').getValues()).toEqual([[1, 10], [2, 20], ['', '']]);
    sheet.getRange('I2').setValue('in the way');
    sheet.getRange('H1').setFormula('=TABLE(2)');
    expect(sheet.getRange('H1').getValue()).toBe('#REF!');
    sheet.getRange('J1').setFormula('=DOUBLE("x")');
    expect(sheet.getRange('J1').getValue()).toBe(NaN);
    sheet.getRange('K1').setFormula('=SNEAKY_WRITE()'); // a failing function: #ERROR!
    expect(sheet.getRange('K1').getValue()).toBe('#ERROR!');
    expect(sheet.getRange('A1').getValue()).toBe(1);
  });

  test('TextFinder finds formulas by a regular expression', () => {
    const addon = load();
    const sheet = addon.spreadsheet.getSheetByName('Sheet1')!;
    sheet.getRange('A1:A3').setFormulas([['=DOUBLE(2)'], ['=SUM(DOUBLE(B1:B3))'], ['=MYDOUBLE(1)']]);
    sheet.getRange('A4').setValue('double it');
    const found = addon.spreadsheet.createTextFinder('(^|[^A-Za-z0-9_.])DOUBLE\\s*\\(')
      .matchFormulaText(true).useRegularExpression(true).findAll();
    expect(found.map((r) => r.getA1Notation())).toEqual(['A1', 'A2']);
    expect(sheet.createTextFinder('double').findAll().map((r) => r.getA1Notation())).toEqual(['A4']); // shown text
  });
});
