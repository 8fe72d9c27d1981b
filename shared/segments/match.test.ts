import { describe, expect, it } from 'vitest';
import type { AttributeValue } from '../templates/attributes.ts';
import { utcDay } from '../time.ts';
import { customerMatches, planMatches, type CustomerFacts, type PlanFacts } from './match.ts';
import { parseSegment } from './parse.ts';

const matches = (filters: string, facts: CustomerFacts) => customerMatches(parseSegment(filters), facts);
const num = (value: number): AttributeValue => ({ type: 'number', value });

describe('customerMatches', () => {
  const us: CustomerFacts = {
    country: 'US', state: 'CA', city: 'San Francisco', tags: ['vip', 'beta'],
    attributes: { Seats: num(50), Signed: { type: 'date', value: utcDay(2024, 3, 15) + 3_600_000 },
      Enterprise: { type: 'boolean', value: true }, Industry: { type: 'text', value: 'Retail' } },
    dataSource: { name: 'Stripe', id: 'ds_1' }, currencies: ['USD', 'EUR'],
  };

  it('matches names exactly and case sensitively', () => {
    expect(matches("region~ANY~'US','CA'", us)).toBe(true);
    expect(matches("region~ANY~'us'", us)).toBe(false);
    expect(matches("region~NONE~'US'", us)).toBe(false);
    expect(matches("city~EQ~'San Francisco'", us)).toBe(true);
    expect(matches("state~NOT_EQ~'NY'", us)).toBe(true);
  });

  it('reads tags and currencies as sets', () => {
    expect(matches("tags~ANY~'vip'", us)).toBe(true);
    expect(matches("tags~ALL~'vip','beta'", us)).toBe(true);
    expect(matches("tags~ALL~'vip','gold'", us)).toBe(false);
    expect(matches("tags~NONE~'gold'", us)).toBe(true);
    expect(matches("tags~ANY~'VIP'", us)).toBe(false);
    expect(matches("currency~ANY~'EUR'", us)).toBe(true);
    expect(matches("currency~NONE~'EUR'", us)).toBe(false);
  });

  it('matches a data source by name or ID', () => {
    expect(matches("data_source~ANY~'Stripe'", us)).toBe(true);
    expect(matches("data_source~EQ~'ds_1'", us)).toBe(true);
    expect(matches("data_source~EQ~'Other'", us)).toBe(false);
  });

  it('compares numbers as numbers ("9" is less than "10"), BETWEEN inclusive', () => {
    const seats = (n: number) => ({ attributes: { Seats: num(n) } });
    expect(matches('custom.Seats~GTE~10', seats(9))).toBe(false);
    expect(matches('custom.Seats~GTE~10', seats(10))).toBe(true);
    expect(matches('custom.Seats~GT~10', seats(10))).toBe(false);
    expect(matches('custom.Seats~LT~10', seats(9.5))).toBe(true);
    expect(matches("custom.Seats~BETWEEN~'10','50'", seats(50))).toBe(true);
    expect(matches('custom.Seats~BETWEEN~10,50', seats(51))).toBe(false);
    expect(matches('custom.Seats~EQ~10.0', seats(10))).toBe(true);
    expect(matches("custom.Seats~EQ~'ten'", seats(10))).toBe(false);
    expect(matches("custom.Seats~NOT_EQ~'ten'", seats(10))).toBe(true);
    expect(matches("custom.Seats~GT~'ten'", seats(10))).toBe(false);
  });

  it('matches the custom key case-insensitively, like a header', () => {
    expect(matches('custom.seats~EQ~50', us)).toBe(true);
    expect(matches('custom.SEATS~EQ~50', us)).toBe(true);
  });

  it('compares dates as dates; a date without a time takes the attribute\'s day', () => {
    expect(matches("custom.Signed~EQ~'2024-03-15'", us)).toBe(true);
    expect(matches("custom.Signed~LTE~'2024-03-15'", us)).toBe(true);
    expect(matches("custom.Signed~GT~'2024-03-15'", us)).toBe(false);
    expect(matches("custom.Signed~GT~'2024-03-15T00:30:00Z'", us)).toBe(true);
    expect(matches("custom.Signed~BETWEEN~'2024-01-01','2024-03-14'", us)).toBe(false);
  });

  it('compares booleans and text', () => {
    expect(matches('custom.Enterprise~EQ~true', us)).toBe(true);
    expect(matches("custom.Enterprise~EQ~'FALSE'", us)).toBe(false);
    expect(matches("custom.Industry~ANY~'Retail','Media'", us)).toBe(true);
    expect(matches("custom.Industry~EQ~'retail'", us)).toBe(false);
    expect(matches("custom.Industry~GT~'Media'", us)).toBe(true);
  });

  it('a customer without the field matches only NONE and NOT_EQ', () => {
    const bare: CustomerFacts = {};
    for (const [filters, expected] of [
      ["region~ANY~'US'", false], ["region~ALL~'US'", false], ["region~EQ~'US'", false],
      ["region~NONE~'US'", true], ["region~NOT_EQ~'US'", true],
      ["tags~ANY~'vip'", false], ["tags~NONE~'vip'", true], ["currency~NOT_EQ~'USD'", true],
      ['custom.Seats~GTE~0', false], ['custom.Seats~LT~0', false], ['custom.Seats~BETWEEN~0,100', false],
      ['custom.Seats~EQ~0', false], ['custom.Seats~NOT_EQ~0', true], ['custom.Seats~NONE~0', true],
      ["data_source~ANY~'Stripe'", false], ["state~EQ~''", false],
    ] as const) {
      expect([filters, matches(filters, bare)]).toEqual([filters, expected]);
    }
    expect(matches("region~NONE~'US'", { country: '' })).toBe(true);
  });

  it('ANDs conditions and ignores plan conditions', () => {
    expect(matches("region~ANY~'US'~AND~tags~ANY~'vip'~AND~plan~ANY~'x'", us)).toBe(true);
    expect(matches("region~ANY~'US'~AND~tags~ANY~'gold'", us)).toBe(false);
    expect(matches('', {})).toBe(true);
  });
});

describe('planMatches', () => {
  const pro: PlanFacts = { externalId: 'pro_m', name: 'Pro', uuid: 'pl_1', intervalUnit: 'month', intervalCount: 1 };
  const plan = (filters: string, p: PlanFacts | null) => planMatches(parseSegment(filters), p);

  it('matches the plan by external ID, name or UUID, exactly', () => {
    expect(plan("plan~ANY~'pro_m'", pro)).toBe(true);
    expect(plan("plan~ANY~'Pro'", pro)).toBe(true);
    expect(plan("plan~EQ~'pl_1'", pro)).toBe(true);
    expect(plan("plan~ANY~'pro'", pro)).toBe(false);
    expect(plan("plan~NONE~'pro_m'", pro)).toBe(false);
  });

  it('matches the billing cycle as unit-count', () => {
    expect(plan("billing_cycle~ANY~'month-1','year-1'", pro)).toBe(true);
    expect(plan("billing_cycle~EQ~'month-3'", pro)).toBe(false);
    expect(plan("billing_cycle~NOT_EQ~'month-3'~AND~plan~ANY~'Pro'", pro)).toBe(true);
  });

  it('an unknown plan matches only NONE and NOT_EQ; customer conditions do not apply', () => {
    expect(plan("plan~ANY~'pro_m'", null)).toBe(false);
    expect(plan("plan~NONE~'pro_m'", null)).toBe(true);
    expect(plan("region~ANY~'US'", null)).toBe(true);
  });
});
