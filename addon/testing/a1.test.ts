import { describe, expect, test } from 'vitest';
import { columnLetters, columnNumber, formatA1, parseA1, quoteSheetName } from './a1.ts';

describe('A1 notation', () => {
  test('column letters both ways', () => {
    for (const [n, s] of [[1, 'A'], [26, 'Z'], [27, 'AA'], [52, 'AZ'], [703, 'AAA'], [18278, 'ZZZ']] as const) {
      expect(columnLetters(n)).toBe(s);
      expect(columnNumber(s)).toBe(n);
    }
  });

  test('cells, boxes, whole columns and rows, open ends', () => {
    expect(parseA1('A1')).toEqual({ row1: 1, col1: 1, row2: 1, col2: 1 });
    expect(parseA1('$B$3')).toEqual({ row1: 3, col1: 2, row2: 3, col2: 2 });
    expect(parseA1('A1:C10')).toEqual({ row1: 1, col1: 1, row2: 10, col2: 3 });
    expect(parseA1('C10:A1')).toEqual({ row1: 1, col1: 1, row2: 10, col2: 3 });
    expect(parseA1('B:B')).toEqual({ col1: 2, col2: 2 });
    expect(parseA1('2:2')).toEqual({ row1: 2, row2: 2 });
    expect(parseA1('A2:C')).toEqual({ row1: 2, col1: 1, col2: 3 });
    expect(parseA1('a1:b2')).toEqual({ row1: 1, col1: 1, row2: 2, col2: 2 });
  });

  test('sheet names, quoted with doubled quotes', () => {
    expect(parseA1("'Line Items'!A1:B2")).toEqual({ sheetName: 'Line Items', row1: 1, col1: 1, row2: 2, col2: 2 });
    expect(parseA1("'It''s'!A1")).toMatchObject({ sheetName: "It's" });
    expect(parseA1('Customers!B:B')).toEqual({ sheetName: 'Customers', col1: 2, col2: 2 });
  });

  test('rejects what Sheets rejects', () => {
    for (const bad of ['', 'A', '1', 'A0', 'A1:B2:C3', '!A1', "'x!A1", 'AAAA1', 'A1:2', '1:B', 'A:1', 'A1-B2']) {
      expect(parseA1(bad), bad).toBeNull();
    }
  });

  test('formats', () => {
    expect(formatA1(1, 1, 1, 1)).toBe('A1');
    expect(formatA1(2, 2, 9, 2)).toBe('B2:C10');
    expect(formatA1(1, 2, 1000, 1, 'columns')).toBe('B:B');
    expect(formatA1(2, 1, 1, 26, 'rows')).toBe('2:2');
    expect(quoteSheetName('Customers')).toBe('Customers');
    expect(quoteSheetName('Line Items')).toBe("'Line Items'");
    expect(quoteSheetName('A1')).toBe("'A1'");
  });
});
