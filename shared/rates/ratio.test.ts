import { describe, expect, it } from 'vitest';
import { minorUnitExponent } from '../currencies.ts';
import { convert, parseDecimal } from '../money.ts';
import { crossRate, minorUnitRate, ratio } from './ratio.ts';

const d = (s: string) => parseDecimal(s)!;

describe('exchange rates as exact fractions', () => {
  it('knows the ISO 4217 minor units: none for JPY, KRW, ISK; thousandths for BHD, KWD, OMR, JOD, TND; cents otherwise', () => {
    expect(['JPY', 'KRW', 'ISK', 'CLP', 'VND'].map(minorUnitExponent)).toEqual([0, 0, 0, 0, 0]);
    expect(['BHD', 'KWD', 'OMR', 'JOD', 'TND'].map(minorUnitExponent)).toEqual([3, 3, 3, 3, 3]);
    expect(['USD', 'EUR', 'GBP', 'CHF', 'XYZ'].map(minorUnitExponent)).toEqual([2, 2, 2, 2, 2]);
  });

  it('keeps fractions in lowest terms', () => {
    expect(ratio(125n, 100n)).toEqual({ num: 5, den: 4 });
    expect(ratio(7n, 3n)).toEqual({ num: 7, den: 3 });
  });

  it('drops digits only when lowest terms exceed safe integers, within 10^-15', () => {
    const r = ratio(10n ** 18n + 1n, 3n * 10n ** 17n);
    expect(Number.isSafeInteger(r.num) && Number.isSafeInteger(r.den)).toBe(true);
    expect(Math.abs(r.num / r.den - 10 / 3)).toBeLessThan(1e-14);
  });

  it('a rate too precise for safe integers once scaled still converts within a fraction of a minor unit', () => {
    // 1 JPY = 123,456.789012345 BHD (15 digits): 1 yen = 123,456,789.012345 fils, beyond safe integers as a fraction.
    const r = minorUnitRate(d('123456.789012345'), 'JPY', 'BHD');
    expect(Number.isSafeInteger(r.num) && Number.isSafeInteger(r.den)).toBe(true);
    expect(convert(1_000, r)).toBe(123_456_789_012);
  });

  it('converts minor units: 1 yen at 0.0064 USD is 0.64 cents; 1 fils at 2.65 USD is 0.265 cents; 1 cent at 150.5 JPY is 1.505 yen', () => {
    expect(minorUnitRate(d('0.0064'), 'JPY', 'USD')).toEqual({ num: 16, den: 25 });
    expect(minorUnitRate(d('2.65'), 'BHD', 'USD')).toEqual({ num: 53, den: 200 });
    expect(minorUnitRate(d('150.5'), 'USD', 'JPY')).toEqual({ num: 301, den: 200 });
    expect(minorUnitRate(d('1.10'), 'EUR', 'USD')).toEqual({ num: 11, den: 10 });
    // 10,000 yen = 64.00 USD; 1.000 BHD = 2.65 USD.
    expect(convert(10_000, minorUnitRate(d('0.0064'), 'JPY', 'USD'))).toBe(6_400);
    expect(convert(1_000, minorUnitRate(d('2.65'), 'BHD', 'USD'))).toBe(265);
  });

  it('crosses through the euro: perEur(base) / perEur(currency), the euro being 1', () => {
    // GBP → USD on a day of 1.0866 USD and 0.8555 GBP per euro: 10866/10000 × 8555/10000 inverted.
    expect(crossRate(d('1.0866'), d('0.8555'))).toEqual({ num: 10866, den: 8555 });
    expect(crossRate(d('1.0866'), null)).toEqual({ num: 5433, den: 5000 }); // EUR → USD
    expect(crossRate(null, d('0.8555'))).toEqual({ num: 2000, den: 1711 }); // GBP → EUR
  });
});
