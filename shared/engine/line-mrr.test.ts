/** METRICS.md section 2: the MRR of one subscription line. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDecimal, type Decimal } from '../money.ts';
import { DAY_MS, formatDate } from '../time.ts';
import { lineMrr } from './line-mrr.ts';
import { oneIntervalBefore, planMonths } from './plans.ts';
import { RateTable } from './rates.ts';
import { DataBuilder, planRecord, run, sub, t } from './test-builders.test-util.ts';

const ONE: Decimal = { num: 1, den: 1 };
const month = planRecord('m', 'month');
const quarter = planRecord('q', 'month', 3);
const year = planRecord('y', 'year');
const twoYears = planRecord('2y', 'year', 2);
const week = planRecord('7d', 'day', 7);
const days30 = planRecord('30d', 'day', 30);
const days = (n: number) => n * DAY_MS;

function mrr(base: number, plan = month, start = '2024-01-01', end = '2024-02-01', prorated = false, rate = ONE) {
  return lineMrr({ base, prorated, start: t(start), end: t(end), plan }, rate);
}

describe('plan months', () => {
  it('month, year and day plans (day: interval_count × 12 / 365)', () => {
    expect(planMonths(month)).toEqual({ num: 1, den: 1 });
    expect(planMonths(quarter)).toEqual({ num: 3, den: 1 });
    expect(planMonths(year)).toEqual({ num: 12, den: 1 });
    expect(planMonths(twoYears)).toEqual({ num: 24, den: 1 });
    expect(planMonths(week)).toEqual({ num: 84, den: 365 });
  });

  it('one interval before, calendar-aware with month-end clamping', () => {
    const before = (plan: typeof month, s: string) => formatDate(oneIntervalBefore(plan, t(s)));
    expect(before(month, '2024-03-31')).toBe('2024-02-29');
    expect(before(month, '2023-03-31')).toBe('2023-02-28');
    expect(before(month, '2024-03-01')).toBe('2024-02-01');
    expect(before(quarter, '2024-05-31')).toBe('2024-02-29');
    expect(before(year, '2025-02-28')).toBe('2024-02-28');
    expect(before(year, '2024-02-29')).toBe('2023-02-28');
    expect(before(twoYears, '2026-03-01')).toBe('2024-03-01');
    expect(before(week, '2024-03-03')).toBe('2024-02-25');
    expect(before(days30, '2024-03-15')).toBe('2024-02-14');
  });
});

describe('line MRR, not prorated', () => {
  it('base / months, rounded half away from zero once', () => {
    expect(mrr(10000)).toBe(10000);
    expect(mrr(80000, year, '2024-01-01', '2025-01-01')).toBe(6667); // 6666.67
    expect(mrr(100006, year, '2024-01-01', '2025-01-01')).toBe(8334); // 8333.83
    expect(mrr(100002, year, '2024-01-01', '2025-01-01')).toBe(8334); // 8333.5 → 8334
    expect(mrr(100001, quarter, '2024-01-01', '2024-04-01')).toBe(33334); // 33333.67
    expect(mrr(30000, twoYears, '2024-01-01', '2026-01-01')).toBe(1250);
    expect(mrr(25, twoYears, '2024-01-01', '2026-01-01')).toBe(1); // 1.04
    expect(mrr(0)).toBe(0);
  });

  it('day plans normalise by interval_count × 12 / 365 months', () => {
    // 700 × 365 / 84 = 3041.67
    expect(mrr(700, week, '2024-01-01', '2024-01-08')).toBe(3042);
    // 3000 × 365 / 360 = 3041.67
    expect(mrr(3000, days30, '2024-01-01', '2024-01-31')).toBe(3042);
    // 1 day plan: 100 × 365 / 12 = 3041.67
    expect(mrr(100, planRecord('1d', 'day'), '2024-01-01', '2024-01-02')).toBe(3042);
  });

  it('the plan interval, not the service period, normalises: 45 days on a monthly plan is still base', () => {
    expect(mrr(10000, month, '2024-01-01', '2024-02-15')).toBe(10000);
    expect(mrr(10000, month, '2024-01-01', '2024-01-05')).toBe(10000);
    expect(mrr(120000, year, '2024-02-29', '2025-03-15')).toBe(10000);
  });

  it('yearly plans across the leap day are still base / 12', () => {
    expect(mrr(120000, year, '2024-02-29', '2025-02-28')).toBe(10000);
    expect(mrr(120000, year, '2023-03-01', '2024-03-01')).toBe(10000);
  });

  it('rounds to whole cents of its own currency first, then converts and rounds again', () => {
    const r = parseDecimal('1.1')!;
    // 80000 / 12 = 6666.67 → 6667; × 1.1 = 7333.7 → 7334 (not 80000 × 1.1 / 12 = 7333.33 → 7333)
    expect(mrr(80000, year, '2024-01-01', '2025-01-01', false, r)).toBe(7334);
    // 1005 × 1.1 = 1105.5 → 1106
    expect(mrr(1005, month, '2024-01-01', '2024-02-01', false, r)).toBe(1106);
  });
});

describe('line MRR, prorated: base × full / prorated / months', () => {
  it('16 of 31 March days on a monthly plan: factor 31/16', () => {
    // 1000 × 31 / 16 = 1937.5 → 1938
    expect(mrr(1000, month, '2024-03-16', '2024-04-01', true)).toBe(1938);
    expect(mrr(-1000, month, '2024-03-16', '2024-04-01', true)).toBe(-1938);
  });

  it('a line ending Mar 31 on a monthly plan uses Feb 29 → Mar 31 (leap) or Feb 28 → Mar 31', () => {
    // leap: full = 31 days (Feb 29 → Mar 31); 15 days prorated → 1500 × 31 / 15 = 3100
    expect(mrr(1500, month, '2024-03-16', '2024-03-31', true)).toBe(3100);
    // non-leap: full = Feb 28 → Mar 31 = 31 days as well
    expect(mrr(1500, month, '2023-03-16', '2023-03-31', true)).toBe(3100);
    // a line ending Mar 30 2024: full = Feb 29 → Mar 30 = 30 days; 10 prorated days → 3000 × 30 / 10 = 9000
    expect(mrr(3000, month, '2024-03-20', '2024-03-30', true)).toBe(9000);
    // a line ending Mar 29 2023: Feb 28 → Mar 29 = 29 days; 29 / 10 → 1000 × 2.9 = 2900
    expect(mrr(1000, month, '2023-03-19', '2023-03-29', true)).toBe(2900);
  });

  it('February periods: a line ending Feb 29 uses Jan 29 → Feb 29 (31 days)', () => {
    expect(mrr(1000, month, '2024-02-15', '2024-02-29', true)).toBe(2214); // 1000 × 31 / 14 = 2214.29
    // ending Mar 1: Feb 1 → Mar 1 is 29 days in 2024, 28 in 2023
    expect(mrr(1000, month, '2024-02-15', '2024-03-01', true)).toBe(Math.round((1000 * 29) / 15));
    expect(mrr(1000, month, '2023-02-15', '2023-03-01', true)).toBe(Math.round((1000 * 28) / 14));
  });

  it('yearly plans: full period across the leap day has 366 days', () => {
    // ends 2025-01-01: full = 2024-01-01 → 2025-01-01 = 366 days; 183 prorated days
    // 60000 × 366 / 183 / 12 = 10000
    expect(mrr(60000, year, '2024-07-02', '2025-01-01', true)).toBe(10000);
    // same ends a year later: 365 days; 60000 × 365 / 183 / 12 = 9972.68
    expect(mrr(60000, year, '2025-07-02', '2026-01-01', true)).toBe(9973);
    // ending 2025-02-28: one year before is 2024-02-28, so full = 366 days
    expect(mrr(36600, year, '2024-02-28', '2025-02-28', true)).toBe(3050);
  });

  it('day plans: full period is interval_count days', () => {
    // 7-day plan, 3 prorated days: 300 × 7/3 × 365/84 = 3041.67
    expect(mrr(300, week, '2024-01-05', '2024-01-08', true)).toBe(3042);
  });

  it('a whole period marked prorated gives the same as not prorated', () => {
    expect(mrr(9999, month, '2024-02-01', '2024-03-01', true)).toBe(9999);
    expect(mrr(80000, year, '2024-03-01', '2025-03-01', true)).toBe(6667);
    // Feb 29 → Feb 28 next year: one year before Feb 28 2025 is Feb 28 2024, so the full
    // period has 366 days against 365 prorated days: 80000 × 366 / 365 / 12 = 6684.93
    expect(mrr(80000, year, '2024-02-29', '2025-02-28', true)).toBe(6685);
  });

  it('works with instants inside a day (milliseconds only matter as a ratio)', () => {
    const start = t('2024-03-16T12:00:00Z');
    const end = t('2024-04-01T12:00:00Z');
    expect(lineMrr({ base: 1000, prorated: true, start, end, plan: month }, ONE)).toBe(1938);
  });

  it('equals the exact formula rounded half away from zero (random lines)', () => {
    const plans = [month, quarter, year, twoYears, week, days30];
    fc.assert(
      fc.property(
        fc.integer({ min: -500_000, max: 5_000_000 }),
        fc.constantFrom(...plans),
        fc.integer({ min: Date.UTC(2023, 0, 1) / DAY_MS, max: Date.UTC(2026, 0, 1) / DAY_MS }),
        fc.integer({ min: 1, max: 800 }),
        fc.boolean(),
        fc.constantFrom('1', '0.5', '1.0825', '1.333333', '0.000123'),
        (base, plan, startDay, len, prorated, rateText) => {
          const start = startDay * DAY_MS;
          const end = start + days(len);
          const rate = parseDecimal(rateText)!;
          const full = BigInt(end - oneIntervalBefore(plan, end));
          const months = planMonths(plan);
          let num = BigInt(base) * BigInt(months.den);
          let den = BigInt(months.num);
          if (prorated) {
            num *= full;
            den *= BigInt(end - start);
          }
          const round = (n: bigint, d: bigint) => {
            const a = n < 0n ? -n : n;
            const q = a / d + (2n * (a % d) >= d ? 1n : 0n);
            return n < 0n ? -q : q;
          };
          // Whole cents of its own currency first, then converted and rounded again.
          const own = round(num, den);
          const expected = Number(round(own * BigInt(rate.num), BigInt(rate.den))) + 0;
          expect(lineMrr({ base, prorated, start, end, plan }, rate)).toBe(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('line base: tax, fees, quantity, one-time lines, currency (through the report)', () => {
  it('tax is deducted; fees only when transaction_fees is "deduct"', () => {
    const data = new DataBuilder()
      .sub('c', 's', 'm', 12000, '2024-01-01', '2024-02-01', { tax: 2000, fees: 300 })
      .build();
    expect(sub(run(data, { asOf: '2024-01-15' }), 's').mrr).toBe(10000);
    expect(sub(run(data, { asOf: '2024-01-15', transaction_fees: 'deduct' }), 's').mrr).toBe(9700);
  });

  it('fees in another currency are converted into the invoice currency before deducting', () => {
    const data = new DataBuilder()
      .rate('2024-01-01', 'EUR', '2')
      .sub('c', 's', 'm', 10000, '2024-01-01', '2024-02-01', { fees: 100, feesCurrency: 'EUR' })
      .build();
    expect(sub(run(data, { asOf: '2024-01-15', transaction_fees: 'deduct' }), 's').mrr).toBe(9800);
  });

  it('quantity never changes MRR (the amount is for the whole quantity)', () => {
    const one = new DataBuilder().sub('c', 's', 'm', 5000, '2024-01-01', '2024-02-01').build();
    const ten = new DataBuilder().sub('c', 's', 'm', 5000, '2024-01-01', '2024-02-01', { quantity: 10 }).build();
    const a = sub(run(one, { asOf: '2024-01-15' }), 's');
    const b = sub(run(ten, { asOf: '2024-01-15' }), 's');
    expect([a.mrr, a.quantity]).toEqual([5000, 1]);
    expect([b.mrr, b.quantity]).toEqual([5000, 10]);
  });

  it('one-time lines never count in MRR', () => {
    const data = new DataBuilder()
      .sub('c', 's', 'm', 5000, '2024-01-01', '2024-02-01', { invoice: 'i1' })
      .oneTime('c', 90000, '2024-01-01', { invoice: 'i1' })
      .oneTime('c', 7000, '2024-01-10')
      .build();
    const r = run(data, { asOf: '2024-01-15' });
    expect(r.customers[0].mrr).toBe(5000);
    expect(r.series.at(-1)!.mrr).toBe(5000);
  });

  it('foreign lines convert at the rate in force on service_period_start (latest date <= that day)', () => {
    const data = new DataBuilder()
      .rate('2024-01-01', 'EUR', '1.1')
      .rate('2024-02-01', 'EUR', '1.2')
      .rate('2024-03-05', 'EUR', '1.5')
      .sub('c', 'a', 'm', 10000, '2024-02-01T15:00:00Z', '2024-03-01', { currency: 'EUR' })
      .sub('d', 'b', 'm', 10000, '2024-03-04', '2024-04-04', { currency: 'EUR' })
      .sub('e', 'c', 'm', 10000, '2024-01-31T23:59:59Z', '2024-02-29', { currency: 'EUR' })
      .build();
    const r = run(data, { asOf: '2024-03-10' });
    expect(sub(r, 'a').mrr).toBe(12000); // rate of 2024-02-01 holds from its 00:00
    expect(sub(r, 'b').mrr).toBe(12000); // 2024-03-05 is not yet in force on 03-04
    expect(sub(r, 'c').mrr).toBe(11000);
  });

  it('rates are per calendar day: a rate dated with a time of day is in force from that day’s start', () => {
    const table = new RateTable('USD', [
      { row: 2, date: t('2024-01-01'), currency: 'EUR', rate: parseDecimal('1.1')! },
      { row: 3, date: t('2024-01-15T12:00:00Z'), currency: 'EUR', rate: parseDecimal('1.5')! },
    ]);
    expect(table.rateAt('EUR', t('2024-01-15'))).toEqual({ num: 3, den: 2 });
    expect(table.rateAt('EUR', t('2024-01-14T23:59:59.999Z'))).toEqual({ num: 11, den: 10 });
    const d = new DataBuilder()
      .rate('2024-01-01', 'EUR', '1.1')
      .rate('2024-01-15T12:00:00Z', 'EUR', '1.5')
      .sub('c', 'e', 'm', 10000, '2024-01-15T10:00:00Z', '2024-02-15', { currency: 'EUR' })
      .build();
    expect(sub(run(d, { asOf: '2024-01-20' }), 'e').mrr).toBe(15000);
  });

  it('the rate table: latest date <= day, base currency always 1, none before the first', () => {
    const table = new RateTable('USD', [
      { row: 2, date: t('2024-01-10'), currency: 'EUR', rate: parseDecimal('1.2')! },
      { row: 3, date: t('2024-01-01'), currency: 'EUR', rate: parseDecimal('1.1')! },
      { row: 4, date: t('2024-01-01'), currency: 'USD', rate: parseDecimal('9')! },
    ]);
    expect(table.rateAt('USD', t('2020-01-01'))).toEqual({ num: 1, den: 1 });
    expect(table.rateAt('EUR', t('2023-12-31T23:59:59Z'))).toBeNull();
    expect(table.rateAt('EUR', t('2024-01-01'))).toEqual({ num: 11, den: 10 });
    expect(table.rateAt('EUR', t('2024-01-09T23:00:00Z'))).toEqual({ num: 11, den: 10 });
    expect(table.rateAt('EUR', t('2024-01-10'))).toEqual({ num: 6, den: 5 });
    expect(table.rateAt('EUR', t('2030-01-10'))).toEqual({ num: 6, den: 5 });
    expect(table.rateAt('GBP', t('2030-01-10'))).toBeNull();
    expect(table.rateAtOrFirst('EUR', t('2023-01-01'))).toEqual({ num: 11, den: 10 });
  });
});
