import { describe, expect, it } from 'vitest';
import {
  boolean, cellText, cents, currency, instant, Invalid, nonZeroInteger, oneOf, positiveDecimal, positiveInteger,
  text, unitsAsCents,
} from './values.ts';

const invalid = (v: unknown) => v instanceof Invalid;

describe('cellText', () => {
  it('trims strings and renders sheet values', () => {
    expect(cellText('  acme ')).toBe('acme');
    expect(cellText(null)).toBe('');
    expect(cellText(undefined)).toBe('');
    expect(cellText(12000)).toBe('12000');
    expect(cellText(true)).toBe('TRUE');
    expect(cellText(Number.NaN)).toBe('');
  });
});

describe('instant', () => {
  it('reads dates as 00:00 UTC and date-times with or without a zone', () => {
    expect(instant('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(instant('2024-01-01T10:30:00Z')).toBe(Date.UTC(2024, 0, 1, 10, 30));
    expect(instant('2024-01-01T10:30:00')).toBe(Date.UTC(2024, 0, 1, 10, 30));
    expect(instant('2024-01-01 10:30')).toBe(Date.UTC(2024, 0, 1, 10, 30));
    expect(instant('2024-01-01T10:30:00+02:00')).toBe(Date.UTC(2024, 0, 1, 8, 30));
    expect(instant('2024-01-01T00:30:00-0130')).toBe(Date.UTC(2024, 0, 1, 2, 0));
    expect(instant('2024-01-01T10:30:00.250Z')).toBe(Date.UTC(2024, 0, 1, 10, 30, 0, 250));
  });
  it('rejects impossible dates', () => {
    for (const bad of ['2024-13-01', '2023-02-29', '2024-04-31', '01/02/2024', '2024-1-1', '2024-01-01T25:00:00Z', 'soon']) {
      expect(invalid(instant(bad)), bad).toBe(true);
    }
  });
});

describe('money', () => {
  it('cents are whole numbers only', () => {
    expect(cents('12000')).toBe(12000);
    expect(cents('-500')).toBe(-500);
    expect(cents('+7')).toBe(7);
    expect(invalid(cents('12.5'))).toBe(true);
    expect(invalid(cents('1,000'))).toBe(true);
    expect((cents('12.5') as Invalid).expected).toMatch(/whole number of cents/);
  });
  it('Amount in currency units converts to cents exactly', () => {
    expect(unitsAsCents('12.5')).toBe(1250);
    expect(unitsAsCents('12.05')).toBe(1205);
    expect(unitsAsCents('0.1')).toBe(10);
    expect(unitsAsCents('-3')).toBe(-300);
    expect(unitsAsCents('19.99')).toBe(1999);
    expect(invalid(unitsAsCents('1.005'))).toBe(true);
    expect(invalid(unitsAsCents('$5'))).toBe(true);
  });
});

describe('numbers, booleans, currencies', () => {
  it('integers', () => {
    expect(positiveInteger('3')).toBe(3);
    expect(invalid(positiveInteger('0'))).toBe(true);
    expect(nonZeroInteger('-2')).toBe(-2);
    expect(invalid(nonZeroInteger('0'))).toBe(true);
    // stored as 32-bit integers
    expect(nonZeroInteger('2147483647')).toBe(2147483647);
    expect((nonZeroInteger('99999999999') as Invalid).expected).toBe('must be a whole number from -2147483647 to 2147483647');
    expect(invalid(positiveInteger('3000000000'))).toBe(true);
  });
  it('booleans in every spelling the templates allow', () => {
    for (const t of ['TRUE', 'true', 'True', '1']) expect(boolean(t)).toBe(true);
    for (const f of ['FALSE', 'false', '0']) expect(boolean(f)).toBe(false);
    expect(invalid(boolean('yes'))).toBe(true);
  });
  it('currency codes are three upper-case letters', () => {
    expect(currency('EUR')).toBe('EUR');
    expect(invalid(currency('usd'))).toBe(true);
    expect(invalid(currency('usd dollars'))).toBe(true);
  });
  it('rates are exact positive decimals', () => {
    expect(positiveDecimal('1.10')).toEqual({ num: 11, den: 10 });
    expect(positiveDecimal('0.0825')).toEqual({ num: 825, den: 10000 });
    expect(invalid(positiveDecimal('0'))).toBe(true);
    expect(invalid(positiveDecimal('-1.2'))).toBe(true);
  });
  it('text length limits', () => {
    expect(text(3)('abc')).toBe('abc');
    expect(invalid(text(3)('abcd'))).toBe(true);
  });
});

describe('oneOf', () => {
  const unit = oneOf([
    { value: 'day', display: 'day' },
    { value: 'month', display: 'month' },
    { value: 'year', display: 'year' },
  ]);
  it('matches case-insensitively and names every choice when it fails', () => {
    expect(unit('Month')).toBe('month');
    expect((unit('week') as Invalid).expected).toBe('must be day, month or year');
  });
  it('gives the canonical spelling to write back', () => {
    const type = oneOf([{ value: 'one_time', display: 'OneTime' }]);
    expect(type('onetime')).toBe('one_time');
    expect(type.display('one_time')).toBe('OneTime');
  });
});
