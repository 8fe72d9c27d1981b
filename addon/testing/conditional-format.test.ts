import { describe, expect, test } from 'vitest';
import { FakeSpreadsheetApp } from './spreadsheet-app.ts';
import { newSpreadsheet } from './spreadsheet.test-util.ts';
import { FakeUi } from './ui.ts';

function setUp() {
  const { rt, ss } = newSpreadsheet();
  const app = new FakeSpreadsheetApp(rt, ss, new FakeUi(rt));
  return { rt, ss, app, sheet: ss.getActiveSheet() };
}

describe('conditional format rules (colour scales)', () => {
  test('a three-point scale colours number cells by interpolation; empty and text cells keep none', () => {
    const { app, sheet } = setUp();
    sheet.getRange('A1:D1').setValues([[0, 50, 100, 75]]);
    sheet.getRange('A2:B2').setValues([['', 'text']]);
    const rule = app.newConditionalFormatRule()
      .setGradientMinpointWithValue('#ff0000', app.InterpolationType.NUMBER, '0')
      .setGradientMidpointWithValue('#ffff00', app.InterpolationType.NUMBER, '50')
      .setGradientMaxpointWithValue('#00FF00', app.InterpolationType.NUMBER, '100')
      .setRanges([sheet.getRange('A1:D2')])
      .build();
    sheet.setConditionalFormatRules([rule]);
    expect([1, 2, 3, 4].map((c) => sheet.conditionalBackground(1, c))).toEqual(['#ff0000', '#ffff00', '#00ff00', '#80ff00']);
    expect(sheet.conditionalBackground(2, 1)).toBeNull();
    expect(sheet.conditionalBackground(2, 2)).toBeNull();
    expect(sheet.conditionalBackground(3, 1)).toBeNull(); // outside the rule's range
    const [read] = sheet.getConditionalFormatRules();
    expect(read.getRanges().map((r) => r.getA1Notation())).toEqual(['A1:D2']);
    const g = read.getGradientCondition();
    expect([g.getMinType(), g.getMinValue(), g.getMaxColorObject().asRgbColor().asHexString()]).toEqual(['NUMBER', '0', '#00ff00']);
    expect(sheet.getRange('A1').getBackground()).toBe('#ffffff'); // the cell's own background is untouched
  });

  test('MIN and MAX points follow the values; the first rule that covers a cell wins', () => {
    const { app, sheet } = setUp();
    sheet.getRange('A1:C1').setValues([[10, 20, 30]]);
    const scale = app.newConditionalFormatRule().setGradientMinpoint('#000000').setGradientMaxpoint('#ffffff');
    const first = scale.setRanges([sheet.getRange('A1:B1')]).build();
    const second = app.newConditionalFormatRule().setGradientMinpoint('#ff0000').setGradientMaxpoint('#ff0000')
      .setRanges([sheet.getRange('A1:C1')]).build();
    sheet.setConditionalFormatRules([first, second]);
    expect([1, 2, 3].map((c) => sheet.conditionalBackground(1, c))).toEqual(['#000000', '#ffffff', '#ff0000']);
    sheet.clearConditionalFormatRules();
    expect(sheet.getConditionalFormatRules()).toEqual([]);
  });

  test('strict: points need values, a rule needs min, max and a range on its own sheet', () => {
    const { app, ss, sheet } = setUp();
    const other = ss.insertSheet('Other');
    const builder = () => app.newConditionalFormatRule();
    expect(() => builder().setGradientMinpointWithValue('#ff0000', 'NUMBER', '')).toThrow('needs a number as a string');
    expect(() => builder().setGradientMinpointWithValue('#ff0000', 'NUMBER', 5 as unknown as string)).toThrow('needs a number as a string');
    expect(() => builder().setGradientMinpointWithValue('#ff0000', 'LINEAR', '1')).toThrow('Invalid argument: type');
    expect(() => builder().setRanges([sheet.getRange('A1')]).build()).toThrow('has no condition');
    expect(() => builder().setGradientMinpoint('#ff0000').setRanges([sheet.getRange('A1')]).build()).toThrow('both a minpoint and a maxpoint');
    expect(() => builder().setGradientMinpoint('#ff0000').setGradientMaxpoint('#00ff00').build()).toThrow('at least one range');
    const onOther = builder().setGradientMinpoint('#ff0000').setGradientMaxpoint('#00ff00').setRanges([other.getRange('A1')]).build();
    expect(() => sheet.setConditionalFormatRules([onOther])).toThrow('only apply to ranges of the sheet it is set on');
    expect(() => sheet.setConditionalFormatRules([{}] as never)).toThrow("don't match the method signature");
  });

  test('custom functions may not set rules', () => {
    const { rt, app, sheet } = setUp();
    const rule = app.newConditionalFormatRule().setGradientMinpoint('#ff0000').setGradientMaxpoint('#00ff00').setRanges([sheet.getRange('A1')]).build();
    rt.begin('custom-function');
    expect(() => sheet.setConditionalFormatRules([rule])).toThrow('You do not have permission to call setConditionalFormatRules');
    expect(sheet.getConditionalFormatRules()).toEqual([]);
  });
});
