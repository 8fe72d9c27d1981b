import { describe, expect, it } from 'vitest';
import { NumberedIds } from './numbered-ids.ts';

describe('NumberedIds', () => {
  it('takes the prefix and digit count of the first ID, and reads and writes IDs of that pattern', () => {
    const ids = NumberedIds.of('inv_0000042', 9)!;
    expect([ids.prefix, ids.width]).toEqual(['inv_', 7]);
    expect(ids.numberOf('inv_0000042')).toBe(42);
    expect(ids.numberOf('inv_1234567')).toBe(1234567);
    expect(ids.idOf(42)).toBe('inv_0000042');
    expect(ids.idOf(0)).toBe('inv_0000000');
  });

  it('refuses IDs of another prefix, length or with a non-digit, and values that are not text', () => {
    const ids = NumberedIds.of('li_001', 9)!;
    for (const other of ['li_01', 'li_0001', 'ln_001', 'li_0a1', 'li_-01', '', null, 1]) expect(ids.numberOf(other)).toBe(-1);
  });

  it('has no pattern without trailing digits, or with more digits than a number keeps exactly', () => {
    expect(NumberedIds.of('acme', 9)).toBeNull();
    expect(NumberedIds.of('inv_1234567890', 9)).toBeNull();
    expect(NumberedIds.of('inv_1234567890', 15)!.numberOf('inv_1234567890')).toBe(1234567890);
    expect(NumberedIds.of('42', 9)!.prefix).toBe('');
  });
});
