import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, convert, divRound, parseDecimal, roundHalfAway, roundRatio } from './money.ts';

/** Exact reference: round(n / d) half away from zero with BigInt. */
function refRound(n: bigint, d: bigint): number {
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const neg = n < 0n;
  const a = neg ? -n : n;
  let q = a / d;
  if (2n * (a % d) >= d) q += 1n;
  return Number(neg ? -q : q) + 0;
}

describe('rounding half away from zero', () => {
  it('roundHalfAway', () => {
    expect([2.5, -2.5, 2.4999, -2.4999, 0.5, -0.5, 3, -3].map(roundHalfAway)).toEqual([3, -3, 2, -2, 1, -1, 3, -3]);
    expect(Object.is(roundHalfAway(-0.4), -0)).toBe(true); // -0 equals 0 in every sum
  });

  it.each([
    [80000, 12, 6667], // 6666.67
    [16667, 2, 8334], // 8333.5 → 8334
    [-16667, 2, -8334], // -8333.5 → -8334
    [16665, 2, 8333], // 8332.5 → 8333
    [-16665, 2, -8333],
    [5, -2, -3],
    [-5, -2, 3],
    [1, 3, 0],
    [-1, 3, 0],
    [2, 3, 1],
    [-2, 3, -1],
    [0, 7, 0],
    [12000, 12, 1000],
  ])('divRound(%i, %i) = %i', (n, d, q) => {
    expect(divRound(n, d)).toBe(q);
    expect(Object.is(divRound(n, d), -0)).toBe(false);
  });

  it('divRound matches an exact BigInt reference', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.integer({ min: -1e6, max: 1e6 }).filter((x) => x !== 0),
        (n, d) => {
          expect(divRound(n, d)).toBe(refRound(BigInt(n), BigInt(d)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('roundRatio rounds once on the exact value, also past 2^53', () => {
    // 80000 / 12 months
    expect(roundRatio([80000], [12])).toBe(6667);
    // prorated: 1000 × 31 days / 16 days / 1 month = 1937.5 → 1938
    expect(roundRatio([1000, 31 * 86_400_000, 1], [16 * 86_400_000, 1])).toBe(1938);
    expect(roundRatio([-1000, 31 * 86_400_000, 1], [16 * 86_400_000, 1])).toBe(-1938);
    // a product far beyond Number.MAX_SAFE_INTEGER still rounds exactly
    const big = 31_622_400_000; // ms in a leap year
    expect(roundRatio([999_999_999, big, 365, 10_825], [big - 1, 12, 10_000])).toBe(
      refRound(999_999_999n * BigInt(big) * 365n * 10_825n, BigInt(big - 1) * 12n * 10_000n),
    );
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1e9, max: 1e11 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.integer({ min: 1, max: 1e11 }), { minLength: 1, maxLength: 4 }),
        (num, den) => {
          const n = num.reduce((a, b) => a * BigInt(b), 1n);
          const d = den.reduce((a, b) => a * BigInt(b), 1n);
          expect(roundRatio(num, den)).toBe(refRound(n, d));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('decimals and conversion', () => {
  it('parses decimals exactly', () => {
    expect(parseDecimal('1.0825')).toEqual({ num: 10825, den: 10000 });
    expect(parseDecimal('2')).toEqual({ num: 2, den: 1 });
    expect(parseDecimal('0.50')).toEqual({ num: 5, den: 10 });
    expect(parseDecimal('-1')).toBeNull();
    expect(parseDecimal('1e3')).toBeNull();
    expect(parseDecimal('1.')).toBeNull();
    expect(parseDecimal('0.1234567890123')).toBeNull(); // 13 decimals: too precise
  });

  it('converts at the rate, half away from zero', () => {
    const r = parseDecimal('1.1')!;
    expect(convert(1005, r)).toBe(1106); // 1105.5 → 1106
    expect(convert(-1005, r)).toBe(-1106);
    expect(convert(1234, { num: 1, den: 1 })).toBe(1234);
    expect(convert(1, parseDecimal('0.5')!)).toBe(1);
    expect(convert(-1, parseDecimal('0.5')!)).toBe(-1);
  });
});

describe('allocate', () => {
  it('splits by weight with the largest remainder, summing exactly', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(allocate(10, [0, 0])).toEqual([0, 10]);
    expect(allocate(0, [5, 7])).toEqual([0, 0]);
    expect(allocate(7, [])).toEqual([]);
    expect(allocate(3100, [31, 29, 31].map((d) => d * 86_400_000))).toEqual([1056, 988, 1056]);
    expect(allocate(9100, [31, 29, 31].map((d) => d * 86_400_000))).toEqual([3100, 2900, 3100]);
  });

  it('always sums to the total, each part within one cent of its exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000, max: 10_000_000 }),
        fc.array(fc.integer({ min: 0, max: 40 * 86_400_000 }), { minLength: 1, maxLength: 14 }),
        (total, weights) => {
          const parts = allocate(total, weights);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          const sum = weights.reduce((a, b) => a + b, 0);
          if (sum > 0) {
            parts.forEach((p, i) => expect(Math.abs(p - (total * weights[i]) / sum)).toBeLessThan(1 + 1e-6));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
