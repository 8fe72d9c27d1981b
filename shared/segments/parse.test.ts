import { describe, expect, it } from 'vitest';
import { parseSegment, quoteSegmentValue, SegmentError } from './parse.ts';

function errorOf(text: string): SegmentError {
  try {
    parseSegment(text);
  } catch (e) {
    if (e instanceof SegmentError) return e;
    throw e;
  }
  throw new Error(`'${text}' parsed`);
}

describe('parseSegment', () => {
  it('splits customer and plan conditions, quotes removed, lists comma-separated', () => {
    const text = "region~ANY~'US','CA'~AND~plan~ANY~'pro_m'~AND~custom.Seats~GTE~10~AND~billing_cycle~NONE~'year-1'";
    expect(parseSegment(text)).toEqual({
      text,
      customer: [
        { field: 'region', operator: 'ANY', values: ['US', 'CA'] },
        { field: 'custom.Seats', operator: 'GTE', values: ['10'] },
      ],
      plan: [
        { field: 'plan', operator: 'ANY', values: ['pro_m'] },
        { field: 'billing_cycle', operator: 'NONE', values: ['year-1'] },
      ],
    });
  });

  it('keeps ~ and , inside quotes, and backslash-escaped quotes', () => {
    const s = parseSegment("custom.Note~EQ~'a~AND~b, it\\'s'~AND~tags~ALL~'x,y','z'");
    expect(s.customer).toEqual([
      { field: 'custom.Note', operator: 'EQ', values: ["a~AND~b, it's"] },
      { field: 'tags', operator: 'ALL', values: ['x,y', 'z'] },
    ]);
  });

  it('reads back what quoteSegmentValue writes', () => {
    for (const v of ["it's", 'a\\b', "~AND~','", '']) {
      expect(parseSegment(`city~EQ~${quoteSegmentValue(v)}`).customer[0].values).toEqual([v]);
    }
  });

  it('takes BETWEEN with two values and accepts lower-case operators and AND', () => {
    const s = parseSegment("custom.Since~between~'2024-01-01','2024-12-31'~and~state~eq~'CA'");
    expect(s.customer).toEqual([
      { field: 'custom.Since', operator: 'BETWEEN', values: ['2024-01-01', '2024-12-31'] },
      { field: 'state', operator: 'EQ', values: ['CA'] },
    ]);
  });

  it('reads an empty text as the whole business', () => {
    expect(parseSegment('')).toEqual({ text: '', customer: [], plan: [] });
    expect(parseSegment('  ').customer).toEqual([]);
  });

  it.each([
    ["country~ANY~'US'", 'country', /unknown field 'country'; expected region, state/],
    ["region~LIKE~'US'", 'region', /unknown operator 'LIKE' on region; expected ANY, ALL/],
    ["region~GT~'US'", 'region', /region takes ANY, ALL, NONE, EQ or NOT_EQ; got GT/],
    ['custom.Seats~BETWEEN~10', 'custom.Seats', /BETWEEN on custom.Seats takes two values, low,high; got 1/],
    ['custom.Seats~EQ~1,2', 'custom.Seats', /EQ on custom.Seats takes one value; got 2/],
    ["billing_cycle~ANY~'week-1'", 'billing_cycle', /billing_cycle values are <unit>-<count>.*got 'week-1'/],
    ["billing_cycle~ANY~'month-0'", 'billing_cycle', /got 'month-0'/],
    ['custom.~EQ~1', 'custom.', /custom\. needs an attribute key/],
    ["region~ANY", 'region', /'region~ANY' is not a condition: write field~OPERATOR~value/],
    ["region~ANY~'US'~OR~city~EQ~'X'", null, /expected ~AND~ after 'region~ANY~'US''; got '~OR~'/],
    ["region~ANY~'US'~AND~", null, /ends with ~AND~/],
    ["region~ANY~'US", null, /quoted value is not closed/],
    ["region~ANY~'US',", 'region', /region has an empty value/],
    ["region~ANY~'US'x", 'region', /text after a quoted value|unterminated/],
    ["region~ANY~U'S", null, /quoted value is not closed/],
    ["region~ANY~U'S'", 'region', /stray quote/],
  ])('rejects %s naming the field and what was expected', (text, field, message) => {
    const e = errorOf(text);
    expect(e.message).toMatch(message);
    expect(e.field).toBe(field);
  });
});
