import { describe, expect, test } from 'vitest';
import { ChartType } from './charts.ts';
import { newSpreadsheet } from './spreadsheet.test-util.ts';

describe('spreadsheet and sheets', () => {
  test('starts with Sheet1; insertSheet names, positions and activates', () => {
    const { ss } = newSpreadsheet({ id: 'abc', name: 'Book' });
    expect([ss.getId(), ss.getName(), ss.getUrl()]).toEqual(['abc', 'Book', 'https://docs.google.com/spreadsheets/d/abc/edit']);
    expect(ss.getSpreadsheetTimeZone()).toBe('Europe/Berlin');
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Sheet1']);
    const c = ss.insertSheet('Customers');
    expect(ss.getActiveSheet()).toBe(c);
    ss.insertSheet('Plans', 0);
    ss.insertSheet();
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Plans', 'Sheet1', 'Customers', 'Sheet4']);
    expect(ss.getSheetByName('Customers')).toBe(c);
    expect(ss.getSheetByName('Nope')).toBeNull();
    expect(ss.getSheetById(c.getSheetId())).toBe(c);
    expect(c.getIndex()).toBe(3);
    expect(() => ss.insertSheet('customers')).toThrow('A sheet with the name "customers" already exists. Please enter another name.');
    expect(() => c.setName('Plans')).toThrow('already exists');
    c.setName('Clients');
    expect(ss.getSheetByName('Clients')).toBe(c);
  });

  test('deleteSheet keeps at least one sheet', () => {
    const { ss } = newSpreadsheet();
    const s2 = ss.insertSheet('Two');
    ss.deleteSheet(s2);
    expect(ss.getNumSheets()).toBe(1);
    expect(ss.getActiveSheet().getName()).toBe('Sheet1');
    expect(() => ss.deleteSheet(ss.getSheets()[0])).toThrow("You can't remove all the sheets in a document.");
  });

  test("spreadsheet getRange with 'Sheet name'!A1", () => {
    const { ss } = newSpreadsheet();
    ss.insertSheet('Line Items').getRange('B2').setValue('x');
    expect(ss.getRange("'Line Items'!B2").getValue()).toBe('x');
    expect(() => ss.getRange("'Missing'!A1")).toThrow('Range not found');
  });

  test('10,000,000 cells per spreadsheet', () => {
    const { ss } = newSpreadsheet();
    const sheet = ss.getActiveSheet();
    sheet.insertRowsAfter(1000, 382_000);
    expect(ss.totalCells()).toBe(9_958_000);
    expect(() => sheet.insertRowsAfter(1000, 2_000)).toThrow('This action would increase the number of cells in the workbook above the limit of 10000000 cells.');
    expect(() => ss.insertSheet('More')).not.toThrow();
    expect(() => ss.insertSheet('Even more')).toThrow('above the limit of 10000000 cells');
  });

  test('frozen rows, columns, insert columns, widths, hiding', () => {
    const { ss } = newSpreadsheet();
    const sheet = ss.getActiveSheet();
    sheet.setFrozenRows(1);
    expect(sheet.getFrozenRows()).toBe(1);
    sheet.insertColumnsAfter(26, 4);
    expect(sheet.getMaxColumns()).toBe(30);
    sheet.getRange('B1:C1').setValues([['b', 'c']]);
    sheet.insertColumnsBefore(2, 1);
    expect(sheet.getRange('C1:D1').getValues()).toEqual([['b', 'c']]);
    sheet.insertRowsBefore(1, 2);
    expect(sheet.getRange('C3').getValue()).toBe('b');
    sheet.deleteRows(1, 2);
    expect(sheet.getRange('C1').getValue()).toBe('b');
    sheet.setColumnWidth(2, 240);
    expect(sheet.getColumnWidth(2)).toBe(240);
    sheet.autoResizeColumns(1, 3);
    expect([...sheet.autoResized]).toEqual([1, 2, 3]);
    expect(() => sheet.hideSheet()).toThrow("You can't hide all the sheets");
    ss.insertSheet('Other');
    sheet.hideSheet();
    expect(sheet.isSheetHidden()).toBe(true);
  });

  test('charts: build, insert, read, update, remove', () => {
    const { ss } = newSpreadsheet();
    const sheet = ss.insertSheet('MRR');
    const chart = sheet.newChart().setChartType(ChartType.LINE).addRange(sheet.getRange('A1:B13')).setPosition(2, 5, 0, 0).setOption('title', 'MRR').build();
    sheet.insertChart(chart);
    const [got] = sheet.getCharts();
    expect(got.getType()).toBe('LINE');
    expect(got.rangeNotations()).toEqual(['MRR!A1:B13']);
    expect(got.getOptions().get('title')).toBe('MRR');
    expect(got.getContainerInfo().getAnchorColumn()).toBe(5);
    sheet.updateChart(got.modify().setChartType(ChartType.COLUMN).setOption('isStacked', true).build());
    expect(sheet.getCharts().map((c) => [c.getType(), c.getOptions().get('isStacked')])).toEqual([['COLUMN', true]]);
    sheet.removeChart(sheet.getCharts()[0]);
    expect(sheet.getCharts()).toEqual([]);
    expect(() => sheet.newChart().addRange(sheet.getRange('A1')).build()).toThrow();
  });

  test('a chart anchored outside the grid is refused, as Sheets does', () => {
    const { ss } = newSpreadsheet();
    const sheet = ss.insertSheet('MRR'); // 1000 x 26
    const chart = (row: number, column: number) =>
      sheet.newChart().setChartType(ChartType.LINE).addRange(sheet.getRange('A1:B3')).setPosition(row, column, 0, 0).build();
    sheet.insertChart(chart(1000, 26));
    const outside = 'The coordinates of the range are outside the dimensions of the sheet.';
    expect(() => sheet.insertChart(chart(2, 27))).toThrow(outside);
    expect(() => sheet.insertChart(chart(1001, 1))).toThrow(outside);
    expect(() => sheet.updateChart(sheet.getCharts()[0].modify().setPosition(2, 27, 0, 0).build())).toThrow(outside);
    expect(() => sheet.newChart().setPosition(0, 1, 0, 0)).toThrow('The starting row of the range is too small.');
    expect(() => sheet.newChart().setPosition(1, 0, 0, 0)).toThrow('The starting column of the range is too small.');
    sheet.insertColumnsAfter(26, 1);
    sheet.insertChart(chart(2, 27));
    expect(sheet.getCharts()).toHaveLength(2);
  });

  test('toast is recorded', () => {
    const { ss } = newSpreadsheet();
    ss.toast('Synced', 'Mogul', 3);
    expect(ss.toasts).toEqual([{ message: 'Synced', title: 'Mogul', timeoutSeconds: 3 }]);
  });
});
