import { describe, expect, it } from 'vitest';
import { parseInstant } from './instant.ts';

describe('parseInstant', () => {
  it.each([
    ['2020-01-01 00:00:00+00', '2020-01-01T00:00:00.000Z'],
    ['2020-01-01 00:00:00.123456+00', '2020-01-01T00:00:00.123Z'],
    ['2020-06-30 23:59:59.999+00', '2020-06-30T23:59:59.999Z'],
    ['2020-01-01 02:30:00+02:30', '2020-01-01T00:00:00.000Z'],
    ['2019-12-31 19:00:00-05', '2020-01-01T00:00:00.000Z'],
    ['1890-01-01 00:00:00+00:19:32', '1889-12-31T23:40:28.000Z'],
    ['0001-01-01 00:00:00+00', '0001-01-01T00:00:00.000Z'],
    ['0099-12-31 23:00:00+00', '0099-12-31T23:00:00.000Z'],
    ['9999-12-31 23:59:59.999+00', '9999-12-31T23:59:59.999Z'],
    ['2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z'],
  ])('reads %s', (text, iso) => {
    expect(parseInstant(text).toISOString()).toBe(iso);
  });

  it('reads years before the common era', () => {
    // 0001 BC is year 0 of the proleptic Gregorian calendar JavaScript uses.
    expect(parseInstant('0001-01-01 00:00:00+00 BC').getUTCFullYear()).toBe(0);
    expect(parseInstant('0044-03-15 12:00:00+00 BC').toISOString()).toBe('-000043-03-15T12:00:00.000Z');
  });

  it('reads what is not an instant as an invalid date', () => {
    expect(Number.isNaN(parseInstant('yesterday').getTime())).toBe(true);
  });
});
