import { describe, expect, test } from 'vitest';
import { evaluateFormula, parseInput } from './cell-input.ts';
import { displayValue, formatSheetDate, formatSheetNumber } from './sheet-format.ts';

describe('what Sheets stores for a written value', () => {
  const tz = 'Europe/Berlin';
  test.each([
    [42, { value: 42 }], [false, { value: false }], [null, {}], ['', {}], [undefined, {}],
    ['abc', { value: 'abc' }], ['  7 ', { value: 7 }], ['-3.5', { value: -3.5 }], ['1e3', { value: 1000 }],
    ['$1,200.50', { value: 1200.5, autoFormat: '"$"#,##0.00' }], ['true', { value: true }],
    ["'=1+1", { value: '=1+1' }], ['=1+1', { formula: '=1+1' }], ['+A1', { formula: '=+A1' }], ['-', { formula: '=-' }],
    ['@mention', { value: '@mention' }], ['1.2.3', { value: '1.2.3' }], ['2024-02-30', { value: '2024-02-30' }],
  ] as [unknown, object][])('%j', (input, stored) => {
    expect(parseInput(input, undefined, tz)).toEqual(stored);
  });

  test('dates typed as text are wall-clock times in the spreadsheet zone', () => {
    expect((parseInput('2024-07-01 08:15', undefined, tz).value as Date).toISOString()).toBe('2024-07-01T06:15:00.000Z');
    expect((parseInput('1/31/2024', undefined, 'Etc/UTC').value as Date).toISOString()).toBe('2024-01-31T00:00:00.000Z');
    expect(parseInput('2024-01-31', '@', tz)).toEqual({ value: '2024-01-31' });
  });

  test('formula placeholders', () => {
    expect(evaluateFormula('=2*(3+4)')).toBe(14);
    expect(evaluateFormula('=SUM(A1:A3)')).toBe('#NAME?');
    expect(evaluateFormula('=cmd|foo')).toBe('#ERROR!');
  });

  test('display formats', () => {
    const d = Date.UTC(2024, 0, 5, 14, 7, 9);
    expect(formatSheetDate(d, 'Etc/UTC', 'dd.mm.yyyy hh:mm:ss')).toBe('05.01.2024 14:07:09');
    expect(formatSheetDate(d, 'Etc/UTC', 'mmm d, yyyy h:mm AM/PM')).toBe('Jan 5, 2024 2:07 PM');
    expect(formatSheetNumber(-1234.567, '#,##0.00')).toBe('-1,234.57');
    expect(formatSheetNumber(0.5, '0%')).toBe('50%');
    expect(formatSheetNumber(3, '[$€]0.00')).toBe('€3.00');
    expect(displayValue(1 / 3, undefined, 'Etc/UTC')).toBe('0.3333333333');
    expect(displayValue(new Date(d), 'yyyy-mm-dd', 'Asia/Tokyo')).toBe('2024-01-05');
  });
});
