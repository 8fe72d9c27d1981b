/** METRICS.md section 10: revenue recognition schedule. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../time.ts';
import { DataBuilder, run } from './test-builders.test-util.ts';

const schedule = (r: ReturnType<typeof run>) => r.revenue!.map((e) => [e.customer_external_id, e.month, e.amount]);

describe('revenue schedule', () => {
  it('spreads amount - tax over the service period by the seconds in each month; cents sum exactly', () => {
    const d = new DataBuilder()
      // Jan 16 → Mar 16 2024: 16 + 29 + 15 = 60 days; 6000 − 0 tax → 1600 / 2900 / 1500
      .sub('c', 's', 'm', 6000, '2024-01-16', '2024-03-16')
      // a yearly line over the leap day: 366 days, 36600 − 600 tax = 36000
      .sub('k', 'y1', 'y', 36600, '2024-01-01', '2025-01-01', { tax: 600 })
      .build();
    const r = run(d, { asOf: '2024-12-31', revenue: true });
    const rows = schedule(r);
    expect(rows.filter((x) => x[0] === 'c')).toEqual([
      ['c', '2024-01', 1600],
      ['c', '2024-02', 2900],
      ['c', '2024-03', 1500],
    ]);
    const k = rows.filter((x) => x[0] === 'k');
    expect(k).toHaveLength(12);
    expect(k.reduce((a, x) => a + (x[2] as number), 0)).toBe(36000);
    // largest remainder: 7 × 3049 + 4 × 2950 + 2852 = 35995; the 5 cents left go to the four
    // 30-day months (.82) and February (.46)
    expect(k.map((x) => x[2])).toEqual([3049, 2853, 3049, 2951, 3049, 2951, 3049, 3049, 2951, 3049, 2951, 3049]);
  });

  it('one-time lines on the invoice date; prorated credits negative; converted to the base currency', () => {
    const d = new DataBuilder()
      .rate('2024-01-01', 'EUR', '2')
      .sub('c', 's', 'm', 3100, '2024-01-01', '2024-02-01')
      .prorated('c', 's', 'm', -1000, '2024-01-22', '2024-02-01')
      .oneTime('c', 999, '2024-02-15', { tax: 99 })
      .oneTime('e', 500, '2024-01-20', { currency: 'EUR' })
      .build();
    const r = run(d, { asOf: '2024-03-31', revenue: true });
    expect(schedule(r)).toEqual([
      ['c', '2024-01', 2100],
      ['c', '2024-02', 900],
      ['e', '2024-01', 1000],
    ]);
  });

  it('invoices dated after as-of are left out; the schedule is only built on request', () => {
    const d = new DataBuilder().sub('c', 's', 'm', 3100, '2024-01-01', '2024-02-01').build();
    expect(run(d, { asOf: '2023-12-31', start: '2023-12-01', revenue: true }).revenue).toEqual([]);
    expect(run(d, { asOf: '2024-01-31' }).revenue).toBeUndefined();
  });

  it('every line’s cents are allocated, never lost (random periods)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            amount: fc.integer({ min: -50_000, max: 500_000 }),
            startDay: fc.integer({ min: 0, max: 700 }),
            hours: fc.integer({ min: 1, max: 800 * 24 }),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        (lines) => {
          const b = new DataBuilder();
          const t0 = Date.UTC(2023, 0, 1);
          lines.forEach((l, i) => {
            const start = t0 + l.startDay * DAY_MS;
            b.sub('c', `s${i}`, 'm', l.amount, start, start + l.hours * 3_600_000, { prorated: l.amount < 0 });
          });
          const r = run(b.build(), { asOf: '2030-01-01', revenue: true, start: '2023-01-01' });
          const total = r.revenue!.reduce((a, e) => a + e.amount, 0);
          expect(total).toBe(lines.reduce((a, l) => a + l.amount, 0));
          const months = r.revenue!.map((e) => e.month);
          expect(months).toEqual([...months].sort());
          expect(new Set(months).size).toBe(months.length);
        },
      ),
      { numRuns: 60 },
    );
  });
});
