import { describe, expect, it } from 'vitest';
import { MODEL, tierSpec, TIERS } from './tiers.ts';

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

describe('tierSpec', () => {
  it('grows XS from its first customers', () => {
    const xs = tierSpec('XS');
    expect(xs.profile.openingBaseShare).toBe(0);
    expect(xs.newCustomersPerMonth[0]).toBeLessThan(xs.activeCustomers * 0.25);
  });

  it('opens S, M and L on an established base that grows to the target', () => {
    for (const tier of TIERS.filter((t) => t !== 'XS')) {
      const spec = tierSpec(tier);
      const [first, ...later] = spec.newCustomersPerMonth;
      // The base all starts in the first month; later months replace churn and grow a little.
      expect(first, tier).toBeGreaterThan(spec.activeCustomers * 0.85);
      expect(Math.max(...later), tier).toBeLessThan(spec.activeCustomers * 0.06);
      expect(Math.min(...later), tier).toBeGreaterThan(spec.activeCustomers * 0.03);
      expect(spec.startDate.endsWith('-01')).toBe(true);
    }
    expect(tierSpec('S').months).toBe(36);
    expect(tierSpec('M').months).toBe(60);
    // L is M ten times over.
    const ratio = sum(tierSpec('L').newCustomersPerMonth) / sum(tierSpec('M').newCustomersPerMonth);
    expect(ratio).toBeCloseTo(10, 1);
  });

  it('sells about 10% of new subscriptions on annual plans in established tiers', () => {
    const { cadenceMix } = tierSpec('M').profile;
    const annual = (1 - MODEL.calendarShare) * cadenceMix.anniversary.annual + MODEL.calendarShare * cadenceMix.calendar.annual;
    expect(annual).toBeGreaterThan(0.08);
    expect(annual).toBeLessThan(0.12);
  });
});
