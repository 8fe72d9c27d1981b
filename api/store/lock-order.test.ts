/**
 * The lock order of writes sorted in code (upserts, dirty marks) must be the order SQL takes
 * rows in with `ORDER BY … COLLATE "C"` (a recompute marking a whole data source), or the two
 * could lock the same marks crosswise.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers, testDatabase, type TestDatabase } from '../testing/databases.test-util.ts';
import { compareKeys, keyOrder, sortedKeys } from './lock-order.ts';

const KEYS = [
  'b', 'a', 'A', 'a0', 'a ', '', 'Z', 'é', 'e\u0301', 'ü', 'ß', '中', '\uE000', '\uFFFD', '\uFF21', '😀', '𝒜', '😀a',
  'cus-10', 'cus-9', 'cus_9', '0', '-1', 'Ω', '~', '\u007F', 'ab', 'aB',
];

describe('compareKeys', () => {
  it('orders by code point: a character above U+FFFF after every one below it', () => {
    expect(compareKeys('😀', '\uFFFD')).toBeGreaterThan(0);
    expect(compareKeys('\uE000', '中')).toBeGreaterThan(0);
    expect(compareKeys('a', 'ab')).toBeLessThan(0);
    expect(compareKeys('x', 'x')).toBe(0);
  });

  it('keyOrder is stable among equal keys; sortedKeys drops repeats', () => {
    expect(keyOrder(['b', 'a', 'b', 'a'])).toEqual([1, 3, 0, 2]);
    expect(sortedKeys(['b', 'a', 'b'])).toEqual(['a', 'b']);
  });
});

for (const driver of drivers()) {
  describe(`lock order against PostgreSQL's "C" collation (${driver})`, () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await testDatabase(driver);
    });
    afterAll(async () => {
      await database?.drop();
    });

    it('sorts as ORDER BY … COLLATE "C"', async () => {
      const rows = await database.db.read((tx) =>
        tx.query<{ k: string }>('SELECT k FROM unnest($1::text[]) AS k ORDER BY k COLLATE "C"', [KEYS]),
      );
      expect(rows.map((r) => r.k)).toEqual([...KEYS].sort(compareKeys));
    });
  });
}
