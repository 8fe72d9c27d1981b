// The built-in functions the add-on's Customer tab uses, evaluated in cells as Sheets does, and
// evaluated again when a tab they reference changes.
import { describe, expect, test } from 'vitest';
import { newSpreadsheet } from './spreadsheet.test-util.ts';

function setUp() {
  const { ss } = newSpreadsheet({ timeZone: 'America/New_York' });
  const data = ss.insertSheet('Data');
  data.getRange('A1:C5').setValues([
    ['Customer', 'Date', 'Amount'],
    ["'a1", '2024-01-10', 10],
    ["'A1", '2024-01-20', 20],
    ["'a1", '2024-02-05', 30],
    ["'b2", '2024-02-07', 40],
  ]);
  const view = ss.insertSheet('View');
  return { ss, data, view };
}

describe('built-in formulas', () => {
  test('FILTER with EXACT keeps the rows of one customer, case-sensitively, and spills them', () => {
    const { view } = setUp();
    view.getRange('A1').setValue("'a1");
    view.getRange('A3').setFormula('=IFNA(FILTER(Data!B$2:C, EXACT(Data!A$2:A, $A$1)), "none")');
    const rows = view.getRange('A3:B5').getValues();
    expect(rows.map((r) => [r[0] instanceof Date ? 'date' : r[0], r[1]])).toEqual([['date', 10], ['date', 30], ['', '']]);
    expect(view.getRange('A4').getFormula()).toBe('');
  });

  test('changing the key cell recomputes; no match gives the IFNA value; an empty key the IF value', () => {
    const { view } = setUp();
    view.getRange('A1').setValue("'b2");
    view.getRange('B1').setFormula('=IF($A$1="", "", IFNA(FILTER(Data!C$2:C, EXACT(Data!A$2:A, $A$1)), "none"))');
    expect(view.getRange('B1').getValue()).toBe(40);
    view.getRange('A1').setValue("'zz");
    expect(view.getRange('B1').getValue()).toBe('none');
    view.getRange('A1').setValue('');
    expect(view.getRange('B1').getValue()).toBe('');
  });

  test('a change to the referenced tab recomputes; FILTER alone with no match is #N/A', () => {
    const { data, view } = setUp();
    view.getRange('A1').setValue("'c3");
    view.getRange('B1').setFormula('=FILTER(Data!C$2:C, EXACT(Data!A$2:A, $A$1))');
    expect(view.getRange('B1').getValue()).toBe('#N/A');
    data.getRange('A6:C6').setValues([["'c3", '2024-03-01', 50]]);
    expect(view.getRange('B1').getValue()).toBe(50);
  });

  test('comparisons with dates, CHOOSEROWS from the end and INDEX', () => {
    const { view } = setUp();
    view.getRange('A1:A2').setValues([["'a1"], ['2024-01-31']]);
    view.getRange('B1').setFormula('=IFNA(CHOOSEROWS(FILTER(Data!C$2:C, EXACT(Data!A$2:A, $A$1), Data!B$2:B<=$A$2), -1), 0)');
    expect(view.getRange('B1').getValue()).toBe(10);
    view.getRange('A2').setValue('2024-02-29');
    expect(view.getRange('B1').getValue()).toBe(30);
    view.getRange('A2').setValue('2023-12-31');
    expect(view.getRange('B1').getValue()).toBe(0);
    view.getRange('C1').setFormula('=INDEX(Data!A$2:C$5, 2, 3)');
    expect(view.getRange('C1').getValue()).toBe(20);
    view.getRange('D1').setFormula('=CHOOSEROWS(Data!C$2:C$5, 9)');
    expect(view.getRange('D1').getValue()).toBe('#VALUE!');
    view.getRange('E1').setFormula('=IF("a"="A", TRUE, FALSE)');
    expect(view.getRange('E1').getValue()).toBe(true); // = ignores case; EXACT does not
    view.getRange('F1').setFormula('=EXACT("a", "A")');
    expect(view.getRange('F1').getValue()).toBe(false);
  });

  test('a FILTER whose spill would cover data is #REF!; an unknown function stays #NAME?', () => {
    const { view } = setUp();
    view.getRange('A1').setValue("'a1");
    view.getRange('A4').setValue('in the way');
    view.getRange('A3').setFormula('=FILTER(Data!C$2:C, EXACT(Data!A$2:A, $A$1))');
    expect(view.getRange('A3').getValue()).toBe('#REF!');
    view.getRange('C3').setFormula('=XLOOKUP($A$1, Data!A$2:A, Data!C$2:C)');
    expect(view.getRange('C3').getValue()).toBe('#NAME?');
  });

  test('evaluated when their tab is read, not when written (Sheets computes them apart from the script)', () => {
    const { ss, view } = setUp();
    view.getRange('A1').setValue("'a1");
    view.getRange('B1').setFormula('=FILTER(Data!C$2:C, EXACT(Data!A$2:A, $A$1))');
    ss.recalculation.run();
    expect(view.grid.get(1, 2)?.computed).toBeUndefined();
    expect(view.getLastRow()).toBe(2); // the spill counts once the tab is looked at
    expect(view.grid.get(1, 2)?.computed?.value).toEqual([[10], [30]]);
  });
});
