import { describe, expect, test } from 'vitest';
import { FakeDataValidationBuilder } from './data-validation.ts';
import { newSpreadsheet } from './spreadsheet.test-util.ts';

describe('getRange', () => {
  test('by A1 and by coordinates', () => {
    const sheet = newSpreadsheet().ss.getActiveSheet();
    expect(sheet.getRange('B2:D5').getA1Notation()).toBe('B2:D5');
    const r = sheet.getRange(2, 3, 4, 5);
    expect([r.getRow(), r.getColumn(), r.getNumRows(), r.getNumColumns(), r.getLastRow(), r.getLastColumn()]).toEqual([2, 3, 4, 5, 5, 7]);
    expect(sheet.getRange(3, 2).getA1Notation()).toBe('B3');
    expect(sheet.getRange('B:B').getNumRows()).toBe(1000);
    expect(sheet.getRange('B:B').getA1Notation()).toBe('B:B');
    expect(sheet.getRange('2:2').getNumColumns()).toBe(26);
    expect(sheet.getRange('A2:C').getNumRows()).toBe(999);
    expect(sheet.getRange('B2').offset(1, 1, 2, 2).getA1Notation()).toBe('C3:D4');
  });

  test('the messages Apps Script gives', () => {
    const sheet = newSpreadsheet().ss.getActiveSheet();
    expect(() => sheet.getRange(0, 1)).toThrow('The starting row of the range is too small.');
    expect(() => sheet.getRange(1, 0)).toThrow('The starting column of the range is too small.');
    expect(() => sheet.getRange(1, 1, 0, 1)).toThrow('The number of rows in the range must be at least 1.');
    expect(() => sheet.getRange(1, 1, 1, 0)).toThrow('The number of columns in the range must be at least 1.');
    expect(() => sheet.getRange(1000, 1, 2, 1)).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    expect(() => sheet.getRange(1, 27)).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    expect(() => sheet.getRange('AA1')).toThrow('Range not found');
    expect(() => sheet.getRange('A1001')).toThrow('Range not found');
    expect(() => sheet.getRange('nonsense')).toThrow('Range not found');
    expect(() => sheet.getRange('2' as unknown as number, 1)).toThrow("The parameters (String,number) don't match the method signature for SpreadsheetApp.Sheet.getRange.");
  });

  test('errors are Apps Script exceptions', () => {
    const sheet = newSpreadsheet().ss.getActiveSheet();
    let caught: unknown;
    try { sheet.getRange('AA1'); } catch (e) { caught = e; }
    expect(caught).toBeInstanceOf(Error);
    expect(String(caught)).toBe('Exception: Range not found');
  });

  test('writing below the last row needs insertRowsAfter first; appendRow grows the sheet', () => {
    const sheet = newSpreadsheet().ss.getActiveSheet();
    expect(() => sheet.getRange(1001, 1, 1, 2)).toThrow('outside the dimensions');
    sheet.insertRowsAfter(sheet.getMaxRows(), 10);
    expect(sheet.getMaxRows()).toBe(1010);
    sheet.getRange(1001, 1, 1, 2).setValues([['a', 'b']]);
    expect(sheet.getLastRow()).toBe(1001);
    sheet.getRange(1010, 1).setValue('x');
    sheet.appendRow(['y']);
    expect(sheet.getMaxRows()).toBe(1011);
    expect(sheet.getRange(1011, 1).getValue()).toBe('y');
  });
});

describe('values', () => {
  test('shape must match, with the real messages', () => {
    const r = newSpreadsheet().ss.getActiveSheet().getRange('A1:B2');
    expect(() => r.setValues([[1, 2], [3, 4], [5, 6]])).toThrow('The number of rows in the data does not match the number of rows in the range. The data has 3 but the range has 2.');
    expect(() => r.setValues([[1, 2], [3]])).toThrow('The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.');
    expect(() => r.setValues([1, 2] as never)).toThrow("The parameters (number[]) don't match the method signature for SpreadsheetApp.Range.setValues.");
    expect(() => r.setNotes([['a', 'b']])).toThrow('The data has 1 but the range has 2.');
    expect(() => r.setBackgrounds([['red'], ['red']])).toThrow('The number of columns in the data does not match');
    expect(r.getValues()).toEqual([['', ''], ['', '']]);
  });

  test('types survive; strings are parsed as Sheets parses typing', () => {
    const { ss } = newSpreadsheet();
    const r = ss.getActiveSheet().getRange('A1:J1');
    const d = new Date('2024-03-01T10:00:00Z');
    r.setValues([[1.5, true, d, 'text', '123', '00123', '1,234.5', '12%', 'TRUE', '2024-01-31']]);
    const [v] = r.getValues();
    expect(v.slice(0, 4)).toEqual([1.5, true, d, 'text']);
    expect(v[2]).not.toBe(d);
    expect(v.slice(4, 9)).toEqual([123, 123, 1234.5, 0.12, true]);
    // A date typed as text is midnight in the spreadsheet's zone (Berlin: 23:00 UTC the day before).
    expect((v[9] as Date).toISOString()).toBe('2024-01-30T23:00:00.000Z');
  });

  test("an apostrophe or plain-text format keeps text as text", () => {
    const sheet = newSpreadsheet().ss.getActiveSheet();
    sheet.getRange('A1:B1').setValues([["'00123", "'=SUM(1)"]]);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['00123', '=SUM(1)']]);
    expect(sheet.getRange('A1:B1').getFormulas()).toEqual([['', '']]);
    const c = sheet.getRange('C1:D1').setNumberFormat('@');
    c.setValues([['00123', '=HYPERLINK("http://x")']]);
    expect(c.getValues()).toEqual([['00123', '=HYPERLINK("http://x")']]);
    expect(c.getFormulas()).toEqual([['', '']]);
  });

  test('formula injection is visible', () => {
    const sheet = newSpreadsheet().ss.getActiveSheet();
    const r = sheet.getRange('A1:E1');
    r.setValues([['=IMPORTXML("http://evil")', '+1+1', '-2', '- item', '@home']]);
    expect(r.getFormulas()).toEqual([['=IMPORTXML("http://evil")', '=+1+1', '', '=- item', '']]);
    expect(r.getValues()).toEqual([['#NAME?', 2, -2, '#ERROR!', '@home']]);
    sheet.getRange('F1').setFormula('=1/0');
    expect(sheet.getRange('F1').getValue()).toBe('#DIV/0!');
  });

  test('setValue fills the range; null and empty clear', () => {
    const sheet = newSpreadsheet().ss.getActiveSheet();
    sheet.getRange('A1:B2').setValue(7);
    expect(sheet.getRange('A1:B2').getValues()).toEqual([[7, 7], [7, 7]]);
    sheet.getRange('A1:B1').setValues([[null, '']]);
    expect(sheet.getRange('A1:B2').getValues()).toEqual([['', ''], [7, 7]]);
    expect(sheet.getLastRow()).toBe(2);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:B2');
  });

  test('50,000 characters per cell', () => {
    const r = newSpreadsheet().ss.getActiveSheet().getRange('A1');
    r.setValue('x'.repeat(50000));
    expect(() => r.setValue('x'.repeat(50001))).toThrow('Your input contains more than the maximum of 50000 characters in a single cell.');
  });

  test('display values', () => {
    const { ss } = newSpreadsheet();
    const sheet = ss.getActiveSheet();
    sheet.getRange('A1:F1').setValues([[1234.5, true, new Date('2024-03-01T10:05:00Z'), 'x', 0.1 + 0.2, '']]);
    expect(sheet.getRange('A1:F1').getDisplayValues()).toEqual([['1234.5', 'TRUE', '3/1/2024 11:05:00', 'x', '0.3', '']]);
    sheet.getRange('A2:D2').setValues([[1234.5, 0.256, new Date('2024-03-01T23:30:00Z'), 5]]);
    sheet.getRange('A2:D2').setNumberFormats([['#,##0.00', '0.0%', 'yyyy-mm-dd', '"$"#,##0']]);
    expect(sheet.getRange('A2:D2').getDisplayValues()).toEqual([['1,234.50', '25.6%', '2024-03-02', '$5']]);
    expect(sheet.getRange('A2:D2').getNumberFormats()).toEqual([['#,##0.00', '0.0%', 'yyyy-mm-dd', '"$"#,##0']]);
  });
});

describe('number formats', () => {
  test('a date cell given a number format holds its serial number, as Sheets stores dates', () => {
    const { ss } = newSpreadsheet(); // Europe/Berlin
    const sheet = ss.getActiveSheet();
    sheet.getRange('A1:C1').setValues([['2024-01-31', new Date('2024-01-31T11:00:00Z'), '2024-01-31']]);
    sheet.getRange('A1:C1').setNumberFormats([['General', '0.00', 'yyyy-mm-dd']]);
    const [[a, b, c]] = sheet.getRange('A1:C1').getValues();
    expect(a).toBe(45322); // days since 1899-12-30, midnight in the sheet's zone
    expect(b).toBeCloseTo(45322.5, 9); // 12:00 in Berlin
    expect(c).toEqual(new Date('2024-01-30T23:00:00Z'));
    expect(sheet.getRange('A1:C1').getDisplayValues()).toEqual([['45322', '45322.50', '2024-01-31']]);
  });

  test('a pattern Sheets cannot read is refused', () => {
    const { ss } = newSpreadsheet();
    const r = ss.getActiveSheet().getRange('A1');
    for (const bad of ['"unclosed', '[$€', '0;0;0;0;0', '']) {
      expect(() => r.setNumberFormat(bad), bad).toThrow(`Invalid number format pattern: ${bad}`);
    }
    expect(() => r.setNumberFormats([['0', '0']])).toThrow();
    r.setNumberFormats([['[$€]#,##0.00;(#,##0.00);"zero"']]);
  });
});

describe('notes, backgrounds, font weights, validation', () => {
  test('round trips and defaults', () => {
    const { ss } = newSpreadsheet();
    const r = ss.getActiveSheet().getRange('A1:B2');
    r.setNotes([['n1', ''], [null, 'n4']]);
    expect(r.getNotes()).toEqual([['n1', ''], ['', 'n4']]);
    expect(r.getNote()).toBe('n1');
    r.setBackgrounds([['#FF0000', null], ['red', '#fce8e6']]);
    expect(r.getBackgrounds()).toEqual([['#ff0000', '#ffffff'], ['#ff0000', '#fce8e6']]);
    r.setBackground(null);
    expect(r.getBackgrounds()).toEqual([['#ffffff', '#ffffff'], ['#ffffff', '#ffffff']]);
    r.setFontWeight('bold');
    expect(r.getFontWeights()).toEqual([['bold', 'bold'], ['bold', 'bold']]);
    r.getCell(2, 2).clearNote();
    expect(r.getNotes()).toEqual([['n1', ''], ['', '']]);
    expect(r.getNumberFormats()[0][0]).toBe('0.###############');
  });

  test('data validation builders and inspection', () => {
    const { ss } = newSpreadsheet();
    const sheet = ss.getActiveSheet();
    const builder = new FakeDataValidationBuilder(ss.rt);
    const rule = builder.requireValueInList(['New', 'Cancelled'], true).setAllowInvalid(false).setHelpText('Pick one').build();
    sheet.getRange('A2:A10').setDataValidation(rule);
    const got = sheet.getRange('A2:A3').getDataValidations();
    expect(got[0][0]).toBe(rule);
    expect(rule.getCriteriaType()).toBe('VALUE_IN_LIST');
    expect(rule.getCriteriaValues()).toEqual([['New', 'Cancelled'], true]);
    expect(rule.getAllowInvalid()).toBe(false);
    expect(rule.getHelpText()).toBe('Pick one');
    expect(sheet.getRange('B2').getDataValidation()).toBeNull();
    sheet.getRange('A2:A10').clearDataValidations();
    expect(sheet.getRange('A2').getDataValidation()).toBeNull();
    const date = new FakeDataValidationBuilder(ss.rt).requireDate().build();
    sheet.getRange('C2:C3').setDataValidations([[date], [null]]);
    expect(sheet.getRange('C2:C3').getDataValidations().map((r) => r[0]?.getCriteriaType() ?? null)).toEqual(['DATE_IS_VALID_DATE', null]);
    expect(() => new FakeDataValidationBuilder(ss.rt).build()).toThrow();
  });

  test('clear, clearContent, clearFormat', () => {
    const sheet = newSpreadsheet().ss.getActiveSheet();
    const r = sheet.getRange('A1');
    r.setValue(5).setNote('n').setBackground('red').setNumberFormat('0.00');
    r.clearContent();
    expect([r.getValue(), r.getNote(), r.getBackground()]).toEqual(['', 'n', '#ff0000']);
    r.setValue(5).clearFormat();
    expect([r.getValue(), r.getBackground(), r.getNumberFormat()]).toEqual([5, '#ffffff', '0.###############']);
    r.setBackground('red');
    sheet.clear();
    expect([r.getValue(), r.getNote(), r.getBackground()]).toEqual(['', 'n', '#ffffff']);
    sheet.clearNotes();
    expect(r.getNote()).toBe('');
  });
});
