import { describe, expect, it } from 'vitest';
import { RateTable } from '../engine/rates.ts';
import { parseDecimal } from '../money.ts';
import { t } from '../engine/test-builders.test-util.ts';
import { crossRateRecords, withReferenceRates, type PerEurSeries } from './reference.ts';

function series(points: [string, string][]): PerEurSeries {
  return { dates: points.map(([d]) => t(d)), perEur: points.map(([, r]) => parseDecimal(r)!) };
}

const USD = series([['2024-01-02', '1.0956'], ['2024-01-03', '1.0919'], ['2024-01-05', '1.0921']]);
const GBP = series([['2024-01-02', '0.86275'], ['2024-01-03', '0.86560'], ['2024-01-05', '0.86040']]);

const dated = (records: { date: number; currency: string; rate: { num: number; den: number } }[]) =>
  records.map((r) => [new Date(r.date).toISOString().slice(0, 10), r.currency, r.rate.num / r.rate.den]);

describe('reference rates as exchange rates into a base currency', () => {
  it('GBP into USD: perEur(USD) / perEur(GBP) on each ECB day, exactly', () => {
    // 1.0956 / 0.86275 = 109560 / 86275 = 21912 / 17255 (lowest terms); 1.0919 / 0.8656; 1.0921 / 0.8604.
    expect(crossRateRecords(USD, GBP, 'GBP').map((r) => [r.date, r.currency, r.rate])).toEqual([
      [t('2024-01-02'), 'GBP', { num: 21912, den: 17255 }],
      [t('2024-01-03'), 'GBP', { num: 10919, den: 8656 }],
      [t('2024-01-05'), 'GBP', { num: 10921, den: 8604 }],
    ]);
  });

  it('EUR into USD is perEur(USD); GBP into EUR is 1 / perEur(GBP)', () => {
    expect(dated(crossRateRecords(USD, null, 'EUR'))).toEqual([
      ['2024-01-02', 'EUR', 1.0956], ['2024-01-03', 'EUR', 1.0919], ['2024-01-05', 'EUR', 1.0921],
    ]);
    expect(crossRateRecords(null, GBP, 'GBP')[0].rate).toEqual({ num: 4000, den: 3451 }); // 100000 / 86275
  });

  it('starts on the first day both currencies are quoted, and a currency no longer quoted keeps its last rate', () => {
    const late = series([['2024-01-03', '2'], ['2024-01-05', '3']]);
    const stopped = series([['2024-01-02', '4']]);
    expect(dated(crossRateRecords(late, stopped, 'XXX'))).toEqual([['2024-01-03', 'XXX', 0.5], ['2024-01-05', 'XXX', 0.75]]);
  });

  it('own rates override the reference ones of their currency from their first day on, no earlier; other currencies keep theirs', () => {
    const own = [{ row: 2, date: t('2024-01-03T10:00:00Z'), currency: 'GBP', rate: parseDecimal('1.3')! }];
    const reference = [...crossRateRecords(USD, GBP, 'GBP'), ...crossRateRecords(USD, null, 'EUR')];
    const merged = withReferenceRates(own, reference);
    expect(dated(merged)).toEqual([
      ['2024-01-03', 'GBP', 1.3],
      ['2024-01-02', 'GBP', 21912 / 17255],
      ['2024-01-02', 'EUR', 1.0956], ['2024-01-03', 'EUR', 1.0919], ['2024-01-05', 'EUR', 1.0921],
    ]);
    const table = new RateTable('USD', merged);
    expect(table.rateAt('GBP', t('2024-01-02'))).toEqual({ num: 21912, den: 17255 });
    expect(table.rateAt('GBP', t('2024-01-10'))).toEqual({ num: 13, den: 10 }); // not ECB's 2024-01-05
    expect(table.rateAt('EUR', t('2024-01-04'))).toEqual({ num: 10919, den: 10000 }); // Thursday: Wednesday's rate
  });
});
