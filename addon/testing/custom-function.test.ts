import { describe, expect, test } from 'vitest';
import { FakeSpreadsheetApp } from './spreadsheet-app.ts';
import { newSpreadsheet } from './spreadsheet.test-util.ts';
import { FakeUi } from './ui.ts';

describe('custom function mode', () => {
  test('every write throws "You do not have permission to call X"; reads work', () => {
    const { rt, ss } = newSpreadsheet();
    const sheet = ss.getActiveSheet();
    sheet.getRange('A1').setValue(1).setNote('n');
    rt.begin('custom-function');
    expect(sheet.getRange('A1').getValue()).toBe(1);
    expect(sheet.getRange('A1').getNote()).toBe('n');
    expect(ss.getSheets()).toHaveLength(1);
    const writes: [string, () => unknown][] = [
      ['setValues', () => sheet.getRange('A1').setValues([[2]])],
      ['setValue', () => sheet.getRange('A1').setValue(2)],
      ['setFormula', () => sheet.getRange('A1').setFormula('=1')],
      ['setNote', () => sheet.getRange('A1').setNote('x')],
      ['setNotes', () => sheet.getRange('A1').setNotes([['x']])],
      ['setBackground', () => sheet.getRange('A1').setBackground('red')],
      ['setDataValidation', () => sheet.getRange('A1').setDataValidation(null)],
      ['clearContent', () => sheet.getRange('A1').clearContent()],
      ['insertSheet', () => ss.insertSheet('X')],
      ['deleteSheet', () => ss.deleteSheet(sheet)],
      ['insertRowsAfter', () => sheet.insertRowsAfter(1, 1)],
      ['setFrozenRows', () => sheet.setFrozenRows(1)],
      ['clear', () => sheet.clear()],
      ['toast', () => ss.toast('hi')],
      ['setActiveSheet', () => ss.setActiveSheet(sheet)],
    ];
    for (const [method, write] of writes) expect(write, method).toThrow(`You do not have permission to call ${method}`);
    expect(sheet.getRange('A1').getValue()).toBe(1);
  });

  test('no Ui, 30 seconds per call', () => {
    const { rt, ss } = newSpreadsheet();
    const app = new FakeSpreadsheetApp(rt, ss, new FakeUi(rt));
    rt.begin('custom-function');
    expect(() => app.getUi()).toThrow('Cannot call SpreadsheetApp.getUi() from this context.');
    expect(() => app.openById()).toThrow('You do not have permission to call SpreadsheetApp.openById');
    rt.clock.advance(30_001);
    expect(() => ss.getActiveSheet().getRange('A1').getValues()).toThrow('Exceeded maximum execution time');
  });
});
