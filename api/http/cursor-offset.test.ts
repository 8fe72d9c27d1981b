import { describe, expect, it } from 'vitest';
import { offsetFrom } from './cursor-offset.ts';

describe('offsetFrom', () => {
  it('reads the offsets this API writes', () => {
    for (const n of [0, 1, 200, 9_007_199_254_740_991]) expect(offsetFrom(String(n))).toBe(n);
  });
  it('refuses what it never writes: past 2^53 − 1, leading zeros, signs, exponents, fractions', () => {
    for (const bad of ['9007199254740992', '9223372036854775808', '1'.repeat(40), '007', '-1', '+1', '1e3', '1.5', '', ' 1']) {
      expect(offsetFrom(bad), bad).toBeNull();
    }
  });
});
