/** RateTable: rates per major unit in, rates between minor units out (METRICS.md sections 1 and 2). */
import { describe, expect, it } from 'vitest';
import { parseDecimal } from '../money.ts';
import { RateTable } from './rates.ts';
import { DataBuilder, run, t } from './test-builders.test-util.ts';

const rec = (date: string, currency: string, rate: string) => ({ row: 2, date: t(date), currency, rate: parseDecimal(rate)! });

describe('RateTable', () => {
  it('answers the rate between minor units, in lowest terms; the base is 1', () => {
    const table = new RateTable('USD', [rec('2024-01-01', 'JPY', '0.0064'), rec('2024-01-01', 'BHD', '2.65'), rec('2024-01-01', 'EUR', '1.10')]);
    expect(table.rateAt('JPY', t('2024-01-02'))).toEqual({ num: 16, den: 25 }); // 1 yen = 0.64 cents
    expect(table.rateAt('BHD', t('2024-01-02'))).toEqual({ num: 53, den: 200 }); // 1 fils = 0.265 cents
    expect(table.rateAt('EUR', t('2024-01-02'))).toEqual({ num: 11, den: 10 });
    expect(table.rateAt('USD', t('2024-01-02'))).toEqual({ num: 1, den: 1 });
    expect(table.rateAt('JPY', t('2023-12-31'))).toBeNull();
  });

  it('in a base without minor units, a cent is a fraction of a yen', () => {
    const table = new RateTable('JPY', [rec('2024-01-01', 'USD', '150.5')]);
    expect(table.rateAt('USD', t('2024-01-01'))).toEqual({ num: 301, den: 200 });
  });
});

describe('amounts in minor units through the engine', () => {
  it('a JPY subscription of ¥10,000 at 0.0064 USD is $64.00 of MRR; a BHD one of 1.000 BHD at 2.65 is $2.65', () => {
    const data = new DataBuilder()
      .rate('2024-01-01', 'JPY', '0.0064')
      .rate('2024-01-01', 'BHD', '2.65')
      .sub('j', 'sj', 'm', 10_000, '2024-01-01', '2024-02-01', { currency: 'JPY' })
      .sub('b', 'sb', 'm', 1_000, '2024-01-01', '2024-02-01', { currency: 'BHD' })
      .build();
    const r = run(data, { asOf: '2024-01-15' });
    expect(Object.fromEntries(r.customers.map((c) => [c.external_id, c.mrr]))).toEqual({ j: 6_400, b: 265 });
  });

  it('a fee in JPY on a EUR invoice converts yen to euro cents through the two rates', () => {
    // ¥1,000 fee: 1,000 × 0.0064 USD / 1.10 USD per EUR = 5.818… EUR = 582 euro cents; 10,000 − 582 = 9,418
    // euro cents, × 1.10 = 10,359.8 → 10,360 cents.
    const data = new DataBuilder()
      .rate('2024-01-01', 'JPY', '0.0064')
      .rate('2024-01-01', 'EUR', '1.10')
      .sub('c', 's', 'm', 10_000, '2024-01-01', '2024-02-01', { currency: 'EUR', fees: 1_000, feesCurrency: 'JPY' })
      .build();
    expect(run(data, { asOf: '2024-01-15', transaction_fees: 'deduct' }).customers[0].mrr).toBe(10_360);
  });
});
